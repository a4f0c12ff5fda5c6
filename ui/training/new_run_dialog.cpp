#include "training/new_run_dialog.h"

#include "nn/model_zoo.h"
#include "nn/network.h"
#include "store/categories.h"
#include "store/database.h"
#include "store/views.h"
#include "train/training_set.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <map>

namespace sieve::ui {

namespace {

Result<NewRunChoices> readChoices(const QString &databasePath, const QString &view)
{
    Result<store::Database> db = store::Database::open(databasePath);
    if (!db)
        return db.takeError();
    NewRunChoices choices;
    Result<QList<store::SavedView>> views = store::listViews(*db);
    if (!views)
        return views.takeError();
    for (const store::SavedView &v : *views)
        choices.views.append(v.name);
    Result<QList<store::Category>> categories = store::listCategories(*db, false, false);
    if (!categories)
        return categories.takeError();
    // The images training would take: labelled, file present, in the view.
    Result<train::LabelledImages> images = train::labelledImages(*db, view);
    if (!images)
        return images.takeError();
    std::map<std::int64_t, qint64> counts;
    for (const train::Sample &sample : images->samples)
        ++counts[images->categoryIds[std::size_t(sample.label)]];
    for (const store::Category &c : *categories)
        choices.categories.append({c.id, c.name, counts.count(c.id) ? counts[c.id] : 0});
    return choices;
}

} // namespace

NewRunDialog::NewRunDialog(QString databasePath, QWidget *parent) : QDialog(parent), m_databasePath(std::move(databasePath))
{
    setObjectName(QStringLiteral("newRunDialog"));
    setWindowTitle(tr("New Training Run"));
    auto *columns = new QHBoxLayout;
    columns->addWidget(makeDataPage(), 1);
    auto *right = new QVBoxLayout;
    right->addWidget(makeModelPage());
    right->addWidget(makeSchedulePage());
    right->addStretch(1);
    columns->addLayout(right, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_start = m_buttons->addButton(tr("Start Training"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("startTraining"));
    m_start->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canStart())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    columns->setSpacing(12);
    layout->addLayout(columns, 1);
    layout->addWidget(messageLabel(Overall, this));
    layout->addWidget(m_buttons);

    loadChoices();
    checkValues();
    resize(sizeHint().expandedTo(QSize(900, 560)));
}

// The read holds no pointer to the dialog and its watcher is a child: a closed dialog drops a
// late answer and never waits for it.
NewRunDialog::~NewRunDialog() = default;

QLabel *NewRunDialog::messageLabel(Field field, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("message%1").arg(int(field)));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->hide();
    m_messages.insert(field, label);
    return label;
}

// A field with its message label under it, for a form row.
static QWidget *withMessage(QWidget *field, QLabel *message)
{
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    field->setParent(box);
    layout->addWidget(field);
    message->setParent(box);
    layout->addWidget(message);
    return box;
}

QWidget *NewRunDialog::makeDataPage()
{
    auto *group = new QGroupBox(tr("Data"), this);
    auto *form = new QFormLayout(group);
    m_view = new QComboBox(group);
    m_view->setObjectName(QStringLiteral("runView"));
    m_view->addItem(tr("All images"), QString());
    form->addRow(tr("Images:"), withMessage(m_view, messageLabel(Images, group)));

    m_categories = new QListWidget(group);
    m_categories->setObjectName(QStringLiteral("runCategories"));
    m_categories->setMinimumSize(300, 220);
    m_categoryHint = new QLabel(tr("Counting the labelled images…"), group);
    m_categoryHint->setWordWrap(true);
    // A wrapped label in a form row is not given its height for width: room for two lines.
    m_categoryHint->setMinimumHeight(2 * m_categoryHint->fontMetrics().lineSpacing());
    auto *categoryBox = new QWidget(group);
    auto *categoryLayout = new QVBoxLayout(categoryBox);
    categoryLayout->setContentsMargins(0, 0, 0, 0);
    categoryLayout->setSpacing(2);
    categoryLayout->addWidget(m_categories, 1);
    categoryLayout->addWidget(m_categoryHint);
    categoryLayout->addWidget(messageLabel(Categories, categoryBox));
    // The list gets the group's full width: names and counts must be readable.
    form->addRow(new QLabel(tr("Categories (labelled images each):"), group));
    form->addRow(categoryBox);

    m_minimum = new QSpinBox(group);
    m_minimum->setObjectName(QStringLiteral("runMinimumPerClass"));
    m_minimum->setRange(2, 100000);
    m_minimum->setValue(train::TrainOptions{}.minimumPerClass);
    m_minimum->setSuffix(tr(" images"));
    form->addRow(tr("Minimum per category:"), m_minimum);

    m_validation = new QDoubleSpinBox(group);
    m_validation->setObjectName(QStringLiteral("runValidation"));
    m_validation->setRange(0, 0.95);
    m_validation->setSingleStep(0.05);
    m_validation->setDecimals(2);
    m_validation->setValue(train::TrainOptions{}.validationFraction);
    m_validation->setToolTip(tr("The share of each category's images kept aside to measure accuracy."));
    form->addRow(tr("Validation share:"), withMessage(m_validation, messageLabel(Split, group)));

    connect(m_view, &QComboBox::currentIndexChanged, this, [this] { loadChoices(); });
    connect(m_categories, &QListWidget::itemChanged, this, [this] { checkValues(); });
    connect(m_minimum, &QSpinBox::valueChanged, this, [this] {
        // The highlight follows the minimum; the ticks stay as the user left them.
        for (int row = 0; row < m_categories->count(); ++row) {
            QListWidgetItem *item = m_categories->item(row);
            const bool few = item->data(Qt::UserRole + 1).toLongLong() < m_minimum->value();
            item->setForeground(few ? QColor(0xc6, 0x28, 0x28) : palette().color(QPalette::Text));
            item->setToolTip(few ? tr("Fewer labelled images than the minimum per category: it would be left out.") : QString());
        }
        checkValues();
    });
    connect(m_validation, &QDoubleSpinBox::valueChanged, this, [this] { checkValues(); });
    return group;
}

QWidget *NewRunDialog::makeModelPage()
{
    auto *group = new QGroupBox(tr("Model"), this);
    auto *form = new QFormLayout(group);
    m_model = new QComboBox(group);
    m_model->setObjectName(QStringLiteral("runModel"));
    m_model->addItems(nn::zooModelNames());
    m_model->setCurrentText(train::TrainOptions{}.model);
    form->addRow(tr("Architecture:"), withMessage(m_model, messageLabel(Model, group)));

    auto *fileBox = new QWidget(group);
    auto *fileLayout = new QHBoxLayout(fileBox);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    m_pretrained = new QLineEdit(fileBox);
    m_pretrained->setObjectName(QStringLiteral("runPretrained"));
    m_pretrained->setPlaceholderText(tr("none: train from scratch"));
    m_pretrained->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("Browse…"), fileBox);
    fileLayout->addWidget(m_pretrained, 1);
    fileLayout->addWidget(browse);
    form->addRow(tr("Pretrained weights:"), withMessage(fileBox, messageLabel(Pretrained, group)));

    m_headOnly = new QCheckBox(tr("Train the head only (backbone frozen)"), group);
    m_headOnly->setObjectName(QStringLiteral("runHeadOnly"));
    m_headOnly->setToolTip(tr("Fast: the pretrained network's features are computed once and only its classifier is trained. "
                              "Needs pretrained weights."));
    form->addRow(tr("Fine-tuning:"), withMessage(m_headOnly, messageLabel(Tuning, group)));

    connect(browse, &QPushButton::clicked, this, &NewRunDialog::choosePretrained);
    connect(m_pretrained, &QLineEdit::textChanged, this, [this] { checkValues(); });
    connect(m_headOnly, &QCheckBox::toggled, this, [this] { checkValues(); });
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] { checkValues(); });
    return group;
}

QWidget *NewRunDialog::makeSchedulePage()
{
    const train::TrainOptions defaults;
    auto *group = new QGroupBox(tr("Training"), this);
    auto *form = new QFormLayout(group);
    m_epochs = new QSpinBox(group);
    m_epochs->setObjectName(QStringLiteral("runEpochs"));
    m_epochs->setRange(0, 100000);
    m_epochs->setValue(defaults.epochs);
    form->addRow(tr("Epochs:"), withMessage(m_epochs, messageLabel(Epochs, group)));

    m_batchSize = new QSpinBox(group);
    m_batchSize->setObjectName(QStringLiteral("runBatchSize"));
    m_batchSize->setRange(0, 4096);
    m_batchSize->setValue(defaults.batchSize);
    form->addRow(tr("Batch size:"), withMessage(m_batchSize, messageLabel(BatchSize, group)));

    m_learningRate = new QDoubleSpinBox(group);
    m_learningRate->setObjectName(QStringLiteral("runLearningRate"));
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(0, 100);
    m_learningRate->setSingleStep(0.001);
    m_learningRate->setSpecialValueText(tr("default"));
    m_learningRate->setValue(0);
    m_learningRate->setToolTip(tr("0: the default for the model (0.05 from scratch, 0.01 for GoogLeNet and fine-tuning)."));
    m_schedule = new QComboBox(group);
    m_schedule->setObjectName(QStringLiteral("runSchedule"));
    m_schedule->addItem(tr("cosine"), int(nn::LrSchedule::Kind::Cosine));
    m_schedule->addItem(tr("step"), int(nn::LrSchedule::Kind::Step));
    m_schedule->addItem(tr("constant"), int(nn::LrSchedule::Kind::Constant));
    auto *rateBox = new QWidget(group);
    auto *rateLayout = new QHBoxLayout(rateBox);
    rateLayout->setContentsMargins(0, 0, 0, 0);
    rateLayout->addWidget(m_learningRate, 1);
    rateLayout->addWidget(new QLabel(tr("schedule:"), rateBox));
    rateLayout->addWidget(m_schedule);
    form->addRow(tr("Learning rate:"), withMessage(rateBox, messageLabel(LearningRate, group)));

    m_warmup = new QSpinBox(group);
    m_warmup->setObjectName(QStringLiteral("runWarmup"));
    m_warmup->setRange(0, 1000000);
    m_warmup->setSuffix(tr(" steps"));
    form->addRow(tr("Warm-up:"), m_warmup);

    m_augmentation = new QCheckBox(tr("Random crops, flips and colour jitter"), group);
    m_augmentation->setObjectName(QStringLiteral("runAugmentation"));
    m_augmentation->setChecked(defaults.augmentation.enabled);
    form->addRow(tr("Augmentation:"), m_augmentation);

    m_precision = new QComboBox(group);
    m_precision->setObjectName(QStringLiteral("runPrecision"));
    m_precision->addItem(tr("auto"), QStringLiteral("auto"));
    m_precision->addItem(tr("fp32"), QStringLiteral("fp32"));
    m_precision->addItem(tr("bf16"), QStringLiteral("bf16"));
    if (!nn::Network::bf16Supported()) {
        auto *model = qobject_cast<QStandardItemModel *>(m_precision->model());
        QStandardItem *bf16 = model->item(2);
        bf16->setEnabled(false);
        bf16->setToolTip(tr("This processor has no bf16 arithmetic (AVX-512 BF16 or AMX)."));
        m_precision->setItemText(0, tr("auto (fp32 on this processor)"));
    } else {
        m_precision->setItemText(0, tr("auto (bf16 on this processor)"));
    }
    form->addRow(tr("Precision:"), withMessage(m_precision, messageLabel(Precision, group)));

    m_threads = new QSpinBox(group);
    m_threads->setObjectName(QStringLiteral("runThreads"));
    m_threads->setRange(0, 1024);
    m_threads->setSpecialValueText(tr("one per core (%1)").arg(QThread::idealThreadCount()));
    form->addRow(tr("Threads:"), m_threads);

    connect(m_epochs, &QSpinBox::valueChanged, this, [this] { checkValues(); });
    connect(m_batchSize, &QSpinBox::valueChanged, this, [this] { checkValues(); });
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, [this] { checkValues(); });
    connect(m_precision, &QComboBox::currentIndexChanged, this, [this] { checkValues(); });
    return group;
}

void NewRunDialog::loadChoices()
{
    // Another view chosen while counting: the earlier answer is dropped when it comes.
    const int generation = ++m_generation;
    m_loading = true;
    m_categories->setEnabled(false);
    m_categoryHint->setText(tr("Counting the labelled images…"));
    auto *watcher = new QFutureWatcher<Result<NewRunChoices>>(this);
    connect(watcher, &QFutureWatcher<Result<NewRunChoices>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        const Result<NewRunChoices> result = watcher->result();
        if (result) {
            showChoices(*result);
        } else {
            m_categories->clear();
            m_categoryHint->setText(result.error());
        }
        checkValues();
        emit choicesLoaded();
    });
    watcher->setFuture(QtConcurrent::run([path = m_databasePath, view = m_view->currentData().toString()] {
        return readChoices(path, view);
    }));
    checkValues();
}

void NewRunDialog::showChoices(const NewRunChoices &choices)
{
    if (!m_viewsListed) {
        m_viewsListed = true;
        const QSignalBlocker block(m_view);
        for (const QString &view : choices.views)
            m_view->addItem(view, view);
    }
    const QSignalBlocker block(m_categories);
    m_categories->clear();
    int usable = 0;
    for (const NewRunChoices::Category &c : choices.categories) {
        auto *item = new QListWidgetItem(c.images == 1 ? tr("%1 — 1 image").arg(c.name) : tr("%1 — %2 images").arg(c.name).arg(c.images),
                                         m_categories);
        item->setData(Qt::UserRole, c.id);
        item->setData(Qt::UserRole + 1, c.images);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        const bool few = c.images < m_minimum->value();
        item->setCheckState(few ? Qt::Unchecked : Qt::Checked);
        if (few) {
            item->setForeground(QColor(0xc6, 0x28, 0x28));
            item->setToolTip(tr("Fewer labelled images than the minimum per category: it would be left out."));
        } else {
            ++usable;
        }
    }
    m_categories->setEnabled(true);
    m_categoryHint->setText(tr("%1 of %2 categories have enough images (red: too few).")
                                .arg(usable).arg(choices.categories.size()));
}

train::TrainOptions NewRunDialog::options() const
{
    train::TrainOptions o;
    o.view = m_view->currentData().toString();
    int checked = 0;
    for (int row = 0; row < m_categories->count(); ++row)
        if (m_categories->item(row)->checkState() == Qt::Checked) {
            o.categories.append(m_categories->item(row)->data(Qt::UserRole).toLongLong());
            ++checked;
        }
    // Every category ticked: recorded as "all", as the CLI would.
    if (checked == m_categories->count())
        o.categories.clear();
    o.minimumPerClass = m_minimum->value();
    o.validationFraction = m_validation->value();
    o.model = m_model->currentText();
    o.pretrained = m_pretrained->text().trimmed();
    o.headOnly = m_headOnly->isChecked();
    o.epochs = m_epochs->value();
    o.batchSize = m_batchSize->value();
    o.learningRate = m_learningRate->value();
    o.schedule = nn::LrSchedule::Kind(m_schedule->currentData().toInt());
    o.warmupSteps = m_warmup->value();
    o.augmentation.enabled = m_augmentation->isChecked();
    o.precision = m_precision->currentData().toString();
    return o;
}

train::TrainResources NewRunDialog::resources() const
{
    train::TrainResources r;
    r.threads = m_threads->value();
    return r;
}

QString NewRunDialog::message(Field field) const
{
    const QLabel *label = m_messages.value(field);
    return label ? label->text() : QString();
}

bool NewRunDialog::canStart() const { return m_start->isEnabled(); }

void NewRunDialog::setMessage(Field field, const QString &text)
{
    QLabel *label = m_messages.value(field);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void NewRunDialog::checkValues()
{
    const train::TrainOptions chosen = options();
    // validate() names the first bad option; trying each field alone on valid defaults puts
    // its sentence next to the field it is about.
    auto alone = [](const std::function<void(train::TrainOptions &)> &set) {
        train::TrainOptions o;
        set(o);
        const Status status = o.validate();
        return status ? QString() : status.error();
    };
    QHash<int, QString> messages;
    messages[Epochs] = alone([&](train::TrainOptions &o) { o.epochs = chosen.epochs; });
    messages[BatchSize] = alone([&](train::TrainOptions &o) { o.batchSize = chosen.batchSize; });
    messages[LearningRate] = alone([&](train::TrainOptions &o) { o.learningRate = chosen.learningRate; });
    messages[Split] = alone([&](train::TrainOptions &o) { o.validationFraction = chosen.validationFraction; });
    messages[Precision] = alone([&](train::TrainOptions &o) { o.precision = chosen.precision; });
    messages[Model] = alone([&](train::TrainOptions &o) { o.model = chosen.model; });

    if (!chosen.pretrained.isEmpty()) {
        const QFileInfo file(chosen.pretrained);
        const QString suffix = file.suffix().toLower();
        if (!file.isFile())
            messages[Pretrained] = tr("There is no file “%1”.").arg(chosen.pretrained);
        else if (!file.isReadable())
            messages[Pretrained] = tr("“%1” cannot be read.").arg(file.fileName());
        else if (suffix != QLatin1String("onnx") && suffix != QLatin1String("caffemodel") && suffix != QLatin1String("sievemodel"))
            messages[Pretrained] = tr("Choose an .onnx, .caffemodel or .sievemodel file.");
    }
    m_headOnly->setEnabled(!chosen.pretrained.isEmpty() || chosen.headOnly);
    if (chosen.headOnly && chosen.pretrained.isEmpty())
        messages[Tuning] = tr("Head-only training needs a pretrained weights file; choose one or untick this.");

    if (!m_loading && m_categories->isEnabled()) {
        int checked = 0;
        int usable = 0;
        for (int row = 0; row < m_categories->count(); ++row) {
            const QListWidgetItem *item = m_categories->item(row);
            if (item->checkState() != Qt::Checked)
                continue;
            ++checked;
            if (item->data(Qt::UserRole + 1).toLongLong() >= chosen.minimumPerClass)
                ++usable;
        }
        if (checked < 2)
            messages[Categories] = tr("Tick at least two categories.");
        else if (usable < 2)
            messages[Categories] = tr("Only %1 of the ticked categories has at least %2 labelled images; training needs two.")
                                       .arg(usable).arg(chosen.minimumPerClass);
    }

    bool anyField = false;
    for (auto it = messages.cbegin(); it != messages.cend(); ++it)
        anyField = anyField || !it.value().isEmpty();
    // Whatever validate() finds that no field above explains (combinations) goes under all.
    QString overall;
    if (!anyField && !m_loading)
        if (const Status status = chosen.validate(); !status)
            overall = status.error();
    messages[Overall] = overall;
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it)
        setMessage(Field(it.key()), messages.value(it.key()));
    m_start->setEnabled(!m_loading && !anyField && overall.isEmpty() && m_categories->count() > 0);
}

void NewRunDialog::choosePretrained()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Pretrained weights"), QFileInfo(m_pretrained->text()).absolutePath(),
                                                      tr("Models (*.onnx *.caffemodel *.sievemodel);;All files (*)"));
    if (!file.isEmpty())
        m_pretrained->setText(file);
}

} // namespace sieve::ui
