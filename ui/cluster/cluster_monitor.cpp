#include "cluster/cluster_monitor.h"

#include "cluster/cluster_activity.h"
#include "store/runs.h"
#include "worker_registry.h"

#include <QDateTime>
#include <QMutex>
#include <QMutexLocker>
#include <QtConcurrent>

#include <future>

namespace sieve::ui {

namespace {

// One answer within this, or the worker is shown as not answering.
constexpr auto kPingDeadline = std::chrono::milliseconds(2500);

QString clientKey(const cluster::WorkerEndpoint &endpoint)
{
    return endpoint.address + QLatin1Char('\n') + QString::fromLatin1(endpoint.token.toBase64()) + QLatin1Char('\n') +
           QString::fromLatin1(endpoint.caPem.toBase64());
}

} // namespace

// A connection per worker, kept between polls (a TLS handshake per poll would be wasteful);
// used by the poll task, one poll at a time.
struct ClusterMonitor::Clients {
    QMutex mutex;
    QHash<QString, std::shared_ptr<cluster::WorkerClient>> byKey;

    std::shared_ptr<cluster::WorkerClient> get(const cluster::WorkerEndpoint &endpoint)
    {
        QMutexLocker lock(&mutex);
        std::shared_ptr<cluster::WorkerClient> &client = byKey[clientKey(endpoint)];
        if (!client)
            client = std::make_shared<cluster::WorkerClient>(endpoint, kPingDeadline);
        return client;
    }
};

QString workerStateName(WorkerStatus::State state)
{
    switch (state) {
    case WorkerStatus::State::Checking: return ClusterMonitor::tr("checking…");
    case WorkerStatus::State::Idle: return ClusterMonitor::tr("idle");
    case WorkerStatus::State::Busy: return ClusterMonitor::tr("busy");
    case WorkerStatus::State::Unreachable: return ClusterMonitor::tr("not answering");
    }
    return {};
}

ClusterMonitor::ClusterMonitor(store::Database &db, ClusterActivity *activity, QObject *parent)
    : QObject(parent), m_db(db), m_activity(activity), m_clients(std::make_shared<Clients>())
{
    connect(&m_timer, &QTimer::timeout, this, &ClusterMonitor::poll);
    connect(&m_watcher, &QFutureWatcher<QList<Answer>>::finished, this, [this] {
        merge(m_watcher.result());
        if (m_pollAgain) {
            m_pollAgain = false;
            poll();
        }
    });
    if (m_activity)
        connect(m_activity, &ClusterActivity::changed, this, [this] {
            rebuild();
            poll();
        });
    refresh();
}

// Pings end within their deadline: waiting for the last one is bounded.
ClusterMonitor::~ClusterMonitor()
{
    m_watcher.waitForFinished();
}

void ClusterMonitor::start(std::chrono::milliseconds interval)
{
    m_timer.start(interval);
    poll();
}

void ClusterMonitor::stop()
{
    m_timer.stop();
}

void ClusterMonitor::refresh()
{
    Result<QList<store::ClusterWorker>> listed = store::listClusterWorkers(m_db);
    m_listError = listed ? QString() : listed.error();
    m_registered = listed ? *listed : QList<store::ClusterWorker>();
    rebuild();
    poll();
}

// The rows: the project's workers, then local ones, keeping what is known of each.
void ClusterMonitor::rebuild()
{
    QHash<QString, WorkerStatus> known;
    for (const WorkerStatus &status : std::as_const(m_workers))
        known.insert(status.address, status);
    QList<WorkerStatus> rows;
    const auto row = [&](const QString &address) {
        WorkerStatus status = known.value(address);
        status.address = address;
        return status;
    };
    for (const store::ClusterWorker &worker : std::as_const(m_registered)) {
        WorkerStatus status = row(worker.address);
        status.name = worker.name;
        status.workerId = worker.id;
        rows.append(status);
    }
    if (m_activity)
        for (const cluster::WorkerEndpoint &endpoint : m_activity->localWorkers()) {
            WorkerStatus status = row(endpoint.address);
            status.workerId = 0;
            rows.append(status);
        }
    m_workers = rows;
    readThroughput();
    emit updated();
}

void ClusterMonitor::poll()
{
    if (m_watcher.isRunning()) {
        m_pollAgain = true;
        return;
    }
    QList<Target> targets;
    for (const store::ClusterWorker &worker : std::as_const(m_registered))
        targets.append({worker, {}});
    if (m_activity)
        for (const cluster::WorkerEndpoint &endpoint : m_activity->localWorkers())
            targets.append({{}, endpoint});
    if (targets.isEmpty())
        return;
    m_watcher.setFuture(QtConcurrent::run([targets, clients = m_clients] {
        std::vector<std::future<Answer>> pending;
        for (const Target &target : targets)
            pending.push_back(std::async(std::launch::async, [target, clients] {
                const bool isLocal = target.worker.id == 0;
                Answer answer{isLocal ? target.endpoint.address : target.worker.address};
                Result<cluster::WorkerEndpoint> endpoint =
                    isLocal ? Result<cluster::WorkerEndpoint>(target.endpoint) : cluster::endpointFor(target.worker);
                if (!endpoint) {
                    answer.info = endpoint.takeError();
                    return answer;
                }
                answer.info = clients->get(*endpoint)->info();
                return answer;
            }));
        QList<Answer> answers;
        for (std::future<Answer> &answer : pending)
            answers.append(answer.get());
        return answers;
    }));
}

void ClusterMonitor::merge(const QList<Answer> &answers)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Answer &answer : answers) {
        for (WorkerStatus &status : m_workers) {
            if (status.address != answer.address)
                continue;
            if (answer.info) {
                status.info = *answer.info;
                status.hasInfo = true;
                status.answeredAtMs = now;
                status.state = answer.info->busy ? WorkerStatus::State::Busy : WorkerStatus::State::Idle;
                status.message.clear();
            } else {
                status.state = WorkerStatus::State::Unreachable;
                status.message = answer.info.error();
            }
        }
    }
    readThroughput();
    emit updated();
}

// Each running cluster run's ranks: the worker at that rank and its last images/s.
void ClusterMonitor::readThroughput()
{
    for (WorkerStatus &status : m_workers) {
        status.runId = 0;
        status.rank = -1;
        status.imagesPerSecond = std::numeric_limits<double>::quiet_NaN();
    }
    if (!m_activity)
        return;
    for (const ClusterActivity::Run &run : m_activity->runs()) {
        for (int rank = 0; rank < run.ranks.size(); ++rank) {
            const QString tag = QStringLiteral("cluster/rank/%1/images_per_second").arg(rank);
            const QString key = QStringLiteral("%1/%2/%3").arg(run.runId).arg(run.attempt).arg(tag);
            store::MetricSeries series;
            const std::int64_t after = m_lastStep.value(key, std::numeric_limits<std::int64_t>::min());
            if (Result<std::size_t> read = store::readMetrics(m_db, run.runId, tag, after, series); read && !series.empty()) {
                m_lastStep.insert(key, series.lastStep());
                m_lastValue.insert(key, series.values.back());
            }
            for (WorkerStatus &status : m_workers) {
                if (status.address != run.ranks[rank])
                    continue;
                status.runId = run.runId;
                status.rank = rank;
                status.imagesPerSecond = m_lastValue.value(key, std::numeric_limits<double>::quiet_NaN());
            }
        }
    }
}

} // namespace sieve::ui
