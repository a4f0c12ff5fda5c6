#include "cluster_attempt.h"

#include "ingest/image_file.h"
#include "jobs/job_context.h"
#include "run_copies.h"
#include "train/checkpoint.h"
#include "train/run_log.h"
#include "worker_client.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

using namespace std::chrono_literals;

struct Worker {
    WorkerEndpoint endpoint;
    std::unique_ptr<WorkerClient> client; // StartJob, uploads, Watch, FetchModel
    std::unique_ptr<WorkerClient> ping;   // Info and Cancel under the short deadline
};

// Every wait of the coordinator: polls CONDITION every 200 ms until it holds or TIMEOUT passes.
bool waitFor(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeout.count())
            return false;
        QThread::msleep(200);
    }
    return true;
}

class Attempts {
public:
    Attempts(const AttemptSetup &setup, train::RunLog &log, jobs::JobContext &context,
             const std::function<void(const QString &)> &onLog, ClusterSummary &summary)
        : s(setup), m_log(log), m_context(context), m_onLog(onLog), m_summary(summary), m_copies(setup.runDir)
    {
    }
    Result<QString> run();

private:
    void say(const QString &line)
    {
        if (m_onLog)
            m_onLog(line);
    }
    Status startAttempt();
    // Follows the attempt until it ends. OK with m_succeeded, m_summary.cancelled, or a lost
    // worker in m_lost; an error for a job that failed for another reason.
    Status follow();
    void handleEvent(const JobEvent &event);
    // Rank 0's checkpoint and best model into the run folder (RunCopies); a failure is said and
    // the copies held stay.
    void copyRankZeroFiles();
    void cancelAll();
    // Workers whose Info fails now.
    void findLost();
    // The run's end in the summary, done or cancelled: the best epoch copied into the run
    // folder, and the workers of the last attempt in rank order.
    void noteEnd()
    {
        m_summary.bestEpoch = m_copies.bestEpoch();
        m_summary.bestTop1 = m_copies.bestMetadata().value(QStringLiteral("val/top1")).toDouble();
        m_summary.bestLoss = m_copies.bestMetadata().value(QStringLiteral("val/loss")).toDouble();
        m_summary.workersAtEnd.clear();
        for (int index : m_ranks)
            m_summary.workersAtEnd.append(m_workers[std::size_t(index)].endpoint.address);
    }
    QString workerName(int rank) const { return m_workers[m_ranks[std::size_t(rank)]].endpoint.address; }

    const AttemptSetup &s;
    train::RunLog &m_log;
    jobs::JobContext &m_context;
    std::function<void(const QString &)> m_onLog;
    ClusterSummary &m_summary;
    std::vector<Worker> m_workers;
    std::vector<int> m_ranks;        // this attempt's rank → index in m_workers
    std::set<int> m_lost;            // indices in m_workers
    int m_attempt = 0;
    QString m_jobId;
    std::uint64_t m_sequence = 0;    // rank 0's next Watch event
    std::int64_t m_lastStep = 0;
    bool m_succeeded = false;
    QString m_failure;               // rank 0's failure message
    RunCopies m_copies;              // the run's copies of the last checkpoint and the best model
};

Status Attempts::startAttempt()
{
    const int world = int(m_ranks.size());
    const int initialWorld = int(s.cluster.workers.size());
    // The per-worker batch stays; the global batch follows the workers left.
    const int globalBatch = m_attempt == 0 ? s.options.batchSize
                                           : std::max(world, int(std::lround(double(s.options.batchSize) * world / initialWorld)));
    const QString tag = QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    m_jobId = QStringLiteral("run%1-a%2-%3").arg(m_log.id()).arg(m_attempt).arg(tag);
    std::uint64_t startStep = 0;
    QString checkpointHash;
    const QString checkpointPath = m_copies.checkpointPath();
    if (QFile::exists(checkpointPath)) {
        Result<train::Checkpoint> saved = train::loadCheckpoint(checkpointPath);
        if (!saved)
            return saved.takeError();
        startStep = std::uint64_t(saved->info.value(QStringLiteral("step")).toInteger());
        QFile file(checkpointPath);
        if (!file.open(QIODevice::ReadOnly))
            return fail(Tr::tr("%1: cannot be read: %2").arg(checkpointPath, file.errorString()));
        checkpointHash = ingest::contentHash(file.readAll());
    }
    const Worker &rank0 = m_workers[m_ranks[0]];
    std::vector<JobSpec> specs;
    specs.resize(std::size_t(world));
    for (int r = 0; r < world; ++r) {
        Worker &worker = m_workers[m_ranks[std::size_t(r)]];
        JobSpec &spec = specs[std::size_t(r)];
        spec = rankSpec(s, r, world, globalBatch, m_jobId, worker.endpoint, rank0.endpoint);
        QList<BlobFile> files = rankFiles(s, r, world);
        if (r == 0 && !checkpointHash.isEmpty()) {
            spec.resumeCheckpointHash = checkpointHash;
            spec.startStep = startStep;
            files.append({checkpointHash, checkpointPath});
        }
        m_context.setPhase(Tr::tr("Sending images to %1").arg(worker.endpoint.address));
        Result<UploadSummary> sent = worker.client->uploadBlobs(files, [this](const UploadProgress &) {
            return !m_context.isCancelled();
        });
        if (!sent)
            return sent.takeError();
        m_summary.blobsUploaded += sent->uploaded;
        m_summary.blobsSkipped += sent->skipped;
        m_summary.bytesUploaded += sent->bytesSent;
        say(Tr::tr("%1: %2 images for rank %3, %4 sent (%5 bytes), %6 already there")
                .arg(worker.endpoint.address).arg(spec.shard.size() + spec.validationShard.size()).arg(r)
                .arg(sent->uploaded).arg(sent->bytesSent).arg(sent->skipped));
    }
    for (int r = 0; r < world; ++r) {
        Result<QString> started = m_workers[m_ranks[std::size_t(r)]].client->startJob(specs[std::size_t(r)]);
        if (!started)
            return started.takeError();
    }
    say(Tr::tr("Job %1 started on %n worker(s), global batch %2, from step %3", nullptr, world)
            .arg(m_jobId).arg(globalBatch).arg(startStep));
    if (s.cluster.onAttempt) {
        QStringList ranks;
        for (int r = 0; r < world; ++r)
            ranks.append(workerName(r));
        s.cluster.onAttempt(m_log.id(), m_attempt, ranks);
    }
    m_sequence = 0;
    m_succeeded = false;
    m_failure.clear();
    return {};
}

void Attempts::handleEvent(const JobEvent &event)
{
    m_sequence = event.sequence + 1;
    if (event.kind == JobEvent::Kind::Step || event.kind == JobEvent::Kind::Epoch) {
        for (const auto &[tag, value] : event.metrics) {
            m_log.add(tag, std::int64_t(event.step), value);
            if (tag == QLatin1String("val/top1"))
                m_summary.finalTop1 = value;
            else if (tag == QLatin1String("val/top5"))
                m_summary.finalTop5 = value;
            else if (tag == QLatin1String("val/loss"))
                m_summary.finalLoss = value;
            else if (tag == QLatin1String("train/images_per_second"))
                m_summary.imagesPerSecond = value;
        }
        m_lastStep = std::int64_t(event.step);
        m_summary.steps = m_lastStep;
        if (event.kind == JobEvent::Kind::Epoch) {
            m_summary.epochsDone = event.epoch;
            // Rank 0 wrote this epoch's checkpoint (and best model, if it improved) before
            // sending its metrics.
            copyRankZeroFiles();
            m_context.report(event.epoch, s.options.epochs);
            m_context.setPhase(Tr::tr("Epoch %1/%2 done on %n worker(s), top-1 %3", nullptr, int(m_ranks.size()))
                                   .arg(event.epoch).arg(s.options.epochs).arg(m_summary.finalTop1, 0, 'f', 3));
        }
    } else if (event.kind == JobEvent::Kind::Log) {
        say(QStringLiteral("%1: %2").arg(workerName(0), event.text));
    } else if (event.kind == JobEvent::Kind::State) {
        if (event.state == JobState::Succeeded)
            m_succeeded = true;
        else if (event.state != JobState::Running)
            m_failure = event.text.isEmpty() ? jobStateName(event.state) : event.text;
    }
}

void Attempts::copyRankZeroFiles()
{
    const int heldBest = m_copies.bestEpoch();
    if (Status copied = m_copies.refresh(*m_workers[m_ranks[0]].client, m_jobId); !copied) {
        say(Tr::tr("The checkpoint could not be copied: %1").arg(copied.error()));
        return;
    }
    if (m_copies.bestEpoch() != heldBest)
        say(Tr::tr("Epoch %1 is the best so far (val/top1 %2): its model is kept in the run folder.")
                .arg(m_copies.bestEpoch())
                .arg(m_copies.bestMetadata().value(QStringLiteral("val/top1")).toDouble(), 0, 'f', 4));
}

// Whether the worker answers Info: twice in a row it has not within the ping deadline is lost,
// so that one slow answer on a busy machine does not cost a restart.
Result<WorkerInfo> ping(WorkerClient &client)
{
    Result<WorkerInfo> info = client.info();
    return info ? std::move(info) : client.info();
}

void Attempts::findLost()
{
    for (int index : m_ranks) {
        if (!ping(*m_workers[std::size_t(index)].ping))
            m_lost.insert(index);
    }
}

void Attempts::cancelAll()
{
    for (int index : m_ranks) {
        if (!m_lost.count(index))
            (void)m_workers[std::size_t(index)].ping->cancel(m_jobId);
    }
    // Each job ends at its next step, or once its collective times out.
    for (int index : m_ranks) {
        if (m_lost.count(index))
            continue;
        WorkerClient &client = *m_workers[std::size_t(index)].ping;
        const bool ended = waitFor([&] {
            Result<WorkerInfo> info = client.info();
            return !info || info->jobId != m_jobId || info->jobState != JobState::Running;
        }, s.cluster.collectiveTimeout + 15s);
        if (!ended || !ping(client))
            m_lost.insert(index);
    }
}

Status Attempts::follow()
{
    QElapsedTimer heartbeat;
    heartbeat.start();
    WorkerClient &rank0 = *m_workers[m_ranks[0]].client;
    while (true) {
        (void)rank0.watch(m_jobId, m_sequence, [this](const JobEvent &event) {
            handleEvent(event);
            return !m_context.isCancelled();
        }, 1s);
        if (Status flushed = m_log.flush(); !flushed)
            return flushed;
        if (m_succeeded)
            return {};
        if (m_context.isCancelled()) {
            cancelAll();
            m_summary.cancelled = true;
            return {};
        }
        bool failed = !m_failure.isEmpty();
        if (failed || heartbeat.elapsed() >= s.cluster.heartbeat.count()) {
            heartbeat.restart();
            for (int index : m_ranks) {
                Result<WorkerInfo> info = ping(*m_workers[std::size_t(index)].ping);
                if (!info) {
                    say(Tr::tr("Worker lost: %1").arg(info.error()));
                    m_lost.insert(index);
                } else if (info->jobId == m_jobId && info->jobState == JobState::Failed) {
                    failed = true;
                }
            }
        }
        if (!failed && m_lost.empty())
            continue;
        cancelAll();
        findLost();
        if (!m_lost.empty())
            return {};
        // Every worker answers: the job itself failed. Rank 0's message, else the first other's.
        if (m_failure.isEmpty()) {
            for (std::size_t r = 1; r < m_ranks.size() && m_failure.isEmpty(); ++r) {
                (void)m_workers[m_ranks[r]].client->watch(m_jobId, 0, [&](const JobEvent &event) {
                    if (event.kind == JobEvent::Kind::State && event.state == JobState::Failed)
                        m_failure = QStringLiteral("%1 (rank %2): %3").arg(workerName(int(r))).arg(r).arg(event.text);
                    return true;
                }, 5s);
            }
            return fail(m_failure.isEmpty() ? Tr::tr("The job failed on the workers without a message.") : m_failure);
        }
        return fail(Tr::tr("%1 (rank 0): %2").arg(workerName(0), m_failure));
    }
}

Result<QString> Attempts::run()
{
    for (const WorkerEndpoint &endpoint : s.cluster.workers) {
        Worker worker{endpoint, std::make_unique<WorkerClient>(endpoint, s.cluster.callDeadline),
                      std::make_unique<WorkerClient>(endpoint, s.cluster.pingDeadline)};
        m_context.setPhase(Tr::tr("Asking %1").arg(endpoint.address));
        Result<WorkerInfo> info = worker.client->info();
        if (!info)
            return info.takeError();
        say(Tr::tr("%1: %2, %3 cores, %4 threads, %5").arg(endpoint.address, info->hostname).arg(info->cores).arg(info->threads).arg(info->isa));
        m_ranks.push_back(int(m_workers.size()));
        m_workers.push_back(std::move(worker));
    }
    while (true) {
        if (Status started = startAttempt(); !started) {
            // A worker that cannot be reached is lost like one that dies mid-job.
            if (m_context.isCancelled()) {
                cancelAll();
                m_summary.cancelled = true;
                noteEnd();
                return QString();
            }
            findLost();
            if (m_lost.empty())
                return started.takeError();
            cancelAll();
        } else if (Status followed = follow(); !followed) {
            return followed.takeError();
        }
        if (m_summary.cancelled) {
            noteEnd();
            return QString();
        }
        if (m_succeeded)
            break;
        // A worker was lost: the last checkpoint, then the workers left. Rank 0's events not
        // read yet come first (an epoch that ended meanwhile is recorded and its files copied).
        if (!m_lost.count(m_ranks[0])) {
            WorkerClient &rank0 = *m_workers[m_ranks[0]].client;
            (void)rank0.watch(m_jobId, m_sequence, [this](const JobEvent &event) {
                if (event.kind != JobEvent::Kind::State)
                    handleEvent(event);
                return true;
            }, 5s);
            (void)m_log.flush();
            if (Status copied = m_copies.refresh(rank0, m_jobId); !copied)
                say(Tr::tr("Rank 0's last checkpoint could not be fetched (%1); using the run's copy.").arg(copied.error()));
        }
        QStringList lost;
        for (int index : m_lost)
            lost.append(m_workers[std::size_t(index)].endpoint.address);
        std::vector<int> left;
        for (int index : m_ranks)
            if (!m_lost.count(index))
                left.push_back(index);
        if (m_summary.restarts >= s.cluster.maxRestarts)
            return fail(Tr::tr("Lost %1 after %n restart(s); giving up (--max-restarts).", nullptr, m_summary.restarts)
                            .arg(lost.join(QStringLiteral(", "))));
        if (left.empty())
            return fail(Tr::tr("Every worker was lost (%1).").arg(lost.join(QStringLiteral(", "))));
        // Workers lost at an earlier restart that answer again (restarted, back on the network)
        // and are idle join again; the run keeps its workers in their first order.
        QStringList back;
        for (int index = 0; index < int(m_workers.size()); ++index) {
            if (std::find(m_ranks.begin(), m_ranks.end(), index) != m_ranks.end())
                continue;
            // Fresh connections: the old ones may be waiting out gRPC's reconnect back-off.
            Worker &worker = m_workers[std::size_t(index)];
            auto ping = std::make_unique<WorkerClient>(worker.endpoint, s.cluster.pingDeadline);
            Result<WorkerInfo> info = ping->info();
            if (info && !info->busy) {
                worker.ping = std::move(ping);
                worker.client = std::make_unique<WorkerClient>(worker.endpoint, s.cluster.callDeadline);
                left.push_back(index);
                back.append(m_workers[std::size_t(index)].endpoint.address);
            }
        }
        std::sort(left.begin(), left.end());
        ++m_summary.restarts;
        ++m_attempt;
        m_ranks = left;
        m_lost.clear();

        Result<train::Checkpoint> saved = QFile::exists(m_copies.checkpointPath())
                                              ? train::loadCheckpoint(m_copies.checkpointPath())
                                              : Result<train::Checkpoint>(train::Checkpoint{});
        const std::int64_t resumeStep = saved ? saved->info.value(QStringLiteral("step")).toInteger() : 0;
        m_log.add(QStringLiteral("cluster/restart"), resumeStep, m_summary.restarts);
        m_log.add(QStringLiteral("cluster/workers"), resumeStep, double(m_ranks.size()));
        say(Tr::tr("Restart %1: lost %2; going on with %n worker(s) from step %3", nullptr, int(m_ranks.size()))
                .arg(m_summary.restarts).arg(lost.join(QStringLiteral(", "))).arg(resumeStep));
        if (!back.isEmpty())
            say(Tr::tr("Back and idle again, joining the run: %1").arg(back.join(QStringLiteral(", "))));
    }
    // The job ran every epoch, or ran out of patience before the last.
    m_summary.stoppedEarly = m_summary.epochsDone < s.options.epochs;
    if (m_copies.checkpointEpoch() != m_summary.epochsDone || m_copies.bestEpoch() == 0) {
        // The last epoch's files could not be copied as it ended: now that the job is over
        // they no longer change.
        m_context.setPhase(Tr::tr("Fetching the best model from %1").arg(workerName(0)));
        if (Status copied = m_copies.refresh(*m_workers[m_ranks[0]].client, m_jobId); !copied)
            return copied.takeError();
    }
    noteEnd();
    if (m_summary.stoppedEarly)
        say(Tr::tr("Stopped early after epoch %1 of %2; the best epoch is %3 (val/top1 %4).")
                .arg(m_summary.epochsDone).arg(s.options.epochs).arg(m_summary.bestEpoch).arg(m_summary.bestTop1, 0, 'f', 4));
    return m_copies.bestModelPath();
}

} // namespace

Result<QString> runAttempts(const AttemptSetup &setup, train::RunLog &log, jobs::JobContext &context,
                            const std::function<void(const QString &)> &onLog, ClusterSummary &summary)
{
    Attempts attempts(setup, log, context, onLog, summary);
    return attempts.run();
}

} // namespace sieve::cluster
