#include "worker_registry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

constexpr qint64 kMaxSecretFile = 1 << 20;

Result<QByteArray> readSecretFile(const QString &address, const QString &what, const QString &path, bool ownerOnly)
{
    QFileInfo info(path);
    if (!info.exists())
        return fail(Tr::tr("Worker %1: its %2 %3 does not exist.").arg(address, what, path));
    if (ownerOnly) {
        struct stat status = {};
        if (::stat(QFile::encodeName(path).constData(), &status) == 0 && (status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
            return fail(Tr::tr("Worker %1: its %2 %3 can be read by other users of this computer. "
                               "Make it yours alone (chmod 600 %3) and try again.").arg(address, what, path));
    }
    if (info.size() > kMaxSecretFile)
        return fail(Tr::tr("Worker %1: its %2 %3 is larger than 1 MiB; is it the right file?").arg(address, what, path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("Worker %1: cannot read its %2 %3 (%4).").arg(address, what, path, file.errorString()));
    QByteArray content = file.readAll();
    if (content.trimmed().isEmpty())
        return fail(Tr::tr("Worker %1: its %2 %3 is empty.").arg(address, what, path));
    return content;
}

} // namespace

QString workerTokenFolder()
{
    const QString overridden = qEnvironmentVariable("SIEVE_TOKEN_DIR");
    if (!overridden.isEmpty())
        return QDir::cleanPath(QDir(overridden).absolutePath());
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir::cleanPath(data + QStringLiteral("/sieve/worker-tokens"));
}

bool isStoredToken(const QString &path)
{
    const QString folder = workerTokenFolder() + QLatin1Char('/');
    return QDir::cleanPath(QDir(path).absolutePath()).startsWith(folder);
}

Result<QString> storeWorkerToken(const QByteArray &token, const QString &address)
{
    const QByteArray secret = token.trimmed();
    if (secret.isEmpty())
        return fail(Tr::tr("Worker %1: the token is empty.").arg(address));
    const QString folder = workerTokenFolder();
    if (!QDir().mkpath(folder))
        return fail(Tr::tr("Cannot create the folder %1 for workers' tokens.").arg(folder));
    ::chmod(QFile::encodeName(folder).constData(), S_IRWXU);
    QString stem = address;
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QString path = QStringLiteral("%1/%2-%3.token").arg(folder, stem).arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    const QString temporary = path + QStringLiteral(".part");
    const QByteArray temporaryName = QFile::encodeName(temporary);
    const int fd = ::open(temporaryName.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        return fail(Tr::tr("Cannot write the token file %1: %2").arg(temporary, QString::fromLocal8Bit(std::strerror(errno))));
    const QByteArray content = secret + '\n';
    qsizetype written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.constData() + written, std::size_t(content.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += n;
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (written != content.size() || !synced || ::rename(temporaryName.constData(), QFile::encodeName(path).constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        ::unlink(temporaryName.constData());
        return fail(Tr::tr("Cannot write the token file %1: %2").arg(path, why));
    }
    return path;
}

void forgetStoredToken(const QString &path)
{
    if (!path.isEmpty() && isStoredToken(path))
        QFile::remove(path);
}

Result<WorkerEndpoint> endpointFor(const store::ClusterWorker &worker, const QByteArray &token)
{
    WorkerEndpoint endpoint;
    endpoint.address = worker.address;
    if (!token.trimmed().isEmpty()) {
        endpoint.token = token.trimmed();
    } else {
        Result<QByteArray> read = readSecretFile(worker.address, Tr::tr("token file"), worker.tokenFile, true);
        if (!read)
            return read.takeError();
        endpoint.token = read->trimmed();
    }
    if (!worker.tlsCaFile.isEmpty()) {
        Result<QByteArray> ca = readSecretFile(worker.address, Tr::tr("TLS certificate authority"), worker.tlsCaFile, false);
        if (!ca)
            return ca.takeError();
        endpoint.caPem = *ca;
    }
    if (!worker.tlsCertFile.isEmpty()) {
        Result<QByteArray> certificate = readSecretFile(worker.address, Tr::tr("client certificate"), worker.tlsCertFile, false);
        if (!certificate)
            return certificate.takeError();
        Result<QByteArray> key = readSecretFile(worker.address, Tr::tr("client key"), worker.tlsKeyFile, true);
        if (!key)
            return key.takeError();
        endpoint.clientCertPem = *certificate;
        endpoint.clientKeyPem = *key;
    }
    return endpoint;
}

} // namespace sieve::cluster
