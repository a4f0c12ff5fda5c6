#include "store/categories.h"

#include "base/clock.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QStringDecoder>

#include <array>

namespace sieve::store {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::store)
};

Result<QString> validName(const QString &name)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return fail(Tr::tr("A category needs a name."));
    if (trimmed.size() > 200)
        return fail(Tr::tr("Category names are limited to 200 characters."));
    return trimmed;
}

QString field(std::int64_t id, const char *attribute)
{
    return QStringLiteral("category:%1:%2").arg(id).arg(QLatin1String(attribute));
}

// Splits one CSV line (taxonomy files are simple: no newlines inside fields).
QStringList splitCsvLine(const QString &line)
{
    QStringList fields;
    QString current;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    current += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                current += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',') || c == QLatin1Char(';') || c == QLatin1Char('\t')) {
            fields.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    fields.append(current.trimmed());
    return fields;
}

} // namespace

QColor defaultCategoryColor(int position)
{
    // Tableau 20-like: distinct hues, each readable as a badge with white text.
    static constexpr std::array<QRgb, 20> palette{
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
        0x3b5ba5, 0xe5a025, 0x4e9f50, 0xb5446e, 0x6a51a3, 0xa0522d, 0xc71585, 0x2f4f4f, 0x808000, 0x008b8b};
    return QColor::fromRgb(palette[std::size_t(position) % palette.size()]);
}

Result<QList<Category>> listCategories(Database &db, bool includeArchived, bool withCounts)
{
    Result<Statement> query = db.prepare(
        "SELECT c.id, c.name, c.color, c.position, c.archived, c.merged_into, "
        "CASE WHEN ?2 THEN (SELECT count(*) FROM images i WHERE i.category_id = c.id) ELSE 0 END "
        "FROM categories c WHERE ?1 OR c.archived = 0 ORDER BY c.position, c.id");
    if (!query)
        return query.takeError();
    query->bind(1, int(includeArchived)).bind(2, int(withCounts));
    QList<Category> categories;
    Status read = query->forEachRow([&] {
        Category category;
        category.id = query->int64(0);
        category.name = query->text(1);
        category.position = query->integer(3);
        category.color = QColor(query->text(2));
        if (!category.color.isValid())
            category.color = defaultCategoryColor(category.position);
        category.archived = query->integer(4) != 0;
        category.mergedInto = query->optionalInt64(5);
        category.imageCount = query->int64(6);
        categories.append(category);
    });
    if (!read)
        return read.takeError();
    return categories;
}

Result<std::optional<Category>> findCategory(Database &db, const QString &name)
{
    Result<Statement> query = db.prepare("SELECT id FROM categories WHERE name = ? COLLATE NOCASE");
    if (!query)
        return query.takeError();
    query->bind(1, name.simplified());
    Result<bool> row = query->step();
    if (!row)
        return row.takeError();
    if (!*row)
        return std::optional<Category>();
    const std::int64_t id = query->int64(0);
    Result<QList<Category>> all = listCategories(db);
    if (!all)
        return all.takeError();
    for (const Category &category : *all)
        if (category.id == id)
            return std::optional(category);
    return std::optional<Category>();
}

Result<std::int64_t> addCategory(Database &db, const QString &name, const QColor &color)
{
    Result<QString> valid = validName(name);
    if (!valid)
        return valid.takeError();
    Result<std::optional<Category>> existing = findCategory(db, *valid);
    if (!existing)
        return existing.takeError();
    if (existing->has_value())
        return fail(Tr::tr("A category named “%1” exists already.").arg((*existing)->name));
    Result<std::int64_t> position = db.queryInt("SELECT coalesce(max(position) + 1, 0) FROM categories");
    if (!position)
        return position.takeError();
    Result<Statement> insert = db.prepare("INSERT INTO categories(name, color, position, created_at) VALUES(?, ?, ?, ?)");
    if (!insert)
        return insert.takeError();
    const QColor chosen = color.isValid() ? color : defaultCategoryColor(int(*position));
    insert->bind(1, *valid).bind(2, chosen.name()).bind(3, *position).bind(4, nowIso());
    if (Status status = insert->exec(); !status)
        return status.takeError();
    return db.lastInsertId();
}

Result<std::int64_t> ensureCategory(Database &db, const QString &name)
{
    Result<std::optional<Category>> existing = findCategory(db, name);
    if (!existing)
        return existing.takeError();
    if (existing->has_value())
        return (*existing)->id;
    return addCategory(db, name);
}

Result<ActionSummary> renameCategory(EditLog &log, Database &db, std::int64_t id, const QString &name)
{
    Result<QString> valid = validName(name);
    if (!valid)
        return valid.takeError();
    Result<std::optional<Category>> clash = findCategory(db, *valid);
    if (!clash)
        return clash.takeError();
    if (clash->has_value() && (*clash)->id != id)
        return fail(Tr::tr("A category named “%1” exists already; merge the two instead.").arg((*clash)->name));
    return log.apply(QStringLiteral("category"), Tr::tr("Rename category to “%1”").arg(*valid),
                     {{std::nullopt, field(id, "name"), *valid}});
}

Result<ActionSummary> setCategoryColor(EditLog &log, std::int64_t id, const QColor &color)
{
    if (!color.isValid())
        return fail(Tr::tr("Not a valid colour."));
    return log.apply(QStringLiteral("category"), Tr::tr("Change a category's colour"),
                     {{std::nullopt, field(id, "color"), color.name()}});
}

Result<ActionSummary> setCategoryArchived(EditLog &log, std::int64_t id, bool archived)
{
    return log.apply(QStringLiteral("category"), archived ? Tr::tr("Archive a category") : Tr::tr("Restore a category"),
                     {{std::nullopt, field(id, "archived"), archived ? QStringLiteral("1") : QStringLiteral("0")}});
}

Result<ActionSummary> mergeCategories(EditLog &log, Database &db, std::int64_t from, std::int64_t into)
{
    if (from == into)
        return fail(Tr::tr("A category cannot be merged into itself."));
    Result<QList<Category>> categories = listCategories(db);
    if (!categories)
        return categories.takeError();
    QString fromName, intoName;
    for (const Category &category : *categories) {
        if (category.id == from)
            fromName = category.name;
        if (category.id == into)
            intoName = category.name;
    }
    if (fromName.isEmpty() || intoName.isEmpty())
        return fail(Tr::tr("Both categories must exist to merge them."));

    std::vector<FieldChange> changes;
    Result<Statement> members = db.prepare("SELECT id FROM images WHERE category_id=?");
    if (!members)
        return members.takeError();
    members->bind(1, from);
    const QString target = QString::number(into);
    Status read = members->forEachRow([&] { changes.push_back({members->int64(0), QStringLiteral("label"), target}); });
    if (!read)
        return read.takeError();
    changes.push_back({std::nullopt, field(from, "archived"), QStringLiteral("1")});
    changes.push_back({std::nullopt, field(from, "merged_into"), target});
    return log.apply(QStringLiteral("merge"), Tr::tr("Merge “%1” into “%2”").arg(fromName, intoName), changes);
}

Result<TaxonomyImport> importTaxonomy(Database &db, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("Cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > 16 * 1024 * 1024)
        return fail(Tr::tr("%1 is too large for a taxonomy (over 16 MB).").arg(path));
    QByteArray bytes = file.readAll();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder.decode(bytes);
    TaxonomyImport result;
    if (decoder.hasError()) {
        text = QString::fromLatin1(bytes);
        result.problems.append(Tr::tr("%1 is not valid UTF-8; it was read as Latin-1.").arg(path));
    }
    Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun().takeError();
    const QStringList lines = text.split(QRegularExpression(QStringLiteral("\r\n|\r|\n")));
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        const QStringList cells = splitCsvLine(lines[i]);
        const QString name = cells.value(0);
        if (i == 0 && (name.compare(QLatin1String("name"), Qt::CaseInsensitive) == 0
                       || name.compare(QLatin1String("category"), Qt::CaseInsensitive) == 0))
            continue;
        Result<QString> valid = validName(name);
        if (!valid) {
            result.problems.append(Tr::tr("line %1: %2 Skipped.").arg(i + 1).arg(valid.error()));
            continue;
        }
        const QColor color(cells.value(1));
        if (!cells.value(1).isEmpty() && !color.isValid())
            result.problems.append(Tr::tr("line %1: “%2” is not a colour; the default was used.").arg(i + 1).arg(cells.value(1)));
        Result<std::optional<Category>> existing = findCategory(db, *valid);
        if (!existing)
            return existing.takeError();
        if (existing->has_value()) {
            ++result.existing;
            if (color.isValid()) {
                Result<Statement> update = db.prepare("UPDATE categories SET color=? WHERE id=?");
                if (!update)
                    return update.takeError();
                update->bind(1, color.name()).bind(2, (*existing)->id);
                if (Status status = update->exec(); !status)
                    return status.takeError();
            }
            continue;
        }
        Result<std::int64_t> added = addCategory(db, *valid, color);
        if (!added)
            return added.takeError();
        ++result.added;
    }
    if (Status status = transaction.commit(); !status)
        return status.takeError();
    return result;
}

} // namespace sieve::store
