#include "store/database.h"
#include "store/project.h"
#include "store/views.h"
#include "test_images.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using sieve::test::runCli;

class TestCli : public QObject {
    Q_OBJECT

    static QJsonObject json(const QByteArray &output) { return QJsonDocument::fromJson(output).object(); }

private slots:
    void usageErrorsExitWithTwo()
    {
        QByteArray out, err;
        QCOMPARE(runCli({}, &out, &err), 2);
        QCOMPARE(runCli({"frobnicate"}, &out, &err), 2);
        QVERIFY(err.contains("unknown command"));
        QCOMPARE(runCli({"import", "--bogus"}, &out, &err), 2);
        QCOMPARE(runCli({"info"}, &out, &err), 2);   // missing PROJECT_DIR
        QCOMPARE(runCli({"thumbnails", "x", "--size", "huge"}, &out, &err), 2);
    }

    void everyCommandHasHelp_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *command : {"init", "import", "info", "thumbnails", "label", "export-labels", "demo", "scan", "export", "views",
                                   "train", "eval", "predict", "classify", "models"})
            QTest::newRow(command) << QString::fromLatin1(command);
    }
    void everyCommandHasHelp()
    {
        QFETCH(QString, command);
        QByteArray out;
        QCOMPARE(runCli({command, "--help"}, &out), 0);
        QVERIFY(out.contains("Usage:"));
        QVERIFY(out.contains("--json"));
    }

    void projectErrorsExitWithThreeAndNameTheFolder()
    {
        QTemporaryDir dir;
        QByteArray out, err;
        QCOMPARE(runCli({"info", dir.path()}, &out, &err), 3);
        QVERIFY(err.contains(dir.path().toUtf8()));
        QVERIFY(err.contains("not a Sieve project"));
        QCOMPARE(runCli({"init", dir.filePath("p")}, &out), 0);
        QCOMPARE(runCli({"init", dir.filePath("p")}, &out, &err), 3);
        QVERIFY(err.contains("already holds"));
        // --json errors are machine-readable too.
        QCOMPARE(runCli({"info", dir.path(), "--json"}, &out, &err), 3);
        QCOMPARE(json(out).value("exit_code").toInt(), 3);
    }

    void importInfoLabelAndExportRoundTrip()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("project");
        const QString images = dir.filePath("images");
        const QStringList paths = sieve::test::writeImageFolder(images, 6);
        QVERIFY(sieve::test::writeFile(images + "/broken.jpg", "\xFF\xD8\xFF\xE0 not really"));
        QVERIFY(sieve::test::writeFile(dir.filePath("meta.csv"), "path,label,country\n" + paths[0].toUtf8() + ",Rice,KE\n"));

        QByteArray out, err;
        // Problems in some files: the import finishes and says so with exit code 4.
        QCOMPARE(runCli({"import", project, images, "--metadata", dir.filePath("meta.csv"), "--json"}, &out, &err), 4);
        QJsonObject imported = json(out);
        QCOMPARE(imported.value("added").toInt(), 6);
        QCOMPARE(imported.value("failed").toInt(), 1);
        QCOMPARE(imported.value("labels_set").toInt(), 1);
        QCOMPARE(imported.value("issues").toArray().first().toObject().value("path").toString(), QStringLiteral("broken.jpg"));

        QCOMPARE(runCli({"info", project, "--json"}, &out), 0);
        QJsonObject info = json(out);
        QCOMPARE(info.value("images").toInt(), 6);
        QCOMPARE(info.value("labeled").toInt(), 1);
        QCOMPARE(info.value("import_errors").toInt(), 1);

        QVERIFY(sieve::test::writeFile(dir.filePath("labels.csv"),
                                       "path,label\n" + paths[1].toUtf8() + ",Soap\n" + paths[2].toUtf8() + ",rice\nnope.jpg,Rice\n"));
        // Unknown category "Soap": reported, the rest applied, exit 4.
        QCOMPARE(runCli({"label", project, "--csv", dir.filePath("labels.csv"), "--json"}, &out, &err), 4);
        QJsonObject labelled = json(out);
        QCOMPARE(labelled.value("changed").toInt(), 1);
        QCOMPARE(labelled.value("problems").toArray().size(), 2);
        QCOMPARE(runCli({"label", project, "--csv", dir.filePath("labels.csv"), "--create-categories", "--json"}, &out), 4);
        QCOMPARE(json(out).value("created_categories").toArray().first().toString(), QStringLiteral("Soap"));

        QCOMPARE(runCli({"export-labels", project, dir.filePath("out.csv")}, &out), 0);
        QFile exported(dir.filePath("out.csv"));
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = exported.readAll().split('\n');
        QVERIFY(lines[0].startsWith("path,source,label,claimed_label,review_status,flags,missing,hash,country"));
        QCOMPARE(lines.size(), 8);   // header, six images, final newline
        QVERIFY(lines[1].contains(",Rice,Rice,unreviewed,"));
        QVERIFY(lines[2].contains(",Soap,,unreviewed,"));
    }

    void exportsASavedViewWithAJsonLinesManifest()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("project");
        const QString images = dir.filePath("images");
        const QStringList paths = sieve::test::writeImageFolder(images, 8);
        QByteArray meta = "path,label,country\n";
        for (int i = 0; i < paths.size(); ++i)
            meta += paths[i].toUtf8() + (i % 2 ? ",Rice," : ",Soap,") + (i < 6 ? "KE" : "FR") + "\n";
        QVERIFY(sieve::test::writeFile(dir.filePath("meta.csv"), meta));
        QByteArray out, err;
        QCOMPARE(runCli({"import", project, images, "--metadata", dir.filePath("meta.csv")}, &out, &err), 0);
        {
            // What the app's View > Save View… stores; and a duplicate group the analyst has not
            // reviewed: images 1 and 2 (both Kenyan), the scan suggesting to keep 2.
            auto opened = sieve::store::Project::open(project);
            QVERIFY(opened.ok());
            sieve::store::ImageFilter kenya;
            kenya.attributes.insert("country", {"KE"});
            QVERIFY(sieve::store::saveView((*opened)->db(), "Kenya", kenya).ok());
            QVERIFY((*opened)->db().exec("INSERT INTO duplicate_groups(image_id, group_id, kind, distance, keep) "
                                         "VALUES (1, 2, 'near', 3, 0), (2, 2, 'near', 0, 1)").ok());
        }

        // An unknown view is a usage error that names the views there are.
        QCOMPARE(runCli({"export", project, dir.filePath("none"), "--view", "Kenia"}, &out, &err), 2);
        QVERIFY2(err.contains("“Kenia”") && err.contains("“Kenya”"), err.constData());
        QCOMPARE(runCli({"export", project, dir.filePath("none"), "--manifest", "xml"}, &out, &err), 2);
        QVERIFY(!QFileInfo::exists(dir.filePath("none")));

        const QString outDir = dir.filePath("kenya");
        QCOMPARE(runCli({"export", project, outDir, "--view", "kenya", "--layout", "flat", "--manifest", "jsonl", "--json"}, &out, &err), 0);
        const QJsonObject summary = json(out);
        QCOMPARE(summary.value("exported").toInt(), 5);   // six Kenyan images, one per duplicate group
        QCOMPARE(summary.value("excluded").toInt(), 1);
        QFile manifest(outDir + "/manifest.jsonl");
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = manifest.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), qsizetype(5));
        for (const QByteArray &line : lines) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            QCOMPARE(entry.value("country").toString(), QStringLiteral("KE"));
            QFile file(outDir + "/" + entry.value("path").toString());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()),
                     entry.value("sha256").toString());
        }
        QFile exclusions(outDir + "/exclusions.csv");
        QVERIFY(exclusions.open(QIODevice::ReadOnly));
        QVERIFY(exclusions.readAll().contains(paths[0].toUtf8() + ",duplicate group: kept " + paths[1].toUtf8()));

        // --keep-duplicates exports the whole group.
        QCOMPARE(runCli({"export", project, dir.filePath("all"), "--view", "Kenya", "--keep-duplicates", "--json"}, &out, &err), 0);
        QCOMPARE(json(out).value("exported").toInt(), 6);
        QVERIFY(QFileInfo::exists(dir.filePath("all/manifest.csv")));
    }

    void savesListsRenamesAndDeletesViews()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath("project");
        const QString images = dir.filePath("images");
        const QStringList paths = sieve::test::writeImageFolder(images, 6);
        QByteArray meta = "path,label,country\n";
        for (int i = 0; i < paths.size(); ++i)
            meta += paths[i].toUtf8() + (i % 2 ? ",Rice," : ",Soap,") + (i < 4 ? "KE" : "FR") + "\n";
        QVERIFY(sieve::test::writeFile(dir.filePath("meta.csv"), meta));
        QByteArray out, err;
        QCOMPARE(runCli({"import", project, images, "--metadata", dir.filePath("meta.csv")}, &out, &err), 0);

        QCOMPARE(runCli({"views", project}, &out, &err), 0);
        QVERIFY(out.contains("No saved views"));
        // Kenyan rice: images 1 and 3 of 0..5.
        QCOMPARE(runCli({"views", project, "--save", "Kenyan rice", "--category", "rice", "--attribute", "country=KE", "--json"},
                        &out, &err), 0);
        QJsonArray views = json(out).value("views").toArray();
        QCOMPARE(views.size(), 1);
        QCOMPARE(views[0].toObject().value("name").toString(), QStringLiteral("Kenyan rice"));
        QCOMPARE(views[0].toObject().value("images").toInt(), 2);
        // The saved view is the one export and training read.
        {
            auto opened = sieve::store::Project::open(project);
            auto view = sieve::store::findView((*opened)->db(), "kenyan RICE");
            QVERIFY(view.ok() && view->has_value());
            QCOMPARE((*view)->filter.attributes.value("country"), QStringList{"KE"});
        }
        // Saving over a name asks for --replace; bad values name themselves.
        QCOMPARE(runCli({"views", project, "--save", "Kenyan rice", "--unlabeled"}, &out, &err), 1);
        QVERIFY(err.contains("Kenyan rice"));
        QCOMPARE(runCli({"views", project, "--save", "x", "--category", "Maize"}, &out, &err), 2);
        QVERIFY(err.contains("Maize"));
        QCOMPARE(runCli({"views", project, "--save", "x", "--status", "done"}, &out, &err), 2);
        QCOMPARE(runCli({"views", project, "--save", "x", "--attribute", "KE"}, &out, &err), 2);
        QCOMPARE(runCli({"views", project, "--rename", "Kenyan rice"}, &out, &err), 2);

        QCOMPARE(runCli({"views", project, "--rename", "Kenyan rice", "--to", "Rice KE", "--json"}, &out, &err), 0);
        QCOMPARE(json(out).value("views").toArray()[0].toObject().value("name").toString(), QStringLiteral("Rice KE"));
        QCOMPARE(runCli({"views", project, "--delete", "Nothing"}, &out, &err), 1);
        QVERIFY(err.contains("Nothing"));
        QCOMPARE(runCli({"views", project, "--delete", "Rice KE", "--json"}, &out, &err), 0);
        QVERIFY(json(out).value("views").toArray().isEmpty());
    }

    void badDemoOptionsAreUsageErrors()
    {
        QTemporaryDir dir;
        QByteArray out, err;
        QCOMPARE(runCli({"demo"}, &out, &err), 2);
        QCOMPARE(runCli({"demo", "--out", dir.filePath("d"), "--categories", "99"}, &out, &err), 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
