#include "ingest/label_file.h"

#include "ingest/image_locator.h"
#include "ingest/metadata_reader.h"
#include "store/categories.h"
#include "store/database.h"
#include "store/edit_log.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

namespace sieve::ingest {

using store::Statement;

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ingest)
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

} // namespace

Result<LabelFileSummary> applyLabelFile(store::Database &db, store::EditLog &log, const QString &path,
                                        const LabelFileOptions &options)
{
    Result<std::unique_ptr<MetadataReader>> opened = MetadataReader::open(path);
    if (!opened)
        return opened.takeError();
    MetadataReader &reader = **opened;
    if (reader.labelColumn() < 0)
        return fail(Tr::tr("%1 has no label column (name one “label” or “category”).").arg(path));
    Result<ImageLocator> locator = ImageLocator::create(db);
    if (!locator)
        return locator.takeError();
    const QString name = QFileInfo(path).fileName();

    Result<QList<store::Category>> categories = store::listCategories(db);
    if (!categories)
        return categories.takeError();
    QHash<QString, std::int64_t> idByName;
    for (const store::Category &category : *categories)
        idByName.insert(category.name.toCaseFolded(), category.id);

    LabelFileSummary summary;
    std::vector<store::FieldChange> changes;
    QHash<QString, int> pendingNew;  // labels to create, with the first line naming them
    struct Wanted {
        std::int64_t imageId;
        QString label;
    };
    std::vector<Wanted> wanted;
    MetadataRow row;
    for (;;) {
        Result<bool> more = reader.next(row);
        if (!more)
            return more.takeError();
        for (const MetadataIssue &issue : reader.takeIssues())
            summary.problems.append(Tr::tr("%1 line %2: %3").arg(name).arg(issue.line).arg(issue.message));
        if (!*more)
            break;
        ++summary.rows;
        const QString imagePath = row.values.value(reader.pathColumn());
        Result<ImageLocator::Match> match = locator->locate(imagePath);
        if (!match)
            return match.takeError();
        if (match->kind != ImageLocator::Kind::Image) {
            summary.problems.append(match->kind == ImageLocator::Kind::Ambiguous
                                        ? Tr::tr("%1 line %2: “%3” matches several images; give its folder too").arg(name).arg(row.line).arg(imagePath)
                                        : match->kind == ImageLocator::Kind::Copy
                                              ? Tr::tr("%1 line %2: “%3” is a duplicate copy; label the original image").arg(name).arg(row.line).arg(imagePath)
                                              : Tr::tr("%1 line %2: no image at “%3”").arg(name).arg(row.line).arg(imagePath));
            continue;
        }
        const QString label = row.values.value(reader.labelColumn()).simplified();
        if (!label.isEmpty() && !idByName.contains(label.toCaseFolded())) {
            if (!options.createCategories) {
                summary.problems.append(Tr::tr("%1 line %2: unknown category “%3” (use --create-categories to add it)")
                                            .arg(name).arg(row.line).arg(label));
                continue;
            }
            pendingNew.insert(label.toCaseFolded(), row.line);
        }
        wanted.push_back({match->imageId, label});
    }

    for (auto it = pendingNew.cbegin(); it != pendingNew.cend(); ++it) {
        // Keep the spelling of the first row that used it.
        QString spelling;
        for (const Wanted &w : wanted)
            if (w.label.toCaseFolded() == it.key()) {
                spelling = w.label;
                break;
            }
        Result<std::int64_t> id = store::ensureCategory(db, spelling);
        if (!id)
            return id.takeError();
        idByName.insert(it.key(), *id);
        summary.createdCategories.append(spelling);
    }
    changes.reserve(wanted.size());
    for (const Wanted &w : wanted) {
        std::optional<QString> value;
        if (!w.label.isEmpty())
            value = QString::number(idByName.value(w.label.toCaseFolded()));
        changes.push_back({w.imageId, QStringLiteral("label"), value});
    }
    Result<store::ActionSummary> applied =
        log.apply(QStringLiteral("label"), Tr::tr("Set labels from %1").arg(name), changes, options.reason);
    if (!applied)
        return applied.takeError();
    summary.changed = applied->changed;
    summary.unchanged = qint64(changes.size()) - applied->changed;
    summary.actionId = applied->id;
    return summary;
}

Result<qint64> exportLabels(store::Database &db, const QString &out)
{
    QStringList keys;
    Result<Statement> keyQuery = db.prepare("SELECT DISTINCT key FROM image_attributes ORDER BY key");
    if (!keyQuery)
        return keyQuery.takeError();
    if (Status status = keyQuery->forEachRow([&] { keys.append(keyQuery->text(0)); }); !status)
        return status.takeError();

    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Tr::tr("Cannot write %1: %2").arg(out, file.errorString()));
    QByteArray header = "path,source,label,claimed_label,review_status,flags,missing,hash";
    for (const QString &key : keys)
        header += ',' + csvField(key);
    file.write(header + '\n');

    Result<Statement> rows = db.prepare(
        "SELECT i.id, i.path, s.root, coalesce(c.name, ''), coalesce(i.claimed_label, ''), i.review_status, "
        "(SELECT group_concat(kind, ';') FROM (SELECT kind FROM flags f WHERE f.image_id = i.id AND f.state='set' ORDER BY kind)), "
        "i.missing, i.hash FROM images i JOIN sources s ON s.id = i.source_id "
        "LEFT JOIN categories c ON c.id = i.category_id ORDER BY i.id");
    Result<Statement> attributes = db.prepare("SELECT key, value FROM image_attributes WHERE image_id=?");
    if (!rows || !attributes)
        return fail(db.lastError());
    qint64 count = 0;
    Status attributeStatus;
    Status status = rows->forEachRow([&] {
        QHash<QString, QString> values;
        attributes->bind(1, rows->int64(0));
        Status read = attributes->forEachRow([&] { values.insert(attributes->text(0), attributes->text(1)); });
        if (!read && attributeStatus)
            attributeStatus = read;
        QByteArray line = csvField(rows->text(1)) + ',' + csvField(rows->text(2)) + ',' + csvField(rows->text(3)) + ','
                          + csvField(rows->text(4)) + ','
                          + store::reviewStatusName(store::ReviewStatus(qBound(0, rows->integer(5), 2))).toUtf8() + ','
                          + csvField(rows->text(6)) + ',' + (rows->integer(7) ? "1" : "0") + ',' + rows->text(8).toUtf8();
        for (const QString &key : keys)
            line += ',' + csvField(values.value(key));
        file.write(line + '\n');
        ++count;
    });
    if (!status)
        return status.takeError();
    if (!attributeStatus)
        return attributeStatus.takeError();
    if (!file.commit())
        return fail(Tr::tr("Cannot write %1: %2").arg(out, file.errorString()));
    return count;
}

} // namespace sieve::ingest
