#pragma once

#include "base/result.h"
#include "store/image_query.h"
#include "store/models.h"
#include "train/classify_job.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QThreadPool>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QTreeWidget;

namespace sieve::ui {

class ProjectSession;

// "Classify All": pick one of the project's models (trained by a run or imported; name,
// architecture, classes, date, whether it has classified anything yet) or import a model file
// (.sievemodel, ONNX, or Caffe .prototxt + .caffemodel, with an optional class-names file; the
// import runs on a pool thread with a project connection of its own and the new model is then
// selected), and the scope: every image, or those of the gallery's current filter. Images the
// model has already classified are skipped by the job. GUI thread only.
class ClassifyDialog : public QDialog {
    Q_OBJECT

public:
    // FILTER: the gallery's filter, offered as a scope when it restricts; FILTERED and TOTAL:
    // how many images it shows and the project has.
    ClassifyDialog(ProjectSession *session, const store::ImageFilter &filter, qint64 filtered, qint64 total,
                   QWidget *parent = nullptr);
    ~ClassifyDialog() override;

    // The chosen model and scope; modelId 0 while none is chosen.
    train::ClassifyOptions options() const;
    QString modelName() const;
    // Imports a model file as "Import Model File…" does after its file dialogs: WEIGHTS for a
    // Caffe .prototxt, CLASSNAMES (optional) one class name per line. importFinished follows.
    void importModel(const QString &path, const QString &weights, const QString &classNames);
    bool isImporting() const { return m_import.isRunning(); }

    // Makes model MODELID the chosen one (nothing happens for an id the list lacks).
    void selectModel(std::int64_t modelId);

    QTreeWidget *modelList() const { return m_models; }
    QRadioButton *filteredScope() const { return m_filtered; }
    QPushButton *classifyButton() const { return m_classify; }

signals:
    void importFinished(bool ok, const QString &message);

private:
    void loadModels(std::int64_t select);
    void chooseModelFile();
    void updateButtons();

    ProjectSession *m_session;
    store::ImageFilter m_filter;
    QTreeWidget *m_models;
    QRadioButton *m_all;
    QRadioButton *m_filtered;
    QLabel *m_status;
    QPushButton *m_importButton;
    QPushButton *m_classify;
    QDialogButtonBox *m_buttons;
    QThreadPool m_pool;   // "sieve-model-import": one import at a time
    QFutureWatcher<Result<store::ModelRecord>> m_import;
};

} // namespace sieve::ui
