#include "test_images.h"
#include "train/image_input.h"

#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace sieve;

class TestImageInput : public QObject {
    Q_OBJECT

private slots:
    void decodesToTheShorterSideWithOrientation()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath("r.jpg"), test::jpegWithOrientation({1600, 800}, 6)));
        // Stored 1600 × 800 and shown rotated: 800 × 1600, so the shorter side is the width.
        auto image = train::decodeShortSide(dir.filePath("r.jpg"), 256);
        QVERIFY2(image.ok(), qPrintable(image.ok() ? QString() : image.error()));
        QCOMPARE(image->size(), QSize(256, 512));
        QCOMPARE(image->format(), QImage::Format_RGB888);
        // Small images are scaled up: the pipeline's crops need the full side.
        QVERIFY(test::writeFile(dir.filePath("s.jpg"), test::jpegWithOrientation({120, 90}, 1)));
        auto small = train::decodeShortSide(dir.filePath("s.jpg"), 256);
        QVERIFY(small.ok());
        QCOMPARE(small->size(), QSize(341, 256));
    }

    void namesTheFileItCannotDecode()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath("bad.jpg"), "\xFF\xD8\xFF garbage"));
        auto image = train::decodeShortSide(dir.filePath("bad.jpg"), 256);
        QVERIFY(!image.ok());
        QVERIFY(image.error().contains(dir.filePath("bad.jpg")));
    }

    void inferenceCropResizesThenTakesTheCentre()
    {
        // Left half red, right half blue, 600 × 300: resized to 512 × 256, the centre 224 is
        // half red and half blue.
        QImage image(600, 300, QImage::Format_RGB888);
        image.fill(Qt::red);
        for (int y = 0; y < 300; ++y)
            for (int x = 300; x < 600; ++x)
                image.setPixelColor(x, y, Qt::blue);
        const nn::Normalization normalization;
        const QImage crop = train::inferenceCrop(image, normalization, 224);
        QCOMPARE(crop.size(), QSize(224, 224));
        QCOMPARE(crop.pixelColor(10, 100), QColor(Qt::red));
        QCOMPARE(crop.pixelColor(213, 100), QColor(Qt::blue));
        // An image already at the input size is used as it is.
        QImage exact(224, 224, QImage::Format_RGB888);
        exact.fill(Qt::green);
        QCOMPARE(train::inferenceCrop(exact, normalization, 224), exact);
    }

    void tensorIsChannelPlanesNormalised()
    {
        QImage image(2, 1, QImage::Format_RGB888);
        image.setPixelColor(0, 0, QColor(255, 0, 51));
        image.setPixelColor(1, 0, QColor(0, 255, 102));
        nn::Normalization normalization;
        normalization.mean = {0.5, 0.0, 0.2};
        normalization.std = {0.5, 1.0, 0.1};
        std::vector<float> out(6);
        train::toTensor(image, normalization, out);
        const std::vector<float> expected{1.0f, -1.0f, 0.0f, 1.0f, 0.0f, 2.0f};
        for (std::size_t i = 0; i < out.size(); ++i)
            QVERIFY2(qAbs(out[i] - expected[i]) < 1e-5f, qPrintable(QString::number(i)));
    }
};

QTEST_GUILESS_MAIN(TestImageInput)
#include "tst_image_input.moc"
