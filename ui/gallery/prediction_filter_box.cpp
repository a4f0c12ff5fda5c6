#include "gallery/prediction_filter_box.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>

#include <utility>

namespace sieve::ui {

PredictionFilterBox::PredictionFilterBox(QWidget *parent)
    : QWidget(parent), m_model(new QComboBox(this)), m_minimum(new QSpinBox(this)), m_maximum(new QSpinBox(this)),
      m_rangeLabel(new QLabel(tr("Confidence"), this))
{
    setObjectName(QStringLiteral("predictionFilters"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(4);
    auto *modelLabel = new QLabel(tr("Model"), this);
    modelLabel->setBuddy(m_model);
    m_rangeLabel->setBuddy(m_minimum);
    m_model->setObjectName(QStringLiteral("predictionModel"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(12);
    m_model->setToolTip(tr("The model whose predictions the gallery shows, filters and sorts by"));
    for (QSpinBox *box : {m_minimum, m_maximum}) {
        box->setRange(0, 100);
        box->setSuffix(QStringLiteral(" %"));
        box->setAccelerated(true);
    }
    m_minimum->setObjectName(QStringLiteral("minConfidence"));
    m_maximum->setObjectName(QStringLiteral("maxConfidence"));
    m_maximum->setValue(100);
    m_minimum->setToolTip(tr("Only images whose top prediction is at least this sure"));
    m_maximum->setToolTip(tr("Only images whose top prediction is at most this sure"));
    auto *to = new QLabel(tr("to"), this);
    layout->addWidget(modelLabel, 0, 0);
    layout->addWidget(m_model, 0, 1, 1, 3);
    layout->addWidget(m_rangeLabel, 1, 0);
    layout->addWidget(m_minimum, 1, 1);
    layout->addWidget(to, 1, 2);
    layout->addWidget(m_maximum, 1, 3);
    layout->setColumnStretch(1, 1);
    layout->setColumnStretch(3, 1);

    m_delay.setSingleShot(true);
    m_delay.setInterval(300);
    connect(&m_delay, &QTimer::timeout, this,
            [this] { emit confidenceChanged(m_minimum->value() / 100.0, m_maximum->value() / 100.0); });
    // The two ends never cross: moving one past the other takes it along.
    connect(m_minimum, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_updating)
            return;
        if (m_maximum->value() < value) {
            const QSignalBlocker blocker(m_maximum);
            m_maximum->setValue(value);
        }
        m_delay.start();
    });
    connect(m_maximum, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_updating)
            return;
        if (m_minimum->value() > value) {
            const QSignalBlocker blocker(m_minimum);
            m_minimum->setValue(value);
        }
        m_delay.start();
    });
    connect(m_model, &QComboBox::activated, this, [this](int index) {
        m_shown = m_model->itemData(index).toLongLong();
        const bool any = m_shown > 0;
        m_minimum->setEnabled(any);
        m_maximum->setEnabled(any);
        emit modelChosen(m_shown);
    });
    setVisible(false);
}

void PredictionFilterBox::setModels(const QList<store::ModelRecord> &models, const QSet<std::int64_t> &classified)
{
    const bool updating = std::exchange(m_updating, true);
    m_model->clear();
    m_model->addItem(tr("(none)"), qint64(0));
    for (const store::ModelRecord &model : models) {
        const QString name = classified.contains(model.id) ? model.name : tr("%1 (not run)").arg(model.name);
        m_model->addItem(name, qint64(model.id));
        const QDateTime created = QDateTime::fromString(model.createdAt, Qt::ISODateWithMs);
        m_model->setItemData(m_model->count() - 1,
                             tr("%1 · %2 · %n class(es) · %3", nullptr, int(model.classes.size()))
                                 .arg(model.name, model.architecture,
                                      created.isValid() ? QLocale().toString(created.toLocalTime(), QLocale::ShortFormat)
                                                        : model.createdAt),
                             Qt::ToolTipRole);
    }
    m_model->setCurrentIndex(std::max(0, m_model->findData(qint64(m_shown))));
    m_updating = updating;
    setVisible(!models.isEmpty());
}

void PredictionFilterBox::showChoice(std::int64_t modelId, double minimum, double maximum)
{
    const bool updating = std::exchange(m_updating, true);
    m_shown = modelId;
    m_model->setCurrentIndex(std::max(0, m_model->findData(qint64(modelId))));
    m_minimum->setValue(qRound(minimum * 100));
    m_maximum->setValue(qRound(maximum * 100));
    m_minimum->setEnabled(modelId > 0);
    m_maximum->setEnabled(modelId > 0);
    m_updating = updating;
}

} // namespace sieve::ui
