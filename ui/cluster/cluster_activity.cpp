#include "cluster/cluster_activity.h"

#include <QMutexLocker>

namespace sieve::ui {

ClusterActivity::ClusterActivity(QObject *parent) : QObject(parent)
{
}

void ClusterActivity::setAttempt(std::int64_t runId, int attempt, const QStringList &ranks)
{
    {
        QMutexLocker lock(&m_mutex);
        m_runs.insert(runId, {runId, attempt, ranks});
    }
    emit changed();
}

void ClusterActivity::endRun(std::int64_t runId)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_runs.remove(runId) == 0)
            return;
    }
    emit changed();
}

void ClusterActivity::addLocalCluster(const QString &key, const QList<cluster::WorkerEndpoint> &workers)
{
    {
        QMutexLocker lock(&m_mutex);
        m_local.insert(key, workers);
    }
    emit changed();
}

void ClusterActivity::removeLocalCluster(const QString &key)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_local.remove(key) == 0)
            return;
    }
    emit changed();
}

QList<ClusterActivity::Run> ClusterActivity::runs() const
{
    QMutexLocker lock(&m_mutex);
    return m_runs.values();
}

QList<cluster::WorkerEndpoint> ClusterActivity::localWorkers() const
{
    QMutexLocker lock(&m_mutex);
    QList<cluster::WorkerEndpoint> all;
    for (const QList<cluster::WorkerEndpoint> &workers : m_local)
        all.append(workers);
    return all;
}

} // namespace sieve::ui
