#include "local_cluster.h"

#include "worker_client.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

namespace sieve::cluster {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster::LocalCluster)
};

QString lastLines(const QString &path, int count)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
    return lines.mid(std::max<qsizetype>(0, lines.size() - count)).join(QLatin1Char('\n'));
}

} // namespace

struct LocalCluster::Impl {
    Options options;
    QTemporaryDir runDir;                 // token, port files, logs
    std::unique_ptr<QTemporaryDir> cacheDir; // when no cache root was given
    QList<QProcess *> processes;          // owned
    QList<WorkerEndpoint> endpoints;
    QList<int> exitCodes;
    bool stopped = false;

    ~Impl() { qDeleteAll(processes); }
};

LocalCluster::LocalCluster(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

LocalCluster::~LocalCluster() { stop(); }

const QList<WorkerEndpoint> &LocalCluster::endpoints() const { return d->endpoints; }

QList<qint64> LocalCluster::processIds() const
{
    QList<qint64> ids;
    for (const QProcess *process : d->processes)
        ids.append(process->processId());
    return ids;
}

QString LocalCluster::tokenFile() const { return d->runDir.filePath(QStringLiteral("token")); }

QString LocalCluster::logFile(int worker) const { return d->runDir.filePath(QStringLiteral("worker-%1.log").arg(worker)); }

Result<std::unique_ptr<LocalCluster>> LocalCluster::start(const Options &options)
{
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    if (!impl->runDir.isValid())
        return fail(Tr::tr("cannot create a temporary folder for the local cluster (%1)").arg(impl->runDir.errorString()));
    QString executable = options.executable;
    if (executable.isEmpty())
        executable = qEnvironmentVariable("SIEVE_WORKER");
    if (executable.isEmpty())
        executable = QCoreApplication::applicationDirPath() + QStringLiteral("/sieve-worker");
    if (!QFile::exists(executable))
        return fail(Tr::tr("sieve-worker not found at %1; set SIEVE_WORKER to its path").arg(executable));
    QString cacheRoot = options.cacheRoot;
    if (cacheRoot.isEmpty()) {
        impl->cacheDir = std::make_unique<QTemporaryDir>();
        if (!impl->cacheDir->isValid())
            return fail(Tr::tr("cannot create a temporary cache folder (%1)").arg(impl->cacheDir->errorString()));
        cacheRoot = impl->cacheDir->path();
    }

    // 32 random bytes from the system's generator, as hex; the file is private to this user
    // before the token is written into it.
    QByteArray token(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(token.data()), token.size() / 4);
    token = token.toHex();
    const QString tokenPath = impl->runDir.filePath(QStringLiteral("token"));
    {
        QFile file(tokenPath);
        if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)
            || file.write(token) != token.size())
            return fail(Tr::tr("cannot write the token file %1 (%2)").arg(tokenPath, file.errorString()));
    }

    std::unique_ptr<LocalCluster> cluster(new LocalCluster(std::move(impl)));
    Impl &state = *cluster->d;
    for (int i = 0; i < options.workers; ++i) {
        auto *process = new QProcess;
        state.processes.append(process);
        QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                         QStringLiteral("--token-file"), tokenPath,
                         QStringLiteral("--cache-dir"), QDir(cacheRoot).filePath(QStringLiteral("worker-%1").arg(i)),
                         QStringLiteral("--port-file"), state.runDir.filePath(QStringLiteral("port-%1").arg(i))};
        if (options.threadsPerWorker > 0)
            args << QStringLiteral("--threads") << QString::number(options.threadsPerWorker);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->setStandardErrorFile(cluster->logFile(i));
        process->start(executable, args);
        if (!process->waitForStarted(10'000))
            return fail(Tr::tr("cannot start %1: %2").arg(executable, process->errorString()));
    }

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < options.workers; ++i) {
        QProcess *process = state.processes.at(i);
        const QString portPath = state.runDir.filePath(QStringLiteral("port-%1").arg(i));
        WorkerEndpoint endpoint;
        endpoint.token = token;
        while (true) {
            if (process->state() == QProcess::NotRunning)
                return fail(Tr::tr("local worker %1 exited while starting:\n%2").arg(i).arg(lastLines(cluster->logFile(i), 5)));
            if (timer.elapsed() > options.startTimeout.count())
                return fail(Tr::tr("local worker %1 did not become healthy within %2 s:\n%3")
                                .arg(i).arg(options.startTimeout.count() / 1000).arg(lastLines(cluster->logFile(i), 5)));
            if (endpoint.address.isEmpty()) {
                QFile portFile(portPath);
                if (portFile.open(QIODevice::ReadOnly))
                    endpoint.address = QStringLiteral("127.0.0.1:%1").arg(QString::fromLatin1(portFile.readAll().trimmed()));
            }
            if (!endpoint.address.isEmpty() && WorkerClient(endpoint, std::chrono::seconds(2)).checkHealth())
                break;
            process->waitForFinished(50); // a sleep that also notices the process exiting
        }
        state.endpoints.append(endpoint);
    }
    return cluster;
}

QList<int> LocalCluster::stop()
{
    if (d->stopped)
        return d->exitCodes;
    d->stopped = true;
    for (QProcess *process : d->processes)
        process->terminate(); // SIGTERM: the worker cancels its job and releases its port
    QElapsedTimer timer;
    timer.start();
    for (QProcess *process : d->processes) {
        const qint64 left = std::max<qint64>(0, d->options.stopGrace.count() - timer.elapsed());
        if (process->state() != QProcess::NotRunning && !process->waitForFinished(int(left))) {
            process->kill();
            process->waitForFinished(5'000);
        }
        d->exitCodes.append(process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1);
    }
    return d->exitCodes;
}

} // namespace sieve::cluster
