#include "store/models.h"

#include "base/clock.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace sieve::store {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::store)
};

constexpr const char *kColumns = "id, name, file, architecture, classes, run_id, origin, metrics, checksum, created_at";

QString compactJson(const QJsonDocument &document)
{
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

ModelRecord readRecord(const Statement &row)
{
    ModelRecord model;
    model.id = row.int64(0);
    model.name = row.text(1);
    model.file = row.text(2);
    model.architecture = row.text(3);
    for (const QJsonValue &name : QJsonDocument::fromJson(row.text(4).toUtf8()).array())
        model.classes.append(name.toString());
    model.runId = row.optionalInt64(5);
    model.origin = row.text(6);
    model.metrics = QJsonDocument::fromJson(row.text(7).toUtf8()).object();
    model.checksum = row.text(8);
    model.createdAt = row.text(9);
    return model;
}

Result<QList<ModelRecord>> selectModels(Database &db, const QByteArray &where, const std::function<void(Statement &)> &bind)
{
    const QByteArray sql = "SELECT " + QByteArray(kColumns) + " FROM models " + where + " ORDER BY id DESC";
    Result<Statement> query = db.prepare(sql.constData());
    if (!query)
        return query.takeError();
    bind(*query);
    QList<ModelRecord> models;
    Status read = query->forEachRow([&] { models.append(readRecord(*query)); });
    if (!read)
        return read.takeError();
    return models;
}

Result<std::optional<ModelRecord>> first(Result<QList<ModelRecord>> models)
{
    if (!models)
        return models.takeError();
    if (models->isEmpty())
        return std::optional<ModelRecord>();
    return std::optional<ModelRecord>(models->first());
}

} // namespace

Result<std::int64_t> addModel(Database &db, const ModelRecord &model)
{
    if (model.name.trimmed().isEmpty() || model.file.trimmed().isEmpty())
        return fail(Tr::tr("A model needs a name and a file."));
    if (model.classes.size() < 2)
        return fail(Tr::tr("Model \"%1\" has %n class(es); a classifier needs at least two.", nullptr, int(model.classes.size()))
                        .arg(model.name));
    Result<Statement> insert = db.prepare(
        "INSERT INTO models(name, file, architecture, classes, run_id, origin, metrics, checksum, created_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return insert.takeError();
    insert->bind(1, model.name.trimmed())
        .bind(2, model.file)
        .bind(3, model.architecture)
        .bind(4, compactJson(QJsonDocument(QJsonArray::fromStringList(model.classes))))
        .bind(5, model.runId)
        .bind(6, model.origin)
        .bind(7, compactJson(QJsonDocument(model.metrics)))
        .bind(8, model.checksum)
        .bind(9, model.createdAt.isEmpty() ? nowIso() : model.createdAt);
    Status done = insert->exec();
    if (!done)
        return done.takeError();
    return db.lastInsertId();
}

Result<QList<ModelRecord>> listModels(Database &db)
{
    return selectModels(db, {}, [](Statement &) {});
}

Result<std::optional<ModelRecord>> findModel(Database &db, std::int64_t id)
{
    return first(selectModels(db, "WHERE id = ?", [id](Statement &query) { query.bind(1, id); }));
}

Result<std::optional<ModelRecord>> findModelByFile(Database &db, const QString &file)
{
    return first(selectModels(db, "WHERE file = ?", [&file](Statement &query) { query.bind(1, file); }));
}

Status setModelMetrics(Database &db, std::int64_t id, const QJsonObject &metrics)
{
    Result<Statement> update = db.prepare("UPDATE models SET metrics = ? WHERE id = ?");
    if (!update)
        return update.takeError();
    update->bind(1, compactJson(QJsonDocument(metrics))).bind(2, id);
    Status done = update->exec();
    if (!done)
        return done;
    if (db.changes() == 0)
        return fail(Tr::tr("There is no model %1.").arg(id));
    return {};
}

Status removeModel(Database &db, std::int64_t id)
{
    Result<Statement> remove = db.prepare("DELETE FROM models WHERE id = ?");
    if (!remove)
        return remove.takeError();
    remove->bind(1, id);
    return remove->exec();
}

} // namespace sieve::store
