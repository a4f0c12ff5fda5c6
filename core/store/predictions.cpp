#include "store/predictions.h"

#include "store/database.h"
#include "store/image_query.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sieve::store {

namespace {

// The predicted category of row `p`, following a merge made after the classification.
constexpr const char *kTopCategory =
    "coalesce((SELECT pc.merged_into FROM categories pc WHERE pc.id = p.top_category), p.top_category)";
// The same where `pc` is joined (LEFT JOIN categories pc ON pc.id = p.top_category): over a
// whole model's rows the join is about three times faster than the correlated lookup.
constexpr const char *kJoinedTopCategory = "coalesce(pc.merged_into, p.top_category)";

QString placeholders(qsizetype count)
{
    QString text;
    for (qsizetype i = 0; i < count; ++i)
        text += i ? QStringLiteral(",?") : QStringLiteral("?");
    return text;
}

// Category ID as the project knows it now (following a merge): its id and name, or nullopt
// when it was deleted. For the handful of ids in a top-5 list.
Result<std::optional<std::pair<std::int64_t, QString>>> currentCategory(Database &db, std::int64_t id)
{
    Result<Statement> query = db.prepare("SELECT coalesce(m.id, c.id), coalesce(m.name, c.name) FROM categories c "
                                         "LEFT JOIN categories m ON m.id = c.merged_into WHERE c.id = ?");
    if (!query)
        return query.takeError();
    query->bind(1, id);
    std::optional<std::pair<std::int64_t, QString>> category;
    if (Status status = query->forEachRow([&] { category = std::pair(query->int64(0), query->text(1)); }); !status)
        return status.takeError();
    return category;
}

} // namespace

Result<QHash<std::int64_t, TopPrediction>> fetchTopPredictions(Database &db, std::int64_t modelId,
                                                               const std::vector<std::int64_t> &ids)
{
    QHash<std::int64_t, TopPrediction> predictions;
    if (ids.empty() || modelId <= 0)
        return predictions;
    QByteArray list;
    for (std::int64_t id : ids) {
        if (!list.isEmpty())
            list += ',';
        list += QByteArray::number(qint64(id));
    }
    const QByteArray sql = "SELECT image_id, top, probability, coalesce((SELECT c.name FROM categories c WHERE c.id = top), "
                           "class, '') FROM (SELECT p.image_id, " + QByteArray(kTopCategory) +
                           " AS top, p.top_probability AS probability, json_extract(p.topk, '$[0][2]') AS class "
                           "FROM predictions p WHERE p.model_id = ? AND p.image_id IN (" + list + "))";
    Result<Statement> query = db.prepare(sql.constData());
    if (!query)
        return query.takeError();
    query->bind(1, modelId);
    Status status = query->forEachRow([&] {
        TopPrediction prediction;
        prediction.categoryId = query->optionalInt64(1);
        prediction.probability = query->real(2);
        prediction.label = query->text(3);
        predictions.insert(query->int64(0), prediction);
    });
    if (!status)
        return status.takeError();
    return predictions;
}

Result<QList<PredictedClass>> predictedClasses(Database &db, std::int64_t imageId, std::int64_t modelId)
{
    Result<Statement> query = db.prepare("SELECT topk FROM predictions WHERE model_id = ? AND image_id = ?");
    if (!query)
        return query.takeError();
    query->bind(1, modelId).bind(2, imageId);
    QByteArray topk;
    if (Status status = query->forEachRow([&] { topk = query->text(0).toUtf8(); }); !status)
        return status.takeError();
    QList<PredictedClass> classes;
    // [[category_id or null, probability, "class name"], ...], as the classify job writes it.
    for (const QJsonValue &entry : QJsonDocument::fromJson(topk).array()) {
        const QJsonArray fields = entry.toArray();
        PredictedClass predicted;
        predicted.probability = fields.at(1).toDouble();
        predicted.label = fields.at(2).toString();
        if (fields.at(0).isDouble()) {
            Result<std::optional<std::pair<std::int64_t, QString>>> category = currentCategory(db, fields.at(0).toInteger());
            if (!category)
                return category.takeError();
            if (*category) {
                predicted.categoryId = (*category)->first;
                predicted.label = (*category)->second;
            }
        }
        classes.append(predicted);
    }
    return classes;
}

Result<PredictionCounts> countPredictions(Database &db, std::int64_t modelId)
{
    PredictionCounts counts;
    if (modelId <= 0)
        return counts;
    const QByteArray top = kJoinedTopCategory;
    const QByteArray sql = "SELECT " + top + ", count(*), sum(i.category_id IS NOT NULL AND i.category_id IS NOT " + top +
                           ") FROM predictions p JOIN images i ON i.id = p.image_id LEFT JOIN categories pc ON pc.id = "
                           "p.top_category WHERE p.model_id = ? GROUP BY 1";
    Result<Statement> query = db.prepare(sql.constData());
    if (!query)
        return query.takeError();
    query->bind(1, modelId);
    Status status = query->forEachRow([&] {
        counts.predicted += query->int64(1);
        counts.disagreements += query->int64(2);
        if (!query->isNull(0))
            counts.categories.insert(query->int64(0), query->int64(1));
    });
    if (!status)
        return status.takeError();
    return counts;
}

Result<QList<std::int64_t>> modelsWithPredictions(Database &db)
{
    // One primary-key probe per model rather than a DISTINCT over every prediction.
    Result<Statement> query = db.prepare(
        "SELECT m.id FROM models m WHERE EXISTS (SELECT 1 FROM predictions p WHERE p.model_id = m.id) ORDER BY m.id DESC");
    if (!query)
        return query.takeError();
    QList<std::int64_t> ids;
    if (Status status = query->forEachRow([&] { ids.append(query->int64(0)); }); !status)
        return status.takeError();
    return ids;
}

QString predictionCondition(const ImageFilter &filter, QVariantList &values)
{
    if (filter.predictionModel <= 0)
        return {};
    const QString top = QLatin1String(kJoinedTopCategory);
    QStringList conditions;
    QVariantList bound;
    if (filter.minConfidence > 0) {
        conditions.append(QStringLiteral("p.top_probability >= ?"));
        bound.append(filter.minConfidence);
    }
    if (filter.maxConfidence < 1) {
        conditions.append(QStringLiteral("p.top_probability <= ?"));
        bound.append(filter.maxConfidence);
    }
    if (!filter.predictedCategories.isEmpty()) {
        conditions.append(top + QStringLiteral(" IN (%1)").arg(placeholders(filter.predictedCategories.size())));
        for (std::int64_t id : filter.predictedCategories)
            bound.append(qint64(id));
    }
    if (filter.disagreesWithLabel)
        conditions.append(QStringLiteral("j.category_id IS NOT NULL AND j.category_id IS NOT ") + top);
    if (conditions.isEmpty())
        return {};
    // The model's rows by primary key, joined (not correlated per image): 120,000 images with
    // two models' predictions take about 0.2 s for the disagreement, 0.07 s for a range.
    values.append(qint64(filter.predictionModel));
    values.append(bound);
    return QStringLiteral("i.id IN (SELECT p.image_id FROM predictions p ") +
           (filter.disagreesWithLabel ? QStringLiteral("JOIN images j ON j.id = p.image_id ") : QString()) +
           QStringLiteral("LEFT JOIN categories pc ON pc.id = p.top_category WHERE p.model_id = ? AND ") +
           conditions.join(QStringLiteral(" AND ")) + QLatin1Char(')');
}

QString predictionOrder(const ImageFilter &filter)
{
    const QString direction = filter.descending ? QStringLiteral(" DESC") : QString();
    if (filter.predictionModel <= 0)
        return QStringLiteral("i.id") + direction;
    const QString probability = QStringLiteral("(SELECT p.top_probability FROM predictions p WHERE p.model_id = %1 AND p.image_id = i.id)")
                                    .arg(qint64(filter.predictionModel));
    return probability + QStringLiteral(" IS NULL, ") + probability + direction + QStringLiteral(", i.id") + direction;
}

} // namespace sieve::store
