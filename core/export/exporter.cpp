#include "export/exporter.h"

#include "base/clock.h"
#include "imaging/thumbnailer.h"
#include "jobs/job_context.h"
#include "jobs/job_store.h"
#include "jobs/pipeline.h"
#include "scan/group_query.h"
#include "store/database.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QImageWriter>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <random>

namespace sieve::exporting {

using store::Database;
using store::Statement;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::exporting)
};

constexpr int kBatch = 16;
const char *const kSplits[] = {"train", "val", "test"};

struct Candidate {
    std::int64_t id = 0;
    QString path;          // relative to its source, as exclusions.csv names images
    QString absolutePath;
    QString fileName;
    QString hash;
    QString label;
    QString country;
    int split = 0;
    QString relativeOut;   // inside the export folder
};

struct Work {
    Candidate image;
    QList<QRect> boxes;
    QString sha256;
    QString error;
};

QByteArray csvField(const QString &value)
{
    QByteArray utf8 = value.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\n') || utf8.contains('\r')) {
        utf8.replace("\"", "\"\"");
        return '"' + utf8 + '"';
    }
    return utf8;
}

Status writeText(const QString &path, const QByteArray &text)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
        return fail(Tr::tr("Cannot write %1: %2 (is the disk full?)").arg(path, file.errorString()));
    return {};
}

// From each duplicate group the analyst has not decided about, keeps one of the images still
// CHOSEN: the scan's suggested keeper, or when another rule left that one out, the best of the
// rest by the scan's rule. The others move to EXCLUDED.
void keepOnePerGroup(const QHash<std::int64_t, scan::GroupMembership> &groups, QList<Candidate> &chosen,
                     QList<std::pair<QString, QString>> &excluded)
{
    QHash<std::int64_t, int> keeperOf;   // group → index into CHOSEN
    for (int i = 0; i < chosen.size(); ++i) {
        const auto member = groups.constFind(chosen[i].id);
        if (member == groups.constEnd() || member->resolved)
            continue;
        const auto kept = keeperOf.constFind(member->groupId);
        if (kept == keeperOf.constEnd()) {
            keeperOf.insert(member->groupId, i);
            continue;
        }
        const scan::GroupMembership &current = groups[chosen[*kept].id];
        if (member->suggestedKeeper || (!current.suggestedKeeper && scan::betterKeeper(member->traits, current.traits)))
            keeperOf.insert(member->groupId, i);
    }
    QList<Candidate> kept;
    kept.reserve(chosen.size());
    for (int i = 0; i < chosen.size(); ++i) {
        const auto member = groups.constFind(chosen[i].id);
        if (member == groups.constEnd() || member->resolved || keeperOf.value(member->groupId) == i) {
            kept.append(chosen[i]);
            continue;
        }
        const Candidate &keeper = chosen[keeperOf.value(member->groupId)];
        excluded.append({chosen[i].path, Tr::tr("duplicate group: kept %1").arg(keeper.path)});
    }
    chosen = kept;
}

QByteArray jsonLine(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n'; }

} // namespace

QString safeFolderName(const QString &name)
{
    QString safe;
    for (QChar c : name.trimmed()) {
        if (c.category() == QChar::Other_Control || QStringLiteral("/\\:*?\"<>|").contains(c))
            safe += QLatin1Char('_');
        else
            safe += c;
    }
    while (safe.endsWith(QLatin1Char('.')) || safe.endsWith(QLatin1Char(' ')))
        safe.chop(1);
    while (safe.startsWith(QLatin1Char('.')))
        safe.remove(0, 1);
    static const QStringList reserved{QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"), QStringLiteral("NUL"),
                                      QStringLiteral("COM1"), QStringLiteral("COM2"), QStringLiteral("COM3"), QStringLiteral("COM4"),
                                      QStringLiteral("LPT1"), QStringLiteral("LPT2"), QStringLiteral("LPT3")};
    if (reserved.contains(safe.section(QLatin1Char('.'), 0, 0).toUpper()))
        safe.prepend(QLatin1Char('_'));
    safe = safe.left(100);
    return safe.isEmpty() ? QStringLiteral("_") : safe;
}

Result<ExportSummary> exportDataset(Database &db, const ExportOptions &options, jobs::JobContext &context)
{
    const QString outDir = QDir(options.outDir).absolutePath();
    if (QDir(outDir).exists() && !QDir(outDir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return fail(Tr::tr("%1 is not empty; export into a new or empty folder.").arg(outDir));
    if (options.trainShare < 0 || options.validationShare < 0 || options.trainShare + options.validationShare > 1.0 + 1e-9)
        return fail(Tr::tr("The split shares must be between 0 and 1 and add up to at most 1."));

    // Which images, and why the others are left out. In import order whatever the filter's
    // sort, so the same images give the same split.
    store::ImageFilter filter = options.filter;
    filter.sort = store::ImageSort::Imported;
    filter.descending = false;
    Result<std::vector<std::int64_t>> ids = store::queryImageIds(db, filter);
    if (!ids)
        return ids.takeError();
    Result<Statement> country = db.prepare("SELECT value FROM image_attributes WHERE image_id=? AND key='country'");
    if (!country)
        return country.takeError();
    QList<Candidate> chosen;
    QList<std::pair<QString, QString>> excluded;   // path, reason
    for (std::size_t first = 0; first < ids->size(); first += 500) {
        const std::vector<std::int64_t> page(ids->begin() + qsizetype(first), ids->begin() + qsizetype(std::min(ids->size(), first + 500)));
        Result<std::vector<store::ImageRow>> rows = store::fetchImageRows(db, page);
        if (!rows)
            return rows.takeError();
        for (const store::ImageRow &row : *rows) {
            if (options.acceptedOnly && row.status != store::ReviewStatus::Accepted)
                continue;   // not chosen, rather than left out
            QString reason;
            if (row.missing)
                reason = Tr::tr("file missing");
            else if (options.excludeRejected && row.status == store::ReviewStatus::Rejected)
                reason = Tr::tr("rejected in review");
            else if (options.excludePoorQuality && row.flags.contains(QStringLiteral("quality")))
                reason = Tr::tr("flagged as poor quality");
            else if (options.onePerDuplicateGroup && row.flags.contains(QStringLiteral("duplicate")))
                reason = Tr::tr("flagged as a duplicate");
            else if (options.requireLabel && row.label.isEmpty())
                reason = Tr::tr("unlabeled");
            if (!reason.isEmpty()) {
                excluded.append({row.path, reason});
                continue;
            }
            Candidate candidate;
            candidate.id = row.id;
            candidate.path = row.path;
            candidate.absolutePath = row.absolutePath;
            candidate.fileName = row.path.section(QLatin1Char('/'), -1);
            candidate.hash = row.hash;
            candidate.label = row.label;
            country->bind(1, row.id);
            if (Result<bool> found = country->step(); found && *found)
                candidate.country = country->text(0);
            country->reset();
            chosen.append(candidate);
        }
    }
    if (options.onePerDuplicateGroup) {
        Result<QHash<std::int64_t, scan::GroupMembership>> groups = scan::duplicateMemberships(db);
        if (!groups)
            return groups.takeError();
        keepOnePerGroup(*groups, chosen, excluded);
    }
    if (chosen.isEmpty())
        return fail(Tr::tr("No image would be exported (%1 left out); check the filter and the exclusions.").arg(excluded.size()));

    // Stratified split, repeatable: per label, a seeded shuffle of the images in id order.
    QMap<QString, QList<int>> byLabel;
    for (int i = 0; i < chosen.size(); ++i)
        byLabel[chosen[i].label].append(i);
    for (auto it = byLabel.begin(); it != byLabel.end(); ++it) {
        QList<int> &members = it.value();
        std::mt19937_64 rng(options.seed ^ qHash(it.key()));
        std::shuffle(members.begin(), members.end(), rng);
        const int n = int(members.size());
        const int train = int(std::lround(n * options.trainShare));
        const int validation = std::min(n - train, int(std::lround(n * options.validationShare)));
        for (int k = 0; k < n; ++k)
            chosen[members[k]].split = k < train ? 0 : k < train + validation ? 1 : 2;
    }
    QSet<QString> usedNames;
    for (Candidate &candidate : chosen) {
        QString name;
        if (options.anonymousNames) {
            const QByteArray digest = QCryptographicHash::hash(
                "sieve-export:" + QByteArray::number(options.seed) + ':' + candidate.hash.toLatin1(), QCryptographicHash::Sha256);
            name = QString::fromLatin1(digest.toHex().left(20));
        } else {
            name = safeFolderName(candidate.fileName.section(QLatin1Char('.'), 0, 0));
        }
        const QString folder = options.layout == ExportLayout::ImageFolder
                                   ? QStringLiteral("%1/%2").arg(QLatin1String(kSplits[candidate.split]), safeFolderName(candidate.label))
                                   : QStringLiteral("images");
        QString relative = QStringLiteral("%1/%2.jpg").arg(folder, name);
        for (int n = 2; usedNames.contains(relative); ++n)
            relative = QStringLiteral("%1/%2_%3.jpg").arg(folder, name).arg(n);
        usedNames.insert(relative);
        candidate.relativeOut = relative;
    }

    ExportSummary summary;
    const QString partial = outDir + QStringLiteral(".partial");
    if (!QDir().mkpath(partial))
        return fail(Tr::tr("Cannot create %1 (check that its folder exists and is writable).").arg(partial));
    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("export"), QJsonObject{{QStringLiteral("out"), outDir}});
    if (!job)
        return job.takeError();
    summary.jobId = *job;

    // Resume: progress.csv lists the files already written (relative path, sha256).
    const QString progressPath = partial + QStringLiteral("/progress.csv");
    QHash<QString, QString> done;
    {
        QFile progress(progressPath);
        if (progress.open(QIODevice::ReadOnly))
            for (const QByteArray &line : progress.readAll().split('\n'))
                if (const qsizetype comma = line.lastIndexOf(','); comma > 0)
                    done.insert(QString::fromUtf8(line.left(comma)), QString::fromLatin1(line.mid(comma + 1)));
    }
    QFile progress(progressPath);
    if (!progress.open(QIODevice::Append))
        return fail(Tr::tr("Cannot write %1: %2").arg(progressPath, progress.errorString()));

    QList<int> pending;
    for (int i = 0; i < chosen.size(); ++i)
        if (!done.contains(chosen[i].relativeOut) || !QFile::exists(partial + QLatin1Char('/') + chosen[i].relativeOut))
            pending.append(i);
    summary.exported = chosen.size() - pending.size();

    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-export"), options.threads);
    // Every region not rejected; plain OCR text only once accepted; a removed one (a drawing the
    // analyst undid or deleted) is not there.
    Result<Statement> regions = db.prepare(
        "SELECT x, y, w, h FROM regions WHERE image_id=? AND decision IN ('undecided', 'accepted') "
        "AND (kind IN ('pii', 'face', 'manual') OR decision = 'accepted')");
    if (!regions)
        return regions.takeError();
    context.setPhase(Tr::tr("Exporting images"), chosen.size());
    qsizetype next = 0;
    const std::function<Result<QList<Work>>()> nextBatch = [&]() -> Result<QList<Work>> {
        QList<Work> batch;
        for (; next < pending.size() && batch.size() < kBatch; ++next) {
            Work work;
            work.image = chosen[pending[next]];
            if (options.redact) {
                regions->bind(1, work.image.id);
                Status read = regions->forEachRow([&] {
                    work.boxes.append(QRect(regions->integer(0), regions->integer(1), regions->integer(2), regions->integer(3)));
                });
                if (!read)
                    return read.takeError();
            }
            batch.append(work);
        }
        return batch;
    };
    const std::function<Work(Work)> write = [&options, partial](Work work) {
        Result<QImage> image = imaging::decodeScaled(work.image.absolutePath, 0);
        if (!image) {
            work.error = image.error();
            return work;
        }
        QImage clean = work.boxes.isEmpty() ? *image : imaging::redact(*image, work.boxes, options.redaction);
        if (clean.hasAlphaChannel())
            clean = clean.convertToFormat(QImage::Format_RGB32);
        // Re-encoded from pixels: no EXIF, GPS, comments or embedded thumbnail can survive.
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "jpeg");
        writer.setQuality(options.jpegQuality);
        if (!writer.write(clean)) {
            work.error = Tr::tr("cannot be encoded: %1").arg(writer.errorString());
            return work;
        }
        const QString target = partial + QLatin1Char('/') + work.image.relativeOut;
        QDir().mkpath(target.section(QLatin1Char('/'), 0, -2));
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            work.error = Tr::tr("cannot write %1: %2 (is the disk full?)").arg(target, file.errorString());
            return work;
        }
        work.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
        return work;
    };
    const std::function<Status(const QList<Work> &)> record = [&](const QList<Work> &results) -> Status {
        for (const Work &work : results) {
            if (!work.error.isEmpty()) {
                ++summary.failed;
                excluded.append({work.image.absolutePath, work.error});
                (void)jobs::addJobIssue(db, summary.jobId, work.image.absolutePath, work.error);
                continue;
            }
            done.insert(work.image.relativeOut, work.sha256);
            progress.write(csvField(work.image.relativeOut) + ',' + work.sha256.toLatin1() + '\n');
            ++summary.exported;
            if (!work.boxes.isEmpty()) {
                ++summary.redactedImages;
                summary.redactedRegions += work.boxes.size();
            }
        }
        if (!progress.flush())
            return fail(Tr::tr("Cannot write %1: %2 (is the disk full?)").arg(progressPath, progress.errorString()));
        context.report(summary.exported + summary.failed, chosen.size());
        // For the jobs panel of an app watching this export run in sieve-cli.
        (void)jobs::updateJob(db, summary.jobId, summary.exported + summary.failed, chosen.size());
        return {};
    };
    Status failure = jobs::runPipelined<Work>(pool, context, nextBatch, write, record);
    progress.close();
    summary.cancelled = context.isCancelled();
    if (!failure) {
        (void)jobs::finishJob(db, summary.jobId, QStringLiteral("failed"), failure.error());
        return failure.takeError();
    }
    if (summary.cancelled) {
        (void)jobs::finishJob(db, summary.jobId, QStringLiteral("cancelled"));
        summary.directory = partial;
        return summary;
    }

    // The manifest, the exclusions and the datasheet, then the rename that publishes it all.
    const bool jsonLines = options.manifest == ManifestFormat::JsonLines;
    const QString manifestName = jsonLines ? QStringLiteral("manifest.jsonl") : QStringLiteral("manifest.csv");
    QByteArray manifest = jsonLines ? QByteArray() : QByteArray("path,split,label,country,sha256\n");
    QMap<QString, QMap<int, int>> perLabel;
    QMap<QString, int> perCountry;
    for (const Candidate &candidate : chosen) {
        if (!done.contains(candidate.relativeOut))
            continue;
        if (jsonLines)
            manifest += jsonLine({{QStringLiteral("path"), candidate.relativeOut},
                                  {QStringLiteral("split"), QLatin1String(kSplits[candidate.split])},
                                  {QStringLiteral("label"), candidate.label},
                                  {QStringLiteral("country"), candidate.country},
                                  {QStringLiteral("sha256"), done.value(candidate.relativeOut)}});
        else
            manifest += csvField(candidate.relativeOut) + ',' + kSplits[candidate.split] + ',' + csvField(candidate.label) + ','
                        + csvField(candidate.country) + ',' + done.value(candidate.relativeOut).toLatin1() + '\n';
        ++perLabel[candidate.label][candidate.split];
        ++perCountry[candidate.country.isEmpty() ? Tr::tr("(unknown)") : candidate.country];
    }
    summary.excluded = excluded.size();
    QByteArray exclusions = "path,reason\n";
    QMap<QString, int> reasons;
    for (const auto &[path, reason] : excluded) {
        exclusions += csvField(path) + ',' + csvField(reason) + '\n';
        ++reasons[reason.section(QLatin1Char(':'), 0, 0)];
    }
    QString sheet = Tr::tr("# Datasheet\n\nExported by Sieve on %1.\n\n").arg(nowIso());
    if (!options.selection.isEmpty())
        sheet += Tr::tr("Images chosen: %1.\n\n").arg(options.selection);
    sheet += Tr::tr("%1 images (checksums in %7); %2 left out (see exclusions.csv). Split train/validation/test %3/%4/%5 %, stratified by label, seed %6.\n\n")
                 .arg(summary.exported).arg(excluded.size())
                 .arg(qRound(options.trainShare * 100)).arg(qRound(options.validationShare * 100))
                 .arg(qRound((1 - options.trainShare - options.validationShare) * 100)).arg(options.seed).arg(manifestName);
    sheet += Tr::tr("Personal information: %1 regions redacted in %2 images (every region not rejected in review). "
                    "Every file was re-encoded from its pixels: no EXIF, GPS or embedded thumbnail remains.%3\n\n")
                 .arg(summary.redactedRegions).arg(summary.redactedImages)
                 .arg(options.anonymousNames ? Tr::tr(" File names are derived from the content, not the original names.") : QString());
    sheet += Tr::tr("## Images per category\n\n| category | train | validation | test |\n|---|---|---|---|\n");
    for (auto it = perLabel.cbegin(); it != perLabel.cend(); ++it)
        sheet += QStringLiteral("| %1 | %2 | %3 | %4 |\n").arg(it.key()).arg(it->value(0)).arg(it->value(1)).arg(it->value(2));
    sheet += Tr::tr("\n## Images per country\n\n| country | images |\n|---|---|\n");
    for (auto it = perCountry.cbegin(); it != perCountry.cend(); ++it)
        sheet += QStringLiteral("| %1 | %2 |\n").arg(it.key()).arg(it.value());
    sheet += Tr::tr("\n## Left out\n\n| reason | images |\n|---|---|\n");
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
        sheet += QStringLiteral("| %1 | %2 |\n").arg(it.key()).arg(it.value());
    QStringList scans;
    Result<Statement> ran = db.prepare("SELECT kind, max(finished_at) FROM jobs WHERE status='done' AND kind LIKE 'scan-%' GROUP BY kind");
    if (ran)
        (void)ran->forEachRow([&] { scans.append(QStringLiteral("%1 (%2)").arg(ran->text(0), ran->text(1))); });
    sheet += Tr::tr("\n## Scans run on the project\n\n%1\n").arg(scans.isEmpty() ? Tr::tr("none") : scans.join(QStringLiteral(", ")));

    for (const auto &[name, text] : {std::pair{manifestName, manifest},
                                     std::pair{QStringLiteral("exclusions.csv"), exclusions},
                                     std::pair{QStringLiteral("DATASHEET.md"), sheet.toUtf8()}})
        if (Status status = writeText(partial + QLatin1Char('/') + name, text); !status) {
            (void)jobs::finishJob(db, summary.jobId, QStringLiteral("failed"), status.error());
            return status.takeError();
        }
    QFile::remove(progressPath);
    if (QDir(outDir).exists())
        QDir().rmdir(outDir);   // empty, checked above
    if (!QDir().rename(partial, outDir)) {
        (void)jobs::finishJob(db, summary.jobId, QStringLiteral("failed"));
        return fail(Tr::tr("Cannot rename %1 to %2.").arg(partial, outDir));
    }
    summary.directory = outDir;
    const QJsonObject settings{{QStringLiteral("selection"), options.selection},
                               {QStringLiteral("filter"), filter.toJson()},
                               {QStringLiteral("layout"), options.layout == ExportLayout::Flat ? QStringLiteral("flat") : QStringLiteral("imagefolder")},
                               {QStringLiteral("manifest"), manifestName},
                               {QStringLiteral("one_per_duplicate_group"), options.onePerDuplicateGroup},
                               {QStringLiteral("seed"), QString::number(options.seed)}};
    Result<Statement> exportRow = db.prepare("INSERT INTO exports(directory, settings, status, image_count, job_id, created_at) VALUES(?, ?, 'done', ?, ?, ?)");
    if (exportRow) {
        exportRow->bind(1, outDir).bind(2, QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact)))
            .bind(3, summary.exported).bind(4, summary.jobId).bind(5, nowIso());
        (void)exportRow->exec();
    }
    (void)jobs::updateJob(db, summary.jobId, summary.exported + summary.failed, chosen.size());
    (void)jobs::finishJob(db, summary.jobId, QStringLiteral("done"));
    return summary;
}

} // namespace sieve::exporting
