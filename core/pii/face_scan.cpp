#include "pii/face_scan.h"

#include "base/clock.h"
#include "imaging/thumbnailer.h"
#include "jobs/job_context.h"
#include "jobs/pipeline.h"
#include "pii/face_detector.h"
#include "pii/pii_suggestion.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QThreadPool>

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

namespace sieve::pii {

using store::Database;
using store::Statement;

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::pii)
};

// About a second an image: small batches keep a cancelled run's loss small.
constexpr int kBatch = 16;

struct Work {
    std::int64_t id = 0;
    QString path;
    QSize displayed;               // oriented original size: region boxes are in its pixels
    QList<DetectedFace> faces;
    double seconds = 0;
    QString error;
};

// One detector per worker thread at a time: a thread takes one from the shelf (or makes one,
// loading the cascades) and puts it back when its image is done. At most as many are made as
// threads run at once, and they live as long as the scan.
class DetectorShelf {
public:
    DetectorShelf(FaceDetectorOptions options, std::unique_ptr<FaceDetector> first) : m_options(std::move(options))
    {
        m_free.push_back(std::move(first));
    }

    Result<std::unique_ptr<FaceDetector>> take()
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                std::unique_ptr<FaceDetector> detector = std::move(m_free.back());
                m_free.pop_back();
                return detector;
            }
        }
        return FaceDetector::create(m_options);
    }

    void giveBack(std::unique_ptr<FaceDetector> detector)
    {
        std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(detector));
    }

private:
    const FaceDetectorOptions m_options;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<FaceDetector>> m_free; // guarded by m_mutex
};

void scanImage(Work &work, DetectorShelf &shelf)
{
    QElapsedTimer timer;
    timer.start();
    Result<QImage> image = imaging::decodeScaled(work.path, kFaceWorkingSide);
    if (!image) {
        work.error = image.error();
        return;
    }
    Result<std::unique_ptr<FaceDetector>> detector = shelf.take();
    if (!detector) {
        work.error = detector.error();
        return;
    }
    Result<QList<DetectedFace>> faces = (*detector)->detect(*image, work.displayed.isValid() ? work.displayed : image->size());
    shelf.giveBack(std::move(*detector));
    if (!faces) {
        work.error = faces.error();
        return;
    }
    work.faces = *faces;
    work.seconds = timer.elapsed() / 1000.0;
}

} // namespace

Result<FaceScanSummary> runFaceScan(Database &db, const FaceScanOptions &options, jobs::JobContext &context)
{
    FaceScanSummary summary;
    FaceDetectorOptions detectorOptions;
    detectorOptions.cascadeFolder = options.cascadeFolder;
    // The first detector checks the cascades before any job is recorded.
    Result<std::unique_ptr<FaceDetector>> first = FaceDetector::create(detectorOptions);
    if (!first)
        return first.takeError();
    DetectorShelf shelf(detectorOptions, std::move(*first));

    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("scan-faces"),
                                              QJsonObject{{QStringLiteral("detector"), QString::fromLatin1(kFaceDetectorName)}});
    if (!job)
        return job.takeError();
    summary.jobId = *job;
    Result<std::int64_t> pending = db.queryInt(
        "SELECT count(*) FROM images i WHERE i.missing=0 AND NOT EXISTS "
        "(SELECT 1 FROM image_scans s WHERE s.image_id=i.id AND s.scan='faces')");
    if (!pending)
        return pending.takeError();
    summary.pending = *pending;

    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-scan-faces"), options.threads);

    Result<Statement> page = db.prepare(
        "SELECT i.id, s.root || '/' || i.path, i.width, i.height, i.orientation FROM images i "
        "JOIN sources s ON s.id = i.source_id "
        "WHERE i.missing=0 AND i.id > ? AND NOT EXISTS "
        "(SELECT 1 FROM image_scans d WHERE d.image_id=i.id AND d.scan='faces') ORDER BY i.id LIMIT ?");
    Result<Statement> insertRegion = db.prepare(
        "INSERT INTO regions(image_id, kind, x, y, w, h, text, pii_type, confidence, source, decision, job_id, created_at) "
        "VALUES(?, 'face', ?, ?, ?, ?, '', 'face', ?, ?, 'undecided', ?, ?)");
    Result<Statement> markDone = db.prepare("INSERT OR REPLACE INTO image_scans(image_id, scan, done_at) VALUES(?, 'faces', ?)");
    Result<Statement> suggest = db.prepare(kSuggestPiiFlag);
    if (!page || !insertRegion || !markDone || !suggest)
        return fail(db.lastError());

    context.setPhase(Tr::tr("Looking for faces"), summary.pending);
    qint64 done = 0;
    const QString source = QString::fromLatin1(kFaceDetectorName);
    const std::function<Status(const QList<Work> &)> save = [&](const QList<Work> &results) -> Status {
        store::Transaction transaction(db);
        if (!transaction.begun())
            return transaction.begun();
        const QString now = nowIso();
        for (const Work &work : results) {
            summary.detectSeconds += work.seconds;
            if (!work.error.isEmpty()) {
                ++summary.failed;
                if (summary.issues.size() < 1000)
                    summary.issues.append({work.path, work.error});
                if (Status status = jobs::addJobIssue(db, summary.jobId, work.path, work.error); !status)
                    return status;
                continue;
            }
            ++summary.scanned;
            double confidence = 0;
            for (const DetectedFace &face : work.faces) {
                insertRegion->bind(1, work.id).bind(2, face.box.x()).bind(3, face.box.y()).bind(4, face.box.width())
                    .bind(5, face.box.height()).bind(6, face.confidence).bind(7, source).bind(8, summary.jobId).bind(9, now);
                if (Status status = insertRegion->exec(); !status)
                    return status;
                ++summary.faces;
                confidence = std::max(confidence, face.confidence);
            }
            if (!work.faces.isEmpty()) {
                ++summary.withFaces;
                suggest->bind(1, work.id).bind(2, QStringLiteral("face")).bind(3, confidence).bind(4, now);
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
    const auto nextBatch = jobs::keysetBatches<Work>(*page, kBatch, [](const store::Statement &row) {
        Work work;
        work.id = row.int64(0);
        work.path = row.text(1);
        work.displayed = jobs::displayedSize(row.integer(2), row.integer(3), row.integer(4));
        return work;
    });
    const std::function<Work(Work)> scan = [&shelf](Work work) {
        scanImage(work, shelf);
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
