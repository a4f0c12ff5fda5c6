#include "jobs/job_runner.h"

#include "store/database.h"

#include <QThreadPool>
#include <QtConcurrent>

namespace sieve::ui {

namespace {

QThreadPool *jobPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(qApp);
        p->setObjectName(QStringLiteral("sieve-jobs"));
        // A job parallelises inside itself; two jobs at once keep the GUI's own work responsive.
        p->setMaxThreadCount(2);
        return p;
    }();
    return pool;
}

} // namespace

JobRunner::JobRunner(QString title, QString databasePath, Work work, QObject *parent)
    : QObject(parent), m_title(std::move(title)), m_databasePath(std::move(databasePath)), m_work(std::move(work))
{
    m_context = std::make_unique<jobs::JobContext>([this](const jobs::JobProgress &progress) {
        QMetaObject::invokeMethod(this, [this, progress] { emit progressChanged(progress); }, Qt::QueuedConnection);
    });
    connect(&m_watcher, &QFutureWatcher<Result<JobOutcome>>::finished, this, [this] {
        m_running = false;
        const Result<JobOutcome> result = m_watcher.result();
        if (result)
            emit finished(true, *result, QString());
        else
            emit finished(false, JobOutcome{}, result.error());
    });
}

JobRunner::~JobRunner()
{
    m_context->cancel();
    m_watcher.waitForFinished();
}

void JobRunner::start()
{
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run(jobPool(), [path = m_databasePath, work = m_work, context = m_context.get()]() -> Result<JobOutcome> {
        Result<store::Database> db = store::Database::open(path);
        if (!db)
            return db.takeError();
        return work(*db, *context);
    }));
}

void JobRunner::cancel() { m_context->cancel(); }

} // namespace sieve::ui
