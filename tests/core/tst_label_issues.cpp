#include "train_test_project.h"

#include "nn/model_split.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn/random.h"
#include "store/categories.h"
#include "train/confident_learning.h"
#include "train/head_cross_validation.h"
#include "train/label_issues.h"
#include "train/trainer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sieve;

namespace {

// One engine thread: the machine these tests run on has two cores, shared; OpenMP barriers over
// two threads on busy cores make training several times slower.
constexpr int kThreads = 1;

struct Scores {
    double precision = 0;
    double recall = 0;
    int flagged = 0;
    int truePositives = 0;
};

} // namespace

class TestLabelIssues : public QObject {
    Q_OBJECT

private slots:
    // Thresholds are the mean self-confidence per class; an image is an issue when the most
    // probable class above its threshold is not its label; issues rank by the margin.
    void thresholdsAndRanking()
    {
        // Classes 0, 1, 2. Rows: p0, p1, p2 | label.
        const std::vector<double> p{
            0.9, 0.05, 0.05, // 0: confidently 0
            0.7, 0.2, 0.1,   // 0: confidently 0
            0.2, 0.7, 0.1,   // 0: p1 0.7 ≥ t1, p0 0.2 < t0 → issue, suggests 1
            0.1, 0.8, 0.1,   // 1
            0.1, 0.6, 0.3,   // 1
            0.05, 0.9, 0.05, // 2: p1 0.9 ≥ t1 → issue, suggests 1, larger margin than image 2
            0.1, 0.1, 0.8,   // 2
            0.1, 0.2, 0.7,   // 2
        };
        const std::vector<int> labels{0, 0, 0, 1, 1, 2, 2, 2};
        Result<train::ConfidentLearning> found = train::findLabelIssues(p, labels, 3);
        QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error()));
        QCOMPARE(found->classes.size(), std::size_t(3));
        QVERIFY(std::abs(found->classes[0].threshold - (0.9 + 0.7 + 0.2) / 3) < 1e-12);
        QVERIFY(std::abs(found->classes[1].threshold - (0.8 + 0.6) / 2) < 1e-12);
        QVERIFY(std::abs(found->classes[2].threshold - (0.05 + 0.8 + 0.7) / 3) < 1e-12);
        QCOMPARE(found->issues.size(), std::size_t(2));
        QCOMPARE(found->issues[0].index, std::size_t(5)); // margin 0.85 before 0.5
        QCOMPARE(found->issues[0].givenLabel, 2);
        QCOMPARE(found->issues[0].suggestedLabel, 1);
        QVERIFY(std::abs(found->issues[0].score - (1 + 0.9 - 0.05) / 2) < 1e-12);
        QCOMPARE(found->issues[1].index, std::size_t(2));
        QCOMPARE(found->issues[1].suggestedLabel, 1);
        QVERIFY(std::abs(found->issues[1].score - 0.75) < 1e-12);
        // Scores per image: the issue's score, 0 for the rest.
        QCOMPARE(found->scores.size(), labels.size());
        QCOMPARE(found->scores[5], found->issues[0].score);
        QCOMPARE(found->scores[0], 0.0);
        // Image 4 (label 1, p1 0.6 < t1 0.7, no class above threshold) is not in the joint.
        QCOMPARE(found->classes[1].counted, std::size_t(1));
        // Joint rows: label 0 → {2 in 0, 1 in 1}; label 2 → {1 in 1, 2 in 2}.
        QCOMPARE(found->joint[0 * 3 + 0], std::size_t(2));
        QCOMPARE(found->joint[0 * 3 + 1], std::size_t(1));
        QCOMPARE(found->joint[2 * 3 + 1], std::size_t(1));
        QCOMPARE(found->joint[2 * 3 + 2], std::size_t(2));
        QVERIFY(std::abs(found->classes[0].noiseRate - 1.0 / 3) < 1e-12);
        QVERIFY(std::abs(found->classes[0].estimatedMislabeled - 1.0) < 1e-12);
        QCOMPARE(found->classes[1].noiseRate, 0.0);
    }

    // The label's own class may outscore the confident class when it is below its threshold:
    // the image still counts as an issue, with a score under one half.
    void labelBelowItsThresholdYieldsToAConfidentClass()
    {
        const std::vector<double> p{
            0.95, 0.05, // 0
            0.95, 0.05, // 0
            0.5, 0.5 - 0.05, // 0: p0 0.5 < t0 0.8; p1 0.45 ≥ t1 0.4 → suggests 1
            0.6, 0.4,   // 1
            0.8, 0.2,   // 1 (below t1: not in the joint)
        };
        const std::vector<int> labels{0, 0, 0, 1, 1};
        Result<train::ConfidentLearning> found = train::findLabelIssues(p, labels, 2);
        QVERIFY(found.ok());
        QVERIFY(std::abs(found->classes[0].threshold - 0.8) < 1e-12);
        QVERIFY(std::abs(found->classes[1].threshold - 0.3) < 1e-12);
        // Image 3 (label 1): p1 0.4 ≥ 0.3, p0 0.6 < 0.8: confidently its label.
        // Image 4 (label 1): p1 0.2 < 0.3, p0 0.8 ≥ 0.8: an issue suggesting 0.
        QCOMPARE(found->issues.size(), std::size_t(2));
        QCOMPARE(found->issues[0].index, std::size_t(4));
        QCOMPARE(found->issues[0].suggestedLabel, 0);
        QCOMPARE(found->issues[1].index, std::size_t(2));
        QCOMPARE(found->issues[1].suggestedLabel, 1);
        QVERIFY(found->issues[1].score > 0 && found->issues[1].score < 0.5);
    }

    // A class nobody is labelled with has no threshold and is never suggested; bad input fails.
    void edgeCases()
    {
        const std::vector<double> p{0.1, 0.1, 0.8, 0.2, 0.1, 0.7};
        Result<train::ConfidentLearning> found = train::findLabelIssues(p, std::vector<int>{1, 1}, 3);
        QVERIFY(found.ok());
        QVERIFY(std::isinf(found->classes[2].threshold));
        QVERIFY(found->issues.empty());
        QVERIFY(!train::findLabelIssues(p, std::vector<int>{1, 3}, 3).ok());
        QVERIFY(!train::findLabelIssues(p, std::vector<int>{1}, 3).ok());
        QVERIFY(!train::findLabelIssues(std::vector<double>{0.5, 0.5}, std::vector<int>{0}, 1).ok());
        QVERIFY(!train::findLabelIssues(std::vector<double>{NAN, 0.5}, std::vector<int>{0}, 2).ok());
    }

    // Each image's probabilities come from a head that never saw its label: on features that
    // are pure noise with random labels a head memorises its training folds, yet predicts the
    // held-out fold at chance; on features that carry the class it predicts them well.
    void crossValidationIsOutOfSample()
    {
        auto network = nn::Network::create(nn::smallCnn(2, 32), {1, 5, false});
        QVERIFY(network.ok());
        auto split = nn::splitAtClassifier((*network)->definition(), nn::captureWeights((*network)->parameters()));
        QVERIFY2(split.ok(), qPrintable(split.ok() ? QString() : split.error()));
        const int count = split->featureCount;
        constexpr int kImages = 120;
        nn::Random random(42);
        std::vector<int> labels(kImages);
        std::vector<float> noise(std::size_t(kImages * count)), signal(noise.size());
        for (int n = 0; n < kImages; ++n) {
            labels[std::size_t(n)] = int(random.next() % 2);
            for (int f = 0; f < count; ++f) {
                const std::size_t at = std::size_t(n * count + f);
                noise[at] = float(random.normal());
                signal[at] = float(random.normal()) + (f < 4 ? (labels[std::size_t(n)] ? 1.5f : -1.5f) : 0.0f);
            }
        }
        const auto accuracy = [&](const std::vector<double> &p) {
            int right = 0;
            for (int n = 0; n < kImages; ++n)
                right += (p[std::size_t(2 * n + 1)] > p[std::size_t(2 * n)]) == (labels[std::size_t(n)] == 1);
            return double(right) / kImages;
        };
        jobs::JobContext context;
        train::HeadCrossValidationOptions options;
        options.epochs = 60;
        auto onNoise = train::crossValidatedProbabilities(split->head, noise, count, labels, 2, options, context);
        QVERIFY2(onNoise.ok(), qPrintable(onNoise.ok() ? QString() : onNoise.error()));
        auto onSignal = train::crossValidatedProbabilities(split->head, signal, count, labels, 2, options, context);
        QVERIFY(onSignal.ok());
        qInfo("cross-validated accuracy: %.2f on noise, %.2f on informative features", accuracy(*onNoise), accuracy(*onSignal));
        QVERIFY2(accuracy(*onNoise) < 0.7, qPrintable(QString::number(accuracy(*onNoise))));
        QVERIFY2(accuracy(*onSignal) > 0.9, qPrintable(QString::number(accuracy(*onSignal))));
        for (double p : *onSignal)
            QVERIFY(p >= 0 && p <= 1);
        options.folds = 1;
        QVERIFY(!train::crossValidatedProbabilities(split->head, noise, count, labels, 2, options, context).ok());
    }

    // On the demo set (about 5 % of labels deliberately wrong), after training a small CNN,
    // the ranking finds mostly the wrong labels: precision far above the mislabel rate.
    void findsTheDemoSetsWrongLabels()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QElapsedTimer timer;
        timer.start();
        auto project = test::makeTrainingProject(dir.path(), 400, 4);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        const qint64 generated = timer.restart();
        train::TrainOptions options;
        options.inputSize = 32;
        options.epochs = 8;
        options.batchSize = 16;
        options.learningRate = 0.05;
        options.seed = 11;
        jobs::JobContext context;
        auto trained = train::runTraining(**project, options, context, 0, {kThreads, 1, 0});
        QVERIFY2(trained.ok(), qPrintable(trained.ok() ? QString() : trained.error()));
        const qint64 training = timer.restart();

        // Ground truth: which files' labels are wrong.
        QFile truthFile(dir.filePath(QStringLiteral("demo/ground_truth.json")));
        QVERIFY(truthFile.open(QIODevice::ReadOnly));
        QHash<QString, bool> mislabeled;
        for (const QJsonValue &image : QJsonDocument::fromJson(truthFile.readAll()).object().value("images").toArray())
            mislabeled.insert(image.toObject().value("path").toString(), image.toObject().value("mislabeled").toBool());
        const auto isMislabeled = [&](const QString &absolute) {
            for (auto it = mislabeled.begin(); it != mislabeled.end(); ++it)
                if (absolute.endsWith(QLatin1Char('/') + it.key()))
                    return it.value();
            return false;
        };

        // One image labelled with a category the model does not know: left out of the ranking.
        auto unknown = store::ensureCategory((*project)->db(), QStringLiteral("not a model class"));
        QVERIFY(unknown.ok());
        auto relabel = (*project)->db().prepare("UPDATE images SET category_id=? WHERE id=(SELECT min(id) FROM images)");
        relabel->bind(1, *unknown);
        QVERIFY(relabel->exec().ok());

        for (const int folds : {0, 5}) {
            train::LabelIssueOptions rank;
            rank.modelId = trained->modelId;
            rank.folds = folds;
            rank.threads = kThreads;
            timer.restart();
            Result<train::LabelIssueReport> report = train::rankLabelIssues(**project, rank, context);
            QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error()));
            QCOMPARE(report->outOfSample, folds > 0);
            QCOMPARE(report->noise.size(), std::size_t(4));
            QVERIFY(report->scored > 300);
            Result<store::Statement> scored = (*project)->db().prepare(
                "SELECT image_id, label_issue_score FROM predictions WHERE model_id=? AND label_issue_score > 0 "
                "ORDER BY label_issue_score DESC, image_id");
            scored->bind(1, trained->modelId);
            QList<std::int64_t> stored;
            QVERIFY(scored->forEachRow([&] { stored.append(scored->int64(0)); }).ok());
            QCOMPARE(stored.size(), qsizetype(report->ranked.size()));
            QCOMPARE(report->otherLabels, qint64(1));
            const auto count = [&](const QString &where) {
                auto query = (*project)->db().prepare(
                    ("SELECT count(*) FROM predictions WHERE model_id=? AND " + where).toUtf8().constData());
                query->bind(1, trained->modelId);
                return query->step().value() ? query->int64(0) : -1;
            };
            QCOMPARE(count(QStringLiteral("label_issue_score = 0")), std::int64_t(report->scored) - std::int64_t(report->ranked.size()));
            QCOMPARE(count(QStringLiteral("label_issue_score IS NULL AND image_id=(SELECT min(id) FROM images)")), std::int64_t(1));
            if (!stored.isEmpty())
                QCOMPARE(stored.front(), report->ranked.front().imageId);

            int wrong = 0;
            Scores s;
            for (const train::RankedImage &image : report->ranked) {
                ++s.flagged;
                s.truePositives += isMislabeled(image.path);
            }
            // Every scored image with a wrong label, for the recall.
            Result<store::Statement> all = (*project)->db().prepare(
                "SELECT s.root || '/' || i.path FROM predictions p JOIN images i ON i.id=p.image_id "
                "JOIN sources s ON s.id=i.source_id WHERE p.model_id=? AND p.label_issue_score IS NOT NULL");
            all->bind(1, trained->modelId);
            QVERIFY(all->forEachRow([&] { wrong += isMislabeled(all->text(0)); }).ok());
            s.precision = s.flagged > 0 ? double(s.truePositives) / s.flagged : 0;
            s.recall = wrong > 0 ? double(s.truePositives) / wrong : 0;
            const double rate = double(wrong) / double(report->scored);
            double estimated = 0;
            for (const train::ClassNoiseEstimate &noise : report->noise)
                estimated += noise.noise.estimatedMislabeled;
            qInfo("%s: %d flagged, %d truly mislabeled of %d wrong labels among %lld: precision %.2f, recall %.2f "
                  "(random precision %.3f); estimated wrong labels %.1f; %.1f s",
                  folds > 0 ? "5-fold head cross-validation" : "in-sample", s.flagged, s.truePositives, wrong,
                  report->scored, s.precision, s.recall, rate, estimated, timer.elapsed() / 1000.0);
            QVERIFY(wrong > 0);
            QVERIFY2(s.precision >= 4 * rate, qPrintable(QString::number(s.precision)));
            QVERIFY2(s.truePositives >= 3, qPrintable(QString::number(s.truePositives)));
        }
        qInfo("demo generated and imported in %lld ms, trained in %lld ms", generated, training);

        // The CLI lists the same ranking.
        QProcess cli;
        cli.start(QStringLiteral(SIEVE_CLI_PATH),
                  {QStringLiteral("label-issues"), dir.filePath(QStringLiteral("project")), QStringLiteral("--model"),
                   QString::number(trained->modelId), QStringLiteral("--limit"), QStringLiteral("3"),
                   QStringLiteral("--threads"), QString::number(kThreads), QStringLiteral("--json")});
        QVERIFY(cli.waitForFinished(120000));
        QCOMPARE(cli.exitCode(), 0);
        const QJsonObject json = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        QCOMPARE(json.value("out_of_sample").toBool(), false);
        QVERIFY(json.value("images").toArray().size() <= 3);
        QVERIFY(json.value("issues_found").toInt() >= json.value("images").toArray().size());
        QCOMPARE(json.value("noise").toArray().size(), 4);
        if (!json.value("images").toArray().isEmpty()) {
            const QJsonObject first = json.value("images").toArray().at(0).toObject();
            QVERIFY(first.value("score").toDouble() > 0);
            QVERIFY(first.value("label").toString() != first.value("suggested").toString());
        }
    }
};

QTEST_MAIN(TestLabelIssues)
#include "tst_label_issues.moc"
