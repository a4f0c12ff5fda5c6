#include "gallery/image_list_model.h"
#include "gallery/thumbnail_loader.h"
#include "session/project_session.h"
#include "store/image_query.h"
#include "store/project.h"
#include "project_fixture.h"

#include <QAbstractItemModelTester>
#include <QPixmap>
#include <QSignalSpy>
#include <QTest>

using namespace sieve;
using namespace sieve::ui;

class TestImageListModel : public QObject {
    Q_OBJECT

private slots:
    void behavesAsAModelAndPagesItsData()
    {
        QTemporaryDir dir;
        const QString projectDir = makeUiProject(dir, 150);
        auto session = ProjectSession::open(projectDir);
        QVERIFY(session.ok());
        ThumbnailLoader loader((*session)->project().thumbnailCachePath());
        ImageListModel model(session->get(), &loader);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        auto ids = store::queryImageIds((*session)->project().db(), {});
        model.setIds(*ids);
        QCOMPARE(model.rowCount(), 150);
        QCOMPARE(model.index(149).data(ImageListModel::PathRole).toString(), QStringLiteral("batch2/img_149.jpg"));
        QCOMPARE(model.index(0).data(ImageListModel::DimensionsRole).toSize(), QSize(96, 64));
        QCOMPARE(model.rowOf(ids->at(70)), 70);
        QCOMPARE(model.index(3).data(ImageListModel::LabelRole).toString(), QString());

        // A label change shows after invalidate().
        QVERIFY((*session)->setLabel({ids->at(3)}, 1));
        (*session)->waitForEdits();
        model.invalidate();
        QCOMPARE(model.index(3).data(ImageListModel::LabelRole).toString(), QStringLiteral("Rice"));

        // Thumbnails arrive asynchronously, with a dataChanged naming only the thumbnail roles.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.index(5).data(ImageListModel::ThumbnailRole).value<QPixmap>().isNull());
        QTRY_VERIFY(!model.index(5).data(ImageListModel::ThumbnailRole).value<QPixmap>().isNull());
        bool named = false;
        for (const auto &args : changed)
            named = named || args.at(2).value<QList<int>>().contains(ImageListModel::ThumbnailRole);
        QVERIFY(named);

        model.setIds({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestImageListModel)
#include "tst_image_list_model.moc"
