#include "imaging/redaction.h"

#include <QFontDatabase>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve::imaging;

// Reads IMAGE with the tesseract command (the reference OCR), or returns a null string when the
// command is missing.
static QString ocr(const QImage &image, const QTemporaryDir &dir)
{
    const QString tesseract = QStandardPaths::findExecutable(QStringLiteral("tesseract"));
    if (tesseract.isEmpty())
        return {};
    const QString path = dir.filePath(QStringLiteral("page.png"));
    image.save(path);
    QProcess process;
    process.setEnvironment(QProcess::systemEnvironment() << QStringLiteral("OMP_THREAD_LIMIT=1"));
    process.start(tesseract, {path, QStringLiteral("stdout"), QStringLiteral("--psm"), QStringLiteral("6")});
    process.waitForFinished(60000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

class TestRedaction : public QObject {
    Q_OBJECT

    // A white card with a phone number and an e-mail address in large print; BOXES gets the
    // text boxes.
    static QImage card(QList<QRect> &boxes)
    {
        QImage image(900, 260, QImage::Format_RGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        QFont font(QStringLiteral("DejaVu Sans"), 30);
        painter.setFont(font);
        painter.setPen(Qt::black);
        const QFontMetrics metrics(font);
        const QStringList lines{QStringLiteral("Tel 0712 345 678"), QStringLiteral("amina.otieno@example.org")};
        int y = 80;
        for (const QString &line : lines) {
            painter.drawText(40, y, line);
            boxes.append(metrics.boundingRect(line).translated(40, y));
            y += 100;
        }
        return image;
    }

private slots:
    void redactedTextCannotBeReadBack_data()
    {
        QTest::addColumn<int>("style");
        QTest::newRow("pixelate") << int(RedactionStyle::Pixelate);
        QTest::newRow("blur") << int(RedactionStyle::Blur);
        QTest::newRow("fill") << int(RedactionStyle::Fill);
    }
    void redactedTextCannotBeReadBack()
    {
        QFETCH(int, style);
        QTemporaryDir dir;
        QList<QRect> boxes;
        const QImage original = card(boxes);
        const QString before = ocr(original, dir);
        if (before.isNull())
            QSKIP("the tesseract command is not installed");
        // The reference reads the card, so a clean result below means the redaction worked.
        QVERIFY2(before.contains(QStringLiteral("345")) && before.contains(QStringLiteral("example")), qPrintable(before));
        RedactionOptions options;
        options.style = RedactionStyle(style);
        const QImage redacted = redact(original, boxes, options);
        const QString after = ocr(redacted, dir);
        for (const QString &piece : {QStringLiteral("0712"), QStringLiteral("345"), QStringLiteral("678"), QStringLiteral("amina"),
                                     QStringLiteral("otieno"), QStringLiteral("example")})
            QVERIFY2(!after.contains(piece, Qt::CaseInsensitive), qPrintable(after));
        QCOMPARE(original.pixel(5, 5), redacted.pixel(5, 5));   // outside the boxes nothing changes
    }

    void boxesArePaddedAndClipped()
    {
        QImage image(100, 50, QImage::Format_RGB32);
        image.fill(Qt::white);
        RedactionOptions options;
        options.style = RedactionStyle::Fill;
        options.padding = 0.5;
        // A box running off the right edge: filled up to the edge, padded by half its height.
        const QImage out = redact(image, {QRect(80, 20, 40, 10)}, options);
        QCOMPARE(out.pixel(99, 25), QColor(Qt::black).rgb());
        QCOMPARE(out.pixel(76, 25), QColor(Qt::black).rgb());   // padding of 5 px to the left
        QCOMPARE(out.pixel(70, 25), QColor(Qt::white).rgb());
        QCOMPARE(image.pixel(99, 25), QColor(Qt::white).rgb());  // the original is untouched
        QCOMPARE(paddedBox(QRect(10, 10, 20, 10), 0.5, QRect(0, 0, 100, 100)), QRect(5, 5, 30, 20));
    }
};

QTEST_MAIN(TestRedaction)
#include "tst_redaction.moc"
