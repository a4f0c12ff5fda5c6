// The peer of `sieve-cli export` in tests/bench/run.sh: the least any export must do with each
// image — decode it (EXIF orientation applied) and encode it again as JPEG at the same quality,
// written to a file — and nothing else, with the same codecs (Qt's image plugins over
// libjpeg-turbo), the same thread count and one image per task, as the export runs them.
// Export's extra work (database reads, redaction, SHA-256, the manifest, atomic file writes)
// is what the ratio measures. vipsthumbnail or convert would measure another JPEG library
// rather than Sieve's own overhead.
//
//   bench_export_peer IMAGES_DIR OUT_DIR THREADS QUALITY
//
// Prints one line: "<images> <seconds>".

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QThreadPool>

#include <atomic>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 5) {
        std::fprintf(stderr, "usage: bench_export_peer IMAGES_DIR OUT_DIR THREADS QUALITY\n");
        return 2;
    }
    QStringList files;
    // Every file, whatever its format (the demo has JPEG, PNG, WebP and TIFF), as import took them.
    QDirIterator it(args[1], QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    const QString out = args[2];
    QDir().mkpath(out);
    const int quality = args[4].toInt();

    QThreadPool pool;
    pool.setMaxThreadCount(args[3].toInt() > 0 ? args[3].toInt() : QThread::idealThreadCount());
    std::atomic<int> failed{0};
    QElapsedTimer clock;
    clock.start();
    for (qsizetype i = 0; i < files.size(); ++i) {
        pool.start([&, i] {
            QImageReader reader(files[i]);
            reader.setAutoTransform(true);
            QImage image = reader.read();
            if (image.hasAlphaChannel())
                image = image.convertToFormat(QImage::Format_RGB32);
            QFile file(QStringLiteral("%1/%2.jpg").arg(out).arg(i));
            QImageWriter writer(&file, "jpeg");
            writer.setQuality(quality);
            if (image.isNull() || !file.open(QIODevice::WriteOnly) || !writer.write(image))
                ++failed;
        });
    }
    pool.waitForDone();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    if (failed > 0)
        std::fprintf(stderr, "bench_export_peer: %d images failed\n", failed.load());
    std::printf("%lld %.3f\n", static_cast<long long>(files.size() - failed), seconds);
    return failed > 0 ? 1 : 0;
}
