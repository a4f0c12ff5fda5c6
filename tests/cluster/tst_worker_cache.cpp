// The worker's content-addressed blob cache through a real process: PutShard stores what
// HasBlobs reported missing, a second upload sends nothing, and a blob whose bytes do not hash to
// its claim, or whose upload stops halfway, leaves no file behind.

#include "worker_process.h"

#include "ingest/image_file.h"
#include "worker_client.h"

#include <QDirIterator>
#include <QObject>
#include <QTest>

using namespace sieve;
using sieve::tests::WorkerProcess;

class TestWorkerCache : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void uploadThenNothingMissing();
    void secondUploadSendsNothing();
    void mismatchedHashLeavesNothing();
    void interruptedUploadLeavesNothing();
    void invalidHashIsRefused();

private:
    // A file of SIZE bytes (derived from SEED) in the test's folder; its content hash.
    cluster::BlobFile makeFile(const QString &name, int size, int seed);
    QStringList filesIn(const QString &sub) const;

    std::unique_ptr<WorkerProcess> m_worker;
    std::unique_ptr<cluster::WorkerClient> m_client;
    QTemporaryDir m_files;
};

void TestWorkerCache::init()
{
    m_worker = std::make_unique<WorkerProcess>(QStringLiteral(SIEVE_WORKER_PATH), QStringList{});
    QVERIFY2(m_worker->waitReady(), qPrintable(m_worker->log()));
    m_client = std::make_unique<cluster::WorkerClient>(tests::endpoint(m_worker->address(), tests::kTestToken));
}

void TestWorkerCache::cleanup()
{
    m_client.reset();
    m_worker.reset();
}

cluster::BlobFile TestWorkerCache::makeFile(const QString &name, int size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = char((i * 31 + seed * 7) % 256);
    const QString path = m_files.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(bytes);
    return {ingest::contentHash(bytes), path};
}

QStringList TestWorkerCache::filesIn(const QString &sub) const
{
    QStringList files;
    QDirIterator it(m_worker->cacheDir() + QLatin1Char('/') + sub, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

void TestWorkerCache::uploadThenNothingMissing()
{
    // 2.5 MiB spans three chunks; the others fit in one.
    const QList<cluster::BlobFile> files{makeFile("a.jpg", 5 << 19, 1), makeFile("b.jpg", 1000, 2), makeFile("c.jpg", 1, 3)};
    const QStringList hashes{files[0].hash, files[1].hash, files[2].hash};
    auto missing = m_client->missingBlobs(hashes);
    QVERIFY(missing.ok());
    QCOMPARE(*missing, hashes);

    QList<qint64> progressBytes;
    auto summary = m_client->uploadBlobs(files, [&](const cluster::UploadProgress &p) {
        progressBytes.append(p.bytesSent);
        return true;
    });
    QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
    QCOMPARE(summary->uploaded, 3);
    QCOMPARE(summary->skipped, 0);
    QCOMPARE(summary->bytesSent, (5 << 19) + 1000 + 1);
    QCOMPARE(progressBytes.size(), 5); // one call per chunk
    QCOMPARE(progressBytes.last(), (5 << 19) + 1000 + 1);

    missing = m_client->missingBlobs(hashes);
    QVERIFY(missing.ok());
    QVERIFY(missing->isEmpty());
    // Stored under their hash, byte for byte.
    for (const cluster::BlobFile &file : files) {
        QFile stored(m_worker->cacheDir() + "/blobs/" + file.hash.left(2) + "/" + file.hash);
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QFile original(file.path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), original.readAll());
    }
    auto info = m_client->info();
    QVERIFY(info.ok());
    QCOMPARE(info->cacheBlobs, 3u);
    QCOMPARE(info->cacheBytes, std::uint64_t((5 << 19) + 1000 + 1));
}

void TestWorkerCache::secondUploadSendsNothing()
{
    const QList<cluster::BlobFile> files{makeFile("a.jpg", 3000, 1), makeFile("b.jpg", 4000, 2)};
    QVERIFY(m_client->uploadBlobs(files).ok());
    // A re-run with one new file sends that file only.
    const QList<cluster::BlobFile> again{files[0], files[1], makeFile("c.jpg", 5000, 3)};
    auto summary = m_client->uploadBlobs(again);
    QVERIFY(summary.ok());
    QCOMPARE(summary->skipped, 2);
    QCOMPARE(summary->uploaded, 1);
    QCOMPARE(summary->bytesSent, 5000);
    summary = m_client->uploadBlobs(again);
    QVERIFY(summary.ok());
    QCOMPARE(summary->skipped, 3);
    QCOMPARE(summary->uploaded, 0);
    QCOMPARE(summary->bytesSent, 0);
}

void TestWorkerCache::mismatchedHashLeavesNothing()
{
    const cluster::BlobFile real = makeFile("a.jpg", 2 << 20, 1);
    const cluster::BlobFile other = makeFile("b.jpg", 100, 2);
    // b.jpg's bytes claimed to be a.jpg's hash.
    auto summary = m_client->uploadBlobs({{real.hash, other.path}});
    QVERIFY(!summary.ok());
    QVERIFY2(summary.error().contains(QLatin1String("[INVALID_ARGUMENT]")), qPrintable(summary.error()));
    QVERIFY2(summary.error().contains(QLatin1String("the bytes hash to ") + other.hash), qPrintable(summary.error()));
    QVERIFY(filesIn("blobs").isEmpty());
    QVERIFY(filesIn("tmp").isEmpty());
    auto missing = m_client->missingBlobs({real.hash});
    QVERIFY(missing.ok());
    QCOMPARE(missing->size(), 1);
}

void TestWorkerCache::interruptedUploadLeavesNothing()
{
    const cluster::BlobFile small = makeFile("small.jpg", 10, 1);
    const cluster::BlobFile big = makeFile("big.jpg", 3 << 20, 2);
    QVERIFY(m_client->uploadBlobs({small}).ok());
    // Stop after the first of the big file's three chunks: the worker drops what it received.
    auto summary = m_client->uploadBlobs({big}, [](const cluster::UploadProgress &) { return false; });
    QVERIFY(summary.ok());
    QCOMPARE(summary->uploaded, 0);
    QTRY_VERIFY_WITH_TIMEOUT(filesIn("tmp").isEmpty(), 10'000);
    const QStringList blobs = filesIn("blobs");
    QCOMPARE(blobs.size(), 1);
    QVERIFY(blobs.first().endsWith(small.hash));
    auto missing = m_client->missingBlobs({small.hash, big.hash});
    QVERIFY(missing.ok());
    QCOMPARE(*missing, QStringList{big.hash});
}

void TestWorkerCache::invalidHashIsRefused()
{
    auto missing = m_client->missingBlobs({QStringLiteral("../../etc/passwd")});
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().contains(QLatin1String("is not a content hash")), qPrintable(missing.error()));
    const cluster::BlobFile file = makeFile("a.jpg", 10, 1);
    auto summary = m_client->uploadBlobs({{QStringLiteral("../escape"), file.path}});
    QVERIFY(!summary.ok());
    QVERIFY(!QFile::exists(m_worker->cacheDir() + QStringLiteral("/escape")));
    QVERIFY(filesIn("blobs").isEmpty());
}

QTEST_GUILESS_MAIN(TestWorkerCache)
#include "tst_worker_cache.moc"
