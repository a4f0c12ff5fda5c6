#include "ingest/metadata_import.h"

#include "ingest/image_locator.h"
#include "ingest/metadata_reader.h"
#include "jobs/job_context.h"
#include "store/categories.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>

namespace sieve::ingest {

using store::Database;
using store::Statement;
using store::Transaction;

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ingest)
};

constexpr int kRowsPerTransaction = 2000;

} // namespace

MetadataImport::MetadataImport(Database &db, std::int64_t sourceId, jobs::JobContext &context)
    : m_db(db), m_sourceId(sourceId), m_context(context)
{
}

Result<MetadataImportSummary> MetadataImport::run(const QString &file, const IssueSink &issue)
{
    Result<std::unique_ptr<MetadataReader>> opened = MetadataReader::open(file);
    if (!opened)
        return opened.takeError();
    MetadataReader &reader = **opened;
    const QString fileName = QFileInfo(file).fileName();

    Result<ImageLocator> locator = ImageLocator::create(m_db, m_sourceId);
    if (!locator)
        return locator.takeError();
    Result<Statement> setAttribute = m_db.prepare(
        "INSERT INTO image_attributes(image_id, key, value) VALUES(?, ?, ?) "
        "ON CONFLICT(image_id, key) DO UPDATE SET value=excluded.value");
    Result<Statement> keepAttribute = m_db.prepare(
        "INSERT OR IGNORE INTO image_attributes(image_id, key, value) VALUES(?, ?, ?)");
    Result<Statement> setClaimed = m_db.prepare("UPDATE images SET claimed_label=? WHERE id=?");
    Result<Statement> keepClaimed = m_db.prepare("UPDATE images SET claimed_label=? WHERE id=? AND claimed_label IS NULL");
    Result<Statement> setLabel = m_db.prepare("UPDATE images SET category_id=? WHERE id=? AND category_id IS NULL");
    if (!setAttribute || !keepAttribute || !setClaimed || !keepClaimed || !setLabel)
        return fail(m_db.lastError());

    QHash<QString, std::int64_t> categoryIds;   // label text → id; labels are few
    MetadataImportSummary summary;
    const QStringList columns = reader.columns();
    const int pathColumn = reader.pathColumn();
    const int labelColumn = reader.labelColumn();
    m_context.setPhase(Tr::tr("Reading metadata"), reader.totalBytes());

    auto reportIssues = [&] {
        for (const MetadataIssue &problem : reader.takeIssues())
            issue(fileName, Tr::tr("line %1: %2").arg(problem.line).arg(problem.message));
    };

    std::optional<Transaction> transaction(std::in_place, m_db);
    if (!transaction->begun())
        return transaction->begun().takeError();
    int rowsInTransaction = 0;
    MetadataRow row;
    for (;;) {
        if (m_context.isCancelled())
            break;
        Result<bool> more = reader.next(row);
        if (!more)
            return more.takeError();
        reportIssues();
        if (!*more)
            break;
        ++summary.rows;
        const QString path = ImageLocator::normalise(row.values.value(pathColumn));
        if (path.isEmpty())
            continue; // the reader reported it
        Result<ImageLocator::Match> found = locator->locate(path);
        if (!found)
            return found.takeError();
        if (found->kind == ImageLocator::Kind::None) {
            issue(fileName, Tr::tr("line %1: no imported image at “%2”").arg(row.line).arg(path));
            continue;
        }
        if (found->kind == ImageLocator::Kind::Ambiguous) {
            issue(fileName, Tr::tr("line %1: the file name “%2” matches several images; give its folder too")
                                .arg(row.line)
                                .arg(path));
            continue;
        }
        ++summary.matched;
        // A row naming a byte-identical copy only fills what the image's own row left empty.
        const bool copy = found->kind == ImageLocator::Kind::Copy;
        Statement &attribute = copy ? *keepAttribute : *setAttribute;
        Statement &claimed = copy ? *keepClaimed : *setClaimed;

        for (int column = 0; column < columns.size(); ++column) {
            if (column == pathColumn || column == labelColumn)
                continue;
            const QString value = row.values.value(column).trimmed();
            if (value.isEmpty())
                continue;
            attribute.bind(1, found->imageId).bind(2, columns[column]).bind(3, value);
            if (Status status = attribute.exec(); !status)
                return status.takeError();
        }
        if (labelColumn >= 0) {
            const QString label = row.values.value(labelColumn).simplified();
            if (!label.isEmpty()) {
                auto known = categoryIds.constFind(label.toCaseFolded());
                std::int64_t categoryId = 0;
                if (known != categoryIds.constEnd()) {
                    categoryId = *known;
                } else {
                    Result<std::int64_t> ensured = store::ensureCategory(m_db, label);
                    if (!ensured) {
                        issue(fileName, Tr::tr("line %1: label “%2”: %3").arg(row.line).arg(label, ensured.error()));
                        continue;
                    }
                    categoryId = *ensured;
                    categoryIds.insert(label.toCaseFolded(), categoryId);
                }
                claimed.bind(1, label).bind(2, found->imageId);
                if (Status status = claimed.exec(); !status)
                    return status.takeError();
                setLabel->bind(1, categoryId).bind(2, found->imageId);
                if (Status status = setLabel->exec(); !status)
                    return status.takeError();
                summary.labelsSet += m_db.changes();
            }
        }
        if (++rowsInTransaction >= kRowsPerTransaction) {
            if (Status status = transaction->commit(); !status)
                return status.takeError();
            transaction.emplace(m_db);
            if (!transaction->begun())
                return transaction->begun().takeError();
            rowsInTransaction = 0;
            m_context.report(reader.bytesRead(), reader.totalBytes());
        }
    }
    if (Status status = transaction->commit(); !status)
        return status.takeError();
    m_context.report(reader.totalBytes(), reader.totalBytes());
    return summary;
}

} // namespace sieve::ingest
