// sieve-worker's defences, on real worker processes on 127.0.0.1: the bearer token, TLS, the
// message size bound, the protocol version, its refusal to listen beyond loopback without a
// token, and a clean SIGTERM.

#include "worker_process.h"

#include "worker_client.h"

#include <QObject>
#include <QProcess>
#include <QTest>

using namespace sieve;
using sieve::tests::WorkerProcess;

class TestWorkerSecurity : public QObject {
    Q_OBJECT

private slots:
    void infoWithTheToken();
    void wrongOrMissingTokenIsRefused_data();
    void wrongOrMissingTokenIsRefused();
    void otherProtocolVersionIsRefused();
    void oversizedMessageIsRefused();
    void tlsTrustsOnlyTheRightCa();
    void tlsWithClientCertificates();
    void sigtermExitsCleanlyAndFreesThePort();
    void refusesNonLoopbackWithoutToken();
    void refusesToStartWithoutAnyToken();
    void refusesAPortInUse();

private:
    // Makes a CA and a certificate for 127.0.0.1 signed by it in DIR with openssl; files are
    // DIR/PREFIX-ca.pem, -cert.pem, -key.pem.
    static void makeCertificates(const QString &dir, const QString &prefix);
    static QByteArray read(const QString &path);
};

QByteArray TestWorkerSecurity::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void TestWorkerSecurity::makeCertificates(const QString &dir, const QString &prefix)
{
    const auto run = [&dir](const QStringList &args) {
        QProcess openssl;
        openssl.setWorkingDirectory(dir);
        openssl.start(QStringLiteral("openssl"), args);
        QVERIFY2(openssl.waitForFinished(30'000), "openssl did not finish");
        QVERIFY2(openssl.exitCode() == 0, openssl.readAllStandardError().constData());
    };
    const QString ca = prefix + QStringLiteral("-ca");
    // A CA, then a key and a certificate for 127.0.0.1 signed by it: gRPC checks the IP SAN.
    run({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + ca,
         "-keyout", ca + "-key.pem", "-out", ca + ".pem"});
    QFile ext(QDir(dir).filePath(prefix + QStringLiteral(".ext")));
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ext.close();
    run({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", prefix + "-key.pem",
         "-out", prefix + ".csr"});
    run({"x509", "-req", "-in", prefix + ".csr", "-CA", ca + ".pem", "-CAkey", ca + "-key.pem", "-CAcreateserial",
         "-days", "2", "-extfile", prefix + ".ext", "-out", prefix + "-cert.pem"});
}

void TestWorkerSecurity::infoWithTheToken()
{
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH), {});
    QVERIFY2(worker.waitReady(), qPrintable(worker.log()));
    cluster::WorkerClient client(tests::endpoint(worker.address(), tests::kTestToken));
    auto info = client.info();
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error()));
    QCOMPARE(info->protocolVersion, 2u);
    QVERIFY(info->cores > 0);
    QVERIFY(!info->isa.isEmpty());
    QVERIFY(info->memoryTotalBytes > 0);
    QVERIFY(!info->busy);
    // The test's token file has the default mode, which others can read: the worker says so.
    QVERIFY2(worker.log().contains(QLatin1String("is readable by other users; make it private with chmod 600")),
             qPrintable(worker.log()));
}

void TestWorkerSecurity::wrongOrMissingTokenIsRefused_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("logged");
    QTest::newRow("wrong") << QByteArray("test-token-0123456789abcdeX") << QStringLiteral("wrong token");
    QTest::newRow("prefix of the right one") << QByteArray("test-token-0123") << QStringLiteral("wrong token");
    QTest::newRow("missing") << QByteArray() << QStringLiteral("no token");
}

void TestWorkerSecurity::wrongOrMissingTokenIsRefused()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, logged);
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH), {});
    QVERIFY2(worker.waitReady(), qPrintable(worker.log()));
    cluster::WorkerClient client(tests::endpoint(worker.address(), token));
    auto info = client.info();
    QVERIFY(!info.ok());
    QVERIFY2(info.error().contains(QLatin1String("[UNAUTHENTICATED]")), qPrintable(info.error()));
    QVERIFY2(info.error().contains(worker.address()), qPrintable(info.error()));
    // Every refusal is logged, with what was wrong.
    QTRY_VERIFY2(worker.log().contains(QLatin1String("refused Info")) && worker.log().contains(logged), qPrintable(worker.log()));
    // The other calls are guarded by the same check.
    QVERIFY(client.kvSet("k", "v").error().contains(QLatin1String("[UNAUTHENTICATED]")));
    QVERIFY(client.missingBlobs({}).error().contains(QLatin1String("[UNAUTHENTICATED]")));
}

void TestWorkerSecurity::otherProtocolVersionIsRefused()
{
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH), {});
    QVERIFY2(worker.waitReady(), qPrintable(worker.log()));
    cluster::WorkerEndpoint endpoint = tests::endpoint(worker.address(), tests::kTestToken);
    endpoint.protocolVersion = 1; // the version before early stopping (this build speaks 2)
    auto info = cluster::WorkerClient(endpoint).info();
    QVERIFY(!info.ok());
    QVERIFY2(info.error().contains(QLatin1String("[FAILED_PRECONDITION]")), qPrintable(info.error()));
    QVERIFY2(info.error().contains(QLatin1String("version 1")) && info.error().contains(QLatin1String("version 2")),
             qPrintable(info.error()));
}

void TestWorkerSecurity::oversizedMessageIsRefused()
{
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH), {});
    QVERIFY2(worker.waitReady(), qPrintable(worker.log()));
    cluster::WorkerClient client(tests::endpoint(worker.address(), tests::kTestToken));
    // Over the 64 MiB bound: gRPC refuses it before the worker reads it.
    const QByteArray huge(65 << 20, 'x');
    const Status status = client.kvSet("key", huge);
    QVERIFY(!status.ok());
    QVERIFY2(status.error().contains(QLatin1String("[RESOURCE_EXHAUSTED]")), qPrintable(status.error()));
    // Under the bound but over the KV value limit: the worker refuses it by name.
    const Status large = client.kvSet("key", QByteArray(2 << 20, 'x'));
    QVERIFY2(large.error().contains(QLatin1String("a value may have up to")), qPrintable(large.error()));
    // The worker is still serving.
    QVERIFY(client.info().ok());
}

void TestWorkerSecurity::tlsTrustsOnlyTheRightCa()
{
    QTemporaryDir dir;
    makeCertificates(dir.path(), QStringLiteral("server"));
    makeCertificates(dir.path(), QStringLiteral("other"));
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH),
                         {"--tls-cert", dir.filePath("server-cert.pem"), "--tls-key", dir.filePath("server-key.pem")});
    QVERIFY2(worker.waitReady(), qPrintable(worker.log()));
    QVERIFY(worker.log().contains(QLatin1String("TLS")));

    cluster::WorkerEndpoint right = tests::endpoint(worker.address(), tests::kTestToken, read(dir.filePath("server-ca.pem")));
    auto info = cluster::WorkerClient(right).info();
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error()));

    cluster::WorkerEndpoint wrong = tests::endpoint(worker.address(), tests::kTestToken, read(dir.filePath("other-ca.pem")));
    auto refused = cluster::WorkerClient(wrong, std::chrono::seconds(5)).info();
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QLatin1String("[UNAVAILABLE]")), qPrintable(refused.error()));

    // A plaintext client gets nowhere either.
    auto plain = cluster::WorkerClient(tests::endpoint(worker.address(), tests::kTestToken), std::chrono::seconds(5)).info();
    QVERIFY(!plain.ok());
}

void TestWorkerSecurity::tlsWithClientCertificates()
{
    QTemporaryDir dir;
    makeCertificates(dir.path(), QStringLiteral("server"));
    makeCertificates(dir.path(), QStringLiteral("client"));
    // The worker trusts client certificates signed by the client CA only.
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH),
                         {"--tls-cert", dir.filePath("server-cert.pem"), "--tls-key", dir.filePath("server-key.pem"),
                          "--tls-ca", dir.filePath("client-ca.pem")});
    QVERIFY2(worker.waitReady(), qPrintable(worker.log()));
    cluster::WorkerEndpoint endpoint = tests::endpoint(worker.address(), tests::kTestToken, read(dir.filePath("server-ca.pem")));
    auto without = cluster::WorkerClient(endpoint, std::chrono::seconds(5)).info();
    QVERIFY(!without.ok());
    endpoint.clientCertPem = read(dir.filePath("client-cert.pem"));
    endpoint.clientKeyPem = read(dir.filePath("client-key.pem"));
    auto with = cluster::WorkerClient(endpoint).info();
    QVERIFY2(with.ok(), qPrintable(with.ok() ? QString() : with.error()));
}

void TestWorkerSecurity::sigtermExitsCleanlyAndFreesThePort()
{
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH), {});
    QVERIFY2(worker.waitReady(), qPrintable(worker.log()));
    cluster::WorkerClient client(tests::endpoint(worker.address(), tests::kTestToken));
    QVERIFY(client.info().ok());
    QVERIFY(!tests::portIsFree(worker.port()));
    worker.terminate();
    QCOMPARE(worker.waitExit(), 0);
    QVERIFY(tests::portIsFree(worker.port()));
    QVERIFY(worker.log().contains(QLatin1String("SIGTERM received")));
    // A worker restarted on the same address serves again.
    WorkerProcess again(QStringLiteral(SIEVE_WORKER_PATH), {"--listen", worker.address()});
    QVERIFY2(again.waitReady(), qPrintable(again.log()));
    QCOMPARE(again.port(), worker.port());
    QVERIFY(cluster::WorkerClient(tests::endpoint(again.address(), tests::kTestToken)).info().ok());
}

void TestWorkerSecurity::refusesNonLoopbackWithoutToken()
{
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH), {"--insecure-local", "--listen", "0.0.0.0:0"});
    QCOMPARE(worker.waitExit(), 2);
    QVERIFY2(worker.log().contains(QLatin1String("--insecure-local on 0.0.0.0:0")), qPrintable(worker.log()));
    QVERIFY(!QFile::exists(worker.dir() + QStringLiteral("/port")));
}

void TestWorkerSecurity::refusesToStartWithoutAnyToken()
{
    WorkerProcess worker(QStringLiteral(SIEVE_WORKER_PATH), {}, false);
    QCOMPARE(worker.waitExit(), 2);
    QVERIFY2(worker.log().contains(QLatin1String("refusing to start without a token")), qPrintable(worker.log()));

    // On loopback, --insecure-local is allowed, and then no token is asked for.
    WorkerProcess local(QStringLiteral(SIEVE_WORKER_PATH), {"--insecure-local"});
    QVERIFY2(local.waitReady(), qPrintable(local.log()));
    QVERIFY(cluster::WorkerClient(tests::endpoint(local.address(), {})).info().ok());
}

void TestWorkerSecurity::refusesAPortInUse()
{
    WorkerProcess first(QStringLiteral(SIEVE_WORKER_PATH), {});
    QVERIFY2(first.waitReady(), qPrintable(first.log()));
    WorkerProcess second(QStringLiteral(SIEVE_WORKER_PATH), {"--listen", first.address()});
    QCOMPARE(second.waitExit(), 1);
    QVERIFY2(second.log().contains(QLatin1String("cannot listen on")), qPrintable(second.log()));
}

QTEST_GUILESS_MAIN(TestWorkerSecurity)
#include "tst_worker_security.moc"
