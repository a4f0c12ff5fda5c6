#include "store/image_query.h"

#include "store/database.h"
#include "store/predictions.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sqlite3.h>

namespace sieve::store {

namespace {

struct Sql {
    QString text;
    QVariantList values;

    Sql &add(const QString &fragment) {
        text += fragment;
        return *this;
    }
    Sql &bind(const QVariant &value) {
        values.append(value);
        return *this;
    }
};

void bindAll(Statement &statement, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values[i];
        if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
            statement.bind(i + 1, std::int64_t(value.toLongLong()));
        else if (value.typeId() == QMetaType::Double)
            statement.bind(i + 1, value.toDouble());
        else
            statement.bind(i + 1, value.toString());
    }
}

QString placeholders(qsizetype count)
{
    QString text;
    for (qsizetype i = 0; i < count; ++i)
        text += i ? QStringLiteral(",?") : QStringLiteral("?");
    return text;
}

QString escapeLike(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

const char *sortKey(ImageSort sort)
{
    switch (sort) {
    case ImageSort::Imported: return "i.id";
    case ImageSort::Path: return "i.path";
    case ImageSort::Label: return "c.name";
    case ImageSort::FileSize: return "i.file_size";
    case ImageSort::Pixels: return "i.width * i.height";
    case ImageSort::ReviewStatus: return "i.review_status";
    case ImageSort::Sharpness: return "coalesce(i.sharpness, 1e30)";   // unscanned last
    // The PII review queue: most confident detections first (negated so ascending is the default).
    case ImageSort::RegionConfidence:
        return "-coalesce((SELECT max(r.confidence) FROM regions r WHERE r.image_id = i.id AND r.decision = 'undecided' "
               "AND r.kind <> 'text'), -1)";
    case ImageSort::PredictionConfidence: return "i.id";   // predictionOrder() writes the whole ORDER BY
    }
    return "i.id";
}

const char *sortName(ImageSort sort)
{
    switch (sort) {
    case ImageSort::Imported: return "imported";
    case ImageSort::Path: return "path";
    case ImageSort::Label: return "label";
    case ImageSort::FileSize: return "file_size";
    case ImageSort::Pixels: return "pixels";
    case ImageSort::ReviewStatus: return "review_status";
    case ImageSort::Sharpness: return "sharpness";
    case ImageSort::RegionConfidence: return "region_confidence";
    case ImageSort::PredictionConfidence: return "prediction_confidence";
    }
    return "imported";
}

int progressHandler(void *flag)
{
    return static_cast<const std::atomic<bool> *>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

} // namespace

bool ImageFilter::restricts() const
{
    const bool predictions = predictionModel > 0
                             && (disagreesWithLabel || minConfidence > 0 || maxConfidence < 1 || !predictedCategories.isEmpty());
    return !categories.isEmpty() || unlabeled || !statuses.isEmpty() || !flags.isEmpty() || !suggestions.isEmpty() || undecidedRegions
           || predictions
           || !attributes.isEmpty()
           || !text.trimmed().isEmpty() || missingOnly || validationCell.isSet();
}

QJsonObject ImageFilter::toJson() const
{
    QJsonObject json;
    QJsonArray categoryArray;
    for (std::int64_t id : categories)
        categoryArray.append(qint64(id));
    json.insert(QStringLiteral("categories"), categoryArray);
    json.insert(QStringLiteral("unlabeled"), unlabeled);
    QJsonArray statusArray;
    for (ReviewStatus status : statuses)
        statusArray.append(reviewStatusName(status));
    json.insert(QStringLiteral("statuses"), statusArray);
    json.insert(QStringLiteral("flags"), QJsonArray::fromStringList(flags));
    json.insert(QStringLiteral("suggestions"), QJsonArray::fromStringList(suggestions));
    json.insert(QStringLiteral("undecided_regions"), undecidedRegions);
    json.insert(QStringLiteral("prediction_model"), qint64(predictionModel));
    json.insert(QStringLiteral("disagrees_with_label"), disagreesWithLabel);
    json.insert(QStringLiteral("min_confidence"), minConfidence);
    json.insert(QStringLiteral("max_confidence"), maxConfidence);
    QJsonArray predictedArray;
    for (std::int64_t id : predictedCategories)
        predictedArray.append(qint64(id));
    json.insert(QStringLiteral("predicted_categories"), predictedArray);
    QJsonObject attributeObject;
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it)
        attributeObject.insert(it.key(), QJsonArray::fromStringList(it.value()));
    json.insert(QStringLiteral("attributes"), attributeObject);
    json.insert(QStringLiteral("text"), text);
    json.insert(QStringLiteral("missing_only"), missingOnly);
    // Only when set: filters without it keep the JSON they always had.
    if (validationCell.isSet())
        json.insert(QStringLiteral("validation_cell"), QJsonObject{{QStringLiteral("run_id"), qint64(validationCell.runId)},
                                                                   {QStringLiteral("epoch"), validationCell.epoch},
                                                                   {QStringLiteral("true_index"), validationCell.trueIndex},
                                                                   {QStringLiteral("predicted_index"), validationCell.predictedIndex}});
    json.insert(QStringLiteral("sort"), QLatin1String(sortName(sort)));
    json.insert(QStringLiteral("descending"), descending);
    return json;
}

ImageFilter ImageFilter::fromJson(const QJsonObject &json)
{
    auto strings = [](const QJsonValue &array) {
        QStringList list;
        for (const QJsonValue &value : array.toArray())
            if (value.isString() && !value.toString().isEmpty())
                list.append(value.toString());
        return list;
    };
    ImageFilter filter;
    for (const QJsonValue &id : json.value(QStringLiteral("categories")).toArray())
        if (id.isDouble())
            filter.categories.append(id.toInteger());
    filter.unlabeled = json.value(QStringLiteral("unlabeled")).toBool();
    for (const QString &status : strings(json.value(QStringLiteral("statuses"))))
        for (int i = 0; i < 3; ++i)
            if (reviewStatusName(ReviewStatus(i)) == status)
                filter.statuses.append(ReviewStatus(i));
    filter.flags = strings(json.value(QStringLiteral("flags")));
    filter.suggestions = strings(json.value(QStringLiteral("suggestions")));
    filter.undecidedRegions = json.value(QStringLiteral("undecided_regions")).toBool();
    filter.predictionModel = std::max<qint64>(0, json.value(QStringLiteral("prediction_model")).toInteger());
    filter.disagreesWithLabel = json.value(QStringLiteral("disagrees_with_label")).toBool();
    filter.minConfidence = std::clamp(json.value(QStringLiteral("min_confidence")).toDouble(0), 0.0, 1.0);
    filter.maxConfidence = std::clamp(json.value(QStringLiteral("max_confidence")).toDouble(1), 0.0, 1.0);
    for (const QJsonValue &id : json.value(QStringLiteral("predicted_categories")).toArray())
        if (id.isDouble())
            filter.predictedCategories.append(id.toInteger());
    const QJsonObject attributeObject = json.value(QStringLiteral("attributes")).toObject();
    for (auto it = attributeObject.begin(); it != attributeObject.end(); ++it)
        filter.attributes.insert(it.key(), strings(it.value()));
    filter.text = json.value(QStringLiteral("text")).toString();
    filter.missingOnly = json.value(QStringLiteral("missing_only")).toBool();
    const QJsonObject cell = json.value(QStringLiteral("validation_cell")).toObject();
    if (cell.value(QStringLiteral("run_id")).toInteger() > 0 && cell.value(QStringLiteral("epoch")).toInt() > 0
        && cell.value(QStringLiteral("true_index")).toInt(-1) >= 0 && cell.value(QStringLiteral("predicted_index")).toInt(-1) >= 0)
        filter.validationCell = {cell.value(QStringLiteral("run_id")).toInteger(), cell.value(QStringLiteral("epoch")).toInt(),
                                 cell.value(QStringLiteral("true_index")).toInt(), cell.value(QStringLiteral("predicted_index")).toInt()};
    // By name, so that a newer Sieve's sort (an unknown name) falls back to import order
    // instead of meaning another sort.
    const QString sort = json.value(QStringLiteral("sort")).toString();
    for (int i = 0; i <= int(ImageSort::PredictionConfidence); ++i)
        if (sort == QLatin1String(sortName(ImageSort(i))))
            filter.sort = ImageSort(i);
    filter.descending = json.value(QStringLiteral("descending")).toBool();
    return filter;
}

Result<std::vector<std::int64_t>> queryImageIds(Database &db, const ImageFilter &filter,
                                                const std::atomic<bool> *cancel)
{
    Sql sql;
    sql.add(QStringLiteral("SELECT i.id FROM images i"));
    if (filter.sort == ImageSort::Label)
        sql.add(QStringLiteral(" LEFT JOIN categories c ON c.id = i.category_id"));
    sql.add(QStringLiteral(" WHERE 1"));

    if (!filter.categories.isEmpty() || filter.unlabeled) {
        QStringList alternatives;
        if (!filter.categories.isEmpty()) {
            alternatives.append(QStringLiteral("i.category_id IN (%1)").arg(placeholders(filter.categories.size())));
        }
        if (filter.unlabeled)
            alternatives.append(QStringLiteral("i.category_id IS NULL"));
        sql.add(QStringLiteral(" AND (") + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
        for (std::int64_t id : filter.categories)
            sql.bind(qint64(id));
    }
    if (!filter.statuses.isEmpty()) {
        sql.add(QStringLiteral(" AND i.review_status IN (%1)").arg(placeholders(filter.statuses.size())));
        for (ReviewStatus status : filter.statuses)
            sql.bind(qint64(status));
    }
    if (!filter.flags.isEmpty()) {
        QStringList alternatives;
        QStringList kinds;
        for (const QString &flag : filter.flags) {
            if (flag == QLatin1String("none"))
                alternatives.append(QStringLiteral("i.id NOT IN (SELECT image_id FROM flags WHERE state='set')"));
            else
                kinds.append(flag);
        }
        if (!kinds.isEmpty())
            alternatives.prepend(QStringLiteral("i.id IN (SELECT image_id FROM flags WHERE state='set' AND kind IN (%1))")
                                     .arg(placeholders(kinds.size())));
        sql.add(QStringLiteral(" AND (") + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
        for (const QString &kind : kinds)
            sql.bind(kind);
    }
    if (!filter.suggestions.isEmpty()) {
        sql.add(QStringLiteral(" AND i.id IN (SELECT image_id FROM flags WHERE state='suggested' AND kind IN (%1))")
                    .arg(placeholders(filter.suggestions.size())));
        for (const QString &kind : filter.suggestions)
            sql.bind(kind);
    }
    if (filter.undecidedRegions)
        sql.add(QStringLiteral(" AND i.id IN (SELECT image_id FROM regions WHERE decision='undecided' AND kind <> 'text')"));
    if (const QString predicted = predictionCondition(filter, sql.values); !predicted.isEmpty())
        sql.add(QStringLiteral(" AND ") + predicted);
    for (auto it = filter.attributes.cbegin(); it != filter.attributes.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        sql.add(QStringLiteral(" AND i.id IN (SELECT image_id FROM image_attributes WHERE key=? AND value IN (%1))")
                    .arg(placeholders(it.value().size())));
        sql.bind(it.key());
        for (const QString &value : it.value())
            sql.bind(value);
    }
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        sql.add(QStringLiteral(" AND (i.path LIKE ? ESCAPE '\\' OR i.id IN (SELECT image_id FROM image_attributes "
                               "WHERE value LIKE ? ESCAPE '\\'))"));
        sql.bind(escapeLike(text)).bind(escapeLike(text));
    }
    if (filter.missingOnly)
        sql.add(QStringLiteral(" AND i.missing = 1"));
    if (filter.validationCell.isSet()) {
        // A range of run_predictions_cell.
        sql.add(QStringLiteral(" AND i.id IN (SELECT image_id FROM run_predictions WHERE run_id=? AND epoch=? "
                               "AND true_index=? AND predicted_index=?)"));
        sql.bind(qint64(filter.validationCell.runId)).bind(qint64(filter.validationCell.epoch))
            .bind(qint64(filter.validationCell.trueIndex)).bind(qint64(filter.validationCell.predictedIndex));
    }
    const QString direction = filter.descending ? QStringLiteral(" DESC") : QString();
    if (filter.sort == ImageSort::PredictionConfidence)
        sql.add(QStringLiteral(" ORDER BY ") + predictionOrder(filter));
    else
        sql.add(QStringLiteral(" ORDER BY ") + QLatin1String(sortKey(filter.sort)) + direction + QStringLiteral(", i.id") + direction);

    const QByteArray utf8 = sql.text.toUtf8();
    Result<Statement> query = db.prepare(utf8.constData());
    if (!query)
        return query.takeError();
    bindAll(*query, sql.values);
    if (cancel)
        sqlite3_progress_handler(db.handle(), 10000, progressHandler, const_cast<std::atomic<bool> *>(cancel));
    std::vector<std::int64_t> ids;
    Status status = query->forEachRow([&] { ids.push_back(query->int64(0)); });
    if (cancel)
        sqlite3_progress_handler(db.handle(), 0, nullptr, nullptr);
    if (!status)
        return cancel && cancel->load() ? Result<std::vector<std::int64_t>>(fail(QStringLiteral("cancelled")))
                                        : Result<std::vector<std::int64_t>>(status.takeError());
    return ids;
}

Result<std::vector<ImageRow>> fetchImageRows(Database &db, const std::vector<std::int64_t> &ids)
{
    if (ids.empty())
        return std::vector<ImageRow>();
    QByteArray list;
    for (std::int64_t id : ids) {
        if (!list.isEmpty())
            list += ',';
        list += QByteArray::number(qint64(id));
    }
    const QByteArray sql =
        "SELECT i.id, i.path, s.root, i.hash, i.format, i.width, i.height, i.orientation, i.file_size, "
        "i.category_id, coalesce(c.name, ''), i.review_status, i.missing, "
        "(SELECT group_concat(f.kind || ':' || f.state) FROM flags f WHERE f.image_id = i.id) "
        "FROM images i JOIN sources s ON s.id = i.source_id LEFT JOIN categories c ON c.id = i.category_id "
        "WHERE i.id IN (" + list + ")";
    Result<Statement> query = db.prepare(sql.constData());
    if (!query)
        return query.takeError();
    QHash<std::int64_t, ImageRow> byId;
    byId.reserve(qsizetype(ids.size()));
    Status status = query->forEachRow([&] {
        ImageRow row;
        row.id = query->int64(0);
        row.path = query->text(1);
        row.absolutePath = query->text(2) + QLatin1Char('/') + row.path;
        row.hash = query->text(3);
        row.format = query->text(4);
        row.width = query->integer(5);
        row.height = query->integer(6);
        row.orientation = query->integer(7);
        row.fileSize = query->int64(8);
        row.categoryId = query->optionalInt64(9);
        row.label = query->text(10);
        row.status = ReviewStatus(qBound(0, query->integer(11), 2));
        row.missing = query->integer(12) != 0;
        for (const QString &flag : query->text(13).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString kind = flag.section(QLatin1Char(':'), 0, 0);
            const QString state = flag.section(QLatin1Char(':'), 1);
            if (state == QLatin1String("set"))
                row.flags.append(kind);
            else if (state == QLatin1String("suggested"))
                row.suggestedFlags.append(kind);
        }
        byId.insert(row.id, row);
    });
    if (!status)
        return status.takeError();
    std::vector<ImageRow> rows;
    rows.reserve(ids.size());
    for (std::int64_t id : ids) {
        auto it = byId.constFind(id);
        if (it != byId.constEnd())
            rows.push_back(*it);
    }
    return rows;
}

Result<ImageDetails> imageDetails(Database &db, std::int64_t id)
{
    Result<std::vector<ImageRow>> rows = fetchImageRows(db, {id});
    if (!rows)
        return rows.takeError();
    if (rows->empty())
        return fail(QStringLiteral("Image %1 does not exist.").arg(id));
    ImageDetails details;
    details.row = rows->front();

    Result<Statement> image = db.prepare("SELECT coalesce(claimed_label, ''), exif, imported_at FROM images WHERE id=?");
    if (!image)
        return image.takeError();
    image->bind(1, id);
    if (Result<bool> row = image->step(); row && *row) {
        details.claimedLabel = image->text(0);
        details.exif = QJsonDocument::fromJson(image->text(1).toUtf8()).object();
        details.importedAt = image->text(2);
    }
    Result<Statement> attributes = db.prepare("SELECT key, value FROM image_attributes WHERE image_id=? ORDER BY key");
    if (!attributes)
        return attributes.takeError();
    attributes->bind(1, id);
    if (Status status = attributes->forEachRow([&] { details.attributes.append({attributes->text(0), attributes->text(1)}); }); !status)
        return status.takeError();
    Result<Statement> copies = db.prepare(
        "SELECT s.root || '/' || c.path FROM image_copies c JOIN sources s ON s.id = c.source_id WHERE c.image_id=? ORDER BY 1");
    if (!copies)
        return copies.takeError();
    copies->bind(1, id);
    if (Status status = copies->forEachRow([&] { details.copies.append(copies->text(0)); }); !status)
        return status.takeError();
    Result<Statement> notes = db.prepare("SELECT kind, note, state FROM flags WHERE image_id=? AND state IN ('set', 'suggested')");
    if (!notes)
        return notes.takeError();
    notes->bind(1, id);
    if (Status status = notes->forEachRow([&] {
            (notes->text(2) == QLatin1String("set") ? details.flagNotes : details.suggestionNotes).insert(notes->text(0), notes->text(1));
        });
        !status)
        return status.takeError();
    Result<Statement> quality = db.prepare("SELECT coalesce(quality, '') FROM images WHERE id=?");
    if (!quality)
        return quality.takeError();
    quality->bind(1, id);
    if (Result<bool> row = quality->step(); row && *row)
        details.quality = QJsonDocument::fromJson(quality->text(0).toUtf8()).object();
    Result<Statement> group = db.prepare(
        "SELECT s.root || '/' || i.path, d.keep, (SELECT keep FROM duplicate_groups WHERE image_id=?1) "
        "FROM duplicate_groups d JOIN images i ON i.id = d.image_id JOIN sources s ON s.id = i.source_id "
        "WHERE d.group_id = (SELECT group_id FROM duplicate_groups WHERE image_id=?1) AND d.image_id <> ?1 ORDER BY d.keep DESC, 1");
    if (!group)
        return group.takeError();
    group->bind(1, id);
    if (Status status = group->forEachRow([&] {
            details.duplicates.append(group->text(0));
            details.duplicateKeeper = group->integer(2) != 0;
        });
        !status)
        return status.takeError();
    return details;
}

Result<Facets> countFacets(Database &db, int maxValuesPerAttribute, std::int64_t predictionModel)
{
    Facets facets;
    struct Count {
        const char *sql;
        std::function<void(Statement &)> row;
    };
    const Count counts[] = {
        {"SELECT count(*), coalesce(sum(missing), 0) FROM images",
         [&](Statement &s) { facets.total = s.int64(0); facets.missing = s.int64(1); }},
        {"SELECT category_id, count(*) FROM images GROUP BY category_id",
         [&](Statement &s) {
             if (s.isNull(0))
                 facets.unlabeled = s.int64(1);
             else
                 facets.categories.insert(s.int64(0), s.int64(1));
         }},
        {"SELECT review_status, count(*) FROM images GROUP BY review_status",
         [&](Statement &s) { facets.statuses.insert(s.integer(0), s.int64(1)); }},
        {"SELECT kind, count(*) FROM flags WHERE state='set' GROUP BY kind",
         [&](Statement &s) { facets.flags.insert(s.text(0), s.int64(1)); }},
        {"SELECT count(*) FROM images WHERE id NOT IN (SELECT image_id FROM flags WHERE state='set')",
         [&](Statement &s) { facets.flags.insert(QStringLiteral("none"), s.int64(0)); }},
        {"SELECT kind, count(*) FROM flags WHERE state='suggested' GROUP BY kind",
         [&](Statement &s) { facets.suggestions.insert(s.text(0), s.int64(1)); }},
        {"SELECT count(DISTINCT image_id) FROM regions WHERE decision='undecided' AND kind <> 'text'",
         [&](Statement &s) { facets.undecidedRegions = s.int64(0); }},
    };
    for (const Count &count : counts) {
        Result<Statement> query = db.prepare(count.sql);
        if (!query)
            return query.takeError();
        if (Status status = query->forEachRow([&] { count.row(*query); }); !status)
            return status.takeError();
    }

    Result<Statement> values = db.prepare("SELECT key, value, count(*) FROM image_attributes GROUP BY key, value");
    if (!values)
        return values.takeError();
    QMap<QString, QList<FacetValue>> all;
    QSet<QString> tooMany;
    Status status = values->forEachRow([&] {
        const QString key = values->text(0);
        if (tooMany.contains(key))
            return;
        QList<FacetValue> &list = all[key];
        if (list.size() >= maxValuesPerAttribute) {
            tooMany.insert(key);
            all.remove(key);
            return;
        }
        list.append({values->text(1), values->int64(2)});
    });
    if (!status)
        return status.takeError();
    for (auto it = all.begin(); it != all.end(); ++it) {
        std::sort(it->begin(), it->end(), [](const FacetValue &a, const FacetValue &b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
    }
    facets.attributes = all;
    facets.otherAttributes = QStringList(tooMany.begin(), tooMany.end());
    facets.otherAttributes.sort();
    Result<PredictionCounts> predictions = countPredictions(db, predictionModel);
    if (!predictions)
        return predictions.takeError();
    facets.predicted = predictions->predicted;
    facets.disagreements = predictions->disagreements;
    facets.predictedCategories = predictions->categories;
    return facets;
}

} // namespace sieve::store
