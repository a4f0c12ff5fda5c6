#include "worker_options.h"

#include "worker_endpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::WorkerOptions)
};

Result<QByteArray> readOptionFile(const QString &option, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("%1 %2: cannot read it (%3)").arg(option, path, file.errorString()));
    const qint64 kMaxBytes = 1 << 20; // tokens, certificates and keys are a few KiB
    QByteArray bytes = file.read(kMaxBytes + 1);
    if (bytes.size() > kMaxBytes)
        return fail(Tr::tr("%1 %2: larger than 1 MiB, not a token, certificate or key").arg(option, path));
    return bytes;
}

} // namespace

bool isLoopbackAddress(const QString &listenAddress)
{
    const QString host = cluster::hostOfAddress(listenAddress);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    if (host == QLatin1String("::1"))
        return true;
    // 127.0.0.0/8, written as four decimal octets.
    const QStringList octets = host.split(QLatin1Char('.'));
    if (octets.size() != 4)
        return false;
    for (const QString &octet : octets) {
        bool ok = false;
        const int value = octet.toInt(&ok);
        if (!ok || value < 0 || value > 255)
            return false;
    }
    return octets.constFirst() == QLatin1String("127");
}

QString workerUsage()
{
    return Tr::tr("Usage: sieve-worker --cache-dir DIR (--token-file FILE | --insecure-local) [options]\n"
                  "Serves Sieve's cluster training protocol (sieve.cluster.v1) on this node.\n\n"
                  "  --listen HOST:PORT    address to listen on (default %1; loopback unless told)\n"
                  "  --token-file FILE     bearer token clients must send (at least %2 characters)\n"
                  "  --insecure-local      no token; only on a loopback address\n"
                  "  --tls-cert FILE       serve TLS with this PEM certificate (chain)\n"
                  "  --tls-key FILE        the certificate's PEM private key\n"
                  "  --tls-ca FILE         require client certificates signed by this PEM CA\n"
                  "  --cache-dir DIR       blob cache and job files; the worker writes nowhere else\n"
                  "  --threads N           threads a training job uses (default: one per core)\n"
                  "  --port-file FILE      write the port listened on there (for --listen HOST:0)\n"
                  "  --help                show this text\n")
        .arg(QLatin1String(kDefaultListenAddress))
        .arg(kMinTokenLength);
}

Result<WorkerOptions> parseWorkerOptions(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption listen(QStringLiteral("listen"), QString(), QStringLiteral("HOST:PORT"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption insecure(QStringLiteral("insecure-local"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption tlsCa(QStringLiteral("tls-ca"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption cacheDir(QStringLiteral("cache-dir"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption threads(QStringLiteral("threads"), QString(), QStringLiteral("N"));
    const QCommandLineOption portFile(QStringLiteral("port-file"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption help(QStringLiteral("help"));
    parser.addOptions({listen, tokenFile, insecure, tlsCert, tlsKey, tlsCa, cacheDir, threads, portFile, help});
    if (!parser.parse(QStringList{QStringLiteral("sieve-worker")} + args))
        return fail(parser.errorText());
    WorkerOptions options;
    if (parser.isSet(help)) {
        options.help = true;
        return options;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(Tr::tr("unexpected argument %1").arg(parser.positionalArguments().constFirst()));

    options.listenAddress = parser.isSet(listen) ? parser.value(listen) : QLatin1String(kDefaultListenAddress);
    const int colon = options.listenAddress.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const int port = colon < 0 ? -1 : options.listenAddress.mid(colon + 1).toInt(&portOk);
    if (colon <= 0 || !portOk || port < 0 || port > 65535)
        return fail(Tr::tr("--listen %1: expected HOST:PORT, e.g. 127.0.0.1:7431 or 0.0.0.0:7431")
                        .arg(options.listenAddress));

    if (!parser.isSet(cacheDir))
        return fail(Tr::tr("--cache-dir DIR is required: the worker keeps uploaded images and job files there"));
    options.cacheDir = QDir(parser.value(cacheDir)).absolutePath();

    if (parser.isSet(threads)) {
        bool ok = false;
        options.threads = parser.value(threads).toInt(&ok);
        if (!ok || options.threads < 1 || options.threads > 4096)
            return fail(Tr::tr("--threads %1: expected a number of threads from 1 to 4096").arg(parser.value(threads)));
    }
    options.portFile = parser.value(portFile);

    options.insecureLocal = parser.isSet(insecure);
    if (parser.isSet(tokenFile)) {
        if (options.insecureLocal)
            return fail(Tr::tr("--token-file and --insecure-local exclude each other"));
        auto token = readOptionFile(QStringLiteral("--token-file"), parser.value(tokenFile));
        if (!token)
            return token.takeError();
        options.token = token->trimmed();
        const QFile::Permissions others = QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther;
        if (QFileInfo(parser.value(tokenFile)).permissions() & others)
            options.warnings.append(Tr::tr("--token-file %1 is readable by other users; make it private with "
                                           "chmod 600")
                                        .arg(parser.value(tokenFile)));
        if (options.token.size() < kMinTokenLength)
            return fail(Tr::tr("--token-file %1: the token is shorter than %2 characters; make one with "
                               "`openssl rand -hex 32`")
                            .arg(parser.value(tokenFile))
                            .arg(kMinTokenLength));
    } else if (!options.insecureLocal) {
        return fail(Tr::tr("refusing to start without a token: give --token-file FILE (or --insecure-local, "
                           "only on a loopback address)"));
    } else if (!isLoopbackAddress(options.listenAddress)) {
        return fail(Tr::tr("--insecure-local on %1: without a token the worker listens only on a loopback "
                           "address (127.0.0.1, ::1); give --token-file FILE to listen there")
                        .arg(options.listenAddress));
    }

    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return fail(Tr::tr("--tls-cert and --tls-key go together: the certificate and its private key"));
    if (parser.isSet(tlsCa) && !parser.isSet(tlsCert))
        return fail(Tr::tr("--tls-ca needs --tls-cert and --tls-key: client certificates are checked over TLS only"));
    const std::pair<const QCommandLineOption *, QByteArray *> files[] = {
        {&tlsCert, &options.tlsCertPem}, {&tlsKey, &options.tlsKeyPem}, {&tlsCa, &options.tlsCaPem}};
    for (const auto &[option, target] : files) {
        if (!parser.isSet(*option))
            continue;
        const QString name = QStringLiteral("--") + option->names().constFirst();
        auto bytes = readOptionFile(name, parser.value(*option));
        if (!bytes)
            return bytes.takeError();
        if (!bytes->contains("-----BEGIN "))
            return fail(Tr::tr("%1 %2: not a PEM file (no -----BEGIN line)").arg(name, parser.value(*option)));
        *target = *bytes;
    }
    return options;
}

} // namespace sieve::worker
