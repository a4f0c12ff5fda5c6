#include "train_test_project.h"

#include "store/database.h"
#include "train/crc32c.h"
#include "train/event_file_writer.h"
#include "train/run_log.h"
#include "train/trainer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QtEndian>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sieve;

namespace {

struct Scalar {
    QString tag;
    std::int64_t step = 0;
    double value = 0;
    double wallTime = 0;
};

// What the independent reader (tests/data/read_tfevents.py, its own CRC-32C and
// google.protobuf) makes of FILE: its version, its scalars, or its complaint.
struct ReadBack {
    int exitCode = -1;
    QString version;
    QList<Scalar> scalars;
    QString error;
};

ReadBack readEvents(const QString &file)
{
    ReadBack result;
    QProcess reader;
    reader.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(SIEVE_TEST_DATA_DIR "/read_tfevents.py"), file});
    if (!reader.waitForFinished(60000))
        return result;
    result.exitCode = reader.exitCode();
    result.error = QString::fromUtf8(reader.readAllStandardError()).trimmed();
    for (const QString &line : QString::fromUtf8(reader.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList f = line.split(QLatin1Char('\t'));
        if (f.value(0) == QLatin1String("version"))
            result.version = f.value(1);
        else if (f.value(0) == QLatin1String("scalar") && f.size() == 5)
            result.scalars.append({f[1], f[2].toLongLong(), f[3].toDouble(), f[4].toDouble()});
    }
    return result;
}

QStringList eventFiles(const QString &directory)
{
    QStringList files;
    for (const QString &name : QDir(directory).entryList({QStringLiteral("events.out.tfevents.*")}, QDir::Files, QDir::Name))
        files.append(QDir(directory).filePath(name));
    return files;
}

} // namespace

class TestEventFile : public QObject {
    Q_OBJECT

private slots:
    void crc32cKnownVectors()
    {
        QCOMPARE(train::crc32c("123456789"), 0xE3069283u);
        QCOMPARE(train::crc32c(""), 0u);
        // RFC 3720 (iSCSI), B.4: 32 bytes of zeros and of ones.
        QCOMPARE(train::crc32c(QByteArray(32, '\0')), 0x8A9136AAu);
        QCOMPARE(train::crc32c(QByteArray(32, char(0xFF))), 0x62A8AB43u);
        QCOMPARE(train::maskedCrc32c(""), 0xa282ead8u);
        const std::uint32_t crc = 0xE3069283u;
        QCOMPARE(train::maskedCrc32c("123456789"), ((crc >> 15) | (crc << 17)) + 0xa282ead8u);
    }

    // What the writer writes, an independent reader reads: version, tags, steps, values (as
    // floats), wall times; a damaged byte is caught by the CRCs.
    void writtenScalarsReadBackAndDamageIsCaught()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto writer = train::EventFileWriter::create(dir.path(), 1763700000.25);
        QVERIFY2(writer.ok(), qPrintable(writer.ok() ? QString() : writer.error()));
        const QString path = (*writer)->path();
        QVERIFY(QFileInfo(path).fileName().startsWith(QStringLiteral("events.out.tfevents.1763700000.")));
        const QList<Scalar> written{{QStringLiteral("train/loss"), 1, 2.302585, 1763700001.5},
                                    {QStringLiteral("val/class/3/précision"), 300, 0.1, 1763700002.0},
                                    {QStringLiteral("train/lr"), 1LL << 40, -1e-7, 1763700003.125},
                                    {QStringLiteral("epoch"), 0, 0.0, 1763700004.0}};
        for (const Scalar &s : written)
            QVERIFY((*writer)->addScalar(s.tag, s.step, s.wallTime, s.value).ok());
        QVERIFY((*writer)->flush().ok());
        // A second writer in the same second gets a file of its own.
        auto second = train::EventFileWriter::create(dir.path(), 1763700000.75);
        QVERIFY(second.ok());
        QVERIFY((*second)->path() != path);

        const ReadBack read = readEvents(path);
        QVERIFY2(read.exitCode == 0, qPrintable(read.error));
        QCOMPARE(read.version, QStringLiteral("brain.Event:2"));
        QCOMPARE(read.scalars.size(), written.size());
        for (qsizetype i = 0; i < written.size(); ++i) {
            QCOMPARE(read.scalars[i].tag, written[i].tag);
            QCOMPARE(read.scalars[i].step, written[i].step);
            QCOMPARE(float(read.scalars[i].value), float(written[i].value));
            QCOMPARE(read.scalars[i].wallTime, written[i].wallTime);
        }

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        file.close();
        const qsizetype firstRecord = 16 + qsizetype(qFromLittleEndian<quint64>(good.constData()));
        const auto damaged = [&](qsizetype at) {
            QByteArray bytes = good;
            bytes[at] = char(bytes[at] ^ 0x10);
            QFile out(path);
            return out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(bytes) == bytes.size();
        };
        QVERIFY(damaged(firstRecord + 12 + 3)); // in the second record's data
        ReadBack bad = readEvents(path);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.error.contains(QStringLiteral("record 2: data CRC mismatch")), qPrintable(bad.error));
        QVERIFY(damaged(firstRecord + 1)); // in its length
        bad = readEvents(path);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.error.contains(QStringLiteral("record 2: length CRC mismatch")), qPrintable(bad.error));
    }

    // An event file that cannot be made is reported once and the metrics still reach the
    // database: TensorBoard is a copy, the charts must not lose a run because of it.
    void eventFileFailureDoesNotStopTheLog()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto project = store::Project::create(dir.filePath(QStringLiteral("project")));
        QVERIFY(project.ok());
        auto log = train::RunLog::start((*project)->db(), QStringLiteral("run"), {});
        QVERIFY(log.ok());
        const QString missing = dir.filePath(QStringLiteral("no/such/folder"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no/such/folder.*cannot create")));
        log->writeEventFile(missing);
        QVERIFY2(log->eventFileError().contains(missing), qPrintable(log->eventFileError()));
        QVERIFY(log->eventFilePath().isEmpty());
        log->add(QStringLiteral("train/loss"), 1, 0.5);
        QVERIFY(log->flush().ok());
        QVERIFY(log->finish(QStringLiteral("done"), {}, {}).ok());
        QCOMPARE((*project)->db().queryInt("SELECT count(*) FROM run_metrics").value(), std::int64_t(1));
    }

    // A training run's event files hold exactly its run_metrics rows; cancelled and resumed, it
    // writes a second file, and the two together still hold every row.
    void trainingRunWritesItsMetrics()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto project = test::makeTrainingProject(dir.path(), 120, 3);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        train::TrainOptions options;
        options.inputSize = 32;
        options.epochs = 2;
        options.batchSize = 16;
        options.seed = 3;
        jobs::JobContext context;
        // Cancelled at the end of epoch 1, then resumed.
        auto first = train::runTraining(**project, options, context, 0, {1, 1, 0},
                                        [&context](const train::EpochReport &) { context.cancel(); });
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error()));
        QVERIFY(first->cancelled);
        const QString runDir = dir.filePath(QStringLiteral("project/runs/%1").arg(first->runId));
        QCOMPARE(eventFiles(runDir).size(), 1);
        jobs::JobContext again;
        auto resumed = train::runTraining(**project, options, again, first->runId, {1, 1, 0});
        QVERIFY2(resumed.ok(), qPrintable(resumed.ok() ? QString() : resumed.error()));
        QVERIFY(!resumed->cancelled);
        const QStringList files = eventFiles(runDir);
        QCOMPARE(files.size(), 2);

        QMap<QPair<QString, std::int64_t>, Scalar> fromFiles;
        for (const QString &file : files) {
            const ReadBack read = readEvents(file);
            QVERIFY2(read.exitCode == 0, qPrintable(read.error));
            QCOMPARE(read.version, QStringLiteral("brain.Event:2"));
            QVERIFY(!read.scalars.isEmpty());
            for (const Scalar &s : read.scalars)
                fromFiles.insert({s.tag, s.step}, s); // the resumed file's value wins, as in run_metrics
        }
        auto rows = (*project)->db().prepare("SELECT tag, step, value, wall_time FROM run_metrics WHERE run_id=?");
        rows->bind(1, first->runId);
        int count = 0;
        QVERIFY(rows->forEachRow([&] {
            ++count;
            const auto key = qMakePair(rows->text(0), rows->int64(1));
            QVERIFY2(fromFiles.contains(key), qPrintable(key.first + QLatin1Char(' ') + QString::number(key.second)));
            QCOMPARE(float(fromFiles.value(key).value), float(rows->real(2)));
            QCOMPARE(fromFiles.value(key).wallTime, rows->real(3));
        }).ok());
        QCOMPARE(count, fromFiles.size());
        QVERIFY(count > 50);
        qInfo("%d metrics of run %lld read back from %lld event files", count, qint64(first->runId), qint64(files.size()));
    }
};

QTEST_MAIN(TestEventFile)
#include "tst_event_file.moc"
