#include "training/new_run_dialog.h"

#include "cluster/cluster_monitor.h"
#include "store/database.h"

#include "nn/model_zoo.h"
#include "nn/network.h"

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

#include <limits>

namespace sieve::ui {

NewRunDialog::NewRunDialog(QString databasePath, QWidget *parent) : QDialog(parent), m_databasePath(std::move(databasePath))
{
    setObjectName(QStringLiteral("newRunDialog"));
    setWindowTitle(tr("New Training Run"));
    auto *columns = new QHBoxLayout;
    columns->addWidget(makeDataPage(), 5);
    auto *middle = new QVBoxLayout;
    middle->addWidget(makeModelPage());
    middle->addWidget(makeSchedulePage());
    middle->addStretch(1);
    columns->addLayout(middle, 5);
    auto *right = new QVBoxLayout;
    right->addWidget(makeRunPage());
    right->addWidget(makePlacementPage());
    right->addStretch(1);
    columns->addLayout(right, 4);

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
    resize(sizeHint().expandedTo(QSize(1180, 560)));
}

// The read holds no pointer to the dialog and its watcher is a child: a closed dialog drops a
// late answer and never waits for it.
NewRunDialog::~NewRunDialog()
{
    delete m_workerMonitor;   // before the connection it reads
}

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
            showWorkers(result->workers);
        } else {
            m_categories->clear();
            m_categoryHint->setText(result.error());
        }
        checkValues();
        emit choicesLoaded();
    });
    const train::TrainOptions chosen = options();
    watcher->setFuture(QtConcurrent::run([path = m_databasePath, view = chosen.view, filter = chosen.filter] {
        return readNewRunChoices(path, view, filter);
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

void NewRunDialog::setGalleryFilter(const store::ImageFilter &filter)
{
    m_galleryFilter = filter;
    if (!filter.restricts())
        return;   // the gallery shows every image: "All images" says it
    m_view->insertItem(1, tr("The images shown in the gallery (current filter)"), QString());
    m_view->setItemData(1, true, Qt::UserRole + 1);
    m_view->setItemData(1, tr("The gallery's filter as it is now, saved as a view or not; the run records it."), Qt::ToolTipRole);
    m_view->setCurrentIndex(1);
}

train::TrainOptions NewRunDialog::options() const
{
    train::TrainOptions o;
    o.view = m_view->currentData().toString();
    // The gallery's filter, not saved: the images it shows, whatever their order.
    if (m_view->currentData(Qt::UserRole + 1).toBool()) {
        store::ImageFilter filter = m_galleryFilter;
        filter.sort = {};
        filter.descending = false;
        o.filter = filter.toJson();
    }
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
    o.inputSize = m_inputSize->value();
    o.optimizer = m_optimizer->currentData().toString();
    o.weightDecay = m_weightDecay->value() < 0 ? -1 : m_weightDecay->value();
    o.earlyStopPatience = m_earlyStop->value();
    o.earlyStopMetric = m_earlyStopMetric->currentData().toString();
    o.seed = parseSeed(m_seed->text()).value_or(train::TrainOptions{}.seed);
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
    messages[InputSize] = alone([&](train::TrainOptions &o) {
        o.model = chosen.model;
        o.pretrained = chosen.pretrained;
        o.inputSize = chosen.inputSize;
    });
    messages[WeightDecay] = alone([&](train::TrainOptions &o) { o.weightDecay = chosen.weightDecay; });
    if (messages[Epochs].isEmpty())
        messages[EarlyStop] = earlyStopProblem(chosen.earlyStopPatience, chosen.epochs);
    if (!parseSeed(m_seed->text()))
        messages[Seed] = tr("The seed must be a whole number from 0 to %1.").arg(std::numeric_limits<std::uint64_t>::max());

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
    messages[Placement] = placementProblem(chosen);
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it)
        setMessage(Field(it.key()), messages.value(it.key()));
    m_start->setEnabled(!m_loading && !anyField && overall.isEmpty() && messages[Placement].isEmpty() && m_categories->count() > 0);
}

void NewRunDialog::choosePretrained()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Pretrained weights"), QFileInfo(m_pretrained->text()).absolutePath(),
                                                      tr("Models (*.onnx *.caffemodel *.sievemodel);;All files (*)"));
    if (!file.isEmpty())
        m_pretrained->setText(file);
}

} // namespace sieve::ui
