#include "job_manager.h"

#include "blob_store.h"
#include "job_spec_validation.h"
#include "worker_log.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>

#include <exception>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::JobManager)
};

namespace v1 = cluster::v1;

bool hasEnded(v1::JobState state)
{
    return state == v1::JOB_STATE_SUCCEEDED || state == v1::JOB_STATE_FAILED || state == v1::JOB_STATE_CANCELLED;
}

const char *stateName(v1::JobState state)
{
    switch (state) {
    case v1::JOB_STATE_RUNNING: return "running";
    case v1::JOB_STATE_SUCCEEDED: return "succeeded";
    case v1::JOB_STATE_FAILED: return "failed";
    case v1::JOB_STATE_CANCELLED: return "cancelled";
    default: return "none";
    }
}

void fillMetrics(google::protobuf::RepeatedPtrField<v1::Metric> *out, const QList<Metric> &metrics)
{
    for (const Metric &metric : metrics) {
        v1::Metric *m = out->Add();
        m->set_tag(metric.tag.toStdString());
        m->set_value(metric.value);
    }
}

v1::JobEvent stateEvent(v1::JobState state, const QString &message)
{
    v1::JobEvent event;
    event.mutable_state()->set_state(state);
    event.mutable_state()->set_message(message.toStdString());
    return event;
}

} // namespace

class JobManager::Sink final : public JobEvents {
public:
    explicit Sink(JobManager &manager) : m_manager(manager) {}
    void step(std::uint64_t step, const QList<Metric> &metrics) override
    {
        v1::JobEvent event;
        event.mutable_step()->set_step(step);
        fillMetrics(event.mutable_step()->mutable_metrics(), metrics);
        m_manager.append(std::move(event));
    }
    void epoch(int epoch, std::uint64_t step, const QList<Metric> &metrics) override
    {
        v1::JobEvent event;
        event.mutable_epoch()->set_epoch(std::uint32_t(std::max(epoch, 0)));
        event.mutable_epoch()->set_step(step);
        fillMetrics(event.mutable_epoch()->mutable_metrics(), metrics);
        m_manager.append(std::move(event));
    }
    void log(LogLevel level, const QString &text) override
    {
        v1::JobEvent event;
        event.mutable_log()->set_level(level == LogLevel::Error     ? v1::LogLine::LEVEL_ERROR
                                       : level == LogLevel::Warning ? v1::LogLine::LEVEL_WARNING
                                                                    : v1::LogLine::LEVEL_INFO);
        event.mutable_log()->set_text(text.toStdString());
        m_manager.append(std::move(event));
    }

private:
    JobManager &m_manager;
};

JobManager::JobManager(const BlobStore &blobs, int threads, JobRunner runner)
    : m_blobs(blobs), m_threads(threads), m_runner(std::move(runner))
{
}

JobManager::~JobManager() { shutdown(); }

JobManager::StartResult JobManager::start(const v1::JobSpec &spec)
{
    auto model = validateJobSpec(spec, [this](const QString &hash) { return m_blobs.has(hash); });
    if (!model)
        return {Refusal::Invalid, model.error()};
    if (!m_runner)
        return {Refusal::NoRunner, Tr::tr("the job spec is valid, but this sieve-worker has no job runner: it was "
                                          "built without the training side, so it cannot train")};
    const std::lock_guard starting(m_startMutex);
    std::thread previous;
    {
        const std::lock_guard lock(m_mutex);
        if (m_shutDown)
            return {Refusal::ShuttingDown, Tr::tr("the worker is shutting down")};
        if (m_state == v1::JOB_STATE_RUNNING)
            return {Refusal::Busy, Tr::tr("job %1 is still running on this worker; cancel it or wait for it to end")
                                       .arg(QString::fromStdString(m_jobId))};
        previous.swap(m_thread);
    }
    // The last job has ended, but its thread may still be notifying watchers, which takes
    // m_mutex: joined without it.
    if (previous.joinable())
        previous.join();

    // Only the current job's files are ever served: earlier jobs' folders (checkpoints, models,
    // spilled image caches) go, so that the cache does not grow with every job and attempt.
    const QDir jobsDir(m_blobs.cacheDir() + QStringLiteral("/jobs"));
    for (const QString &name : jobsDir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (name != QString::fromStdString(spec.job_id()))
            QDir(jobsDir.filePath(name)).removeRecursively();
    }
    const QString workDir = jobsDir.filePath(QString::fromStdString(spec.job_id()));
    if (!QDir().mkpath(workDir))
        return {Refusal::Internal, Tr::tr("cannot create the job folder %1").arg(workDir)};
    {
        const std::lock_guard lock(m_mutex);
        m_jobId = spec.job_id();
        m_state = v1::JOB_STATE_RUNNING;
        m_modelPath = workDir + QStringLiteral("/model.sievemodel");
        QFile::remove(m_modelPath); // a model is only served if this attempt wrote it
        m_events.clear();
        m_nextSequence = 0;
        m_cancelled = std::make_shared<std::atomic<bool>>(false);
    }
    log::info(Tr::tr("job %1: started, rank %2 of %3, %4 images")
                  .arg(QString::fromStdString(spec.job_id()))
                  .arg(spec.rank())
                  .arg(spec.world_size())
                  .arg(spec.shard_size()));
    append(stateEvent(v1::JOB_STATE_RUNNING, {}));
    const std::lock_guard lock(m_mutex);
    m_thread = std::thread(&JobManager::run, this, std::make_shared<const v1::JobSpec>(spec), std::move(*model));
    return {};
}

void JobManager::run(std::shared_ptr<const v1::JobSpec> spec, nn::ModelDefinition model)
{
    std::shared_ptr<std::atomic<bool>> cancelled;
    QString modelPath;
    {
        const std::lock_guard lock(m_mutex);
        cancelled = m_cancelled;
        modelPath = m_modelPath;
    }
    Sink sink(*this);
    const QString workDir = m_blobs.cacheDir() + QStringLiteral("/jobs/") + QString::fromStdString(spec->job_id());
    const JobEnvironment environment{*spec, model, m_blobs, workDir, modelPath, m_threads, *cancelled, sink};
    Status status;
    try {
        status = m_runner(environment);
    } catch (const std::exception &e) {
        status = fail(Tr::tr("the job runner failed: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        status = fail(Tr::tr("the job runner failed with an unknown exception"));
    }
    const v1::JobState state = !status.ok() ? v1::JOB_STATE_FAILED
                               : cancelled->load() ? v1::JOB_STATE_CANCELLED
                                                   : v1::JOB_STATE_SUCCEEDED;
    const QString message = status.ok() ? QString() : status.error();
    // The state event first, then the state: a watcher that sees the state ended finds the event.
    append(stateEvent(state, message));
    {
        const std::lock_guard lock(m_mutex);
        m_state = state;
    }
    const QString line = Tr::tr("job %1: %2").arg(QString::fromStdString(spec->job_id()), QLatin1String(stateName(state)));
    if (state == v1::JOB_STATE_FAILED)
        log::error(line + QStringLiteral(": ") + message);
    else
        log::info(line);
    notify();
}

void JobManager::append(v1::JobEvent event)
{
    {
        const std::lock_guard lock(m_mutex);
        event.set_sequence(m_nextSequence++);
        event.set_job_id(m_jobId);
        event.set_wall_time_ms(QDateTime::currentMSecsSinceEpoch());
        m_events.push_back(std::move(event));
        if (m_events.size() > kMaxEvents)
            m_events.pop_front();
    }
    notify();
}

void JobManager::notify()
{
    std::vector<std::function<void()>> callbacks;
    {
        const std::lock_guard lock(m_mutex);
        for (const auto &[id, callback] : m_subscribers)
            callbacks.push_back(callback);
    }
    for (const auto &callback : callbacks)
        callback();
}

v1::JobState JobManager::cancel(const std::string &jobId)
{
    const std::lock_guard lock(m_mutex);
    if (jobId != m_jobId || m_jobId.empty())
        return v1::JOB_STATE_NONE;
    if (m_state == v1::JOB_STATE_RUNNING && m_cancelled) {
        if (!m_cancelled->exchange(true))
            log::info(Tr::tr("job %1: cancel requested").arg(QString::fromStdString(jobId)));
    }
    return m_state;
}

JobManager::Current JobManager::current() const
{
    const std::lock_guard lock(m_mutex);
    return {m_jobId, m_state};
}

JobManager::Events JobManager::events(const std::string &jobId, std::uint64_t from, std::size_t max) const
{
    const std::lock_guard lock(m_mutex);
    Events result;
    if (jobId.empty() || jobId != m_jobId)
        return result;
    result.found = true;
    const std::uint64_t first = m_events.empty() ? m_nextSequence : m_events.front().sequence();
    std::size_t index = from <= first ? 0 : std::size_t(from - first);
    for (; index < m_events.size() && result.events.size() < max; ++index)
        result.events.push_back(m_events[index]);
    result.ended = hasEnded(m_state) && index >= m_events.size();
    return result;
}

std::uint64_t JobManager::subscribe(std::function<void()> callback)
{
    const std::lock_guard lock(m_mutex);
    const std::uint64_t id = m_nextSubscriber++;
    m_subscribers.emplace(id, std::move(callback));
    return id;
}

void JobManager::unsubscribe(std::uint64_t id)
{
    const std::lock_guard lock(m_mutex);
    m_subscribers.erase(id);
}

Result<QString> JobManager::modelPath(const std::string &jobId) const
{
    const std::lock_guard lock(m_mutex);
    const QString id = QString::fromStdString(jobId);
    if (jobId.empty() || jobId != m_jobId)
        return fail(Tr::tr("no job %1 on this worker").arg(id));
    if (m_state == v1::JOB_STATE_RUNNING)
        return fail(Tr::tr("job %1 is still running; fetch its model when it has succeeded").arg(id));
    if (m_state != v1::JOB_STATE_SUCCEEDED)
        return fail(Tr::tr("job %1 %2 and left no model").arg(id, QLatin1String(stateName(m_state))));
    if (!QFile::exists(m_modelPath))
        return fail(Tr::tr("job %1 succeeded but wrote no model file").arg(id));
    return m_modelPath;
}

Result<QString> JobManager::workFile(const std::string &jobId, const char *file, const QString &missing) const
{
    const std::lock_guard lock(m_mutex);
    const QString id = QString::fromStdString(jobId);
    if (jobId.empty() || jobId != m_jobId)
        return fail(Tr::tr("no job %1 on this worker").arg(id));
    const QString path = m_blobs.cacheDir() + QStringLiteral("/jobs/") + id + QLatin1Char('/') + QLatin1String(file);
    if (!QFile::exists(path))
        return fail(missing);
    return path;
}

Result<QString> JobManager::checkpointPath(const std::string &jobId) const
{
    return workFile(jobId, kCheckpointFile,
                    Tr::tr("job %1 has written no checkpoint yet").arg(QString::fromStdString(jobId)));
}

Result<QString> JobManager::bestModelPath(const std::string &jobId) const
{
    return workFile(jobId, kBestModelFile,
                    Tr::tr("job %1 has finished no epoch yet, so it has no best model").arg(QString::fromStdString(jobId)));
}

void JobManager::shutdown()
{
    const std::lock_guard starting(m_startMutex);
    std::thread thread;
    {
        const std::lock_guard lock(m_mutex);
        m_shutDown = true;
        if (m_cancelled)
            m_cancelled->store(true);
        thread.swap(m_thread);
    }
    if (thread.joinable())
        thread.join();
    notify();
}

bool JobManager::isShutDown() const
{
    const std::lock_guard lock(m_mutex);
    return m_shutDown;
}

} // namespace sieve::worker
