// The New Training Run dialog's groups of fields: data, model, optimization, run.

#include "training/new_run_dialog.h"

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

    m_inputSize = new QSpinBox(group);
    m_inputSize->setObjectName(QStringLiteral("runInputSize"));
    m_inputSize->setRange(0, 4096);
    m_inputSize->setSuffix(tr(" px"));
    m_inputSize->setSpecialValueText(tr("the model's (smallcnn 32, others 224)"));
    m_inputSize->setToolTip(tr("The side of the square the images are scaled to. Larger sees more detail and trains slower."));
    form->addRow(tr("Input size:"), withMessage(m_inputSize, messageLabel(InputSize, group)));

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
    connect(m_inputSize, &QSpinBox::valueChanged, this, [this] { checkValues(); });
    return group;
}

QWidget *NewRunDialog::makeSchedulePage()
{
    const train::TrainOptions defaults;
    auto *group = new QGroupBox(tr("Optimization"), this);
    auto *form = new QFormLayout(group);
    m_optimizer = new QComboBox(group);
    m_optimizer->setObjectName(QStringLiteral("runOptimizer"));
    m_optimizer->addItem(tr("SGD with momentum 0.9"), QStringLiteral("sgd"));
    m_optimizer->addItem(tr("AdamW"), QStringLiteral("adamw"));
    form->addRow(tr("Optimizer:"), m_optimizer);

    m_learningRate = new QDoubleSpinBox(group);
    m_learningRate->setObjectName(QStringLiteral("runLearningRate"));
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(0, 100);
    m_learningRate->setSingleStep(0.001);
    m_learningRate->setSpecialValueText(tr("default"));
    m_learningRate->setValue(0);
    m_learningRate->setToolTip(tr("default: SGD 0.05 from scratch, 0.01 for GoogLeNet and fine-tuning; AdamW 0.001."));
    m_schedule = new QComboBox(group);
    m_schedule->setObjectName(QStringLiteral("runSchedule"));
    m_schedule->addItem(tr("cosine"), int(nn::LrSchedule::Kind::Cosine));
    m_schedule->addItem(tr("step"), int(nn::LrSchedule::Kind::Step));
    m_schedule->addItem(tr("constant"), int(nn::LrSchedule::Kind::Constant));
    auto *rateBox = new QWidget(group);
    auto *rateLayout = new QHBoxLayout(rateBox);
    rateLayout->setContentsMargins(0, 0, 0, 0);
    rateLayout->addWidget(m_learningRate, 1);
    rateLayout->addWidget(m_schedule);
    form->addRow(tr("Learning rate:"), withMessage(rateBox, messageLabel(LearningRate, group)));

    m_warmup = new QSpinBox(group);
    m_warmup->setObjectName(QStringLiteral("runWarmup"));
    m_warmup->setRange(0, 1000000);
    m_warmup->setSuffix(tr(" steps"));
    form->addRow(tr("Warm-up:"), m_warmup);

    // One step below 0 reads "default": SGD 5e-4, AdamW 0.01 (TrainOptions::withDefaults).
    m_weightDecay = new QDoubleSpinBox(group);
    m_weightDecay->setObjectName(QStringLiteral("runWeightDecay"));
    m_weightDecay->setDecimals(5);
    m_weightDecay->setRange(-0.00001, 10);
    m_weightDecay->setSingleStep(0.0001);
    m_weightDecay->setSpecialValueText(tr("default"));
    m_weightDecay->setValue(m_weightDecay->minimum());
    m_weightDecay->setToolTip(tr("default: SGD 0.0005 (L2), AdamW 0.01 (decoupled). 0: none."));
    form->addRow(tr("Weight decay:"), withMessage(m_weightDecay, messageLabel(WeightDecay, group)));

    m_batchSize = new QSpinBox(group);
    m_batchSize->setObjectName(QStringLiteral("runBatchSize"));
    m_batchSize->setRange(0, 4096);
    m_batchSize->setValue(defaults.batchSize);
    form->addRow(tr("Batch size:"), withMessage(m_batchSize, messageLabel(BatchSize, group)));

    connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] { checkValues(); });
    connect(m_batchSize, &QSpinBox::valueChanged, this, [this] { checkValues(); });
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, [this] { checkValues(); });
    connect(m_weightDecay, &QDoubleSpinBox::valueChanged, this, [this] { checkValues(); });
    return group;
}

QWidget *NewRunDialog::makeRunPage()
{
    const train::TrainOptions defaults;
    auto *group = new QGroupBox(tr("Run"), this);
    auto *form = new QFormLayout(group);
    m_epochs = new QSpinBox(group);
    m_epochs->setObjectName(QStringLiteral("runEpochs"));
    m_epochs->setRange(0, 100000);
    m_epochs->setValue(defaults.epochs);
    form->addRow(tr("Epochs:"), withMessage(m_epochs, messageLabel(Epochs, group)));

    m_earlyStop = new QSpinBox(group);
    m_earlyStop->setObjectName(QStringLiteral("runEarlyStop"));
    m_earlyStop->setRange(0, 100000);
    m_earlyStop->setSpecialValueText(tr("off"));
    m_earlyStop->setToolTip(tr("Stop after this many epochs without a better validation result; the best epoch's model is kept."));
    m_earlyStopMetric = new QComboBox(group);
    m_earlyStopMetric->setObjectName(QStringLiteral("runEarlyStopMetric"));
    m_earlyStopMetric->addItem(tr("accuracy"), QStringLiteral("val/top1"));
    m_earlyStopMetric->addItem(tr("loss"), QStringLiteral("val/loss"));
    m_earlyStopMetric->setToolTip(tr("What early stopping and the saved best epoch go by."));
    auto *stopBox = new QWidget(group);
    auto *stopLayout = new QHBoxLayout(stopBox);
    stopLayout->setContentsMargins(0, 0, 0, 0);
    stopLayout->addWidget(m_earlyStop, 1);
    stopLayout->addWidget(m_earlyStopMetric);
    form->addRow(tr("Early stopping:"), withMessage(stopBox, messageLabel(EarlyStop, group)));

    m_seed = new QLineEdit(QString::number(defaults.seed), group);
    m_seed->setObjectName(QStringLiteral("runSeed"));
    m_seed->setToolTip(tr("Seeds the split, the initial weights, the shuffling and the augmentation: "
                          "the same seed on the same images trains the same model."));
    form->addRow(tr("Seed:"), withMessage(m_seed, messageLabel(Seed, group)));

    m_augmentation = new QCheckBox(tr("Random crops, flips, colour jitter"), group);
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
    connect(m_earlyStop, &QSpinBox::valueChanged, this, [this] { checkValues(); });
    connect(m_seed, &QLineEdit::textChanged, this, [this] { checkValues(); });
    connect(m_precision, &QComboBox::currentIndexChanged, this, [this] { checkValues(); });
    return group;
}

} // namespace sieve::ui
