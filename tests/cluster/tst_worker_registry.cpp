// The project's worker list (store/cluster_workers) and the secrets it points to
// (cluster/client/worker_registry): addresses checked, duplicates refused, tokens typed in kept
// in files only the user can read, token files others can read refused, nothing secret in the
// project database.

#include "store/cluster_workers.h"
#include "store/project.h"
#include "worker_registry.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace sieve;

namespace {

int modeOf(const QString &path)
{
    struct stat status = {};
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? int(status.st_mode & 0777) : -1;
}

QString writeFile(const QString &path, const QByteArray &content, int mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    file.close();
    ::chmod(QFile::encodeName(path).constData(), mode_t(mode));
    return path;
}

} // namespace

class TestWorkerRegistry : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("SIEVE_TOKEN_DIR", m_dir.filePath(QStringLiteral("tokens")).toUtf8());
        auto project = store::Project::create(m_dir.filePath(QStringLiteral("project")));
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        m_project = std::move(*project);
    }

    void addressesAreChecked()
    {
        for (const char *good : {"10.0.0.5:50051", " node-3.lab:7431 ", "[fe80::1]:7431", "localhost:1", "h:65535"})
            QVERIFY2(store::validWorkerAddress(QLatin1String(good)).ok(), good);
        QCOMPARE(*store::validWorkerAddress(QStringLiteral(" node-3.lab:7431 ")), QStringLiteral("node-3.lab:7431"));
        for (const char *bad : {"10.0.0.5", ":7431", "host:0", "host:65536", "host:port", "fe80::1:7431", "two words:80", ""}) {
            Result<QString> checked = store::validWorkerAddress(QLatin1String(bad));
            QVERIFY2(!checked.ok(), bad);
            QVERIFY(checked.error().contains(QStringLiteral("HOST:PORT")));
        }
    }

    void addListUpdateRemove()
    {
        store::Database &db = m_project->db();
        const QString token = writeFile(m_dir.filePath(QStringLiteral("a.token")), "0123456789abcdef0123\n", 0600);
        store::ClusterWorker a{0, QStringLiteral("10.0.0.5:7431"), QStringLiteral("  lab   box "), token, {}, {}, {}};
        Result<std::int64_t> id = store::addClusterWorker(db, a);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error()));
        // The same address again, in another letter case: refused, naming it.
        store::ClusterWorker again = a;
        again.address = QStringLiteral("10.0.0.5:7431");
        Result<std::int64_t> duplicate = store::addClusterWorker(db, again);
        QVERIFY(!duplicate.ok());
        QVERIFY(duplicate.error().contains(QStringLiteral("10.0.0.5:7431")));
        store::ClusterWorker b{0, QStringLiteral("NODE-B:7431"), {}, token, {}, {}, {}};
        QVERIFY(store::addClusterWorker(db, b).ok());
        b.address = QStringLiteral("node-b:7431");
        QVERIFY(!store::addClusterWorker(db, b).ok());
        // No token file: refused.
        store::ClusterWorker noToken{0, QStringLiteral("10.0.0.7:7431"), {}, {}, {}, {}, {}};
        QVERIFY(!store::addClusterWorker(db, noToken).ok());
        // A certificate without its key: refused.
        store::ClusterWorker halfTls{0, QStringLiteral("10.0.0.8:7431"), {}, token, QStringLiteral("/ca.pem"), QStringLiteral("/c.pem"), {}};
        QVERIFY(!store::addClusterWorker(db, halfTls).ok());

        Result<QList<store::ClusterWorker>> listed = store::listClusterWorkers(db);
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 2);
        QCOMPARE(listed->at(0).id, *id);
        QCOMPARE(listed->at(0).name, QStringLiteral("lab box"));
        QCOMPARE(listed->at(0).tokenFile, token);
        QCOMPARE(listed->at(1).address, QStringLiteral("NODE-B:7431"));

        store::ClusterWorker changed = listed->at(0);
        changed.address = QStringLiteral("10.0.0.6:7431");
        QVERIFY(store::updateClusterWorker(db, changed).ok());
        // Onto another worker's address: refused, nothing changed.
        changed.address = QStringLiteral("node-b:7431");
        QVERIFY(!store::updateClusterWorker(db, changed).ok());
        QCOMPARE(store::listClusterWorkers(db)->at(0).address, QStringLiteral("10.0.0.6:7431"));

        QVERIFY(store::removeClusterWorker(db, *id).ok());
        QVERIFY(store::removeClusterWorker(db, *id).ok());   // gone already: not an error
        QCOMPARE(store::listClusterWorkers(db)->size(), 1);
        changed.address = QStringLiteral("10.0.0.9:7431");
        QVERIFY(!store::updateClusterWorker(db, changed).ok());   // no such row
    }

    void typedTokensAreKeptPrivately()
    {
        Result<QString> stored = cluster::storeWorkerToken("  s3cret-token-of-node-a \n", QStringLiteral("[fe80::1]:7431"));
        QVERIFY2(stored.ok(), qPrintable(stored.ok() ? QString() : stored.error()));
        QVERIFY(cluster::isStoredToken(*stored));
        QCOMPARE(modeOf(*stored), 0600);
        QCOMPARE(modeOf(cluster::workerTokenFolder()), 0700);
        QVERIFY(!QFileInfo(*stored).fileName().contains(QLatin1Char(':')));
        QFile file(*stored);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("s3cret-token-of-node-a\n"));
        // Not in the project's database.
        QFile database(m_project->databasePath());
        QVERIFY(database.open(QIODevice::ReadOnly));
        QVERIFY(!database.readAll().contains("s3cret-token-of-node-a"));

        store::ClusterWorker worker{1, QStringLiteral("[fe80::1]:7431"), {}, *stored, {}, {}, {}};
        Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(worker);
        QVERIFY2(endpoint.ok(), qPrintable(endpoint.ok() ? QString() : endpoint.error()));
        QCOMPARE(endpoint->token, QByteArray("s3cret-token-of-node-a"));
        QCOMPARE(endpoint->address, worker.address);
        QVERIFY(endpoint->caPem.isEmpty());

        QVERIFY(!cluster::storeWorkerToken(" \n", QStringLiteral("h:1")).ok());
        cluster::forgetStoredToken(*stored);
        QVERIFY(!QFile::exists(*stored));
    }

    void tokenFilesOthersCanReadAreRefused()
    {
        const QString token = writeFile(m_dir.filePath(QStringLiteral("open.token")), "0123456789abcdef0123\n", 0644);
        store::ClusterWorker worker{1, QStringLiteral("h:7431"), {}, token, {}, {}, {}};
        Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(worker);
        QVERIFY(!endpoint.ok());
        QVERIFY(endpoint.error().contains(token));
        QVERIFY(endpoint.error().contains(QStringLiteral("chmod 600")));
        ::chmod(QFile::encodeName(token).constData(), 0600);
        QVERIFY(cluster::endpointFor(worker).ok());
        // A typed token stands in for the file (Test Connection before saving).
        QCOMPARE(cluster::endpointFor({1, QStringLiteral("h:7431"), {}, {}, {}, {}, {}}, "typed-token")->token, QByteArray("typed-token"));

        // A token file named by the user stays when the worker is forgotten.
        cluster::forgetStoredToken(token);
        QVERIFY(QFile::exists(token));

        // Missing, empty: named.
        worker.tokenFile = m_dir.filePath(QStringLiteral("missing.token"));
        QVERIFY(cluster::endpointFor(worker).error().contains(QStringLiteral("missing.token")));
        worker.tokenFile = writeFile(m_dir.filePath(QStringLiteral("empty.token")), "\n", 0600);
        QVERIFY(cluster::endpointFor(worker).error().contains(QStringLiteral("empty")));
    }

    void tlsFilesAreRead()
    {
        const QString token = writeFile(m_dir.filePath(QStringLiteral("t.token")), "0123456789abcdef0123", 0600);
        const QString ca = writeFile(m_dir.filePath(QStringLiteral("ca.pem")), "-----BEGIN CERTIFICATE-----\nCA\n", 0644);
        const QString cert = writeFile(m_dir.filePath(QStringLiteral("c.pem")), "-----BEGIN CERTIFICATE-----\nC\n", 0644);
        const QString key = writeFile(m_dir.filePath(QStringLiteral("k.pem")), "-----BEGIN PRIVATE KEY-----\nK\n", 0644);
        store::ClusterWorker worker{1, QStringLiteral("h:7431"), {}, token, ca, cert, key};
        // The client key is a secret as the token is.
        QVERIFY(cluster::endpointFor(worker).error().contains(key));
        ::chmod(QFile::encodeName(key).constData(), 0600);
        Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(worker);
        QVERIFY2(endpoint.ok(), qPrintable(endpoint.ok() ? QString() : endpoint.error()));
        QVERIFY(endpoint->caPem.contains("CA"));
        QVERIFY(endpoint->clientCertPem.contains("\nC\n"));
        QVERIFY(endpoint->clientKeyPem.contains("\nK\n"));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Project> m_project;
};

QTEST_GUILESS_MAIN(TestWorkerRegistry)
#include "tst_worker_registry.moc"
