#include "store/label_issue_queue.h"

#include "base/clock.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace sieve::store {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::store)
};

// The queue's rows: flagged, the label still the ranked one, not kept.
constexpr const char *kQueueFrom =
    "FROM predictions p JOIN images i ON i.id = p.image_id JOIN sources s ON s.id = i.source_id "
    "JOIN categories c ON c.id = i.category_id "
    "WHERE p.model_id = ?1 AND p.label_issue_score > 0 AND c.name = p.label_issue_given COLLATE NOCASE "
    "AND NOT EXISTS (SELECT 1 FROM label_checks k WHERE k.image_id = p.image_id AND k.category_id = i.category_id) ";

} // namespace

Result<QList<LabelIssueRow>> labelIssuePage(Database &db, std::int64_t modelId, std::optional<LabelIssueCursor> after, int limit)
{
    QByteArray sql = "SELECT p.image_id, i.path, s.root, i.hash, i.category_id, c.name, p.label_issue_suggested, "
                     "coalesce(p.label_issue_given_probability, 0), coalesce(p.label_issue_suggested_probability, 0), "
                     "p.label_issue_score ";
    sql += kQueueFrom;
    if (after)
        sql += "AND (p.label_issue_score < ?2 OR (p.label_issue_score = ?2 AND p.image_id > ?3)) ";
    sql += "ORDER BY p.label_issue_score DESC, p.image_id LIMIT ?4";
    Result<Statement> query = db.prepare(sql.constData());
    if (!query)
        return query.takeError();
    query->bind(1, modelId).bind(4, limit);
    if (after)
        query->bind(2, after->score).bind(3, after->imageId);
    QList<LabelIssueRow> rows;
    Status read = query->forEachRow([&] {
        LabelIssueRow row;
        row.imageId = query->int64(0);
        row.path = query->text(1);
        row.absolutePath = query->text(2) + QLatin1Char('/') + row.path;
        row.hash = query->text(3);
        row.categoryId = query->int64(4);
        row.label = query->text(5);
        row.suggested = query->text(6);
        row.givenProbability = query->real(7);
        row.suggestedProbability = query->real(8);
        row.score = query->real(9);
        rows.append(row);
    });
    if (!read)
        return read.takeError();
    return rows;
}

Result<LabelIssueCounts> labelIssueCounts(Database &db, std::int64_t modelId)
{
    Result<Statement> query = db.prepare(
        "SELECT count(*), "
        "coalesce(sum(c.name = p.label_issue_given COLLATE NOCASE AND k.image_id IS NULL), 0), "
        "coalesce(sum(c.name = p.label_issue_suggested COLLATE NOCASE), 0), "
        "coalesce(sum(k.image_id IS NOT NULL), 0) "
        "FROM predictions p JOIN images i ON i.id = p.image_id LEFT JOIN categories c ON c.id = i.category_id "
        "LEFT JOIN label_checks k ON k.image_id = p.image_id AND k.category_id = i.category_id "
        "WHERE p.model_id = ? AND p.label_issue_score > 0");
    if (!query)
        return query.takeError();
    query->bind(1, modelId);
    Result<bool> row = query->step();
    if (!row)
        return row.takeError();
    LabelIssueCounts counts;
    counts.ranked = query->int64(0);
    counts.remaining = query->int64(1);
    counts.accepted = query->int64(2);
    counts.kept = query->int64(3);
    return counts;
}

Result<QList<LabelNoiseRow>> labelNoise(Database &db, std::int64_t modelId)
{
    Result<Statement> query = db.prepare("SELECT class, labelled, counted, issues, noise_rate, estimated FROM label_noise "
                                         "WHERE model_id = ? ORDER BY position");
    if (!query)
        return query.takeError();
    query->bind(1, modelId);
    QList<LabelNoiseRow> rows;
    Status read = query->forEachRow([&] {
        rows.append({query->text(0), query->int64(1), query->int64(2), query->int64(3), query->real(4), query->real(5)});
    });
    if (!read)
        return read.takeError();
    return rows;
}

Result<std::optional<LabelIssueRanking>> lastLabelIssueRanking(Database &db, std::int64_t modelId)
{
    Result<Statement> query = db.prepare(
        "SELECT id, coalesce(json_extract(params, '$.folds'), 0), coalesce(finished_at, updated_at) FROM jobs "
        "WHERE kind = 'label-issues' AND status = 'done' AND json_extract(params, '$.model') = ? ORDER BY id DESC LIMIT 1");
    if (!query)
        return query.takeError();
    query->bind(1, modelId);
    Result<bool> row = query->step();
    if (!row)
        return row.takeError();
    if (!*row)
        return std::optional<LabelIssueRanking>();
    return std::optional(LabelIssueRanking{query->int64(0), query->integer(1), query->text(2)});
}

Result<std::optional<QString>> readLabelCheck(Database &db, std::int64_t imageId)
{
    Result<Statement> query = db.prepare("SELECT category_id, coalesce(model_id, 0) FROM label_checks WHERE image_id = ?");
    if (!query)
        return query.takeError();
    query->bind(1, imageId);
    Result<bool> row = query->step();
    if (!row)
        return row.takeError();
    if (!*row)
        return std::optional<QString>();
    const QJsonObject value{{QStringLiteral("category"), qint64(query->int64(0))}, {QStringLiteral("model"), qint64(query->int64(1))}};
    return std::optional(QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact)));
}

std::int64_t labelCheckCategory(const QString &value)
{
    return QJsonDocument::fromJson(value.toUtf8()).object().value(QStringLiteral("category")).toInteger();
}

Status writeLabelCheck(Database &db, std::int64_t imageId, const std::optional<QString> &value)
{
    Result<Statement> query = value ? db.prepare("INSERT INTO label_checks(image_id, category_id, model_id, checked_at) "
                                                 "VALUES(?1, ?2, nullif(?3, 0), ?4) ON CONFLICT(image_id) DO UPDATE SET "
                                                 "category_id = excluded.category_id, model_id = excluded.model_id, "
                                                 "checked_at = excluded.checked_at")
                                    : db.prepare("DELETE FROM label_checks WHERE image_id = ?1");
    if (!query)
        return query.takeError();
    query->bind(1, imageId);
    if (value) {
        const QJsonObject check = QJsonDocument::fromJson(value->toUtf8()).object();
        const std::int64_t category = check.value(QStringLiteral("category")).toInteger();
        if (category <= 0)
            return fail(Tr::tr("“%1” does not name the label that was kept.").arg(*value));
        query->bind(2, category).bind(3, std::int64_t(check.value(QStringLiteral("model")).toInteger())).bind(4, nowIso());
    }
    return query->exec();
}

Result<ActionSummary> keepLabel(EditLog &log, Database &db, std::int64_t imageId, std::int64_t modelId, const QString &reason)
{
    std::int64_t category = 0;
    QString name;
    {
        // Read and finished before the edit's transaction begins.
        Result<Statement> query = db.prepare("SELECT i.category_id, c.name FROM images i "
                                             "JOIN categories c ON c.id = i.category_id WHERE i.id = ?");
        if (!query)
            return query.takeError();
        query->bind(1, imageId);
        Status read = query->forEachRow([&] {
            category = query->int64(0);
            name = query->text(1);
        });
        if (!read)
            return read.takeError();
    }
    if (category == 0)
        return fail(Tr::tr("Image %1 has no label to keep (it is unlabelled or does not exist).").arg(imageId));
    const QJsonObject value{{QStringLiteral("category"), qint64(category)}, {QStringLiteral("model"), qint64(modelId)}};
    return log.apply(QStringLiteral("label_check"), Tr::tr("Keep the label “%1” of 1 image").arg(name),
                     {{imageId, QStringLiteral("label_check"), QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact))}},
                     reason);
}

} // namespace sieve::store
