#include "train_test_project.h"

#include "nn/model_file.h"
#include "nn/onnx_export.h"
#include "jobs/job_store.h"
#include "store/models.h"
#include "train/checkpoint.h"
#include "train/pretrained.h"
#include "train/trainer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;

namespace {

train::TrainOptions smallCnnOptions(int epochs)
{
    train::TrainOptions options;
    options.model = QStringLiteral("smallcnn");
    options.inputSize = 32;
    options.epochs = epochs;
    options.batchSize = 16;
    options.learningRate = 0.05;
    options.seed = 11;
    return options;
}

// Two engine threads and one loader thread: the machine these tests run on has two cores.
const train::TrainResources kResources{1, 1, 0};

QString runStatus(store::Database &db, std::int64_t run)
{
    auto query = db.prepare("SELECT status FROM runs WHERE id=?");
    query->bind(1, run);
    return query->step().value() ? query->text(0) : QString();
}

QMap<std::int64_t, double> series(store::Database &db, std::int64_t run, const char *tag)
{
    auto query = db.prepare("SELECT step, value FROM run_metrics WHERE run_id=? AND tag=? ORDER BY step");
    query->bind(1, run).bind(2, tag);
    QMap<std::int64_t, double> values;
    (void)query->forEachRow([&] { values.insert(query->int64(0), query->real(1)); });
    return values;
}

} // namespace

class TestTrainTrainer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QElapsedTimer timer;
        timer.start();
        auto project = test::makeTrainingProject(m_dir.path(), 320, 4);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        m_project = std::move(*project);
        qInfo("demo project generated and imported in %lld ms", timer.elapsed());
    }

    void trainsSmallCnnFarAboveChance()
    {
        QElapsedTimer timer;
        timer.start();
        jobs::JobContext context;
        auto summary = train::runTraining(*m_project, smallCnnOptions(8), context, 0, kResources);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        qInfo("8 epochs of %lld images in %lld ms: val top-1 %.3f (best %.3f), %.0f images/s, data wait %.3f",
              summary->trainImages, timer.elapsed(), summary->finalTop1, summary->bestTop1, summary->imagesPerSecond,
              summary->dataWaitShare);
        QCOMPARE(summary->classes.size(), 4);
        // Chance is 25 %; the demo's labels are about 5 % wrong on purpose.
        QVERIFY2(summary->bestTop1 >= 0.6, qPrintable(QString::number(summary->bestTop1)));
        QVERIFY(!summary->cancelled);
        QCOMPARE(runStatus(m_project->db(), summary->runId), QStringLiteral("done"));

        // The model is saved, registered and loads with the project's classes.
        QVERIFY(QFile::exists(summary->modelPath));
        auto model = nn::loadModelFile(summary->modelPath);
        QVERIFY(model.ok());
        QCOMPARE(model->classes, summary->classes);
        QCOMPARE(model->metadata.value("run_id").toInteger(), summary->runId);
        auto record = store::findModel(m_project->db(), summary->modelId);
        QVERIFY(record.ok() && record->has_value());
        QCOMPARE((*record)->origin, QStringLiteral("trained"));
        QCOMPARE((*record)->runId, std::optional<std::int64_t>(summary->runId));
        QVERIFY((*record)->metrics.value("val/top1").toDouble() >= 0.6);
        QVERIFY(nn::createNetwork(*model).ok());
        m_trainedModel = summary->modelPath;

        // Every documented tag is there: per step, and per epoch at the epoch's last step.
        store::Database &db = m_project->db();
        const std::int64_t steps = summary->steps;
        QVERIFY(steps > 0);
        for (const char *tag : {"train/loss", "train/accuracy", "train/lr", "train/images_per_second", "train/data_wait"})
            QCOMPARE(series(db, summary->runId, tag).size(), steps);
        const QMap<std::int64_t, double> epochs = series(db, summary->runId, "epoch");
        QCOMPARE(epochs.size(), 8);
        QCOMPARE(epochs.lastKey(), steps);
        QCOMPARE(epochs.last(), 8.0);
        for (const char *tag : {"val/loss", "val/top1", "val/top5", "val/class/3/precision", "val/class/0/recall"})
            QCOMPARE(series(db, summary->runId, tag).keys(), epochs.keys());
        double cells = 0;
        for (int t = 0; t < 4; ++t)
            for (int p = 0; p < 4; ++p)
                cells += series(db, summary->runId, qPrintable(QStringLiteral("val/confusion/%1/%2").arg(t).arg(p))).value(steps, -1);
        QCOMPARE(qint64(cells), summary->validationImages);
        for (double share : series(db, summary->runId, "train/data_wait"))
            QVERIFY(share >= 0 && share <= 1);
        // The config holds what reproduces the run.
        auto config = db.prepare("SELECT config, summary FROM runs WHERE id=?");
        config->bind(1, summary->runId);
        QVERIFY(config->step().value());
        const QJsonObject json = QJsonDocument::fromJson(config->text(0).toUtf8()).object();
        QCOMPARE(json.value("model").toString(), QStringLiteral("smallcnn"));
        QCOMPARE(json.value("seed").toString(), QStringLiteral("11"));
        QCOMPARE(json.value("classes").toArray().size(), 4);
        QVERIFY(QJsonDocument::fromJson(config->text(1).toUtf8()).object().contains("best"));
    }

    void resumeContinuesTheSameLossCurve()
    {
        jobs::JobContext straight;
        auto full = train::runTraining(*m_project, smallCnnOptions(3), straight, 0, kResources);
        QVERIFY2(full.ok(), qPrintable(full.ok() ? QString() : full.error()));

        // The same run cancelled (as Ctrl+C would) somewhere in its second epoch: at the first
        // progress report after a step of it. Where exactly depends on timing; whatever it
        // is, the run keeps the checkpoint of epoch 1 (or 2) and continues from there.
        std::unique_ptr<jobs::JobContext> interrupted;
        interrupted = std::make_unique<jobs::JobContext>([&](const jobs::JobProgress &progress) {
            if (progress.phase.startsWith(QStringLiteral("Epoch 2/")) && progress.done >= 1)
                interrupted->cancel();
        });
        auto first = train::runTraining(*m_project, smallCnnOptions(3), *interrupted, 0, kResources);
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error()));
        QVERIFY(first->cancelled);
        QVERIFY(first->epochsDone == 1 || first->epochsDone == 2);
        QVERIFY(first->modelPath.isEmpty());
        QCOMPARE(runStatus(m_project->db(), first->runId), QStringLiteral("cancelled"));
        const QString checkpoint = QDir(m_project->directory()).filePath(QStringLiteral("runs/%1/checkpoint.sieveckpt").arg(first->runId));
        auto saved = train::loadCheckpoint(checkpoint);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error()));
        QCOMPARE(saved->info.value("epoch").toInt(), first->epochsDone);
        qInfo("cancelled at step %lld, checkpoint of epoch %d", qint64(first->steps), first->epochsDone);

        jobs::JobContext resumed;
        auto rest = train::runTraining(*m_project, {}, resumed, first->runId, kResources);
        QVERIFY2(rest.ok(), qPrintable(rest.ok() ? QString() : rest.error()));
        QCOMPARE(rest->runId, first->runId);
        QCOMPARE(rest->epochsDone, 3);
        QVERIFY(!rest->modelPath.isEmpty());
        QCOMPARE(runStatus(m_project->db(), first->runId), QStringLiteral("done"));

        // Bit for bit, every step: the steps repeated after the checkpoint replaced the rows
        // the cancelled part had written.
        const auto a = series(m_project->db(), full->runId, "train/loss");
        const auto b = series(m_project->db(), first->runId, "train/loss");
        QCOMPARE(b.size(), a.size());
        QCOMPARE(b, a);
        QCOMPARE(series(m_project->db(), first->runId, "val/top1"), series(m_project->db(), full->runId, "val/top1"));
        QCOMPARE(series(m_project->db(), first->runId, "train/lr"), series(m_project->db(), full->runId, "train/lr"));
        m_cancelledRun = first->runId;
    }

    void earlyStoppingStopsAfterPatienceEpochsWithoutImprovement()
    {
        // A learning rate too small to change any prediction: top-1 stops improving at once.
        train::TrainOptions options = smallCnnOptions(6);
        options.learningRate = 1e-12;
        options.schedule = nn::LrSchedule::Kind::Constant;
        options.earlyStopPatience = 2;
        jobs::JobContext context;
        auto summary = train::runTraining(*m_project, options, context, 0, kResources);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        const QList<double> top1 = series(m_project->db(), summary->runId, "val/top1").values();
        QCOMPARE(top1.size(), summary->epochsDone);
        QVERIFY(summary->stoppedEarly);
        QVERIFY(summary->epochsDone < 6);
        // The rule: the last `patience` epochs were no better than the best before them, and
        // no earlier stretch was that long.
        int best = 0, since = 0;
        for (int e = 1; e < top1.size(); ++e) {
            if (top1[e] > top1[best]) {
                best = e;
                since = 0;
            } else {
                ++since;
            }
            QCOMPARE(since >= 2, e == top1.size() - 1);
        }
        QCOMPARE(summary->bestEpoch, best + 1);
        QVERIFY(QFile::exists(summary->modelPath));
    }

    void aRunIsNotResumedTwiceAtOnce()
    {
        QVERIFY(m_cancelledRun > 0);
        // A live process (this one) holds a running job for the run.
        auto job = jobs::startJob(m_project->db(), QStringLiteral("train"), {{"run_id", qint64(m_cancelledRun)}});
        QVERIFY(job.ok());
        auto update = m_project->db().prepare("UPDATE runs SET status='cancelled' WHERE id=?");
        update->bind(1, m_cancelledRun);
        QVERIFY(update->exec().ok());
        jobs::JobContext context;
        auto resumed = train::runTraining(*m_project, {}, context, m_cancelledRun, kResources);
        QVERIFY(!resumed.ok());
        QVERIFY2(resumed.error().contains("another process"), qPrintable(resumed.error()));
        QVERIFY(jobs::finishJob(m_project->db(), *job, QStringLiteral("cancelled")).ok());
        // Nothing was changed: the run is still the cancelled one.
        QCOMPARE(runStatus(m_project->db(), m_cancelledRun), QStringLiteral("cancelled"));
    }

    void corruptCheckpointIsAClearError()
    {
        QVERIFY(m_cancelledRun > 0);
        const QString path = QDir(m_project->directory()).filePath(QStringLiteral("runs/%1/checkpoint.sieveckpt").arg(m_cancelledRun));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(file.size() / 2));
        char byte = 0;
        QVERIFY(file.getChar(&byte));
        QVERIFY(file.seek(file.size() / 2));
        QVERIFY(file.putChar(char(byte ^ 0x5a)));
        file.close();
        auto loaded = train::loadCheckpoint(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().contains(path) && loaded.error().contains("checksum"), qPrintable(loaded.error()));

        // A run marked cancelled whose checkpoint is damaged cannot be resumed, and says why.
        auto update = m_project->db().prepare("UPDATE runs SET status='cancelled' WHERE id=?");
        update->bind(1, m_cancelledRun);
        QVERIFY(update->exec().ok());
        jobs::JobContext context;
        auto resumed = train::runTraining(*m_project, {}, context, m_cancelledRun, kResources);
        QVERIFY(!resumed.ok());
        QVERIFY2(resumed.error().contains(path), qPrintable(resumed.error()));
        QCOMPARE(runStatus(m_project->db(), m_cancelledRun), QStringLiteral("failed"));
    }

    void headOnlyTrainsTheHeadAndKeepsTheBackbone()
    {
        QVERIFY(!m_trainedModel.isEmpty());
        auto base = nn::loadModelFile(m_trainedModel);
        QVERIFY(base.ok());
        train::TrainOptions options = smallCnnOptions(10);
        options.pretrained = m_trainedModel;
        options.headOnly = true;
        options.learningRate = 0.02;
        QElapsedTimer timer;
        timer.start();
        jobs::JobContext context;
        auto summary = train::runTraining(*m_project, options, context, 0, kResources);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        qInfo("head-only, 10 epochs in %lld ms: val top-1 %.3f", timer.elapsed(), summary->bestTop1);
        QVERIFY2(summary->bestTop1 >= 0.6, qPrintable(QString::number(summary->bestTop1)));
        auto trained = nn::loadModelFile(summary->modelPath);
        QVERIFY(trained.ok());
        int backbone = 0, head = 0;
        for (const nn::NamedTensor &tensor : trained->weights.tensors) {
            const nn::NamedTensor *before = base->weights.find(tensor.name);
            QVERIFY(before);
            if (tensor.name.startsWith("classifier.")) {
                ++head;
                QVERIFY2(tensor.values != before->values, qPrintable(tensor.name)); // replaced and trained
            } else {
                ++backbone;
                QVERIFY2(tensor.values == before->values, qPrintable(tensor.name)); // frozen: bit for bit
            }
        }
        QCOMPARE(head, 2);
        QVERIFY(backbone > 10);
    }

    void fineTunesFromAnOnnxFile()
    {
        // The trained model exported to ONNX stands in for a published pretrained network.
        QVERIFY(!m_trainedModel.isEmpty());
        auto base = nn::loadModelFile(m_trainedModel);
        QVERIFY(base.ok());
        const QString onnx = m_dir.filePath("pretrained.onnx");
        QVERIFY(nn::exportOnnx(onnx, *base).ok());
        auto pretrained = train::loadPretrained(onnx, 32);
        QVERIFY2(pretrained.ok(), qPrintable(pretrained.ok() ? QString() : pretrained.error()));
        QCOMPARE(pretrained->classes, QStringList({"class 0", "class 1", "class 2", "class 3"}));
        QCOMPARE(pretrained->normalization.resize, 37);

        train::TrainOptions options = smallCnnOptions(3);
        options.pretrained = onnx;
        options.learningRate = 0.01;
        jobs::JobContext context;
        auto summary = train::runTraining(*m_project, options, context, 0, kResources);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QVERIFY2(summary->bestTop1 >= 0.6, qPrintable(QString::number(summary->bestTop1)));
        auto tuned = nn::loadModelFile(summary->modelPath);
        QVERIFY(tuned.ok());
        QCOMPARE(tuned->classes, summary->classes);
        // Full fine-tuning: the backbone learns, ten times slower than the head.
        bool backboneChanged = false;
        for (const nn::GroupDefinition &group : tuned->definition.groups)
            if (group.name == "backbone")
                QCOMPARE(group.lrMultiplier, 0.1);
        for (const nn::NamedTensor &tensor : tuned->weights.tensors)
            if (tensor.name.endsWith(".weight") && !tensor.name.startsWith("classifier"))
                backboneChanged = backboneChanged || tensor.values != pretrained->weights.find(tensor.name)->values;
        QVERIFY(backboneChanged);

        auto unknown = train::loadPretrained(m_dir.filePath("weights.bin"));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().contains("weights.bin"));
    }

    // Last: it damages one of the shared project's images.
    void unreadableImagesAreSkippedAndListed()
    {
        auto rows = m_project->db().prepare(
            "SELECT s.root || '/' || i.path FROM images i JOIN sources s ON s.id = i.source_id "
            "WHERE i.category_id IS NOT NULL ORDER BY i.id LIMIT 1");
        QVERIFY(rows->step().value());
        const QString victim = rows->text(0);
        rows->reset();
        QFile file(victim);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("\xFF\xD8\xFF\xE0 truncated by a flaky upload");
        file.close();

        jobs::JobContext context;
        auto summary = train::runTraining(*m_project, smallCnnOptions(1), context, 0, kResources);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
        QCOMPARE(summary->unreadable, qint64(1));
        QCOMPARE(summary->issues.size(), 1);
        QCOMPARE(summary->issues.first().path, victim);
        QVERIFY(QFile::exists(summary->modelPath));
        // The job lists the file too, for the jobs panel's "Details…".
        auto issues = jobs::jobIssues(m_project->db(), summary->jobId);
        QVERIFY(issues.ok());
        QCOMPARE(issues->size(), 1);
        QCOMPARE(issues->first().path, victim);
        auto job = m_project->db().prepare("SELECT kind, status FROM jobs WHERE id=?");
        job->bind(1, summary->jobId);
        QVERIFY(job->step().value());
        QCOMPARE(job->text(0), QStringLiteral("train"));
        QCOMPARE(job->text(1), QStringLiteral("done"));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Project> m_project;
    QString m_trainedModel;
    std::int64_t m_cancelledRun = 0;
};

QTEST_MAIN(TestTrainTrainer)
#include "tst_train_trainer.moc"
