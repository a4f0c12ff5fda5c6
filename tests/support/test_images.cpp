#include "test_images.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QPainter>
#include <QProcess>

namespace sieve::test {

bool writeImage(const QString &path, int seed, const char *format, QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.fillRect(image.rect(), QColor::fromHsv((seed * 37) % 360, 160, 200));
    painter.setPen(QColor::fromHsv((seed * 91 + 120) % 360, 255, 120));
    for (int i = 0; i < 6; ++i)
        painter.drawLine((seed * (i + 3)) % size.width(), 0, (seed * (i + 7)) % size.width(), size.height());
    painter.end();
    // The seed's bits as pixels: distinct bytes for every seed, without fonts (no GUI needed).
    for (int bit = 0; bit < 32 && bit < size.width(); ++bit)
        image.setPixel(bit, 0, (quint32(seed) >> bit) & 1 ? 0xffffffff : 0xff000000);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImageWriter writer(path, format);
    if (QByteArray(format) == "jpeg")
        writer.setQuality(90);
    return writer.write(image);
}

QStringList writeImageFolder(const QString &dir, int count, int firstSeed)
{
    QStringList paths;
    for (int i = 0; i < count; ++i) {
        const QString relative = QStringLiteral("batch%1/img_%2.jpg").arg(i / 50).arg(i, 3, 10, QLatin1Char('0'));
        if (writeImage(dir + QLatin1Char('/') + relative, firstSeed + i))
            paths.append(relative);
    }
    return paths;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray jpegWithOrientation(QSize storedSize, int orientation, int seed)
{
    QImage image(storedSize, QImage::Format_RGB32);
    image.fill(QColor::fromHsv(seed % 360, 200, 200));
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "jpeg", 90);
    // APP1 "Exif\0\0" + little-endian TIFF header + IFD0 with one entry: Orientation (0x0112).
    QByteArray tiff("II*\0\x08\0\0\0", 8);
    auto u16 = [](QByteArray &a, int v) { a.append(char(v & 0xff)).append(char((v >> 8) & 0xff)); };
    auto u32 = [](QByteArray &a, quint32 v) { for (int i = 0; i < 4; ++i) a.append(char((v >> (8 * i)) & 0xff)); };
    u16(tiff, 1);                 // one entry
    u16(tiff, 0x0112);            // Orientation
    u16(tiff, 3);                 // SHORT
    u32(tiff, 1);                 // count
    u16(tiff, orientation);
    u16(tiff, 0);
    u32(tiff, 0);                 // no next IFD
    QByteArray app1 = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xFF\xE1", 2);
    u16(segment, 0); // placeholder, big-endian length written below
    segment[2] = char(((app1.size() + 2) >> 8) & 0xff);
    segment[3] = char((app1.size() + 2) & 0xff);
    segment += app1;
    return jpeg.left(2) + segment + jpeg.mid(2);
}

int runCli(const QStringList &args, QByteArray *output, QByteArray *errors, int timeoutMs)
{
    QProcess process;
    process.start(QStringLiteral(SIEVE_CLI_PATH), args);
    if (!process.waitForFinished(timeoutMs))
        return -1;
    if (output)
        *output = process.readAllStandardOutput();
    if (errors)
        *errors = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
}

} // namespace sieve::test
