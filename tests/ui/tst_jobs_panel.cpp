#include "jobs/job_history.h"
#include "jobs/job_history_model.h"
#include "jobs/jobs_panel.h"
#include "jobs/project_jobs.h"
#include "main_window.h"
#include "project_fixture.h"
#include "store/database.h"
#include "test_images.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace sieve;
using namespace sieve::ui;

class TestJobsPanel : public QObject {
    Q_OBJECT

    // Writes through a connection of its own, as sieve-cli in another process would.
    static bool exec(const QString &projectDir, const QByteArray &sql)
    {
        auto db = store::Database::open(projectDir + "/sieve.db");
        return db.ok() && db->exec(sql.constData()).ok();
    }

    static std::int64_t query(const QString &projectDir, const char *sql)
    {
        auto db = store::Database::open(projectDir + "/sieve.db", store::Database::Mode::ReadOnly);
        return *db->queryInt(sql);
    }

    static bool open(MainWindow &window, const QString &projectDir)
    {
        window.show();
        window.activateWindow();
        if (!QTest::qWaitForWindowActive(&window) || !window.openProject(projectDir))
            return false;
        window.jobsPanel()->tabs()->setCurrentWidget(window.jobsPanel()->history());   // All Jobs
        return true;
    }

    static QString cell(JobHistoryModel *model, int row, int column)
    {
        return model->index(row, column).data().toString();
    }

    static int rowOfJob(JobHistoryModel *model, std::int64_t id)
    {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, 0).data(JobHistoryModel::IdRole).toLongLong() == id)
                return row;
        return -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void listsEveryJobOfTheProjectWithTheLastError()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 3);   // job 1: the fixture's import
        // Job 2: an import sieve-cli finished with problems; job 3: an export that failed; job 4:
        // a scan whose process was killed (still marked running, its process gone).
        QVERIFY(exec(projectDir,
                     "INSERT INTO jobs(id, kind, params, status, total, done, error, pid, created_at, updated_at, finished_at) VALUES "
                     "(2, 'import', '{\"images\":\"/data/batch7\"}', 'done', 40, 40, '', 1, '2024-05-01T10:00:00.000Z', "
                     "'2024-05-01T10:02:00.000Z', '2024-05-01T10:02:00.000Z'), "
                     "(3, 'export', '{\"out\":\"/data/clean\"}', 'failed', 10, 4, 'Cannot write /data/clean.partial/x.jpg', 1, "
                     "'2024-05-02T09:00:00.000Z', '2024-05-02T09:01:00.000Z', '2024-05-02T09:01:00.000Z'), "
                     "(4, 'scan-quality', '{}', 'running', 50, 20, '', 2147483646, '2024-05-03T08:00:00.000Z', "
                     "'2024-05-03T08:00:30.000Z', NULL);"
                     "INSERT INTO job_issues(job_id, path, reason, at) VALUES "
                     "(2, 'a.jpg', 'not an image', 'now'), (2, 'b.jpg', 'empty file', 'now'), (2, 'c.jpg', 'truncated', 'now')"));
        MainWindow window;
        QVERIFY(open(window, projectDir));
        JobHistoryModel *model = window.jobsPanel()->history()->model();
        QTRY_COMPARE(model->rowCount(), 4);

        // Newest first.
        for (int row = 0; row < 4; ++row)
            QCOMPARE(model->index(row, 0).data(JobHistoryModel::IdRole).toLongLong(), qint64(4 - row));
        QCOMPARE(cell(model, 0, JobHistoryModel::Job), QStringLiteral("Quality scan"));
        QCOMPARE(cell(model, 0, JobHistoryModel::State), QStringLiteral("Interrupted"));
        QVERIFY(cell(model, 0, JobHistoryModel::LastError).contains("stopped before it finished"));
        QCOMPARE(cell(model, 0, JobHistoryModel::Progress), QStringLiteral("20 / 50"));
        // Opening the project recorded the interruption, and when it was noticed.
        QCOMPARE(query(projectDir, "SELECT count(*) FROM jobs WHERE id = 4 AND status = 'interrupted'"), std::int64_t(1));
        QVERIFY(!cell(model, 0, JobHistoryModel::Ended).isEmpty());
        QCOMPARE(cell(model, 1, JobHistoryModel::Job), QStringLiteral("Export · clean"));
        QCOMPARE(cell(model, 1, JobHistoryModel::State), QStringLiteral("Failed"));
        QCOMPARE(cell(model, 1, JobHistoryModel::LastError), QStringLiteral("Cannot write /data/clean.partial/x.jpg"));
        QCOMPARE(cell(model, 2, JobHistoryModel::Job), QStringLiteral("Import · batch7"));
        QCOMPARE(cell(model, 2, JobHistoryModel::State), QStringLiteral("Done"));
        QCOMPARE(cell(model, 2, JobHistoryModel::LastError), QStringLiteral("c.jpg: truncated (and 2 more)"));   // the newest issue
        QVERIFY(!cell(model, 2, JobHistoryModel::Started).isEmpty());
        QVERIFY(!cell(model, 2, JobHistoryModel::Ended).isEmpty());

        // Details of the CLI import: its counts and every file it had problems with.
        JobHistoryView *history = window.jobsPanel()->history();
        QVERIFY(!history->detailsButton()->isEnabled());   // nothing selected yet
        history->table()->selectRow(2);
        QVERIFY(history->detailsButton()->isEnabled());
        QTest::mouseClick(history->detailsButton(), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>("jobDetailsBox")));
        QVERIFY(box->text().contains("Import"));
        QVERIFY(box->text().contains("40 of 40 items"));
        QVERIFY(box->text().contains("3 items had problems"));
        QVERIFY(box->detailedText().contains("a.jpg: not an image"));
        QVERIFY(box->detailedText().contains("c.jpg: truncated"));
        box->close();
        QTRY_VERIFY(!window.findChild<QMessageBox *>("jobDetailsBox"));

        // The failed export's details give its error.
        history->showDetails(1);
        QTRY_VERIFY((box = window.findChild<QMessageBox *>("jobDetailsBox")));
        QVERIFY(box->text().contains("Cannot write /data/clean.partial/x.jpg"));
        box->close();
    }

    void followsAJobRunningInAnotherProcess()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 4);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        JobHistoryModel *model = window.jobsPanel()->history()->model();
        QTRY_COMPARE(model->rowCount(), 1);

        // A scan another process is running (this test's own pid: a process that is alive), and
        // one whose process was killed after the window opened the project.
        const QByteArray pid = QByteArray::number(QCoreApplication::applicationPid());
        QVERIFY(exec(projectDir, "INSERT INTO jobs(id, kind, params, status, total, done, pid, created_at, updated_at) VALUES "
                                 "(50, 'scan-pii', '{}', 'running', 10, 3, " + pid + ", '2024-05-03T08:00:00.000Z', 'now'), "
                                 "(51, 'thumbnails', '{}', 'running', 10, 2, 2147483646, '2024-05-03T08:00:00.000Z', 'now')"));
        // Noticed by the idle poll (every five seconds) …
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 8000);
        QCOMPARE(cell(model, 0, JobHistoryModel::State), QStringLiteral("Interrupted"));
        QVERIFY(cell(model, 0, JobHistoryModel::LastError).contains("stopped before it finished"));
        QCOMPARE(cell(model, 1, JobHistoryModel::State), QStringLiteral("Running"));
        QCOMPARE(cell(model, 1, JobHistoryModel::Progress), QStringLiteral("3 / 10"));
        // … then followed every two seconds while it runs.
        QVERIFY(exec(projectDir, "UPDATE jobs SET done = 7 WHERE id = 50"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 1, JobHistoryModel::Progress), QStringLiteral("7 / 10"), 4000);
        QVERIFY(exec(projectDir, "UPDATE jobs SET done = 10, status = 'done', finished_at = '2024-05-03T08:05:00.000Z' WHERE id = 50"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, 1, JobHistoryModel::State), QStringLiteral("Done"), 4000);

        // A real sieve-cli run on the open project shows up as well.
        QByteArray out;
        QCOMPARE(sieve::test::runCli({"thumbnails", projectDir}, &out), 0);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 4, 8000);
        QCOMPARE(cell(model, 0, JobHistoryModel::Job), QStringLiteral("Thumbnails"));
        QCOMPARE(cell(model, 0, JobHistoryModel::State), QStringLiteral("Done"));
    }

    void aJobOfThisWindowIsListedWhenItEnds()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 4);
        MainWindow window;
        QVERIFY(open(window, projectDir));
        JobHistoryModel *model = window.jobsPanel()->history()->model();
        QTRY_COMPARE(model->rowCount(), 1);
        window.jobsPanel()->run(makeThumbnailJob(window.workspace()->session()));
        QCOMPARE(window.jobsPanel()->tabs()->currentIndex(), 0);   // its progress, with Cancel
        QTRY_COMPARE(window.jobsPanel()->runningCount(), 0);
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(cell(model, 0, JobHistoryModel::Job), QStringLiteral("Thumbnails"));
        QTRY_COMPARE(cell(model, 0, JobHistoryModel::State), QStringLiteral("Done"));
        QCOMPARE(cell(model, 0, JobHistoryModel::Progress), QStringLiteral("4 / 4"));
    }
};

QTEST_MAIN(TestJobsPanel)
#include "tst_jobs_panel.moc"
