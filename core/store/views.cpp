#include "store/views.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <algorithm>

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
        return fail(Tr::tr("A view needs a name."));
    if (trimmed.size() > 100)
        return fail(Tr::tr("View names are limited to 100 characters."));
    return trimmed;
}

// Compared in C++, not with COLLATE NOCASE, which folds only ASCII letters ("Été" = "été").
std::optional<SavedView> named(const QList<SavedView> &views, const QString &name)
{
    for (const SavedView &view : views)
        if (view.name.compare(name, Qt::CaseInsensitive) == 0)
            return view;
    return std::nullopt;
}

QString filterJson(const ImageFilter &filter)
{
    return QString::fromUtf8(QJsonDocument(filter.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace

Result<QList<SavedView>> listViews(Database &db)
{
    Result<Statement> query = db.prepare("SELECT id, name, filter FROM views");
    if (!query)
        return query.takeError();
    QList<SavedView> views;
    Status read = query->forEachRow([&] {
        views.append({query->int64(0), query->text(1),
                      ImageFilter::fromJson(QJsonDocument::fromJson(query->text(2).toUtf8()).object())});
    });
    if (!read)
        return read.takeError();
    std::sort(views.begin(), views.end(), [](const SavedView &a, const SavedView &b) {
        const int order = a.name.compare(b.name, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a.id < b.id;
    });
    return views;
}

Result<std::optional<SavedView>> findView(Database &db, const QString &name)
{
    Result<QList<SavedView>> views = listViews(db);
    if (!views)
        return views.takeError();
    return named(*views, name.simplified());
}

Result<std::int64_t> saveView(Database &db, const QString &name, const ImageFilter &filter, IfViewExists ifExists)
{
    Result<QString> valid = validName(name);
    if (!valid)
        return valid.takeError();
    Result<std::optional<SavedView>> existing = findView(db, *valid);
    if (!existing)
        return existing.takeError();
    if (existing->has_value()) {
        if (ifExists == IfViewExists::Fail)
            return fail(Tr::tr("A view named “%1” exists already.").arg((*existing)->name));
        Result<Statement> update = db.prepare("UPDATE views SET name=?, filter=? WHERE id=?");
        if (!update)
            return update.takeError();
        update->bind(1, *valid).bind(2, filterJson(filter)).bind(3, (*existing)->id);
        if (Status status = update->exec(); !status)
            return status.takeError();
        return (*existing)->id;
    }
    Result<Statement> insert = db.prepare("INSERT INTO views(name, filter) VALUES(?, ?)");
    if (!insert)
        return insert.takeError();
    insert->bind(1, *valid).bind(2, filterJson(filter));
    if (Status status = insert->exec(); !status)
        return status.takeError();
    return db.lastInsertId();
}

Status renameView(Database &db, std::int64_t id, const QString &name)
{
    Result<QString> valid = validName(name);
    if (!valid)
        return valid.takeError();
    Result<QList<SavedView>> views = listViews(db);
    if (!views)
        return views.takeError();
    const std::optional<SavedView> taken = named(*views, *valid);
    if (taken && taken->id != id)
        return fail(Tr::tr("A view named “%1” exists already.").arg(taken->name));
    if (std::none_of(views->cbegin(), views->cend(), [id](const SavedView &view) { return view.id == id; }))
        return fail(Tr::tr("The view no longer exists (was it deleted?)."));
    Result<Statement> update = db.prepare("UPDATE views SET name=? WHERE id=?");
    if (!update)
        return update.takeError();
    update->bind(1, *valid).bind(2, id);
    return update->exec();
}

Status deleteView(Database &db, std::int64_t id)
{
    Result<Statement> remove = db.prepare("DELETE FROM views WHERE id=?");
    if (!remove)
        return remove.takeError();
    remove->bind(1, id);
    return remove->exec();
}

} // namespace sieve::store
