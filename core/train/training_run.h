#pragma once

#include "jobs/job_context.h"
#include "nn/model_file.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "store/project.h"
#include "train/classification_metrics.h"
#include "train/early_stopping.h"
#include "train/run_log.h"
#include "train/trainer.h"
#include "train/training_inputs.h"

#include <QDir>

#include <functional>
#include <memory>
#include <optional>

namespace sieve::train {

// One training run from set-up to its end, the insides of runTraining() (trainer.h), which
// records how it ended. prepareNew() or prepareResume(), then train(), then saveModel() unless
// cancelled. Lives on the thread of the project's connection.
class TrainingRun {
public:
    TrainingRun(store::Project &project, jobs::JobContext &context, const TrainResources &resources,
                const std::function<void(const EpochReport &)> &onEpoch,
                const std::function<void(std::int64_t)> &onStarted = {})
        : m_project(project), m_context(context), m_resources(resources), m_onEpoch(onEpoch), m_onStarted(onStarted)
    {
    }

    Status prepareNew(const TrainOptions &options);
    // Continues run RUNID from its checkpoint (or its start when it has none yet).
    Status prepareResume(std::int64_t runId);
    // The epochs left; stops early (summary().stoppedEarly) or when cancelled (summary().cancelled).
    Status train();
    // Makes the epochs' progress visible in the jobs panel.
    void setJob(std::int64_t jobId) { m_jobId = jobId; }
    Status saveModel();
    RunLog *log() { return m_log ? &*m_log : nullptr; }
    TrainSummary &summary() { return m_summary; }
    QJsonObject summaryJson() const;

private:
    QString runPath(const QString &file) const
    {
        return QDir(m_project.directory()).filePath(m_log->directory() + QLatin1Char('/') + file);
    }
    Status setUp(const nn::SieveModel &model, std::vector<Sample> train, std::vector<Sample> validation);
    Status validate(int epoch, std::int64_t step);
    Status checkpoint(int epochsDone, std::int64_t step, bool best);

    store::Project &m_project;
    jobs::JobContext &m_context;
    TrainResources m_resources;
    std::function<void(const EpochReport &)> m_onEpoch;
    std::function<void(std::int64_t)> m_onStarted;
    TrainOptions m_options;
    std::optional<RunLog> m_log;
    TrainSummary m_summary;
    nn::SieveModel m_model; // the whole model as trained: definition, classes, normalisation, initial weights
    std::unique_ptr<TrainingInputs> m_inputs;
    std::unique_ptr<nn::Network> m_network;
    std::optional<nn::Optimizer> m_optimizer;
    nn::LrSchedule m_schedule;
    int m_startEpoch = 0;
    std::int64_t m_step = 0;
    EarlyStopping m_stopping;
    double m_bestTop1 = 0; // val/top1 of the best epoch, whatever early stopping watches
    std::optional<ClassificationMetrics> m_lastValidation;
    double m_trainSeconds = 0, m_waitSeconds = 0;
    qint64 m_trainImages = 0;
    std::int64_t m_jobId = 0;
    QString m_statsText; // " · loss … · acc … · … img/s" of the latest step, for the progress line
};

} // namespace sieve::train
