#pragma once

#include "base/result.h"
#include "store/image_query.h"
#include "train/trainer.h"
#include "training/new_run_checks.h"
#include "training/training_placement.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QSet>

#include <memory>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace sieve::store {
class Database;
}

namespace sieve::ui {

class ClusterMonitor;

// The "New training run" dialog: which images (all, a saved view, or the gallery's current
// filter even when not saved) and categories, the split, the model, its input size and
// pretrained weights, the optimizer, weight decay, schedule, early stopping, seed,
// augmentation, precision, threads, and where to train (this computer, a local cluster, or
// the project's worker nodes). Every invalid value is
// explained in a red line under its field and Start stays disabled until none is left. The
// views and category counts are read on a pool thread with a connection of its own. GUI thread
// only.
class NewRunDialog : public QDialog {
    Q_OBJECT

public:
    // The fields a message can stand next to; also the message labels' object names' suffixes.
    enum Field { Images, Categories, Split, Model, Pretrained, Tuning, Epochs, BatchSize, LearningRate,
                 Precision, InputSize, WeightDecay, EarlyStop, Seed, Overall, Placement };

    explicit NewRunDialog(QString databasePath, QWidget *parent = nullptr);
    ~NewRunDialog() override;

    // Offers FILTER (the gallery's) as the images to train on, chosen by default when it
    // narrows the gallery. Call before the dialog is shown.
    void setGalleryFilter(const store::ImageFilter &filter);

    train::TrainOptions options() const;
    train::TrainResources resources() const;
    TrainingPlacement placement() const;
    // Chooses where to train (tests; the dialog's radio buttons otherwise). WORKERIDS: the
    // project workers to tick for ProjectWorkers.
    void setPlacement(TrainingPlacement::Kind kind, int localWorkers = 2, const QList<std::int64_t> &workerIds = {});

    // The message shown beside FIELD; empty when its value is fine.
    QString message(Field field) const;
    bool canStart() const;
    bool isLoading() const { return m_loading; }
    QPushButton *startButton() const { return m_start; }

signals:
    // The views and categories were read (again, after another view was chosen).
    void choicesLoaded();

private:
    QWidget *makeDataPage();
    QWidget *makeModelPage();
    QWidget *makeSchedulePage();
    QWidget *makeRunPage();
    QWidget *makePlacementPage();
    void showWorkers(const QList<store::ClusterWorker> &workers);
    QString placementProblem(const train::TrainOptions &chosen) const;
    QLabel *messageLabel(Field field, QWidget *parent);
    void loadChoices();
    void showChoices(const NewRunChoices &choices);
    void checkValues();
    void setMessage(Field field, const QString &text);
    void choosePretrained();

    QString m_databasePath;
    store::ImageFilter m_galleryFilter;
    int m_generation = 0;   // of the latest read of the choices
    bool m_loading = false;
    bool m_viewsListed = false;
    QComboBox *m_view;
    QListWidget *m_categories;
    QLabel *m_categoryHint;
    QDoubleSpinBox *m_validation;
    QSpinBox *m_minimum;
    QComboBox *m_model;
    QSpinBox *m_inputSize;
    QLineEdit *m_pretrained;
    QCheckBox *m_headOnly;
    QSpinBox *m_epochs;
    QSpinBox *m_batchSize;
    QDoubleSpinBox *m_learningRate;
    QComboBox *m_optimizer;
    QDoubleSpinBox *m_weightDecay;
    QSpinBox *m_earlyStop;
    QComboBox *m_earlyStopMetric;
    QLineEdit *m_seed;
    QComboBox *m_schedule;
    QSpinBox *m_warmup;
    QCheckBox *m_augmentation;
    QComboBox *m_precision;
    QSpinBox *m_threads;
    QRadioButton *m_onThisComputer;
    QRadioButton *m_onLocalCluster;
    QRadioButton *m_onWorkers;
    QSpinBox *m_localWorkers;
    QListWidget *m_workers;
    QLabel *m_workersHint;
    QSpinBox *m_maxRestarts;
    QSpinBox *m_checkpointEvery;
    QList<store::ClusterWorker> m_projectWorkers;
    // While the project has workers: their state, asked every few seconds, beside each.
    std::unique_ptr<store::Database> m_workerDb;
    ClusterMonitor *m_workerMonitor = nullptr;
    // Workers whose first state is known: one that is off or busy then is unticked, unless the
    // user has ticked or unticked a worker already.
    QSet<std::int64_t> m_workersJudged;
    bool m_workersTouched = false;
    void showWorkerStates();
    QHash<int, QLabel *> m_messages;
    QDialogButtonBox *m_buttons;
    QPushButton *m_start;
};

} // namespace sieve::ui
