#include "ingest/importer.h"

#include "base/clock.h"
#include "ingest/image_file.h"
#include "ingest/metadata_import.h"
#include "jobs/job_context.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFuture>
#include <QJsonDocument>
#include <QThreadPool>
#include <QtConcurrent>

#include <functional>

namespace sieve::ingest {

using store::Database;
using store::Statement;
using store::Transaction;

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ingest)
};

constexpr int kChunk = 48;           // files per transaction: a kill loses at most this much
constexpr int kKeptIssues = 1000;

// Depth-first over ROOT in name order, so ids follow the folder layout and runs are repeatable.
// Hidden entries and symlinked folders (loops) are skipped. Memory: one folder listing per level.
void walk(const QString &root, const QString &relative, const std::function<bool(const QString &)> &onFile,
          const std::function<void(const QString &)> &onUnreadable = {})
{
    QDir dir(relative.isEmpty() ? root : root + QLatin1Char('/') + relative);
    if (!relative.isEmpty() && !QFileInfo(dir.path()).isReadable()) {
        if (onUnreadable)
            onUnreadable(relative);
        return;
    }
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                                                    QDir::Name | QDir::DirsLast);
    for (const QFileInfo &entry : entries) {
        const QString path = relative.isEmpty() ? entry.fileName() : relative + QLatin1Char('/') + entry.fileName();
        if (entry.isDir()) {
            if (!entry.isSymLink())
                walk(root, path, onFile, onUnreadable);
        } else if (!onFile(path)) {
            return;
        }
    }
}

QString fileNameOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? path : path.mid(slash + 1);
}

class Import {
public:
    Import(Database &db, const ImportOptions &options, jobs::JobContext &context)
        : m_db(db), m_options(options), m_context(context)
    {
        m_pool.setObjectName(QStringLiteral("sieve-import"));
        m_pool.setMaxThreadCount(options.threads > 0 ? options.threads : QThread::idealThreadCount());
    }

    Result<ImportSummary> run();

private:
    struct Known {
        std::int64_t id = 0;
        qint64 size = 0;
        qint64 mtime = 0;
        bool missing = false;
    };

    Status prepare();
    Status processChunk(const QStringList &paths, QList<ImageFile> &toRead);
    Status store(const ImageFile &file);
    Status markSeen(const QString &path);
    Status markMissing();
    void issue(const QString &path, const QString &reason);

    Database &m_db;
    ImportOptions m_options;
    jobs::JobContext &m_context;
    QThreadPool m_pool;
    QString m_root;
    std::int64_t m_sourceId = 0;
    ImportSummary m_summary;

    Statement m_findPath, m_touch, m_findCopy, m_findHash, m_sourceRoot, m_insert, m_update, m_relink, m_restore,
        m_insertCopy, m_seen, m_issue;
};

Status Import::prepare()
{
    struct Sql {
        Statement *statement;
        const char *text;
    };
    const Sql statements[] = {
        {&m_findPath, "SELECT id, file_size, mtime, missing, hash FROM images WHERE source_id=? AND path=?"},
        {&m_touch, "UPDATE images SET mtime=?, missing=0 WHERE id=?"},
        {&m_findCopy, "SELECT image_id FROM image_copies WHERE source_id=? AND path=?"},
        {&m_findHash, "SELECT id, source_id, path FROM images WHERE hash=? LIMIT 1"},
        {&m_sourceRoot, "SELECT root FROM sources WHERE id=?"},
        {&m_insert, "INSERT INTO images(source_id, path, file_name, hash, file_size, mtime, format, width, "
                    "height, orientation, exif, imported_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&m_update, "UPDATE images SET hash=?, file_size=?, mtime=?, format=?, width=?, height=?, orientation=?, "
                    "exif=?, missing=0, quality=NULL, sharpness=NULL, phash=NULL WHERE id=?"},
        {&m_relink, "UPDATE images SET source_id=?, path=?, file_name=?, mtime=?, missing=0 WHERE id=?"},
        {&m_restore, "UPDATE images SET missing=0 WHERE id=?"},
        {&m_insertCopy, "INSERT OR IGNORE INTO image_copies(source_id, path, image_id) VALUES(?, ?, ?)"},
        {&m_seen, "INSERT OR IGNORE INTO temp.import_seen(path) VALUES(?)"},
        {&m_issue, "INSERT INTO job_issues(job_id, path, reason, at) VALUES(?, ?, ?, ?)"},
    };
    for (const Sql &sql : statements) {
        Result<Statement> prepared = m_db.prepare(sql.text);
        if (!prepared)
            return prepared.takeError();
        *sql.statement = std::move(*prepared);
    }
    return {};
}

void Import::issue(const QString &path, const QString &reason)
{
    ++m_summary.issueCount;
    if (m_summary.issues.size() < kKeptIssues)
        m_summary.issues.append({path, reason});
    m_issue.bind(1, m_summary.jobId).bind(2, path).bind(3, reason).bind(4, nowIso());
    if (Status status = m_issue.exec(); !status)
        qWarning("Sieve: recording an import issue failed: %s", qPrintable(status.error()));
}

Status Import::markSeen(const QString &path)
{
    m_seen.bind(1, path);
    return m_seen.exec();
}

Result<ImportSummary> Import::run()
{
    const QFileInfo rootInfo(m_options.imagesDirectory);
    if (!rootInfo.isDir())
        return fail(Tr::tr("%1 is not a folder.").arg(m_options.imagesDirectory));
    if (!rootInfo.isReadable())
        return fail(Tr::tr("%1 cannot be read (permission denied).").arg(m_options.imagesDirectory));
    m_root = rootInfo.canonicalFilePath();
    if (!m_options.metadataFile.isEmpty() && !QFileInfo(m_options.metadataFile).isFile())
        return fail(Tr::tr("The metadata file %1 does not exist.").arg(m_options.metadataFile));

    {
        Result<Statement> source = m_db.prepare(
            "INSERT INTO sources(root) VALUES(?) ON CONFLICT(root) DO UPDATE SET root=excluded.root RETURNING id");
        if (!source)
            return source.takeError();
        source->bind(1, m_root);
        Result<bool> row = source->step();
        if (!row)
            return row.takeError();
        m_sourceId = source->int64(0);
    }
    const QJsonObject params{{QStringLiteral("images"), m_root},
                             {QStringLiteral("metadata"), m_options.metadataFile.isEmpty()
                                                              ? QString()
                                                              : QFileInfo(m_options.metadataFile).absoluteFilePath()}};
    Result<std::int64_t> job = jobs::startJob(m_db, QStringLiteral("import"), params);
    if (!job)
        return job.takeError();
    m_summary.jobId = *job;
    if (Status status = m_db.exec("CREATE TEMP TABLE IF NOT EXISTS import_seen(path TEXT PRIMARY KEY) WITHOUT ROWID;"
                                  "DELETE FROM temp.import_seen;");
        !status)
        return status.takeError();
    if (Status status = prepare(); !status)
        return status.takeError();

    m_context.setPhase(Tr::tr("Finding images"));
    qint64 total = 0;
    walk(m_root, QString(), [&](const QString &) {
        ++total;
        return !m_context.isCancelled();
    });
    m_summary.files = total;

    m_context.setPhase(Tr::tr("Reading images"), total);
    qint64 done = 0;
    QStringList chunk;
    QFuture<ImageFile> reading;
    Status failure;

    // Double buffering: the pool reads chunk k+1 while this thread commits chunk k.
    auto commit = [&](QStringList paths) -> Status {
        QList<ImageFile> toRead;
        Transaction transaction(m_db);
        if (!transaction.begun())
            return transaction.begun();
        if (Status status = processChunk(paths, toRead); !status)
            return status;
        QList<ImageFile> finished;
        if (reading.isValid()) {
            reading.waitForFinished();
            finished = reading.results();
        }
        reading = toRead.isEmpty() ? QFuture<ImageFile>()
                                   : QtConcurrent::mapped(&m_pool, toRead, [](const ImageFile &f) {
                                         return readImageFile(f.absolutePath, f.relativePath);
                                     });
        for (const ImageFile &file : finished)
            if (Status status = store(file); !status)
                return status;
        done += paths.size();
        if (Status status = jobs::updateJob(m_db, m_summary.jobId, done, total); !status)
            return status;
        if (Status status = transaction.commit(); !status)
            return status;
        m_context.report(done, total);
        return {};
    };

    walk(
        m_root, QString(),
        [&](const QString &path) {
            chunk.append(path);
            if (chunk.size() >= kChunk) {
                failure = commit(std::exchange(chunk, {}));
                if (!failure || m_context.isCancelled())
                    return false;
            }
            return true;
        },
        [&](const QString &folder) {
            ++m_summary.failed;
            issue(folder + QLatin1Char('/'), Tr::tr("folder cannot be read (permission denied); its images were not imported"));
        });
    if (failure && !m_context.isCancelled())
        failure = commit(std::exchange(chunk, {}));
    // Store what the pool still holds, even when cancelled: that work is done.
    if (failure && reading.isValid()) {
        Transaction transaction(m_db);
        reading.waitForFinished();
        for (const ImageFile &file : reading.results())
            if (failure)
                failure = store(file);
        if (failure)
            failure = transaction.commit();
    }
    if (!failure) {
        (void)jobs::finishJob(m_db, m_summary.jobId, QStringLiteral("failed"), failure.error());
        return failure.takeError();
    }
    m_summary.cancelled = m_context.isCancelled();

    if (!m_summary.cancelled) {
        m_context.setPhase(Tr::tr("Checking for missing files"));
        if (Status status = markMissing(); !status) {
            (void)jobs::finishJob(m_db, m_summary.jobId, QStringLiteral("failed"), status.error());
            return status.takeError();
        }
    }

    if (!m_summary.cancelled && !m_options.metadataFile.isEmpty()) {
        MetadataImport metadata(m_db, m_sourceId, m_context);
        Result<MetadataImportSummary> applied = metadata.run(m_options.metadataFile, [&](const QString &path, const QString &reason) {
            issue(path, reason);
        });
        if (!applied) {
            (void)jobs::finishJob(m_db, m_summary.jobId, QStringLiteral("failed"), applied.error());
            return applied.takeError();
        }
        m_summary.metadataRows = applied->rows;
        m_summary.metadataMatched = applied->matched;
        m_summary.labelsSet = applied->labelsSet;
        m_summary.cancelled = m_context.isCancelled();
    }

    (void)m_db.exec("DROP TABLE IF EXISTS temp.import_seen");
    if (Status status = jobs::finishJob(m_db, m_summary.jobId,
                                        m_summary.cancelled ? QStringLiteral("cancelled") : QStringLiteral("done"));
        !status)
        return status.takeError();
    return m_summary;
}

// Sorts a chunk's paths into known files (settled here, on the database thread) and files the
// pool must read.
Status Import::processChunk(const QStringList &paths, QList<ImageFile> &toRead)
{
    for (const QString &path : paths) {
        if (Status status = markSeen(path); !status)
            return status;
        const QString absolute = m_root + QLatin1Char('/') + path;
        m_findPath.bind(1, m_sourceId).bind(2, path);
        Result<bool> known = m_findPath.step();
        if (!known)
            return known.takeError();
        if (*known) {
            const Known row{m_findPath.int64(0), m_findPath.int64(1), m_findPath.int64(2), m_findPath.integer(3) != 0};
            m_findPath.reset();
            const QFileInfo info(absolute);
            if (info.size() == row.size && info.lastModified().toMSecsSinceEpoch() == row.mtime) {
                ++m_summary.unchanged;
                if (row.missing) {
                    m_restore.bind(1, row.id);
                    if (Status status = m_restore.exec(); !status)
                        return status;
                    ++m_summary.restored;
                }
                continue;
            }
        } else {
            m_findPath.reset();
            m_findCopy.bind(1, m_sourceId).bind(2, path);
            Result<bool> copy = m_findCopy.step();
            m_findCopy.reset();
            if (!copy)
                return copy.takeError();
            if (*copy) {
                ++m_summary.duplicates;
                continue;
            }
        }
        ImageFile file;
        file.relativePath = path;
        file.absolutePath = absolute;
        toRead.append(file);
    }
    return {};
}

Status Import::store(const ImageFile &file)
{
    if (!file.error.isEmpty()) {
        if (file.notAnImage) {
            ++m_summary.otherFiles;
        } else {
            ++m_summary.failed;
            issue(file.relativePath, file.error);
        }
        return {};
    }
    const QString exif = QString::fromUtf8(QJsonDocument(file.probe.exif).toJson(QJsonDocument::Compact));

    m_findPath.bind(1, m_sourceId).bind(2, file.relativePath);
    Result<bool> atPath = m_findPath.step();
    if (!atPath)
        return atPath.takeError();
    const std::int64_t existingId = *atPath ? m_findPath.int64(0) : 0;
    const QString existingHash = *atPath ? m_findPath.text(4) : QString();
    m_findPath.reset();
    if (existingId && existingHash == file.hash) {
        // Touched, not changed (a copy tool reset its time): keep everything, note the time.
        m_touch.bind(1, file.mtimeMs).bind(2, existingId);
        ++m_summary.unchanged;
        return m_touch.exec();
    }
    if (existingId) {
        m_update.bind(1, file.hash).bind(2, file.size).bind(3, file.mtimeMs).bind(4, imaging::formatName(file.probe.format))
            .bind(5, file.probe.storedSize.width()).bind(6, file.probe.storedSize.height())
            .bind(7, file.probe.orientation).bind(8, exif).bind(9, existingId);
        ++m_summary.updated;
        return m_update.exec();
    }

    m_findHash.bind(1, file.hash);
    Result<bool> sameContent = m_findHash.step();
    if (!sameContent)
        return sameContent.takeError();
    if (*sameContent) {
        const std::int64_t originalId = m_findHash.int64(0);
        const std::int64_t originalSource = m_findHash.int64(1);
        const QString originalPath = m_findHash.text(2);
        m_findHash.reset();
        m_sourceRoot.bind(1, originalSource);
        Result<bool> root = m_sourceRoot.step();
        if (!root)
            return root.takeError();
        const QString originalFile = m_sourceRoot.text(0) + QLatin1Char('/') + originalPath;
        m_sourceRoot.reset();
        if (QFileInfo::exists(originalFile)) {
            m_insertCopy.bind(1, m_sourceId).bind(2, file.relativePath).bind(3, originalId);
            ++m_summary.duplicates;
            return m_insertCopy.exec();
        }
        m_relink.bind(1, m_sourceId).bind(2, file.relativePath).bind(3, fileNameOf(file.relativePath))
            .bind(4, file.mtimeMs).bind(5, originalId);
        ++m_summary.relinked;
        return m_relink.exec();
    }
    m_findHash.reset();

    m_insert.bind(1, m_sourceId).bind(2, file.relativePath).bind(3, fileNameOf(file.relativePath)).bind(4, file.hash)
        .bind(5, file.size).bind(6, file.mtimeMs).bind(7, imaging::formatName(file.probe.format))
        .bind(8, file.probe.storedSize.width()).bind(9, file.probe.storedSize.height())
        .bind(10, file.probe.orientation).bind(11, exif).bind(12, nowIso());
    ++m_summary.added;
    return m_insert.exec();
}

// Images of this folder that the walk did not see: promote a recorded copy when one still
// exists, else mark the image missing (never delete: its labels and history stay).
Status Import::markMissing()
{
    Transaction transaction(m_db);
    if (!transaction.begun())
        return transaction.begun();
    struct Gone {
        std::int64_t id;
        QString path;
    };
    QList<Gone> gone;
    {
        Result<Statement> query = m_db.prepare(
            "SELECT id, path FROM images WHERE source_id=? AND missing=0 "
            "AND path NOT IN (SELECT path FROM temp.import_seen)");
        if (!query)
            return query.takeError();
        query->bind(1, m_sourceId);
        if (Status status = query->forEachRow([&] { gone.append({query->int64(0), query->text(1)}); }); !status)
            return status;
    }
    Result<Statement> copies = m_db.prepare(
        "SELECT c.source_id, c.path, s.root FROM image_copies c JOIN sources s ON s.id = c.source_id "
        "WHERE c.image_id=?1 AND (c.source_id <> ?2 OR c.path IN (SELECT path FROM temp.import_seen))");
    Result<Statement> dropCopy = m_db.prepare("DELETE FROM image_copies WHERE source_id=? AND path=?");
    Result<Statement> setMissing = m_db.prepare("UPDATE images SET missing=1 WHERE id=?");
    if (!copies || !dropCopy || !setMissing)
        return fail(m_db.lastError());
    for (const Gone &image : gone) {
        copies->bind(1, image.id).bind(2, m_sourceId);
        struct Replacement {
            std::int64_t sourceId;
            QString path;
            qint64 mtimeMs;
        };
        std::optional<Replacement> replacement;
        Status scanned = copies->forEachRow([&] {
            const QFileInfo copy(copies->text(2) + QLatin1Char('/') + copies->text(1));
            if (!replacement && copy.exists())
                replacement = Replacement{copies->int64(0), copies->text(1), copy.lastModified().toMSecsSinceEpoch()};
        });
        if (!scanned)
            return scanned;
        if (replacement) {
            dropCopy->bind(1, replacement->sourceId).bind(2, replacement->path);
            if (Status status = dropCopy->exec(); !status)
                return status;
            m_relink.bind(1, replacement->sourceId).bind(2, replacement->path).bind(3, fileNameOf(replacement->path))
                .bind(4, replacement->mtimeMs).bind(5, image.id);
            if (Status status = m_relink.exec(); !status)
                return status;
            ++m_summary.relinked;
            continue;
        }
        setMissing->bind(1, image.id);
        if (Status status = setMissing->exec(); !status)
            return status;
        ++m_summary.missing;
    }
    Result<Statement> staleCopies = m_db.prepare(
        "DELETE FROM image_copies WHERE source_id=? AND path NOT IN (SELECT path FROM temp.import_seen)");
    if (!staleCopies)
        return staleCopies.takeError();
    staleCopies->bind(1, m_sourceId);
    if (Status status = staleCopies->exec(); !status)
        return status;
    return transaction.commit();
}

} // namespace

Result<ImportSummary> importImages(Database &db, const ImportOptions &options, jobs::JobContext &context)
{
    Import import(db, options, context);
    return import.run();
}

} // namespace sieve::ingest
