#include "review/label_issue_ranking_bar.h"

#include "jobs/job_runner.h"
#include "jobs/jobs_panel.h"
#include "review/label_issue_job.h"
#include "session/project_session.h"
#include "store/models.h"
#include "store/project.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sieve::ui {

namespace {
constexpr int kModelNameRole = Qt::UserRole + 1;
}

LabelIssueRankingBar::LabelIssueRankingBar(ProjectSession *session, JobsPanel *jobs, QWidget *parent)
    : QWidget(parent), m_session(session), m_jobs(jobs), m_models(new QComboBox(this)),
      m_inSample(new QRadioButton(tr("The model's own probabilities (fast)"), this)),
      m_crossValidated(new QRadioButton(tr("Cross-validated, folds:"), this)), m_folds(new QSpinBox(this)),
      m_find(new QPushButton(tr("Find Likely Mislabeled"), this)), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this))
{
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Model:"), this));
    m_models->setMinimumWidth(220);
    m_models->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    row->addWidget(m_models);
    row->addSpacing(12);
    auto *how = new QButtonGroup(this);
    how->addButton(m_inSample);
    how->addButton(m_crossValidated);
    m_inSample->setChecked(true);
    m_inSample->setToolTip(tr("Uses the model's probabilities on every image. It has learnt the labels of the images it trained "
                              "on, wrong ones included, so it finds fewer of them."));
    m_crossValidated->setToolTip(tr("Trains one classifier head per fold on the model's features, each judging only images it did "
                                    "not learn from: slower, and finds more wrong labels."));
    row->addWidget(m_inSample);
    row->addWidget(m_crossValidated);
    m_folds->setRange(2, 20);
    m_folds->setValue(5);
    m_folds->setEnabled(false);
    m_folds->setToolTip(m_crossValidated->toolTip());
    row->addWidget(m_folds);
    row->addSpacing(12);
    m_find->setDefault(true);
    row->addWidget(m_find);
    row->addWidget(m_cancel);
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    row->addWidget(m_progress);
    row->addStretch(1);
    m_cancel->hide();
    m_progress->hide();

    auto *hint = new QLabel(tr("Cross-validation is slower (it trains a classifier head per fold) and finds more: the model's own "
                               "probabilities agree with wrong labels it has learnt."),
                            this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: palette(placeholder-text)"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(hint);

    connect(m_crossValidated, &QRadioButton::toggled, m_folds, &QSpinBox::setEnabled);
    connect(m_find, &QPushButton::clicked, this, &LabelIssueRankingBar::find);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_runner)
            m_runner->cancel();
    });
    connect(m_models, &QComboBox::currentIndexChanged, this, &LabelIssueRankingBar::modelChanged);
}

std::int64_t LabelIssueRankingBar::modelId() const { return m_models->currentData().toLongLong(); }

bool LabelIssueRankingBar::isRanking() const { return m_runner != nullptr; }

QString LabelIssueRankingBar::modelName() const { return m_models->currentData(kModelNameRole).toString(); }

QString LabelIssueRankingBar::reloadModels()
{
    const std::int64_t current = modelId();
    const QSignalBlocker blocker(m_models);
    m_models->clear();
    Result<QList<store::ModelRecord>> models = store::listModels(m_session->project().db());
    for (const store::ModelRecord &model : models ? *models : QList<store::ModelRecord>()) {
        m_models->addItem(tr("%1 (%2 classes)").arg(model.name).arg(model.classes.size()), qint64(model.id));
        m_models->setItemData(m_models->count() - 1, model.name, kModelNameRole);
    }
    const int index = m_models->findData(qint64(current));
    m_models->setCurrentIndex(index >= 0 ? index : 0);
    m_find->setEnabled(m_models->count() > 0 && !m_runner);
    return models ? QString() : models.error();
}

void LabelIssueRankingBar::find()
{
    if (modelId() == 0 || m_runner)
        return;
    train::LabelIssueOptions options;
    options.modelId = modelId();
    options.folds = m_crossValidated->isChecked() ? m_folds->value() : 0;
    JobRunner *runner = makeLabelIssueJob(m_session, options, modelName());
    m_runner = runner;
    connect(runner, &JobRunner::progressChanged, this, [this](const jobs::JobProgress &progress) {
        m_progress->setValue(progress.total > 0 ? int(1000.0 * double(progress.done) / double(progress.total)) : 0);
        m_progress->setFormat(progress.phase.isEmpty() ? QStringLiteral("%p%") : progress.phase + QStringLiteral(" %p%"));
    });
    connect(runner, &JobRunner::finished, this, &LabelIssueRankingBar::done);
    m_find->setEnabled(false);
    m_models->setEnabled(false);
    m_cancel->show();
    m_progress->setValue(0);
    m_progress->show();
    m_jobs->run(runner);
}

void LabelIssueRankingBar::done(bool ok, const JobOutcome &outcome, const QString &error)
{
    m_runner = nullptr;
    m_find->setEnabled(true);
    m_models->setEnabled(true);
    m_cancel->hide();
    m_progress->hide();
    if (!ok)
        emit rankingFinished(false, tr("Finding likely mislabeled images failed: %1").arg(error));
    else
        emit rankingFinished(!outcome.cancelled, outcome.cancelled ? outcome.summary : QString());
}

} // namespace sieve::ui
