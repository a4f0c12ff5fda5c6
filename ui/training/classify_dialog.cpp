#include "training/classify_dialog.h"

#include "session/project_session.h"
#include "store/predictions.h"
#include "store/project.h"
#include "train/model_loader.h"
#include "train/project_model.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace sieve::ui {

namespace {

enum Column { NameColumn, ArchitectureColumn, ClassesColumn, CreatedColumn, PredictionsColumn };

// Runs on a pool thread: opens the file and copies it into the project as an imported model.
Result<store::ModelRecord> importInto(const QString &directory, const QString &path, const QString &weights,
                                      const QString &classNames)
{
    Result<train::LoadedModel> loaded = train::loadModel(path, weights);
    if (!loaded)
        return loaded.takeError();
    if (!classNames.isEmpty()) {
        Result<QStringList> names = train::readClassNames(classNames);
        if (!names)
            return names.takeError();
        if (Status status = train::setClassNames(loaded->model, *names); !status)
            return fail(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(classNames), status.error()));
    }
    Result<std::unique_ptr<store::Project>> project = store::Project::open(directory);
    if (!project)
        return project.takeError();
    // A Caffe model is named after its weights, which identify it better than deploy.prototxt.
    return train::addModelToProject(**project, *loaded, weights.isEmpty() ? path : weights);
}

} // namespace

ClassifyDialog::ClassifyDialog(ProjectSession *session, const store::ImageFilter &filter, qint64 filtered, qint64 total,
                               QWidget *parent)
    : QDialog(parent), m_session(session), m_filter(filter), m_models(new QTreeWidget(this)),
      m_all(new QRadioButton(this)), m_filtered(new QRadioButton(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("classifyDialog"));
    m_pool.setObjectName(QStringLiteral("sieve-model-import"));
    m_pool.setMaxThreadCount(1);
    setWindowTitle(tr("Classify All"));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("The model's five most probable classes are stored for each image, shown on the "
                                "thumbnails and in the inspector, and can be filtered by. Images the model has "
                                "already classified are skipped."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *modelBox = new QGroupBox(tr("Model"), this);
    auto *modelLayout = new QVBoxLayout(modelBox);
    m_models->setObjectName(QStringLiteral("classifyModels"));
    m_models->setRootIsDecorated(false);
    m_models->setUniformRowHeights(true);
    m_models->setAllColumnsShowFocus(true);
    m_models->setHeaderLabels({tr("Name"), tr("Architecture"), tr("Classes"), tr("Created"), tr("Predictions")});
    m_models->header()->setStretchLastSection(false);
    m_models->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_models->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_models->setMinimumHeight(160);
    modelLayout->addWidget(m_models);
    auto *importRow = new QHBoxLayout;
    m_importButton = new QPushButton(tr("Import Model File…"), this);
    m_importButton->setObjectName(QStringLiteral("importModel"));
    m_importButton->setToolTip(tr("A .sievemodel, an ONNX file, or a Caffe model (.prototxt and .caffemodel)"));
    importRow->addWidget(m_importButton);
    m_status->setObjectName(QStringLiteral("classifyStatus"));
    m_status->setWordWrap(true);
    importRow->addWidget(m_status, 1);
    modelLayout->addLayout(importRow);
    layout->addWidget(modelBox, 1);

    auto *scopeBox = new QGroupBox(tr("Images"), this);
    auto *scopeLayout = new QVBoxLayout(scopeBox);
    const QLocale locale;
    m_all->setText(tr("All images (%1)").arg(locale.toString(total)));
    m_all->setObjectName(QStringLiteral("scopeAll"));
    m_filtered->setText(tr("The images of the current filter (%1)").arg(locale.toString(filtered)));
    m_filtered->setObjectName(QStringLiteral("scopeFiltered"));
    m_filtered->setEnabled(filter.restricts());
    m_all->setChecked(true);
    scopeLayout->addWidget(m_all);
    scopeLayout->addWidget(m_filtered);
    layout->addWidget(scopeBox);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_classify = m_buttons->addButton(tr("Classify"), QDialogButtonBox::AcceptRole);
    m_classify->setObjectName(QStringLiteral("classify"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_importButton, &QPushButton::clicked, this, &ClassifyDialog::chooseModelFile);
    connect(m_models, &QTreeWidget::currentItemChanged, this, &ClassifyDialog::updateButtons);
    connect(m_models, &QTreeWidget::itemDoubleClicked, this, [this] {
        if (m_classify->isEnabled())
            accept();
    });
    connect(&m_import, &QFutureWatcher<Result<store::ModelRecord>>::finished, this, [this] {
        const Result<store::ModelRecord> record = m_import.result();
        m_importButton->setEnabled(true);
        if (!record) {
            m_status->setText(QStringLiteral("<span style='color:#b71c1c'>%1</span>").arg(record.error().toHtmlEscaped()));
            emit importFinished(false, record.error());
        } else {
            m_status->setText(tr("Imported “%1”.").arg(record->name.toHtmlEscaped()));
            loadModels(record->id);
            emit importFinished(true, record->name);
        }
        updateButtons();
    });
    resize(640, 460);
    loadModels(0);
}

ClassifyDialog::~ClassifyDialog()
{
    // The import holds a project connection of its own; let it finish rather than cut it off.
    m_import.waitForFinished();
}

void ClassifyDialog::loadModels(std::int64_t select)
{
    store::Database &db = m_session->project().db();
    // A handful of rows, and one primary-key probe per model.
    Result<QList<store::ModelRecord>> models = store::listModels(db);
    Result<QList<std::int64_t>> classified = store::modelsWithPredictions(db);
    m_models->clear();
    if (!models) {
        m_status->setText(models.error());
        return;
    }
    const QLocale locale;
    for (const store::ModelRecord &model : *models) {
        const QDateTime created = QDateTime::fromString(model.createdAt, Qt::ISODateWithMs);
        const bool done = classified && classified->contains(model.id);
        auto *item = new QTreeWidgetItem(m_models, {model.name, model.architecture, locale.toString(model.classes.size()),
                                                    created.isValid() ? locale.toString(created.toLocalTime(), QLocale::ShortFormat)
                                                                      : model.createdAt,
                                                    done ? tr("yes") : tr("none yet")});
        item->setData(NameColumn, Qt::UserRole, qint64(model.id));
        item->setToolTip(NameColumn, tr("%1 (%2)\nClasses: %3").arg(model.name, model.origin == QLatin1String("imported")
                                                                                   ? tr("imported") : tr("trained"),
                                                                  model.classes.mid(0, 20).join(QStringLiteral(", ")) +
                                                                      (model.classes.size() > 20 ? QStringLiteral(", …") : QString())));
        item->setTextAlignment(ClassesColumn, Qt::AlignRight | Qt::AlignVCenter);
        if (model.id == select || (select == 0 && !m_models->currentItem()))
            m_models->setCurrentItem(item);
    }
    if (models->isEmpty())
        m_status->setText(tr("The project has no model yet: train one (Model > New Training Run) or import a model file."));
    updateButtons();
}

void ClassifyDialog::selectModel(std::int64_t modelId)
{
    for (int i = 0; i < m_models->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_models->topLevelItem(i);
        if (item->data(NameColumn, Qt::UserRole).toLongLong() == modelId)
            m_models->setCurrentItem(item);
    }
    updateButtons();
}

void ClassifyDialog::chooseModelFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a model"), QString(),
                                                      tr("Models (*.sievemodel *.onnx *.prototxt *.caffemodel);;All files (*)"));
    if (path.isEmpty())
        return;
    QString weights;
    if (path.endsWith(QLatin1String(".prototxt"), Qt::CaseInsensitive)) {
        weights = QFileDialog::getOpenFileName(this, tr("The Caffe model's weights"), QFileInfo(path).absolutePath(),
                                               tr("Caffe weights (*.caffemodel)"));
        if (weights.isEmpty())
            return;
    }
    QString classNames;
    if (!path.endsWith(QLatin1String(".sievemodel"), Qt::CaseInsensitive))
        classNames = QFileDialog::getOpenFileName(this, tr("Class names, one per line (Cancel: “class 0”, “class 1”, …)"),
                                                  QFileInfo(path).absolutePath(), tr("Text files (*.txt);;All files (*)"));
    importModel(path, weights, classNames);
}

void ClassifyDialog::importModel(const QString &path, const QString &weights, const QString &classNames)
{
    if (m_import.isRunning())
        return;
    m_importButton->setEnabled(false);
    m_classify->setEnabled(false);
    m_status->setText(tr("Importing %1…").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    m_import.setFuture(QtConcurrent::run(&m_pool, importInto, m_session->project().directory(), path, weights, classNames));
}

void ClassifyDialog::updateButtons()
{
    m_classify->setEnabled(!m_import.isRunning() && m_models->currentItem() != nullptr);
}

train::ClassifyOptions ClassifyDialog::options() const
{
    train::ClassifyOptions options;
    if (QTreeWidgetItem *item = m_models->currentItem())
        options.modelId = item->data(NameColumn, Qt::UserRole).toLongLong();
    if (m_filtered->isChecked())
        options.filter = m_filter;
    return options;
}

QString ClassifyDialog::modelName() const
{
    QTreeWidgetItem *item = m_models->currentItem();
    return item ? item->text(NameColumn) : QString();
}

} // namespace sieve::ui
