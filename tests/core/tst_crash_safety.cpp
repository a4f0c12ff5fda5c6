#include "store/categories.h"
#include "store/database.h"
#include "store/project.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace sieve;

class TestCrashSafety : public QObject {
    Q_OBJECT

private slots:
    void editsShownAsDoneSurviveSigkill_data()
    {
        QTest::addColumn<int>("killAfter");
        QTest::newRow("early") << 20;
        QTest::newRow("later") << 400;
        QTest::newRow("much later") << 1500;
    }

    void editsShownAsDoneSurviveSigkill()
    {
        QFETCH(int, killAfter);
        QTemporaryDir dir;
        {
            auto project = store::Project::create(dir.path());
            QVERIFY(project.ok());
            store::Database &db = (*project)->db();
            QVERIFY(db.exec("INSERT INTO sources(id, root) VALUES(1, '/data')").ok());
            for (int i = 1; i <= 50; ++i) {
                const QByteArray sql = "INSERT INTO images(source_id, path, file_name, hash, file_size, format, width, height, imported_at) "
                                       "VALUES(1, 'p" + QByteArray::number(i) + "', 'p', 'h" + QByteArray::number(i) + "', 1, 'jpeg', 1, 1, 'now')";
                QVERIFY(db.exec(sql.constData()).ok());
            }
            QVERIFY(store::addCategory(db, "A").ok());
            QVERIFY(store::addCategory(db, "B").ok());
        }

        // The child reports each committed action; the parent kills it mid-stream, without
        // warning, while it is most likely inside the next transaction.
        QProcess editor;
        editor.start(QStringLiteral(CRASH_EDITOR_PATH), {dir.path()});
        QVERIFY(editor.waitForStarted());
        QList<std::int64_t> reported;
        while (reported.size() < killAfter && editor.state() == QProcess::Running) {
            if (!editor.canReadLine() && !editor.waitForReadyRead(10000))
                break;
            while (editor.canReadLine()) {
                const QByteArray line = editor.readLine().trimmed();
                if (line.startsWith("done "))
                    reported.append(line.mid(5).toLongLong());
            }
        }
        ::kill(pid_t(editor.processId()), SIGKILL);
        editor.waitForFinished();
        QVERIFY2(reported.size() >= killAfter, qPrintable(QStringLiteral("only %1 edits reported").arg(reported.size())));

        auto project = store::Project::open(dir.path());
        QVERIFY(project.ok());
        store::Database &db = (*project)->db();
        auto check = db.prepare("PRAGMA integrity_check");
        QVERIFY(*check->step());
        QCOMPARE(check->text(0), QStringLiteral("ok"));
        QCOMPARE(*db.queryInt("PRAGMA foreign_key_check"), std::int64_t(0));
        // Every edit the child showed as done is there, with its audit events.
        auto exists = db.prepare("SELECT count(*) FROM actions a WHERE a.id=? AND EXISTS (SELECT 1 FROM label_events e WHERE e.action_id=a.id)");
        for (std::int64_t id : reported) {
            exists->bind(1, id);
            QVERIFY(*exists->step());
            QCOMPARE(exists->int64(0), std::int64_t(1));
            exists->reset();
        }
        // And nothing half-done: every action has all of its events applied.
        QCOMPARE(*db.queryInt("SELECT count(*) FROM actions a WHERE NOT EXISTS (SELECT 1 FROM label_events e WHERE e.action_id=a.id)"),
                 std::int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crash_safety.moc"
