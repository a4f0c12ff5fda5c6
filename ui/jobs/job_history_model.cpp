#include "jobs/job_history_model.h"

#include "base/check.h"

#include <QColor>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>

namespace sieve::ui {

namespace {

// What the job worked on, from its parameters: a folder's name for imports and exports.
QString subject(const jobs::JobRecord &job)
{
    for (const char *key : {"images", "out"}) {
        const QString path = job.params.value(QLatin1String(key)).toString();
        if (!path.isEmpty())
            return QFileInfo(path).fileName();
    }
    return {};
}

} // namespace

JobHistoryModel::JobHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

QString JobHistoryModel::timeText(const QString &iso, bool shortToday)
{
    if (iso.isEmpty())
        return {};
    const QDateTime at = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!at.isValid())
        return iso;
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    // Today's jobs by time only: the column stays narrow where it is read most.
    if (shortToday && local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}

QString JobHistoryModel::kindTitle(const QString &kind)
{
    if (kind == QLatin1String("import"))
        return tr("Import");
    if (kind == QLatin1String("thumbnails"))
        return tr("Thumbnails");
    if (kind == QLatin1String("scan-quality"))
        return tr("Quality scan");
    if (kind == QLatin1String("scan-duplicates"))
        return tr("Duplicate scan");
    if (kind == QLatin1String("scan-pii"))
        return tr("Personal information scan");
    if (kind == QLatin1String("export"))
        return tr("Export");
    return kind;
}

QString JobHistoryModel::statusTitle(const QString &status)
{
    if (status == QLatin1String("running"))
        return tr("Running");
    if (status == QLatin1String("done"))
        return tr("Done");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled");
    if (status == QLatin1String("interrupted"))
        return tr("Interrupted");
    return status;
}

void JobHistoryModel::setJobs(const QList<jobs::JobListing> &jobs)
{
    if (jobs == m_jobs)
        return;
    bool sameJobs = jobs.size() == m_jobs.size();
    for (qsizetype i = 0; sameJobs && i < jobs.size(); ++i)
        sameJobs = jobs[i].job.id == m_jobs[i].job.id;
    if (!sameJobs) {
        beginResetModel();
        m_jobs = jobs;
        endResetModel();
        return;
    }
    m_jobs = jobs;
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

bool JobHistoryModel::anyRunning() const
{
    for (const jobs::JobListing &listing : m_jobs)
        if (listing.job.status == QLatin1String("running"))
            return true;
    return false;
}

const jobs::JobListing *JobHistoryModel::job(int row) const
{
    return row >= 0 && row < m_jobs.size() ? &m_jobs[row] : nullptr;
}

int JobHistoryModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_jobs.size()); }

int JobHistoryModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant JobHistoryModel::data(const QModelIndex &index, int role) const
{
    SIEVE_CHECK(index.isValid() && index.row() < m_jobs.size(), return {});
    const jobs::JobListing &listing = m_jobs[index.row()];
    const jobs::JobRecord &job = listing.job;
    switch (role) {
    case IdRole:
        return qint64(job.id);
    case DoneRole:
        return job.done;
    case TotalRole:
        return job.total;
    case StatusRole:
        return job.status;
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Job: {
            const QString what = subject(job);
            return what.isEmpty() ? kindTitle(job.kind) : tr("%1 · %2").arg(kindTitle(job.kind), what);
        }
        case State:
            return statusTitle(job.status);
        case Progress:
            if (job.total > 0)
                return tr("%1 / %2").arg(QLocale().toString(job.done), QLocale().toString(job.total));
            return job.done > 0 ? QLocale().toString(job.done) : QString();
        case Started:
            return timeText(job.createdAt);
        case Ended:
            return timeText(job.finishedAt);
        case LastError:
            return listing.issueCount > 1 && job.error.isEmpty()
                       ? tr("%1 (and %2 more)").arg(listing.lastError).arg(listing.issueCount - 1)
                       : listing.lastError;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Job:
            return tr("Job %1 · %2").arg(job.id).arg(QString::fromUtf8(QJsonDocument(job.params).toJson(QJsonDocument::Compact)));
        case LastError:
            return listing.lastError.isEmpty() ? QVariant() : listing.lastError;
        case Started:
        case Ended:
            return index.column() == Started ? job.createdAt : job.finishedAt;
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == State || index.column() == LastError) {
            if (job.status == QLatin1String("failed"))
                return QColor(0xb7, 0x1c, 0x1c);
            if (job.status == QLatin1String("interrupted"))
                return QColor(0xb2, 0x6a, 0x00);
        }
        return {};
    default:
        return {};
    }
}

QVariant JobHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Job: return tr("Job");
    case State: return tr("State");
    case Progress: return tr("Progress");
    case Started: return tr("Started");
    case Ended: return tr("Ended");
    case LastError: return tr("Last error");
    case ColumnCount: break;
    }
    return {};
}

} // namespace sieve::ui
