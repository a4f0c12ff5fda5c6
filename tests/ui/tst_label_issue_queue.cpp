#include "../core/train_test_project.h"

#include "jobs/jobs_panel.h"
#include "review/label_issue_model.h"
#include "review/label_issue_window.h"
#include "review/label_noise_table.h"
#include "session/project_session.h"
#include "store/database.h"
#include "store/label_issue_queue.h"
#include "store/project.h"
#include "train/trainer.h"
#include "viewer/image_viewer.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::ui;

namespace {

// The images of the demo set whose label the generator made wrong, by their path in
// ground_truth.json (a suffix of the image's absolute path).
QSet<QString> wrongLabels(const QString &demo)
{
    QFile file(demo + QStringLiteral("/ground_truth.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QSet<QString> wrong;
    for (const QJsonValue &image : QJsonDocument::fromJson(file.readAll()).object().value("images").toArray())
        if (image.toObject().value("mislabeled").toBool())
            wrong.insert(image.toObject().value("path").toString());
    return wrong;
}

std::optional<std::int64_t> labelOf(store::Database &db, std::int64_t image)
{
    auto query = db.prepare("SELECT category_id FROM images WHERE id=?");
    query->bind(1, image);
    return query->step().value() ? query->optionalInt64(0) : std::nullopt;
}

} // namespace

class TestLabelIssueQueue : public QObject {
    Q_OBJECT

private slots:
    // A demo set with deliberately wrong labels, and a small CNN trained on it (the recipe of
    // tst_label_issues: seconds on one core).
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto project = test::makeTrainingProject(m_dir.path(), 400, 4);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error()));
        train::TrainOptions options;
        options.inputSize = 32;
        options.epochs = 8;
        options.batchSize = 16;
        options.learningRate = 0.05;
        options.seed = 11;
        jobs::JobContext context;
        // One engine thread: the test machine's two cores are shared.
        auto trained = train::runTraining(**project, options, context, 0, {1, 1, 0});
        QVERIFY2(trained.ok(), qPrintable(trained.ok() ? QString() : trained.error()));
        m_modelId = trained->modelId;
        project->reset();
        auto session = ProjectSession::open(m_dir.filePath(QStringLiteral("project")));
        QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : session.error()));
        m_session = std::move(*session);
        m_window = std::make_unique<LabelIssueWindow>(m_session.get(), &m_jobs);
        // Checks every reset, page fetched and row removed below against the model contract.
        new QAbstractItemModelTester(m_window->queueModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // The keys are the window's shortcuts: they need it active, as a user's window is.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_jobs.cancelAll();
    }

    // Find (in-sample, as the CLI without --folds) runs the job; the queue's top k, k the number
    // of deliberately wrong labels, is mostly those.
    void queueFindsTheDemoSetsWrongLabels()
    {
        QCOMPARE(m_window->modelBox()->count(), 1);
        QCOMPARE(m_window->modelId(), m_modelId);
        QVERIFY(!m_window->foldsBox()->isEnabled());   // in-sample is the default
        QCOMPARE(m_window->foldsBox()->value(), 5);
        QCOMPARE(m_window->queueModel()->rowCount(), 0);
        QSignalSpy finished(m_window.get(), &LabelIssueWindow::rankingFinished);
        QTest::mouseClick(m_window->findButton(), Qt::LeftButton);
        QVERIFY(!m_window->findButton()->isEnabled());  // one ranking at a time
        QVERIFY(finished.wait(240000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);

        const auto [precision, recall, chance] = scoreTopK(QStringLiteral("in-sample"));
        QVERIFY2(precision >= 5 * chance, qPrintable(QString::number(precision)));
        QVERIFY2(recall >= 5 * chance, qPrintable(QString::number(recall)));
        LabelIssueModel *model = m_window->queueModel();
        store::Database &db = m_session->project().db();

        while (model->canFetchMore({}))
            model->fetchMore({});
        // The counts are recounted off the GUI thread once the ranking is in (before it they are 0).
        QTRY_COMPARE(m_window->counts().remaining, qint64(model->rowCount()));
        QCOMPARE(m_window->counts().ranked, qint64(model->rowCount()));

        // Pages follow each other by keyset: two pages of 5 are the queue's first 10 rows.
        QVERIFY(model->rowCount() >= 10);
        auto first = store::labelIssuePage(db, m_modelId, std::nullopt, 5);
        QVERIFY(first.ok() && first->size() == 5);
        auto second = store::labelIssuePage(db, m_modelId, store::LabelIssueCursor{first->last().score, first->last().imageId}, 5);
        QVERIFY(second.ok() && second->size() == 5);
        for (int row = 0; row < 10; ++row)
            QCOMPARE((row < 5 ? first->at(row) : second->at(row - 5)).imageId, model->issue(row).imageId);
        for (int row = 1; row < model->rowCount(); ++row)
            QVERIFY(model->issue(row).score <= model->issue(row - 1).score);
        QVERIFY(m_window->countsLabel()->text().contains(QString::number(m_window->counts().remaining)));

        // The noise summary: one row per category, highest rate first; a header click sorts.
        LabelNoiseTable *noise = m_window->noiseTable();
        QCOMPARE(noise->rowCount(), 4);
        double estimated = 0;
        for (int row = 0; row < noise->rowCount(); ++row) {
            const double rate = noise->item(row, LabelNoiseTable::RateColumn)->data(Qt::UserRole).toDouble();
            QVERIFY(rate >= 0 && rate <= 1);
            if (row > 0)
                QVERIFY(rate <= noise->item(row - 1, LabelNoiseTable::RateColumn)->data(Qt::UserRole).toDouble());
            estimated += noise->item(row, LabelNoiseTable::EstimatedColumn)->data(Qt::UserRole).toDouble();
        }
        QVERIFY(estimated > 0);
        noise->horizontalHeader()->setSortIndicator(LabelNoiseTable::CategoryColumn, Qt::AscendingOrder);
        QVERIFY(noise->item(0, 0)->text().compare(noise->item(1, 0)->text(), Qt::CaseInsensitive) <= 0);
        QCOMPARE(m_window->queueView()->currentIndex().row(), 0);
        QVERIFY(m_window->preview()->caption() == model->issue(0).path);
    }

    // Y relabels the image with the suggestion as one action with the model's reason; Ctrl+Z
    // restores the label and brings it back into the queue; both are in the audit trail.
    void acceptingIsUndoable()
    {
        LabelIssueModel *model = m_window->queueModel();
        QVERIFY(model->rowCount() >= 3);
        QTest::keyClick(m_window->queueView(), Qt::Key_Down);
        QCOMPARE(m_window->queueView()->currentIndex().row(), 1);
        QTest::keyClick(m_window->queueView(), Qt::Key_Up);
        const store::LabelIssueRow issue = model->issue(0);
        const store::LabelIssueRow next = model->issue(1);
        store::Database &db = m_session->project().db();
        auto suggested = store::findCategory(db, issue.suggested);
        QVERIFY(suggested.ok() && suggested->has_value());

        QTest::keyClick(m_window->queueView(), Qt::Key_Y);
        m_session->waitForEdits();
        QCOMPARE(labelOf(db, issue.imageId), std::optional((*suggested)->id));
        QCOMPARE(model->rowOf(issue.imageId), -1);
        QCOMPARE(model->issue(m_window->queueView()->currentIndex().row()).imageId, next.imageId);
        QCOMPARE(m_window->counts().accepted, qint64(1));

        QTest::keyClick(m_window->queueView(), Qt::Key_Z, Qt::ControlModifier);
        m_session->waitForEdits();
        QCOMPARE(labelOf(db, issue.imageId), std::optional(issue.categoryId));
        QVERIFY(model->rowOf(issue.imageId) >= 0);
        QCOMPARE(model->issue(m_window->queueView()->currentIndex().row()).imageId, issue.imageId);
        QTRY_COMPARE(m_window->counts().accepted, qint64(0));

        auto history = m_session->history(issue.imageId);
        QVERIFY(history.ok());
        QStringList phases;
        for (const store::HistoryEntry &entry : *history)
            if (entry.field == QLatin1String("label")) {
                phases.append(entry.phase);
                if (entry.phase == QLatin1String("apply")) {
                    QVERIFY2(entry.reason.startsWith(QLatin1String("likely mislabeled: model")), qPrintable(entry.reason));
                    QVERIFY(entry.reason.contains(issue.suggested));
                }
            }
        QCOMPARE(phases, (QStringList{QStringLiteral("undo"), QStringLiteral("apply")}));
    }

    // N keeps the label: recorded in the audit trail, out of the queue, and still out after the
    // same model ranks the images again (where it is still an issue).
    void keptLabelStaysOut()
    {
        LabelIssueModel *model = m_window->queueModel();
        const store::LabelIssueRow issue = model->issue(m_window->queueView()->currentIndex().row());
        store::Database &db = m_session->project().db();
        QTest::keyClick(m_window->queueView(), Qt::Key_N);
        m_session->waitForEdits();
        QCOMPARE(model->rowOf(issue.imageId), -1);
        QCOMPARE(labelOf(db, issue.imageId), std::optional(issue.categoryId));
        QCOMPARE(m_window->counts().kept, qint64(1));
        auto history = m_session->history(issue.imageId);
        QVERIFY(history.ok() && !history->isEmpty());
        QCOMPARE(history->first().field, QStringLiteral("label_check"));
        QVERIFY(history->first().reason.contains(issue.suggested));

        const qint64 remaining = m_window->counts().remaining;
        QSignalSpy finished(m_window.get(), &LabelIssueWindow::rankingFinished);
        QTest::mouseClick(m_window->findButton(), Qt::LeftButton);
        QSignalSpy counted(m_window.get(), &LabelIssueWindow::countsChanged);
        QVERIFY(finished.wait(240000));
        // Counts requested before the ranking ended may arrive first; the last one follows it.
        QTRY_VERIFY(!counted.isEmpty());
        while (counted.wait(500)) {
        }
        QVERIFY(finished.at(0).at(0).toBool());
        auto score = db.prepare("SELECT label_issue_score FROM predictions WHERE model_id=? AND image_id=?");
        score->bind(1, m_modelId).bind(2, issue.imageId);
        QVERIFY(score->step().value());
        QVERIFY2(score->real(0) > 0, "ranked again as an issue");
        while (model->canFetchMore({}))
            model->fetchMore({});
        QCOMPARE(model->rowOf(issue.imageId), -1);
        QCOMPARE(m_window->counts().kept, qint64(1));
        QCOMPARE(m_window->counts().remaining, remaining);

        // Space skips: the next image, nothing recorded.
        const int row = m_window->queueView()->currentIndex().row();
        const qint64 actions = *db.queryInt("SELECT count(*) FROM actions");
        QTest::keyClick(m_window->queueView(), Qt::Key_Space);
        QCOMPARE(m_window->queueView()->currentIndex().row(), row + 1);
        QCOMPARE(*db.queryInt("SELECT count(*) FROM actions"), actions);
    }

    // A suggestion that is no active category (archived here; an imported model's own class
    // names do the same) is explained and not applied.
    void suggestionWithoutCategoryIsExplained()
    {
        LabelIssueModel *model = m_window->queueModel();
        const store::LabelIssueRow issue = model->issue(m_window->queueView()->currentIndex().row());
        store::Database &db = m_session->project().db();
        auto suggested = store::findCategory(db, issue.suggested);
        QVERIFY(suggested.ok() && suggested->has_value());
        m_session->setCategoryArchived((*suggested)->id, true);
        m_session->waitForEdits();
        QVERIFY(m_window->messageLabel()->text().contains(issue.suggested));
        QTest::keyClick(m_window->queueView(), Qt::Key_Y);
        m_session->waitForEdits();
        QCOMPARE(labelOf(db, issue.imageId), std::optional(issue.categoryId));
        QVERIFY(model->rowOf(issue.imageId) >= 0);
        m_session->setCategoryArchived((*suggested)->id, false);
        m_session->waitForEdits();
        QVERIFY(m_window->messageLabel()->text().isEmpty());

        const QString shots = qEnvironmentVariable("SIEVE_SCREENSHOTS");
        if (!shots.isEmpty()) {
            QTest::qWait(500);   // the preview decodes off the GUI thread
            m_window->grab().save(shots + QStringLiteral("/label_issues_queue.png"));
            m_window->tabs()->setCurrentIndex(1);
            m_window->grab().save(shots + QStringLiteral("/label_issues_noise.png"));
            m_window->tabs()->setCurrentIndex(0);
        }
    }

    // Cross-validated: the folds box comes alive with its radio button; the job runs the
    // k-fold path and the queue still finds the wrong labels.
    void crossValidatedQueue()
    {
        QTest::mouseClick(m_window->crossValidationButton(), Qt::LeftButton);
        QVERIFY(m_window->crossValidationButton()->isChecked());
        QVERIFY(m_window->foldsBox()->isEnabled());
        m_window->foldsBox()->setValue(4);
        QSignalSpy finished(m_window.get(), &LabelIssueWindow::rankingFinished);
        QTest::mouseClick(m_window->findButton(), Qt::LeftButton);
        QVERIFY(finished.wait(240000));
        QVERIFY(finished.at(0).at(0).toBool());
        auto ranking = store::lastLabelIssueRanking(m_session->project().db(), m_modelId);
        QVERIFY(ranking.ok() && ranking->has_value());
        QCOMPARE((*ranking)->folds, 4);
        const auto [precision, recall, chance] = scoreTopK(QStringLiteral("4-fold cross-validation"));
        QVERIFY2(precision >= 3 * chance, qPrintable(QString::number(precision)));
        QVERIFY2(recall >= 3 * chance, qPrintable(QString::number(recall)));
    }

private:
    struct TopK {
        double precision = 0;
        double recall = 0;
        double chance = 0;
    };

    // The queue's top k, k the number of deliberately wrong labels, against ground truth.
    TopK scoreTopK(const QString &how)
    {
        const QSet<QString> wrong = wrongLabels(m_dir.filePath(QStringLiteral("demo")));
        const qint64 labelled = *m_session->project().db().queryInt("SELECT count(*) FROM images WHERE category_id IS NOT NULL");
        const int k = int(wrong.size());
        LabelIssueModel *model = m_window->queueModel();
        while (model->rowCount() < k && model->canFetchMore({}))
            model->fetchMore({});
        int hits = 0;
        const int shown = std::min(k, model->rowCount());
        for (int row = 0; row < shown; ++row) {
            const QString path = model->issue(row).absolutePath;
            hits += std::any_of(wrong.begin(), wrong.end(), [&](const QString &w) { return path.endsWith(QLatin1Char('/') + w); });
        }
        TopK s;
        s.precision = shown > 0 ? double(hits) / shown : 0;
        s.recall = k > 0 ? double(hits) / k : 0;
        // Chance: k images drawn at random from the labelled ones are wrong at the rate of wrong
        // labels, k / labelled, for precision and recall alike.
        s.chance = double(k) / double(labelled);
        qInfo("%s: top %d of the queue (%d shown): %d wrong labels; precision %.2f, recall %.2f; chance %.3f (%d wrong of %lld labelled)",
              qPrintable(how), k, model->rowCount(), hits, s.precision, s.recall, s.chance, k, labelled);
        return s;
    }

    QTemporaryDir m_dir;
    std::int64_t m_modelId = 0;
    std::unique_ptr<ProjectSession> m_session;
    JobsPanel m_jobs;
    std::unique_ptr<LabelIssueWindow> m_window;
};

QTEST_MAIN(TestLabelIssueQueue)
#include "tst_label_issue_queue.moc"
