#include "store/edit_log.h"

#include "base/clock.h"
#include "store/database.h"
#include "store/label_issue_queue.h"
#include "store/regions.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace sieve::store {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::store)
};

const std::array<QString, 3> &statusNames()
{
    static const std::array<QString, 3> names{QStringLiteral("unreviewed"), QStringLiteral("accepted"),
                                              QStringLiteral("rejected")};
    return names;
}

std::optional<ReviewStatus> statusFromName(const QString &name)
{
    for (int i = 0; i < 3; ++i)
        if (statusNames()[std::size_t(i)] == name)
            return ReviewStatus(i);
    return std::nullopt;
}

// "category:<id>:<attribute>" → (id, attribute)
std::optional<std::pair<std::int64_t, QString>> parseCategoryField(const QString &field)
{
    static const QRegularExpression pattern(QStringLiteral("^category:(\\d+):(name|color|archived|merged_into)$"));
    const QRegularExpressionMatch match = pattern.match(field);
    if (!match.hasMatch())
        return std::nullopt;
    return std::make_pair(match.captured(1).toLongLong(), match.captured(2));
}

// "region:<id>:<attribute>" → (id, attribute)
std::optional<std::pair<std::int64_t, QString>> parseRegionField(const QString &field)
{
    static const QRegularExpression pattern(QStringLiteral("^region:(\\d+):(decision|box|pii_type)$"));
    const QRegularExpressionMatch match = pattern.match(field);
    if (!match.hasMatch())
        return std::nullopt;
    return std::make_pair(match.captured(1).toLongLong(), match.captured(2));
}

std::optional<QString> textOrNull(Statement &statement, int column)
{
    if (statement.isNull(column))
        return std::nullopt;
    return statement.text(column);
}

Result<std::optional<QString>> readOne(Database &db, const char *sql,
                                       const std::function<void(Statement &)> &bind)
{
    Result<Statement> query = db.prepare(sql);
    if (!query)
        return query.takeError();
    bind(*query);
    Result<bool> row = query->step();
    if (!row)
        return row.takeError();
    if (!*row)
        return fail(Tr::tr("The item to change no longer exists."));
    return textOrNull(*query, 0);
}

Status execOne(Database &db, const char *sql, const std::function<void(Statement &)> &bind)
{
    Result<Statement> statement = db.prepare(sql);
    if (!statement)
        return statement.takeError();
    bind(*statement);
    return statement->exec();
}

bool isUsableBox(const QRect &box) { return box.isValid() && box.width() >= 2 && box.height() >= 2; }

struct RegionRow {
    std::int64_t imageId = 0;
    QString source;
};

// A region that exists and was not removed.
Result<RegionRow> findRegion(Database &db, std::int64_t id)
{
    Result<Statement> query = db.prepare("SELECT image_id, source, decision FROM regions WHERE id=?");
    if (!query)
        return query.takeError();
    query->bind(1, id);
    Result<bool> row = query->step();
    if (!row)
        return row.takeError();
    if (!*row || query->text(2) == QLatin1String(kRegionRemoved))
        return fail(Tr::tr("Region %1 does not exist.").arg(id));
    return RegionRow{query->int64(0), query->text(1)};
}

} // namespace

QString reviewStatusName(ReviewStatus status) { return statusNames()[std::size_t(status)]; }

QString reviewStatusTitle(ReviewStatus status)
{
    switch (status) {
    case ReviewStatus::Unreviewed: return Tr::tr("Unreviewed");
    case ReviewStatus::Accepted: return Tr::tr("Accepted");
    case ReviewStatus::Rejected: return Tr::tr("Rejected");
    }
    return {};
}

QString flagTitle(const QString &kind)
{
    if (kind == QLatin1String("pii"))
        return Tr::tr("Personal information");
    if (kind == QLatin1String("quality"))
        return Tr::tr("Poor quality");
    if (kind == QLatin1String("duplicate"))
        return Tr::tr("Duplicate");
    if (kind == QLatin1String("other"))
        return Tr::tr("Other");
    return kind;
}

EditLog::EditLog(Database &db, QString actor) : m_db(db), m_actor(std::move(actor)) {}

Result<ActionSummary> EditLog::setLabel(const QList<std::int64_t> &images,
                                        std::optional<std::int64_t> categoryId, const QString &reason)
{
    QString description;
    if (categoryId) {
        Result<std::optional<QString>> name = readOne(m_db, "SELECT name FROM categories WHERE id=?",
                                                      [&](Statement &s) { s.bind(1, *categoryId); });
        if (!name)
            return fail(Tr::tr("Category %1 does not exist.").arg(*categoryId));
        description = Tr::tr("Label %n image(s) as “%1”", nullptr, int(images.size())).arg(name->value_or(QString()));
    } else {
        description = Tr::tr("Remove the label of %n image(s)", nullptr, int(images.size()));
    }
    std::vector<FieldChange> changes;
    changes.reserve(std::size_t(images.size()));
    const std::optional<QString> value = categoryId ? std::optional(QString::number(*categoryId)) : std::nullopt;
    for (std::int64_t id : images)
        changes.push_back({id, QStringLiteral("label"), value});
    return apply(QStringLiteral("label"), description, changes, reason);
}

Result<ActionSummary> EditLog::setReviewStatus(const QList<std::int64_t> &images, ReviewStatus status,
                                               const QString &reason)
{
    const QString description = status == ReviewStatus::Accepted   ? Tr::tr("Accept %n image(s)", nullptr, int(images.size()))
                                : status == ReviewStatus::Rejected ? Tr::tr("Reject %n image(s)", nullptr, int(images.size()))
                                                                   : Tr::tr("Mark %n image(s) unreviewed", nullptr, int(images.size()));
    std::vector<FieldChange> changes;
    changes.reserve(std::size_t(images.size()));
    for (std::int64_t id : images)
        changes.push_back({id, QStringLiteral("status"), reviewStatusName(status)});
    return apply(QStringLiteral("status"), description, changes, reason);
}

Result<ActionSummary> EditLog::setFlag(const QList<std::int64_t> &images, const QString &kind, bool on,
                                       const QString &note, const QString &reason)
{
    if (!flagKinds().contains(kind))
        return fail(Tr::tr("Unknown flag “%1” (known: %2).").arg(kind, flagKinds().join(QStringLiteral(", "))));
    const QString description = on ? Tr::tr("Flag %n image(s) as %1", nullptr, int(images.size())).arg(flagTitle(kind))
                                   : Tr::tr("Clear the %1 flag of %n image(s)", nullptr, int(images.size())).arg(flagTitle(kind));
    std::optional<QString> value;
    if (on) {
        const QJsonObject flag{{QStringLiteral("state"), QStringLiteral("set")},
                               {QStringLiteral("note"), note},
                               {QStringLiteral("source"), QStringLiteral("user")}};
        value = QString::fromUtf8(QJsonDocument(flag).toJson(QJsonDocument::Compact));
    }
    std::vector<FieldChange> changes;
    changes.reserve(std::size_t(images.size()));
    for (std::int64_t id : images)
        changes.push_back({id, QStringLiteral("flag:") + kind, value});
    return apply(QStringLiteral("flag"), description, changes, reason);
}

Result<ActionSummary> EditLog::decideRegions(const QList<std::int64_t> &regions, const QString &decision,
                                             const QString &reason)
{
    if (decision != QLatin1String("undecided") && decision != QLatin1String("accepted") && decision != QLatin1String("rejected"))
        return fail(Tr::tr("“%1” is not a region decision.").arg(decision));
    std::vector<FieldChange> changes;
    for (std::int64_t id : regions) {
        Result<RegionRow> region = findRegion(m_db, id);
        if (!region)
            return region.takeError();
        changes.push_back({region->imageId, regionField(id, "decision"), decision});
    }
    const QString description = decision == QLatin1String("accepted")   ? Tr::tr("Accept %n region(s)", nullptr, int(regions.size()))
                                : decision == QLatin1String("rejected") ? Tr::tr("Reject %n region(s)", nullptr, int(regions.size()))
                                                                        : Tr::tr("Reopen %n region(s)", nullptr, int(regions.size()));
    return apply(QStringLiteral("region"), description, changes, reason);
}

Result<ActionSummary> EditLog::acceptRegionsAbove(double minimum)
{
    Result<Statement> query = m_db.prepare("SELECT id, image_id FROM regions WHERE decision='undecided' AND confidence >= ?");
    if (!query)
        return query.takeError();
    query->bind(1, minimum);
    std::vector<FieldChange> changes;
    Status read = query->forEachRow([&] { changes.push_back({query->int64(1), regionField(query->int64(0), "decision"), QStringLiteral("accepted")}); });
    if (!read)
        return read.takeError();
    return apply(QStringLiteral("region"),
                 Tr::tr("Accept %n region(s) at confidence %1 % or more", nullptr, int(changes.size()))
                     .arg(qRound(minimum * 100)), changes);
}

Result<ActionSummary> EditLog::moveRegion(std::int64_t region, const QRect &box)
{
    if (!isUsableBox(box))
        return fail(Tr::tr("A region needs a box of at least 2 × 2 pixels."));
    Result<RegionRow> row = findRegion(m_db, region);
    if (!row)
        return row.takeError();
    return apply(QStringLiteral("region"), Tr::tr("Move a region"), {{row->imageId, regionField(region, "box"), boxText(box)}});
}

Result<AddedRegion> EditLog::addRegion(std::int64_t imageId, const QRect &box, const QString &type, const QString &reason)
{
    if (!isUsableBox(box))
        return fail(Tr::tr("A region needs a box of at least 2 × 2 pixels."));
    if (!drawnRegionTypes().contains(type))
        return fail(Tr::tr("“%1” is not a type of personal information (known: %2).").arg(type, drawnRegionTypes().join(QStringLiteral(", "))));
    Transaction transaction(m_db);
    if (!transaction.begun())
        return transaction.begun().takeError();
    Result<std::int64_t> exists = [&]() -> Result<std::int64_t> {
        Result<Statement> query = m_db.prepare("SELECT count(*) FROM images WHERE id=?");
        if (!query)
            return query.takeError();
        query->bind(1, imageId);
        Result<bool> row = query->step();
        if (!row)
            return row.takeError();
        return query->int64(0);
    }();
    if (!exists)
        return exists.takeError();
    if (*exists == 0)
        return fail(Tr::tr("Image %1 does not exist.").arg(imageId));
    // Inserted as removed, so that the action's one change (removed → accepted) is the drawing:
    // undo and redo replay it like any other field.
    Status inserted = execOne(m_db,
                              "INSERT INTO regions(image_id, kind, x, y, w, h, pii_type, confidence, source, decision, created_at) "
                              "VALUES(?, 'manual', ?, ?, ?, ?, ?, 1, 'user', 'removed', ?)",
                              [&](Statement &s) {
                                  s.bind(1, imageId).bind(2, box.x()).bind(3, box.y()).bind(4, box.width()).bind(5, box.height())
                                      .bind(6, type).bind(7, nowIso());
                              });
    if (!inserted)
        return inserted.takeError();
    AddedRegion added;
    added.regionId = m_db.lastInsertId();
    Result<ActionSummary> action = record(QStringLiteral("region"), Tr::tr("Draw a region (%1)").arg(regionTypeTitle(type)),
                                          {{imageId, regionField(added.regionId, "decision"), QStringLiteral("accepted")}}, reason, true);
    if (!action)
        return action.takeError();
    added.action = *action;
    if (Status status = transaction.commit(); !status)
        return status.takeError();
    return added;
}

Result<ActionSummary> EditLog::removeRegion(std::int64_t region)
{
    Result<RegionRow> row = findRegion(m_db, region);
    if (!row)
        return row.takeError();
    if (row->source != QLatin1String("user"))
        return fail(Tr::tr("Region %1 was found by a scan: reject it instead of removing it.").arg(region));
    return apply(QStringLiteral("region"), Tr::tr("Remove a drawn region"),
                 {{row->imageId, regionField(region, "decision"), QString::fromLatin1(kRegionRemoved)}});
}

Result<ActionSummary> EditLog::setRegionType(std::int64_t region, const QString &type)
{
    if (!drawnRegionTypes().contains(type))
        return fail(Tr::tr("“%1” is not a type of personal information (known: %2).").arg(type, drawnRegionTypes().join(QStringLiteral(", "))));
    Result<RegionRow> row = findRegion(m_db, region);
    if (!row)
        return row.takeError();
    return apply(QStringLiteral("region"), Tr::tr("Mark a region as %1").arg(regionTypeTitle(type)),
                 {{row->imageId, regionField(region, "pii_type"), type}});
}

Result<ActionSummary> EditLog::dismissSuggestions(const QList<std::int64_t> &images, const QString &kind,
                                                 const QString &reason)
{
    if (!flagKinds().contains(kind))
        return fail(Tr::tr("Unknown flag “%1” (known: %2).").arg(kind, flagKinds().join(QStringLiteral(", "))));
    std::vector<FieldChange> changes;
    for (std::int64_t id : images) {
        const FieldChange probe{id, QStringLiteral("flag:") + kind, std::nullopt};
        Result<std::optional<QString>> current = read(probe);
        if (!current)
            return current.takeError();
        if (!current->has_value())
            continue;
        QJsonObject flag = QJsonDocument::fromJson((*current)->toUtf8()).object();
        if (flag.value(QStringLiteral("state")).toString() != QLatin1String("suggested"))
            continue;
        flag.insert(QStringLiteral("state"), QStringLiteral("dismissed"));
        changes.push_back({id, probe.field, QString::fromUtf8(QJsonDocument(flag).toJson(QJsonDocument::Compact))});
    }
    return apply(QStringLiteral("flag"),
                 Tr::tr("Dismiss the %1 suggestion for %n image(s)", nullptr, int(changes.size())).arg(flagTitle(kind)),
                 changes, reason);
}

Result<ActionSummary> EditLog::apply(const QString &kind, const QString &description,
                                     const std::vector<FieldChange> &changes, const QString &reason,
                                     bool undoable)
{
    Transaction transaction(m_db);
    if (!transaction.begun())
        return transaction.begun().takeError();
    Result<ActionSummary> summary = record(kind, description, changes, reason, undoable);
    if (!summary)
        return summary.takeError();
    if (Status status = transaction.commit(); !status)
        return status.takeError();
    return summary;
}

Result<ActionSummary> EditLog::record(const QString &kind, const QString &description,
                                      const std::vector<FieldChange> &changes, const QString &reason,
                                      bool undoable)
{
    const QString now = nowIso();
    std::int64_t actionId = 0;
    int changed = 0;
    Result<Statement> event = m_db.prepare(
        "INSERT INTO label_events(action_id, image_id, field, old_value, new_value, phase, actor, at, reason) "
        "VALUES(?, ?, ?, ?, ?, 'apply', ?, ?, ?)");
    if (!event)
        return event.takeError();

    for (const FieldChange &change : changes) {
        Result<std::optional<QString>> old = read(change);
        if (!old)
            return old.takeError();
        if (*old == change.value)
            continue;
        if (actionId == 0) {
            if (undoable)
                if (Status status = m_db.exec("UPDATE actions SET state='discarded' WHERE state='undone'"); !status)
                    return status.takeError();
            Result<Statement> action = m_db.prepare(
                "INSERT INTO actions(kind, description, actor, at, undoable) VALUES(?, ?, ?, ?, ?)");
            if (!action)
                return action.takeError();
            action->bind(1, kind).bind(2, description).bind(3, m_actor).bind(4, now).bind(5, int(undoable));
            if (Status status = action->exec(); !status)
                return status.takeError();
            actionId = m_db.lastInsertId();
        }
        if (Status status = write(change); !status)
            return status.takeError();
        event->bind(1, actionId)
            .bind(2, change.imageId)
            .bind(3, change.field)
            .bind(4, *old)
            .bind(5, change.value)
            .bind(6, m_actor)
            .bind(7, now)
            .bind(8, reason);
        if (Status status = event->exec(); !status)
            return status.takeError();
        ++changed;
    }
    return ActionSummary{actionId, actionId ? description : QString(), changed};
}

Result<std::optional<QString>> EditLog::read(const FieldChange &change)
{
    const QString &field = change.field;
    if (field == QLatin1String("label") || field == QLatin1String("status")) {
        if (!change.imageId)
            return fail(Tr::tr("A %1 change needs an image.").arg(field));
        Result<std::optional<QString>> value =
            readOne(m_db,
                    field == QLatin1String("label") ? "SELECT category_id FROM images WHERE id=?"
                                                    : "SELECT review_status FROM images WHERE id=?",
                    [&](Statement &s) { s.bind(1, *change.imageId); });
        if (!value)
            return fail(Tr::tr("Image %1 does not exist.").arg(*change.imageId));
        if (field == QLatin1String("status") && value->has_value())
            return std::optional(reviewStatusName(ReviewStatus(qBound(0, (*value)->toInt(), 2))));
        return value;
    }
    if (field.startsWith(QLatin1String("flag:"))) {
        if (!change.imageId)
            return fail(Tr::tr("A flag change needs an image."));
        Result<Statement> query = m_db.prepare("SELECT state, note, source FROM flags WHERE image_id=? AND kind=?");
        if (!query)
            return query.takeError();
        query->bind(1, *change.imageId).bind(2, field.mid(5));
        Result<bool> row = query->step();
        if (!row)
            return row.takeError();
        if (!*row)
            return std::optional<QString>();
        const QJsonObject flag{{QStringLiteral("state"), query->text(0)},
                               {QStringLiteral("note"), query->text(1)},
                               {QStringLiteral("source"), query->text(2)}};
        return std::optional(QString::fromUtf8(QJsonDocument(flag).toJson(QJsonDocument::Compact)));
    }
    if (field == QLatin1String("label_check")) {
        if (!change.imageId)
            return fail(Tr::tr("A label check needs an image."));
        return readLabelCheck(m_db, *change.imageId);
    }
    if (auto region = parseRegionField(field)) {
        const auto &[id, attribute] = *region;
        const char *sql = attribute == QLatin1String("decision") ? "SELECT decision FROM regions WHERE id=?"
                          : attribute == QLatin1String("pii_type") ? "SELECT pii_type FROM regions WHERE id=?"
                                                                   : "SELECT x || ',' || y || ',' || w || ',' || h FROM regions WHERE id=?";
        Result<std::optional<QString>> value = readOne(m_db, sql, [&](Statement &s) { s.bind(1, id); });
        if (!value)
            return fail(Tr::tr("Region %1 does not exist.").arg(id));
        return value;
    }
    if (auto category = parseCategoryField(field)) {
        const auto &[id, attribute] = *category;
        const QByteArray sql = "SELECT " + attribute.toLatin1() + " FROM categories WHERE id=?";
        Result<std::optional<QString>> value =
            readOne(m_db, sql.constData(), [&](Statement &s) { s.bind(1, id); });
        if (!value)
            return fail(Tr::tr("Category %1 does not exist.").arg(id));
        return value;
    }
    return fail(Tr::tr("Unknown field “%1”.").arg(field));
}

Status EditLog::write(const FieldChange &change)
{
    const QString &field = change.field;
    if (field == QLatin1String("label")) {
        return execOne(m_db, "UPDATE images SET category_id=? WHERE id=?", [&](Statement &s) {
            s.bind(1, change.value ? std::optional<std::int64_t>(change.value->toLongLong()) : std::optional<std::int64_t>())
                .bind(2, *change.imageId);
        });
    }
    if (field == QLatin1String("status")) {
        const ReviewStatus status = statusFromName(change.value.value_or(QString())).value_or(ReviewStatus::Unreviewed);
        return execOne(m_db, "UPDATE images SET review_status=? WHERE id=?",
                       [&](Statement &s) { s.bind(1, int(status)).bind(2, *change.imageId); });
    }
    if (field.startsWith(QLatin1String("flag:"))) {
        const QString kind = field.mid(5);
        if (!change.value)
            return execOne(m_db, "DELETE FROM flags WHERE image_id=? AND kind=?",
                           [&](Statement &s) { s.bind(1, *change.imageId).bind(2, kind); });
        const QJsonObject flag = QJsonDocument::fromJson(change.value->toUtf8()).object();
        return execOne(m_db,
                       "INSERT INTO flags(image_id, kind, state, note, source, updated_at) VALUES(?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT(image_id, kind) DO UPDATE SET state=excluded.state, note=excluded.note, "
                       "source=excluded.source, updated_at=excluded.updated_at",
                       [&](Statement &s) {
                           s.bind(1, *change.imageId)
                               .bind(2, kind)
                               .bind(3, flag.value(QStringLiteral("state")).toString(QStringLiteral("set")))
                               .bind(4, flag.value(QStringLiteral("note")).toString())
                               .bind(5, flag.value(QStringLiteral("source")).toString(QStringLiteral("user")))
                               .bind(6, nowIso());
                       });
    }
    if (field == QLatin1String("label_check"))
        return writeLabelCheck(m_db, *change.imageId, change.value);
    if (auto region = parseRegionField(field)) {
        const auto &[id, attribute] = *region;
        if (attribute == QLatin1String("decision")) {
            const QString decision = change.value.value_or(QStringLiteral("undecided"));
            if (decision != QLatin1String("undecided") && decision != QLatin1String("accepted") && decision != QLatin1String("rejected")
                && decision != QLatin1String(kRegionRemoved))
                return fail(Tr::tr("“%1” is not a region decision.").arg(decision));
            return execOne(m_db, "UPDATE regions SET decision=? WHERE id=?", [&](Statement &s) { s.bind(1, decision).bind(2, id); });
        }
        if (attribute == QLatin1String("pii_type"))
            return execOne(m_db, "UPDATE regions SET pii_type=? WHERE id=?",
                           [&](Statement &s) { s.bind(1, change.value.value_or(QString())).bind(2, id); });
        const QRect box = boxFromText(change.value.value_or(QString()));
        if (!box.isValid())
            return fail(Tr::tr("“%1” is not a box.").arg(change.value.value_or(QString())));
        return execOne(m_db, "UPDATE regions SET x=?, y=?, w=?, h=? WHERE id=?", [&](Statement &s) {
            s.bind(1, box.x()).bind(2, box.y()).bind(3, box.width()).bind(4, box.height()).bind(5, id);
        });
    }
    if (auto category = parseCategoryField(field)) {
        const auto &[id, attribute] = *category;
        const QByteArray sql = "UPDATE categories SET " + attribute.toLatin1() + "=? WHERE id=?";
        return execOne(m_db, sql.constData(), [&](Statement &s) {
            if (attribute == QLatin1String("archived"))
                s.bind(1, change.value.value_or(QStringLiteral("0")).toInt());
            else if (attribute == QLatin1String("merged_into"))
                s.bind(1, change.value ? std::optional<std::int64_t>(change.value->toLongLong()) : std::optional<std::int64_t>());
            else
                s.bind(1, change.value.value_or(QString()));
            s.bind(2, id);
        });
    }
    return fail(Tr::tr("Unknown field “%1”.").arg(field));
}

namespace {

// The one action a query names (id, description), if any.
Result<std::optional<ActionSummary>> peekAction(Database &db, const char *sql)
{
    Result<Statement> query = db.prepare(sql);
    if (!query)
        return query.takeError();
    Result<bool> row = query->step();
    if (!row)
        return row.takeError();
    if (!*row)
        return std::optional<ActionSummary>();
    return std::optional(ActionSummary{query->int64(0), query->text(1), 0});
}

} // namespace

Result<std::optional<ActionSummary>> EditLog::nextUndo()
{
    return peekAction(m_db, "SELECT id, description FROM actions WHERE state='done' AND undoable=1 ORDER BY id DESC LIMIT 1");
}

Result<std::optional<ActionSummary>> EditLog::nextRedo()
{
    return peekAction(m_db, "SELECT id, description FROM actions WHERE state='undone' ORDER BY id ASC LIMIT 1");
}

Result<std::optional<ActionSummary>> EditLog::undo() { return replay(true); }

Result<std::optional<ActionSummary>> EditLog::redo() { return replay(false); }

Result<std::optional<ActionSummary>> EditLog::replay(bool undo)
{
    Transaction transaction(m_db);
    if (!transaction.begun())
        return transaction.begun().takeError();
    Result<std::optional<ActionSummary>> next = undo ? nextUndo() : nextRedo();
    if (!next || !next->has_value())
        return next;
    ActionSummary action = **next;

    struct Event {
        std::optional<std::int64_t> imageId;
        QString field;
        std::optional<QString> oldValue;
        std::optional<QString> newValue;
    };
    std::vector<Event> events;
    Result<Statement> query = m_db.prepare(
        undo ? "SELECT image_id, field, old_value, new_value FROM label_events "
               "WHERE action_id=? AND phase='apply' ORDER BY id DESC"
             : "SELECT image_id, field, old_value, new_value FROM label_events "
               "WHERE action_id=? AND phase='apply' ORDER BY id ASC");
    if (!query)
        return query.takeError();
    query->bind(1, action.id);
    Status read = query->forEachRow([&] {
        events.push_back({query->optionalInt64(0), query->text(1), textOrNull(*query, 2), textOrNull(*query, 3)});
    });
    if (!read)
        return read.takeError();

    Result<Statement> event = m_db.prepare(
        "INSERT INTO label_events(action_id, image_id, field, old_value, new_value, phase, actor, at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    if (!event)
        return event.takeError();
    const QString now = nowIso();
    const QString phase = undo ? QStringLiteral("undo") : QStringLiteral("redo");
    for (const Event &e : events) {
        const std::optional<QString> &from = undo ? e.newValue : e.oldValue;
        const std::optional<QString> &to = undo ? e.oldValue : e.newValue;
        if (Status status = write({e.imageId, e.field, to}); !status)
            return status.takeError();
        event->bind(1, action.id).bind(2, e.imageId).bind(3, e.field).bind(4, from).bind(5, to)
            .bind(6, phase).bind(7, m_actor).bind(8, now);
        if (Status status = event->exec(); !status)
            return status.takeError();
    }
    Result<Statement> mark = m_db.prepare("UPDATE actions SET state=? WHERE id=?");
    if (!mark)
        return mark.takeError();
    mark->bind(1, undo ? QStringLiteral("undone") : QStringLiteral("done")).bind(2, action.id);
    if (Status status = mark->exec(); !status)
        return status.takeError();
    if (Status status = transaction.commit(); !status)
        return status.takeError();
    action.changed = int(events.size());
    return std::optional(action);
}

Result<QList<HistoryEntry>> EditLog::history(std::int64_t imageId, int limit)
{
    Result<Statement> query = m_db.prepare(
        "SELECT e.at, e.actor, a.description, e.phase, e.field, e.old_value, e.new_value, e.reason "
        "FROM label_events e JOIN actions a ON a.id = e.action_id "
        "WHERE e.image_id=? ORDER BY e.id DESC LIMIT ?");
    if (!query)
        return query.takeError();
    query->bind(1, imageId).bind(2, limit);

    QHash<QString, QString> categoryNames;
    Result<Statement> names = m_db.prepare("SELECT id, name FROM categories");
    if (!names)
        return names.takeError();
    Status loaded = names->forEachRow([&] { categoryNames.insert(QString::number(names->int64(0)), names->text(1)); });
    if (!loaded)
        return loaded.takeError();

    auto render = [&](const QString &field, const std::optional<QString> &value) -> QString {
        if (field == QLatin1String("label"))
            return value ? categoryNames.value(*value, *value) : Tr::tr("(unlabeled)");
        if (field == QLatin1String("status"))
            return reviewStatusTitle(statusFromName(value.value_or(QString())).value_or(ReviewStatus::Unreviewed));
        if (field.startsWith(QLatin1String("flag:"))) {
            if (!value)
                return Tr::tr("(none)");
            const QJsonObject flag = QJsonDocument::fromJson(value->toUtf8()).object();
            const QString note = flag.value(QStringLiteral("note")).toString();
            const QString state = flag.value(QStringLiteral("state")).toString();
            QString text = state == QLatin1String("set") ? Tr::tr("set") : state;
            return note.isEmpty() ? text : text + QStringLiteral(": ") + note;
        }
        if (field == QLatin1String("label_check")) {
            if (!value)
                return Tr::tr("(not checked)");
            const QString category = QString::number(labelCheckCategory(*value));
            return Tr::tr("label “%1” kept").arg(categoryNames.value(category, category));
        }
        if (auto region = parseRegionField(field)) {
            const QString &attribute = region->second;
            if (attribute == QLatin1String("decision"))
                return regionDecisionTitle(value.value_or(QString()));
            if (attribute == QLatin1String("pii_type"))
                return regionTypeTitle(value.value_or(QString()));
            const QRect box = boxFromText(value.value_or(QString()));
            return Tr::tr("%1 × %2 at %3, %4").arg(box.width()).arg(box.height()).arg(box.x()).arg(box.y());
        }
        return value.value_or(QString());
    };

    QList<HistoryEntry> entries;
    Status read = query->forEachRow([&] {
        HistoryEntry entry;
        entry.at = query->text(0);
        entry.actor = query->text(1);
        entry.description = query->text(2);
        entry.phase = query->text(3);
        entry.field = query->text(4);
        entry.oldText = render(entry.field, textOrNull(*query, 5));
        entry.newText = render(entry.field, textOrNull(*query, 6));
        entry.reason = query->text(7);
        entries.append(entry);
    });
    if (!read)
        return read.takeError();
    return entries;
}

} // namespace sieve::store
