#include "pii/pii_scan.h"

#include "base/clock.h"
#include "imaging/thumbnailer.h"
#include "jobs/job_context.h"
#include "jobs/pipeline.h"
#include "pii/ocr_engine.h"
#include "pii/ocr_languages.h"
#include "pii/pii_finder.h"
#include "pii/pii_suggestion.h"
#include "pii/stretched_gray.h"
#include "pii/text_detector.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QThreadPool>

#include <algorithm>

namespace sieve::pii {

using store::Database;
using store::Statement;

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::pii)
};

// OCR takes about a second an image: small batches keep a cancelled run's loss small.
constexpr int kBatch = 16;

// The height of characters Tesseract's LSTM models read best, in pixels: each text area is
// scaled so that its smallest characters have about this height.
constexpr double kOcrCharHeight = 30;

// EXIF fields that identify a person or a device; the demo data and real phones write them.
constexpr const char *kIdentifyingExif[] = {"gps", "serial", "owner", "artist", "unique_id", "lens_serial"};

struct Work {
    std::int64_t id = 0;
    QString path;
    QString region;                // ISO country code, may be empty
    QString exif;                  // JSON summary
    QSize displayed;               // oriented original size: region boxes are in its pixels
    ImagePiiScan scan;
    QList<TextLine> otherLines;    // lines without PII
    QStringList exifFields;        // identifying EXIF fields present
};

QStringList identifyingExif(const QString &json)
{
    QStringList found;
    if (json.size() <= 2)
        return found;
    const QJsonObject exif = QJsonDocument::fromJson(json.toUtf8()).object();
    for (const char *field : kIdentifyingExif)
        if (exif.contains(QLatin1String(field)))
            found.append(QString::fromLatin1(field));
    return found;
}

bool overlapsAny(const QRect &box, const QList<PiiMatch> &matches)
{
    return std::any_of(matches.cbegin(), matches.cend(), [&](const PiiMatch &m) { return m.box.intersects(box); });
}

// The text row most of the photo's print is in: for the angle and for the character height,
// the median of the rows' values, each row weighing the square of its characters. Lines of
// print are long and a pattern's false rows short (three to six shapes), so a tilted label on a
// patterned background turns the photo by the label's angle and scales it for the label's
// letters, not for the pattern's small dots.
TextCandidate dominantRow(const QList<TextCandidate> &rows)
{
    const auto weightedMedian = [&](auto value) {
        QList<QPair<double, int>> values;
        int total = 0;
        for (const TextCandidate &row : rows) {
            values.append({double(value(row)), row.characters * row.characters});
            total += row.characters * row.characters;
        }
        std::sort(values.begin(), values.end());
        int seen = 0;
        for (const auto &[v, weight] : values)
            if (2 * (seen += weight) >= total)
                return v;
        return 0.0;
    };
    TextCandidate row;
    row.angle = weightedMedian([](const TextCandidate &r) { return r.angle; });
    row.charHeight = int(weightedMedian([](const TextCandidate &r) { return r.charHeight; }));
    return row;
}

// The grey of the crop's border: what the canvas of a turned crop is filled with.
uint backgroundOf(const QImage &gray)
{
    qint64 sum = 0, count = 0;
    for (int x = 0; x < gray.width(); ++x) {
        sum += gray.constScanLine(0)[x] + gray.constScanLine(gray.height() - 1)[x];
        count += 2;
    }
    const uint v = uint(sum / std::max<qint64>(1, count));
    return qRgb(int(v), int(v), int(v));
}

} // namespace

ImagePiiScan scanImageForPii(const QString &path, QSize displayed, const QString &region, const OcrOptions &options)
{
    OcrOptions ocr = options;
    if (ocr.languagesByRegion)
        ocr.languages = ocrLanguagesForRegion(ocr.languages, region);
    ImagePiiScan scan;
    QElapsedTimer timer;
    timer.start();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        scan.error = Tr::tr("%1: cannot be read: %2").arg(path, file.errorString());
        return scan;
    }
    const QByteArray bytes = file.readAll();
    file.close();
    // JPEG's decoder scales while decoding (a fraction of the cost of all pixels); the others
    // decode every pixel whatever size is asked for. For those the full image is decoded once
    // and kept for small print, rather than decoded a second time.
    QBuffer probe;
    probe.setData(bytes);
    const bool scalesWhileDecoding = QImageReader::imageFormat(&probe) == "jpeg";
    QImage large;   // the full-size image, when decoded
    Result<QImage> decoded = imaging::decodeScaled(bytes, scalesWhileDecoding ? kOcrWorkingSide : 0);
    if (decoded && !scalesWhileDecoding) {
        large = *decoded;
        if (large.width() > kOcrWorkingSide || large.height() > kOcrWorkingSide)
            decoded = large.scaled(kOcrWorkingSide, kOcrWorkingSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    if (!decoded) {
        scan.error = QStringLiteral("%1: %2").arg(path, decoded.error());
        return scan;
    }
    const QSize full = displayed.isValid() ? displayed : decoded->size();
    // Dark and hazy photos: stretched, their text has the contrast of the others.
    const QImage working = stretchedGray(*decoded);
    const double toOriginal = double(full.width()) / working.width();
    const QList<TextCandidate> rows = findTextCandidates(working);
    if (rows.isEmpty()) {
        scan.seconds = timer.elapsed() / 1000.0;
        return scan;
    }
    scan.ocred = true;
    // The full-size image, decoded only when small print needs more pixels than the working copy has.
    QImage original;
    const auto read = [&](const TextCandidate &area) -> Result<QList<TextLine>> {
        ++scan.passes;
        // Source pixels: the working copy, or the original for small print in a large photo.
        double scale = kOcrCharHeight / area.charHeight;   // working pixels → OCR pixels
        if (scale > 1.5 && toOriginal > 1.25 && original.isNull()) {
            if (large.isNull()) {
                Result<QImage> whole = imaging::decodeScaled(bytes, 0);
                if (whole)
                    large = *whole;
            }
            if (large.width() > working.width())
                original = stretchedGray(large);
        }
        const bool fromOriginal = scale > 1.5 && !original.isNull();
        const QImage &source = fromOriginal ? original : working;
        const double sourceToOriginal = fromOriginal ? double(full.width()) / original.width() : toOriginal;
        const double sourcePerWorking = toOriginal / sourceToOriginal;
        const QRect box = QRectF(area.box.x() * sourcePerWorking, area.box.y() * sourcePerWorking,
                                 area.box.width() * sourcePerWorking, area.box.height() * sourcePerWorking)
                              .toAlignedRect() & source.rect();
        scale = std::clamp(scale / sourcePerWorking, 0.5, 2.0);
        if (std::abs(scale - 1) < 0.2)
            scale = 1;
        // OCR pixels → source pixels: undo the turn, then the scale, then the crop.
        QTransform toSource = QTransform::fromScale(1 / scale, 1 / scale) * QTransform::fromTranslate(box.x(), box.y());
        QImage crop = source.copy(box);
        if (scale != 1)
            crop = crop.scaled(crop.size() * scale, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        // Tilted labels: Tesseract breaks a line that is not level into pieces, so the crop is
        // turned level first.
        if (std::abs(area.angle) >= 1.5) {
            QTransform turn;
            turn.rotate(-area.angle);
            const QRectF turned = turn.mapRect(QRectF(crop.rect()));
            const QTransform level = turn * QTransform::fromTranslate(-turned.x(), -turned.y());
            QImage canvas(turned.size().toSize() + QSize(1, 1), QImage::Format_Grayscale8);
            canvas.fill(backgroundOf(crop));
            QPainter painter(&canvas);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            painter.setTransform(level);
            painter.drawImage(0, 0, crop);
            painter.end();
            crop = canvas;
            toSource = level.inverted() * toSource;
        }
        // The deadline is per area: a budget shared by the areas of a photo ran out before
        // the last ones were read.
        const QTransform cropToOriginal = toSource * QTransform::fromScale(sourceToOriginal, sourceToOriginal);
        Result<QList<TextLine>> lines = readText(crop, cropToOriginal, ocr);
        // Grainy photos (dark ones, stretched): Sauvola's local thresholds turn the grain into
        // speckles and the print into nothing; Otsu's one threshold still reads it. Areas that
        // gave nothing are read once more that way.
        if (lines && lines->isEmpty()) {
            OcrOptions otsu = ocr;
            otsu.binarisation = OcrOptions::Binarisation::Otsu;
            ++scan.passes;
            lines = readText(crop, cropToOriginal, otsu);
        }
        return lines;
    };
    QList<TextCandidate> areas = textAreas(rows, working.rect());
    qint64 covered = 0;
    for (const TextCandidate &area : areas)
        covered += qint64(area.box.width()) * area.box.height();
    // Text all over the photo (or a pattern that looks like it): one pass over the whole copy
    // costs less than many crops.
    if (3 * covered > qint64(working.width()) * working.height()) {
        const TextCandidate dominant = dominantRow(rows);
        areas = {TextCandidate{working.rect(), std::max(dominant.charHeight, int(kOcrCharHeight / 2)), 0, dominant.angle}};
    }
    for (const TextCandidate &area : areas) {
        Result<QList<TextLine>> lines = read(area);
        if (!lines) {
            scan.error = lines.error();
            return scan;
        }
        scan.lines.append(*lines);
    }
    scan.lines = joinRowPieces(scan.lines);
    scan.matches = findPii(scan.lines, region);
    scan.seconds = timer.elapsed() / 1000.0;
    return scan;
}

namespace {

void scanWork(Work &work, const OcrOptions &ocr)
{
    work.exifFields = identifyingExif(work.exif);
    work.scan = scanImageForPii(work.path, work.displayed, work.region, ocr);
    for (const TextLine &line : work.scan.lines)
        if (!overlapsAny(line.box(), work.scan.matches))
            work.otherLines.append(line);
}

QString matchNote(const Work &work)
{
    QStringList parts;
    for (const PiiMatch &match : work.scan.matches) {
        const QString name = piiTypeName(match.type);
        if (!parts.contains(name))
            parts.append(name);
    }
    if (!work.exifFields.isEmpty())
        parts.append(Tr::tr("EXIF: %1").arg(work.exifFields.join(QStringLiteral(", "))));
    return parts.join(QStringLiteral("; "));
}

} // namespace

Result<PiiScanSummary> runPiiScan(Database &db, const PiiScanOptions &options, jobs::JobContext &context)
{
    PiiScanSummary summary;
    Result<QString> languages = availableOcrLanguages(options.languages, &summary.missingLanguages);
    if (!languages)
        return languages.takeError();
    summary.languages = *languages;
    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("scan-pii"),
                                              QJsonObject{{QStringLiteral("languages"), summary.languages}});
    if (!job)
        return job.takeError();
    summary.jobId = *job;
    Result<std::int64_t> pending = db.queryInt(
        "SELECT count(*) FROM images i WHERE i.missing=0 AND NOT EXISTS "
        "(SELECT 1 FROM image_scans s WHERE s.image_id=i.id AND s.scan='pii')");
    if (!pending)
        return pending.takeError();
    summary.pending = *pending;

    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-scan-pii"), options.threads);

    Result<Statement> page = db.prepare(
        "SELECT i.id, s.root || '/' || i.path, coalesce(a.value, ''), i.exif, i.width, i.height, i.orientation FROM images i "
        "JOIN sources s ON s.id = i.source_id "
        "LEFT JOIN image_attributes a ON a.image_id = i.id AND a.key = 'country' "
        "WHERE i.missing=0 AND i.id > ? AND NOT EXISTS "
        "(SELECT 1 FROM image_scans d WHERE d.image_id=i.id AND d.scan='pii') ORDER BY i.id LIMIT ?");
    Result<Statement> insertRegion = db.prepare(
        "INSERT INTO regions(image_id, kind, x, y, w, h, text, pii_type, confidence, source, decision, job_id, created_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, 'ocr', 'undecided', ?, ?)");
    Result<Statement> markDone = db.prepare("INSERT OR REPLACE INTO image_scans(image_id, scan, done_at) VALUES(?, 'pii', ?)");
    Result<Statement> suggest = db.prepare(kSuggestPiiFlag);
    if (!page || !insertRegion || !markDone || !suggest)
        return fail(db.lastError());

    const OcrOptions ocr{summary.languages, options.deadlineMs, options.languagesByRegion};
    context.setPhase(Tr::tr("Looking for personal information"), summary.pending);
    qint64 done = 0;
    const std::function<Status(const QList<Work> &)> save = [&](const QList<Work> &results) -> Status {
        store::Transaction transaction(db);
        if (!transaction.begun())
            return transaction.begun();
        const QString now = nowIso();
        auto writeRegion = [&](std::int64_t image, const char *kind, const QRect &box, const QString &text,
                               const QString &type, double confidence) {
            insertRegion->bind(1, image).bind(2, kind).bind(3, box.x()).bind(4, box.y()).bind(5, box.width())
                .bind(6, box.height()).bind(7, text).bind(8, type).bind(9, confidence).bind(10, summary.jobId).bind(11, now);
            return insertRegion->exec();
        };
        for (const Work &work : results) {
            summary.ocrSeconds += work.scan.seconds;
            if (!work.scan.error.isEmpty()) {
                ++summary.failed;
                if (summary.issues.size() < 1000)
                    summary.issues.append({work.path, work.scan.error});
                if (Status status = jobs::addJobIssue(db, summary.jobId, work.path, work.scan.error); !status)
                    return status;
                continue;
            }
            ++summary.scanned;
            summary.ocred += work.scan.ocred ? 1 : 0;
            summary.ocrPasses += work.scan.passes;
            double confidence = 0;
            for (const PiiMatch &match : work.scan.matches) {
                const QString type = piiTypeName(match.type);
                if (Status status = writeRegion(work.id, "pii", match.box, match.text, type, match.confidence / 100.0); !status)
                    return status;
                ++summary.regions[type];
                confidence = std::max(confidence, double(match.confidence) / 100.0);
            }
            for (const TextLine &l : work.otherLines) {
                const QString text = l.text();
                if (Status status = writeRegion(work.id, "text", l.box(), text, {}, l.spanConfidence(0, int(text.size())) / 100.0);
                    !status)
                    return status;
                ++summary.textRegions;
            }
            if (!work.exifFields.isEmpty()) {
                ++summary.withExifPii;
                confidence = 1.0;
            }
            if (!work.scan.matches.isEmpty() || !work.exifFields.isEmpty()) {
                ++summary.withPii;
                suggest->bind(1, work.id).bind(2, matchNote(work)).bind(3, confidence).bind(4, now);
                if (Status status = suggest->exec(); !status)
                    return status;
                summary.flagsSuggested += db.changes();
            }
            markDone->bind(1, work.id).bind(2, now);
            if (Status status = markDone->exec(); !status)
                return status;
        }
        return transaction.commit();
    };
    const auto nextBatch = jobs::keysetBatches<Work>(*page, kBatch, [](const Statement &row) {
        Work work;
        work.id = row.int64(0);
        work.path = row.text(1);
        work.region = row.text(2).toUpper();
        work.exif = row.text(3);
        work.displayed = jobs::displayedSize(row.integer(4), row.integer(5), row.integer(6));
        return work;
    });
    const std::function<Work(Work)> scan = [&ocr](Work work) {
        scanWork(work, ocr);
        return work;
    };
    Status failure = jobs::runPipelined<Work>(pool, context, nextBatch, scan, save,
                                              jobs::reportBatches(db, summary.jobId, context, summary.pending, done));
    summary.cancelled = context.isCancelled();
    if (Status ended = jobs::endJob(db, summary.jobId, failure, summary.cancelled, done, summary.pending); !ended)
        return ended.takeError();
    return summary;
}

} // namespace sieve::pii
