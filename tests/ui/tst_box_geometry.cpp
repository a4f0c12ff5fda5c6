#include "viewer/box_geometry.h"

#include <QTest>

using namespace sieve::ui;

Q_DECLARE_METATYPE(Qt::Edges)

// The rules that keep a box the analyst drags a valid box inside the image, whatever the mouse
// does; the viewer test drives a few of them through real mouse events.
class TestBoxGeometry : public QObject {
    Q_OBJECT

    static constexpr QRect kImage{0, 0, 320, 240};

private slots:
    void grabbedEdges_data()
    {
        QTest::addColumn<QRectF>("box");
        QTest::addColumn<QPointF>("pos");
        QTest::addColumn<Qt::Edges>("edges");
        const QRectF box(100, 100, 120, 40);
        QTest::newRow("middle moves") << box << QPointF(160, 120) << Qt::Edges();
        QTest::newRow("far outside") << box << QPointF(300, 300) << Qt::Edges();
        QTest::newRow("left edge") << box << QPointF(101, 120) << Qt::Edges(Qt::LeftEdge);
        QTest::newRow("just outside right") << box << QPointF(224, 120) << Qt::Edges(Qt::RightEdge);
        QTest::newRow("top edge") << box << QPointF(160, 97) << Qt::Edges(Qt::TopEdge);
        QTest::newRow("bottom-right corner") << box << QPointF(220, 140) << (Qt::RightEdge | Qt::BottomEdge);
        QTest::newRow("top-left corner") << box << QPointF(98, 99) << (Qt::LeftEdge | Qt::TopEdge);
        // On a box 12 pixels wide the inner reach shrinks to 3, so its middle still moves it.
        QTest::newRow("small box middle") << QRectF(100, 100, 12, 12) << QPointF(106, 106) << Qt::Edges();
        QTest::newRow("small box edge") << QRectF(100, 100, 12, 12) << QPointF(102, 106) << Qt::Edges(Qt::LeftEdge);
    }
    void grabbedEdges()
    {
        QFETCH(QRectF, box);
        QFETCH(QPointF, pos);
        QFETCH(Qt::Edges, edges);
        QCOMPARE(sieve::ui::grabbedEdges(box, pos), edges);
    }

    void movedBoxStaysWholeInside_data()
    {
        QTest::addColumn<QPoint>("delta");
        QTest::addColumn<QRect>("expected");
        QTest::newRow("inside") << QPoint(10, -5) << QRect(50, 35, 100, 30);
        QTest::newRow("past the right") << QPoint(500, 0) << QRect(220, 40, 100, 30);
        QTest::newRow("past the top-left") << QPoint(-500, -500) << QRect(0, 0, 100, 30);
        QTest::newRow("past the bottom") << QPoint(0, 400) << QRect(40, 210, 100, 30);
    }
    void movedBoxStaysWholeInside()
    {
        QFETCH(QPoint, delta);
        QFETCH(QRect, expected);
        QCOMPARE(movedBox(QRect(40, 40, 100, 30), delta, kImage), expected);
    }

    void resizedBoxKeepsItsMinimumAndTheImage_data()
    {
        QTest::addColumn<Qt::Edges>("edges");
        QTest::addColumn<QPoint>("delta");
        QTest::addColumn<QRect>("expected");
        QTest::newRow("bottom-right grows") << (Qt::RightEdge | Qt::BottomEdge) << QPoint(20, 10) << QRect(40, 40, 120, 40);
        QTest::newRow("left past the image") << Qt::Edges(Qt::LeftEdge) << QPoint(-100, 0) << QRect(0, 40, 140, 30);
        QTest::newRow("right past the image") << Qt::Edges(Qt::RightEdge) << QPoint(1000, 0) << QRect(40, 40, 280, 30);
        QTest::newRow("top through the bottom") << Qt::Edges(Qt::TopEdge) << QPoint(0, 200) << QRect(40, 66, 100, kMinimumBoxSide);
        QTest::newRow("left through the right") << Qt::Edges(Qt::LeftEdge) << QPoint(300, 0) << QRect(136, 40, kMinimumBoxSide, 30);
        QTest::newRow("bottom through the top") << Qt::Edges(Qt::BottomEdge) << QPoint(0, -200) << QRect(40, 40, 100, kMinimumBoxSide);
        QTest::newRow("only the grabbed edges") << Qt::Edges(Qt::TopEdge) << QPoint(50, -10) << QRect(40, 30, 100, 40);
    }
    void resizedBoxKeepsItsMinimumAndTheImage()
    {
        QFETCH(Qt::Edges, edges);
        QFETCH(QPoint, delta);
        QFETCH(QRect, expected);
        QCOMPARE(resizedBox(QRect(40, 40, 100, 30), edges, delta, kImage), expected);
    }

    void spannedBoxIsClippedInEitherDirection()
    {
        QCOMPARE(spannedBox(QPointF(10, 20), QPointF(50, 60), kImage), QRect(10, 20, 40, 40));
        QCOMPARE(spannedBox(QPointF(50, 60), QPointF(10, 20), kImage), QRect(10, 20, 40, 40));   // dragged up-left
        QCOMPARE(spannedBox(QPointF(300, 200), QPointF(400, -30), kImage), QRect(300, 0, 20, 200));
    }

    void cursorsMatchTheEdges()
    {
        QCOMPARE(resizeCursor(Qt::LeftEdge | Qt::TopEdge), Qt::SizeFDiagCursor);
        QCOMPARE(resizeCursor(Qt::RightEdge | Qt::BottomEdge), Qt::SizeFDiagCursor);
        QCOMPARE(resizeCursor(Qt::RightEdge | Qt::TopEdge), Qt::SizeBDiagCursor);
        QCOMPARE(resizeCursor(Qt::LeftEdge | Qt::BottomEdge), Qt::SizeBDiagCursor);
        QCOMPARE(resizeCursor(Qt::LeftEdge), Qt::SizeHorCursor);
        QCOMPARE(resizeCursor(Qt::BottomEdge), Qt::SizeVerCursor);
        QCOMPARE(resizeCursor({}), Qt::ArrowCursor);
    }
};

QTEST_GUILESS_MAIN(TestBoxGeometry)
#include "tst_box_geometry.moc"
