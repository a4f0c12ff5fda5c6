#include "scan/scan_job.h"

#include "base/clock.h"
#include "imaging/thumbnailer.h"
#include "jobs/job_context.h"
#include "jobs/pipeline.h"
#include "scan/duplicate_groups.h"
#include "scan/group_query.h"
#include "scan/perceptual_hash.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThreadPool>
#include <QtConcurrent>

#include <algorithm>

namespace sieve::scan {

using store::Database;
using store::Statement;

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::scan)
};

constexpr int kBatch = 64;

struct Work {
    std::int64_t id = 0;
    QString path;
    QSize displayed;
    QualityScores scores;
    std::uint64_t phash = 0;
    QString error;
};

QByteArray qualityJson(const QualityScores &s, const QStringList &defects)
{
    const QJsonObject object{{QStringLiteral("sharpness"), s.sharpness},
                             {QStringLiteral("mean"), s.meanLuminance},
                             {QStringLiteral("dark_share"), s.darkShare},
                             {QStringLiteral("bright_share"), s.brightShare},
                             {QStringLiteral("contrast"), s.contrast},
                             {QStringLiteral("megapixels"), s.megapixels},
                             {QStringLiteral("aspect"), s.aspectRatio},
                             {QStringLiteral("defects"), QJsonArray::fromStringList(defects)}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A detector's suggestion: written where the image has no flag of KIND, refreshed where it
// has an earlier suggestion of a detector; a flag the analyst set or dismissed is kept.
constexpr const char *kSuggestFlag =
    "INSERT INTO flags(image_id, kind, state, note, source, confidence, updated_at) "
    "VALUES(?, ?, 'suggested', ?, 'detector', ?, ?) "
    "ON CONFLICT(image_id, kind) DO UPDATE SET note=excluded.note, confidence=excluded.confidence, "
    "updated_at=excluded.updated_at WHERE flags.state='suggested' AND flags.source='detector'";

} // namespace

Result<ScanSummary> runQualityScan(Database &db, const QualityScanOptions &options, jobs::JobContext &context)
{
    ScanSummary summary;
    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("scan-quality"), {});
    if (!job)
        return job.takeError();
    summary.jobId = *job;
    Result<std::int64_t> pending = db.queryInt("SELECT count(*) FROM images WHERE missing=0 AND quality IS NULL");
    if (!pending)
        return pending.takeError();
    summary.pending = *pending;

    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-scan-quality"), options.threads);

    Result<Statement> page = db.prepare(
        "SELECT i.id, s.root || '/' || i.path, i.width, i.height, i.orientation FROM images i "
        "JOIN sources s ON s.id = i.source_id "
        "WHERE i.missing=0 AND i.quality IS NULL AND i.id > ? ORDER BY i.id LIMIT ?");
    Result<Statement> store = db.prepare("UPDATE images SET quality=?, sharpness=?, phash=? WHERE id=?");
    Result<Statement> suggest = db.prepare(kSuggestFlag);
    if (!page || !store || !suggest)
        return fail(db.lastError());

    context.setPhase(Tr::tr("Measuring image quality"), summary.pending);
    qint64 done = 0;
    const std::function<Status(const QList<Work> &)> save = [&](const QList<Work> &results) -> Status {
        store::Transaction transaction(db);
        if (!transaction.begun())
            return transaction.begun();
        const QString now = nowIso();
        for (const Work &work : results) {
            if (!work.error.isEmpty()) {
                ++summary.failed;
                if (summary.issues.size() < 1000)
                    summary.issues.append({work.path, work.error});
                if (Status status = jobs::addJobIssue(db, summary.jobId, work.path, work.error); !status)
                    return status;
                continue;
            }
            const QStringList defects = qualityDefects(work.scores, options.thresholds);
            store->bind(1, QString::fromUtf8(qualityJson(work.scores, defects)))
                .bind(2, work.scores.sharpness)
                .bind(3, std::int64_t(work.phash))
                .bind(4, work.id);
            if (Status status = store->exec(); !status)
                return status;
            ++summary.scanned;
            if (defects.isEmpty())
                continue;
            ++summary.withDefects;
            for (const QString &defect : defects)
                ++summary.defects[defect];
            suggest->bind(1, work.id)
                .bind(2, "quality")
                .bind(3, defects.join(QStringLiteral(", ")))
                .bind(4, defectConfidence(work.scores, options.thresholds))
                .bind(5, now);
            if (Status status = suggest->exec(); !status)
                return status;
            summary.flagsSuggested += db.changes();
        }
        return transaction.commit();
    };
    const auto nextBatch = jobs::keysetBatches<Work>(*page, kBatch, [](const Statement &row) {
        Work work;
        work.id = row.int64(0);
        work.path = row.text(1);
        work.displayed = jobs::displayedSize(row.integer(2), row.integer(3), row.integer(4));
        return work;
    });
    const std::function<Work(Work)> measure = [](Work work) {
        Result<QImage> image = imaging::decodeScaled(work.path, kScanDecodeSide);
        if (!image) {
            work.error = image.error();
            return work;
        }
        work.scores = measureQuality(*image, work.displayed);
        work.phash = perceptualHash(*image);
        return work;
    };
    // The pool measures one batch while the previous one is written.
    Status failure = jobs::runPipelined<Work>(pool, context, nextBatch, measure, save,
                                              jobs::reportBatches(db, summary.jobId, context, summary.pending, done));
    summary.cancelled = context.isCancelled();
    if (Status ended = jobs::endJob(db, summary.jobId, failure, summary.cancelled, done, summary.pending); !ended)
        return ended.takeError();
    return summary;
}

Result<DuplicateSummary> runDuplicateScan(Database &db, const DuplicateScanOptions &options, jobs::JobContext &context)
{
    const int threshold = options.threshold >= 0 ? options.threshold : kNearDuplicateThreshold;
    DuplicateSummary summary;
    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("scan-duplicates"),
                                              QJsonObject{{QStringLiteral("threshold"), threshold}});
    if (!job)
        return job.takeError();
    summary.jobId = *job;
    auto failed = [&](const QString &message) -> Result<DuplicateSummary> {
        (void)jobs::finishJob(db, summary.jobId, QStringLiteral("failed"), message);
        return fail(message);
    };

    context.setPhase(Tr::tr("Reading perceptual hashes"));
    // Ids and hashes only: 16 bytes per image, whatever the dataset size. Equal bytes decode
    // to equal pixels, so byte-identical images always land in one group (distance 0).
    std::vector<std::int64_t> ids;
    std::vector<std::uint64_t> hashes;
    {
        Result<Statement> read = db.prepare("SELECT id, phash FROM images WHERE missing=0 AND phash IS NOT NULL ORDER BY id");
        if (!read)
            return failed(read.error());
        if (Status status = read->forEachRow([&] {
                ids.push_back(read->int64(0));
                hashes.push_back(std::uint64_t(read->int64(1)));
            });
            !status)
            return failed(status.error());
    }
    summary.hashed = qint64(ids.size());
    if (Result<std::int64_t> copies = db.queryInt("SELECT count(*) FROM image_copies"); copies)
        summary.copies = *copies;

    context.setPhase(Tr::tr("Grouping duplicates"), qint64(hashes.size()));
    // The job's row counts hashed images: the grouping itself runs on threads without the
    // database, so the row goes from 0 of N here to N of N when the groups are recorded.
    (void)jobs::updateJob(db, summary.jobId, 0, qint64(hashes.size()));
    const HashGroups grouped = groupNearHashes(hashes, threshold, options.threads, [&](std::size_t done, std::size_t total) {
        context.report(qint64(done), qint64(total));
        return !context.isCancelled();
    });
    if (context.isCancelled()) {
        summary.cancelled = true;
        (void)jobs::finishJob(db, summary.jobId, QStringLiteral("cancelled"));
        return summary;
    }

    context.setPhase(Tr::tr("Recording duplicate groups"), qint64(grouped.groups.size()));
    store::Transaction transaction(db);
    if (!transaction.begun())
        return failed(transaction.begun().error());
    Result<Statement> member = db.prepare("SELECT width * height, file_size, hash, path FROM images WHERE id=?");
    Result<Statement> insert = db.prepare(
        "INSERT INTO duplicate_groups(image_id, group_id, kind, distance, keep) VALUES(?, ?, ?, ?, ?)");
    Result<Statement> suggest = db.prepare(kSuggestFlag);
    if (!member || !insert || !suggest || !db.exec("DELETE FROM duplicate_groups"))
        return failed(db.lastError());

    struct Member {
        std::int64_t id;
        std::uint64_t phash;
        std::int64_t pixels;
        std::int64_t fileSize;
        QString hash;
        QString path;
    };
    const QString now = nowIso();
    qint64 written = 0;
    for (const std::vector<std::uint32_t> &group : grouped.groups) {
        if (context.isCancelled()) {
            summary.cancelled = true;
            (void)jobs::finishJob(db, summary.jobId, QStringLiteral("cancelled"));
            return summary;   // the transaction rolls back: the previous result stays
        }
        std::vector<Member> members;
        for (std::uint32_t index : group) {
            member->bind(1, ids[index]);
            Result<bool> row = member->step();
            if (!row || !*row)
                return failed(db.lastError());
            members.push_back({ids[index], hashes[index], member->int64(0), member->int64(1), member->text(2), member->text(3)});
            member->reset();
        }
        std::sort(members.begin(), members.end(), [](const Member &a, const Member &b) {
            return betterKeeper({a.id, a.pixels, a.fileSize}, {b.id, b.pixels, b.fileSize});
        });
        const Member &keeper = members.front();
        bool allExact = true;
        for (const Member &m : members) {
            const bool exact = m.hash == keeper.hash;
            allExact = allExact && exact;
            const bool keep = &m == &keeper;
            insert->bind(1, m.id)
                .bind(2, keeper.id)
                .bind(3, exact ? "exact" : "near")
                .bind(4, hammingDistance(m.phash, keeper.phash))
                .bind(5, keep ? 1 : 0);
            if (!insert->exec())
                return failed(db.lastError());
            if (keep)
                continue;
            const QString note = exact ? Tr::tr("identical to %1").arg(keeper.path)
                                       : Tr::tr("near duplicate of %1").arg(keeper.path);
            const double confidence = exact ? 1.0 : 1.0 - double(hammingDistance(m.phash, keeper.phash)) / (2.0 * (threshold + 1));
            suggest->bind(1, m.id).bind(2, "duplicate").bind(3, note).bind(4, confidence).bind(5, now);
            if (!suggest->exec())
                return failed(db.lastError());
            summary.flagsSuggested += db.changes();
        }
        ++summary.groups;
        summary.imagesInGroups += qint64(members.size());
        summary.exactGroups += allExact ? 1 : 0;
        context.report(++written, qint64(grouped.groups.size()));
    }
    // Suggestions of an earlier run that this one no longer makes (an image since removed from
    // a group); the analyst's own flags stay.
    if (!db.exec("DELETE FROM flags WHERE kind='duplicate' AND state='suggested' AND source='detector' "
                 "AND image_id NOT IN (SELECT image_id FROM duplicate_groups WHERE keep=0)"))
        return failed(db.lastError());
    if (Status status = transaction.commit(); !status)
        return failed(status.error());
    (void)jobs::updateJob(db, summary.jobId, summary.hashed, summary.hashed);
    if (Status status = jobs::finishJob(db, summary.jobId, QStringLiteral("done")); !status)
        return status.takeError();
    return summary;
}

} // namespace sieve::scan
