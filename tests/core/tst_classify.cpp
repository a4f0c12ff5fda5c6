#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "store/categories.h"
#include "store/database.h"
#include "store/project.h"
#include "store/views.h"
#include "test_images.h"
#include "train/classify_job.h"
#include "train/model_loader.h"
#include "train/project_model.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace sieve;

namespace {

constexpr int kImages = 12;

// A project of kImages photos (one damaged after import), categories "alpha" and "beta", and a
// fresh smallcnn whose three classes are "alpha", "beta" and "gamma" (no such category).
struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<store::Project> project;
    store::ModelRecord model;
    QString broken;   // absolute path of the damaged image
    QString imageDir; // the imported folder
    QString error;

    bool setUp(int images = kImages, QSize size = {96, 64}, const char *format = "jpeg")
    {
        imageDir = dir.filePath(QStringLiteral("images"));
        for (int i = 0; i < images; ++i) {
            if (!test::writeImage(QStringLiteral("%1/img_%2.jpg").arg(imageDir).arg(i, 3, 10, QLatin1Char('0')), i, format, size))
                return fail(QStringLiteral("cannot write images"));
        }
        Result<std::unique_ptr<store::Project>> created = store::Project::create(dir.filePath(QStringLiteral("project")));
        if (!created)
            return fail(created.error());
        project = std::move(*created);
        jobs::JobContext context;
        ingest::ImportOptions import;
        import.imagesDirectory = imageDir;
        if (Result<ingest::ImportSummary> imported = ingest::importImages(project->db(), import, context); !imported)
            return fail(imported.error());
        // Damaged after import: the job meets it as users do, a file that no longer decodes.
        broken = imageDir + QStringLiteral("/img_003.jpg");
        if (!test::writeFile(broken, QByteArray("this is not a JPEG any more")))
            return fail(QStringLiteral("cannot damage the image"));
        for (const char *name : {"alpha", "beta"}) {
            if (!store::ensureCategory(project->db(), QLatin1String(name)))
                return fail(QStringLiteral("cannot add categories"));
        }

        Result<std::unique_ptr<nn::Network>> network = nn::Network::create(nn::smallCnn(3, 32), {1, 7, false});
        if (!network)
            return fail(network.error());
        train::LoadedModel loaded;
        loaded.model.definition = (*network)->definition();
        loaded.model.classes = {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};
        loaded.model.normalization.resize = 40;
        loaded.model.weights = nn::captureWeights((*network)->parameters());
        loaded.architecture = QStringLiteral("smallcnn");
        Result<store::ModelRecord> record = train::addModelToProject(*project, loaded, dir.filePath(QStringLiteral("fresh.sievemodel")));
        if (!record)
            return fail(record.error());
        model = *record;
        return true;
    }

    bool fail(const QString &what)
    {
        error = what;
        return false;
    }

    qint64 count(const char *sql)
    {
        Result<std::int64_t> n = project->db().queryInt(sql);
        return n ? *n : -1;
    }
};

} // namespace

class TestClassify : public QObject {
    Q_OBJECT

private slots:
    // Every readable image gets one row: its classes sorted, probabilities that sum to at most
    // one, categories matched by name; the damaged one is a job issue naming the file.
    void everyImageGetsItsTopClasses()
    {
        Fixture f;
        QVERIFY2(f.setUp(), qPrintable(f.error));
        jobs::JobContext context;
        train::ClassifyOptions options;
        options.modelId = f.model.id;
        options.batch = 5;
        Result<train::ClassifySummary> summary = train::runClassification(*f.project, options, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        qDebug("%lld images in %.2f s: %.1f images/s", summary->classified, summary->seconds, summary->imagesPerSecond);
        QCOMPARE(summary->pending, qint64(kImages));
        QCOMPARE(summary->classified, qint64(kImages - 1));
        QCOMPARE(summary->failed, qint64(1));
        QCOMPARE(summary->issues.size(), 1);
        QCOMPARE(QDir::cleanPath(summary->issues.front().path), QDir::cleanPath(f.broken));
        QCOMPARE(f.count("SELECT count(*) FROM job_issues WHERE path LIKE '%img_003.jpg'"), qint64(1));
        QCOMPARE(f.count("SELECT count(*) FROM jobs WHERE kind='classify' AND status='done'"), qint64(1));

        Result<std::optional<store::Category>> alpha = store::findCategory(f.project->db(), QStringLiteral("alpha"));
        Result<std::optional<store::Category>> beta = store::findCategory(f.project->db(), QStringLiteral("beta"));
        QVERIFY(alpha.ok() && *alpha && beta.ok() && *beta);
        const QHash<QString, QJsonValue> categoryOf{{QStringLiteral("alpha"), qint64((*alpha)->id)},
                                                    {QStringLiteral("beta"), qint64((*beta)->id)},
                                                    {QStringLiteral("gamma"), QJsonValue(QJsonValue::Null)}};
        Result<store::Statement> rows = f.project->db().prepare(
            "SELECT top_category, top_probability, topk, label_issue_score FROM predictions WHERE model_id=?");
        rows->bind(1, f.model.id);
        int seen = 0;
        QVERIFY(rows->forEachRow([&] {
            ++seen;
            const QJsonArray topk = QJsonDocument::fromJson(rows->text(2).toUtf8()).array();
            QCOMPARE(topk.size(), 3); // five, or every class when there are fewer
            double sum = 0, previous = 2;
            for (const QJsonValue &entry : topk) {
                const QJsonArray e = entry.toArray();
                const double p = e.at(1).toDouble();
                QVERIFY(p <= previous);
                previous = p;
                sum += p;
                QCOMPARE(e.at(0), categoryOf.value(e.at(2).toString()));
            }
            QVERIFY2(sum <= 1.0 + 1e-9, qPrintable(QString::number(sum, 'g', 10)));
            QCOMPARE(rows->real(1), topk.at(0).toArray().at(1).toDouble());
            const QJsonValue top = topk.at(0).toArray().at(0);
            QCOMPARE(rows->isNull(0), top.isNull());
            if (!top.isNull())
                QCOMPARE(rows->int64(0), std::int64_t(top.toInteger()));
            QVERIFY(rows->isNull(3)); // the label-issue ranking fills it, not classification
        }).ok());
        QCOMPARE(seen, kImages - 1);

        // A second run finds nothing new to do but retries the damaged image.
        Result<train::ClassifySummary> again = train::runClassification(*f.project, options, context);
        QVERIFY(again.ok());
        QCOMPARE(again->pending, qint64(1));
        QCOMPARE(again->classified, qint64(0));
    }

    // Cancelled after its first batch, the job keeps what it committed; run again, it does the
    // rest, and every image has exactly one row.
    void cancelledRunContinuesWithoutDuplicates()
    {
        Fixture f;
        QVERIFY2(f.setUp(), qPrintable(f.error));
        jobs::JobContext *self = nullptr;
        jobs::JobContext context([&self](const jobs::JobProgress &progress) {
            // Progress is reported at most every 100 ms: waiting that long at the start makes
            // the report after the first committed batch arrive, and cancel there.
            if (progress.done == 0)
                QThread::msleep(150);
            else if (self)
                self->cancel();
        });
        self = &context;
        train::ClassifyOptions options;
        options.modelId = f.model.id;
        options.batch = 3;
        Result<train::ClassifySummary> first = train::runClassification(*f.project, options, context);
        QVERIFY(first.ok());
        QVERIFY(first->cancelled);
        const qint64 afterCancel = f.count("SELECT count(*) FROM predictions");
        QVERIFY2(afterCancel > 0 && afterCancel < kImages - 1, qPrintable(QString::number(afterCancel)));
        QCOMPARE(f.count("SELECT count(*) FROM jobs WHERE kind='classify' AND status='cancelled'"), qint64(1));

        jobs::JobContext fresh;
        Result<train::ClassifySummary> second = train::runClassification(*f.project, options, fresh);
        QVERIFY(second.ok());
        QCOMPARE(second->classified + afterCancel, qint64(kImages - 1));
        QCOMPARE(f.count("SELECT count(*) FROM predictions"), qint64(kImages - 1));
        QCOMPARE(f.count("SELECT count(DISTINCT image_id) FROM predictions"), qint64(kImages - 1));
    }

    // sieve-cli classify killed (SIGKILL) in the middle, then run again: one row per image.
    void killedRunContinuesWithoutDuplicates()
    {
        Fixture f;
        // PNGs decode in full (no DCT scaling), slowly enough for a kill in the middle.
        constexpr int kMany = 80;
        QVERIFY2(f.setUp(kMany, {800, 600}, "png"), qPrintable(f.error));
        const QString projectDir = f.project->directory();
        f.project.reset(); // the child process writes; this one only reads afterwards
        const QStringList args{QStringLiteral("classify"), projectDir, QStringLiteral("--model"), QStringLiteral("1"),
                               QStringLiteral("--batch"), QStringLiteral("2"), QStringLiteral("--threads"),
                               QStringLiteral("2"), QStringLiteral("--json")};
        QProcess child;
        child.start(QStringLiteral(SIEVE_CLI_PATH), args);
        QVERIFY(child.waitForStarted());
        // Kill once a progress line reports committed work.
        QByteArray progress;
        QElapsedTimer timer;
        timer.start();
        bool killed = false;
        while (timer.elapsed() < 60000 && child.state() == QProcess::Running) {
            child.waitForReadyRead(100);
            const QByteArray lines = child.readAllStandardError();
            progress += lines;
            for (const QByteArray &line : lines.split('\n')) {
                const qint64 done = QJsonDocument::fromJson(line).object().value(QStringLiteral("progress")).toObject()
                                        .value(QStringLiteral("done")).toInteger();
                if (done > 0 && !killed) {
                    child.kill();
                    killed = true;
                }
            }
            if (killed)
                break;
        }
        child.waitForFinished();
        QVERIFY2(killed, progress.constData());
        Result<std::unique_ptr<store::Project>> reopened = store::Project::open(projectDir);
        QVERIFY(reopened.ok());
        f.project = std::move(*reopened);
        const qint64 afterKill = f.count("SELECT count(*) FROM predictions");
        QVERIFY2(afterKill < kMany - 1, qPrintable(QString::number(afterKill)));

        QByteArray output;
        QCOMPARE(test::runCli(args, &output), 4); // done, with the damaged image reported
        const QJsonObject result = QJsonDocument::fromJson(output).object();
        QCOMPARE(result.value(QStringLiteral("classified")).toInteger() + afterKill, qint64(kMany - 1));
        QCOMPARE(f.count("SELECT count(*) FROM predictions"), qint64(kMany - 1));
        QCOMPARE(f.count("SELECT count(DISTINCT image_id) FROM predictions"), qint64(kMany - 1));
    }

    // What the job stores for an image is what `sieve-cli predict` says of the same file, and
    // `sieve-cli models` lists the model.
    void predictionsAgreeWithPredict()
    {
        Fixture f;
        QVERIFY2(f.setUp(), qPrintable(f.error));
        jobs::JobContext context;
        train::ClassifyOptions options;
        options.modelId = f.model.id;
        QVERIFY(train::runClassification(*f.project, options, context).ok());
        Result<store::Statement> row = f.project->db().prepare(
            "SELECT p.topk FROM predictions p JOIN images i ON i.id=p.image_id WHERE i.path='img_005.jpg'");
        QVERIFY(row.ok() && *row->step());
        const QJsonArray stored = QJsonDocument::fromJson(row->text(0).toUtf8()).array();

        const QString modelFile = QDir(f.project->modelsDirectory()).filePath(f.model.file);
        QByteArray output;
        const int code = test::runCli({QStringLiteral("predict"), QStringLiteral("--model"), modelFile, QStringLiteral("--json"),
                                       f.imageDir + QStringLiteral("/img_005.jpg"), f.broken},
                                      &output);
        QCOMPARE(code, 4); // the damaged image reported, the other classified
        const QJsonObject result = QJsonDocument::fromJson(output).object();
        QCOMPARE(result.value(QStringLiteral("issues")).toArray().size(), 1);
        QVERIFY(result.value(QStringLiteral("issues")).toArray().at(0).toObject().value(QStringLiteral("path")).toString().endsWith(QLatin1String("img_003.jpg")));
        const QJsonArray images = result.value(QStringLiteral("images")).toArray();
        QCOMPARE(images.size(), 1);
        const QJsonArray top = images.at(0).toObject().value(QStringLiteral("top")).toArray();
        QCOMPARE(top.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject predicted = top.at(i).toObject();
            QCOMPARE(predicted.value(QStringLiteral("class")).toString(), stored.at(i).toArray().at(2).toString());
            QVERIFY(std::abs(predicted.value(QStringLiteral("probability")).toDouble() - stored.at(i).toArray().at(1).toDouble()) < 1e-5);
        }

        QVERIFY(test::runCli({QStringLiteral("models"), f.project->directory(), QStringLiteral("--json")}, &output) == 0);
        const QJsonArray models = QJsonDocument::fromJson(output).object().value(QStringLiteral("models")).toArray();
        QCOMPARE(models.size(), 1);
        QCOMPARE(models.at(0).toObject().value(QStringLiteral("classes")).toInt(), 3);
        QCOMPARE(models.at(0).toObject().value(QStringLiteral("origin")).toString(), QStringLiteral("imported"));
        QCOMPARE(models.at(0).toObject().value(QStringLiteral("architecture")).toString(), QStringLiteral("smallcnn"));
    }

    // Importing the same model again (classify run again with the same file) reuses its record
    // and file, so the second run continues the first one's predictions.
    void theSameModelImportsOnce()
    {
        Fixture f;
        QVERIFY2(f.setUp(2), qPrintable(f.error));
        Result<train::LoadedModel> loaded = train::openProjectModel(*f.project, f.model.id);
        QVERIFY(loaded.ok());
        loaded->model.metadata = {}; // as the first import had it
        Result<store::ModelRecord> again = train::addModelToProject(*f.project, *loaded, f.dir.filePath(QStringLiteral("fresh.sievemodel")));
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error()));
        QCOMPARE(again->id, f.model.id);
        QCOMPARE(QDir(f.project->modelsDirectory()).entryList(QDir::Files).size(), 1);
        loaded->model.classes[2] = QStringLiteral("delta"); // a different model now
        Result<store::ModelRecord> other = train::addModelToProject(*f.project, *loaded, f.dir.filePath(QStringLiteral("fresh.sievemodel")));
        QVERIFY(other.ok());
        QVERIFY(other->id != f.model.id);
    }

    // --view: only the view's images are classified; an unknown view is an error before any job.
    void aViewLimitsTheImages()
    {
        Fixture f;
        QVERIFY2(f.setUp(), qPrintable(f.error));
        store::ImageFilter filter;
        filter.text = QStringLiteral("img_00"); // img_000 … img_009, the damaged img_003 among them
        QVERIFY(store::saveView(f.project->db(), QStringLiteral("first ten"), filter).ok());
        jobs::JobContext context;
        train::ClassifyOptions options;
        options.modelId = f.model.id;
        options.view = QStringLiteral("First Ten");
        Result<train::ClassifySummary> summary = train::runClassification(*f.project, options, context);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QCOMPARE(summary->pending, qint64(10));
        QCOMPARE(summary->classified, qint64(9));
        QCOMPARE(f.count("SELECT count(*) FROM predictions p JOIN images i ON i.id=p.image_id WHERE i.path LIKE 'img_01%'"), qint64(0));
        options.view = QStringLiteral("no such view");
        Result<train::ClassifySummary> unknown = train::runClassification(*f.project, options, context);
        QVERIFY(!unknown.ok());
        QVERIFY2(unknown.error().contains(QLatin1String("no such view")), qPrintable(unknown.error()));
    }

    // Foreign models: class names from a file must match the outputs; a Caffe weights file
    // needs its definition.
    void foreignModelProblemsAreExplained()
    {
        QTemporaryDir dir;
        Result<std::unique_ptr<nn::Network>> network = nn::Network::create(nn::smallCnn(3, 32));
        QVERIFY(network.ok());
        nn::SieveModel model{(*network)->definition(), {}, {}, {}, {}};
        QVERIFY(test::writeFile(dir.filePath(QStringLiteral("two.txt")), "first\nsecond\n\n"));
        Result<QStringList> names = train::readClassNames(dir.filePath(QStringLiteral("two.txt")));
        QVERIFY(names.ok());
        QCOMPARE(*names, (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
        const Status mismatch = train::setClassNames(model, *names);
        QVERIFY(!mismatch.ok());
        QVERIFY2(mismatch.error().contains(QLatin1String("2 class names")) && mismatch.error().contains(QLatin1String("3 outputs")),
                 qPrintable(mismatch.error()));

        QVERIFY(test::writeFile(dir.filePath(QStringLiteral("alone.caffemodel")), "x"));
        Result<train::LoadedModel> alone = train::loadModel(dir.filePath(QStringLiteral("alone.caffemodel")));
        QVERIFY(!alone.ok());
        QVERIFY2(alone.error().contains(QLatin1String("alone.prototxt")) && alone.error().contains(QLatin1String("deploy.prototxt")),
                 qPrintable(alone.error()));
    }
};

QTEST_GUILESS_MAIN(TestClassify)

#include "tst_classify.moc"
