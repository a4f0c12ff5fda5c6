// The protocol is usable from other languages: Debian's python3-grpcio calls Info on a real
// worker with the token, from messages protoc generates out of worker.proto in the test.

#include "local_cluster.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;

class TestWorkerPython : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void infoFromPython();
    void wrongTokenFromPython();

private:
    QProcess *runPython(const QString &tokenFile);

    std::unique_ptr<cluster::LocalCluster> m_cluster;
    QTemporaryDir m_generated;
};

void TestWorkerPython::initTestCase()
{
    QProcess protoc;
    protoc.start(QStringLiteral("protoc"), {"-I", SIEVE_CLUSTER_PROTO_DIR, "--python_out=" + m_generated.path(),
                                            QStringLiteral(SIEVE_CLUSTER_PROTO_DIR) + "/sieve/cluster/v1/worker.proto"});
    QVERIFY(protoc.waitForFinished(60'000));
    QVERIFY2(protoc.exitCode() == 0, protoc.readAllStandardError().constData());
    cluster::LocalCluster::Options options;
    options.executable = QStringLiteral(SIEVE_WORKER_PATH);
    auto started = cluster::LocalCluster::start(options);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error()));
    m_cluster = std::move(*started);
}

QProcess *TestWorkerPython::runPython(const QString &tokenFile)
{
    auto *python = new QProcess(this);
    python->start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(SIEVE_CLUSTER_TESTS_DIR) + "/python_info.py",
                                                       m_generated.path(), m_cluster->endpoints().first().address, tokenFile});
    python->waitForFinished(60'000);
    return python;
}

void TestWorkerPython::infoFromPython()
{
    QProcess *python = runPython(m_cluster->tokenFile());
    QVERIFY2(python->exitCode() == 0, python->readAllStandardError().constData());
    const QJsonObject info = QJsonDocument::fromJson(python->readAllStandardOutput()).object();
    QCOMPARE(info.value("protocol_version").toInt(), 2);
    QCOMPARE(info.value("version").toString(), QStringLiteral("0.1.0"));
    QVERIFY(info.value("cores").toInt() > 0);
    QVERIFY(!info.value("isa").toString().isEmpty());
}

void TestWorkerPython::wrongTokenFromPython()
{
    QTemporaryDir dir;
    QFile token(dir.filePath("token"));
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("not-the-token-at-all-0000");
    token.close();
    QProcess *python = runPython(token.fileName());
    QCOMPARE(python->exitCode(), 1);
    QVERIFY(python->readAllStandardError().startsWith("UNAUTHENTICATED"));
}

QTEST_GUILESS_MAIN(TestWorkerPython)
#include "tst_worker_python.moc"
