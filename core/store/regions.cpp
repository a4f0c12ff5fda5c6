#include "store/regions.h"

#include "store/database.h"

#include <QCoreApplication>

namespace sieve::store {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::store)
};

} // namespace

QString regionField(std::int64_t regionId, const char *attribute)
{
    return QStringLiteral("region:%1:%2").arg(regionId).arg(QLatin1String(attribute));
}

QString boxText(const QRect &box)
{
    return QStringLiteral("%1,%2,%3,%4").arg(box.x()).arg(box.y()).arg(box.width()).arg(box.height());
}

QRect boxFromText(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 4)
        return {};
    return QRect(parts[0].toInt(), parts[1].toInt(), parts[2].toInt(), parts[3].toInt());
}

const QStringList &drawnRegionTypes()
{
    static const QStringList types{QStringLiteral("other"),        QStringLiteral("name"),  QStringLiteral("address"),
                                   QStringLiteral("phone"),        QStringLiteral("email"), QStringLiteral("national_id"),
                                   QStringLiteral("payment_card"), QStringLiteral("iban"),  QStringLiteral("face"),
                                   QStringLiteral("plate")};
    return types;
}

QString regionTypeTitle(const QString &type)
{
    if (type == QLatin1String("other"))
        return Tr::tr("Other");
    if (type == QLatin1String("name"))
        return Tr::tr("Name");
    if (type == QLatin1String("address"))
        return Tr::tr("Address");
    if (type == QLatin1String("phone"))
        return Tr::tr("Phone number");
    if (type == QLatin1String("email"))
        return Tr::tr("E-mail address");
    if (type == QLatin1String("national_id"))
        return Tr::tr("ID number");
    if (type == QLatin1String("payment_card"))
        return Tr::tr("Payment card");
    if (type == QLatin1String("iban"))
        return Tr::tr("Bank account (IBAN)");
    if (type == QLatin1String("face"))
        return Tr::tr("Face");
    if (type == QLatin1String("plate"))
        return Tr::tr("Licence plate");
    return type;
}

QString regionDecisionTitle(const QString &decision)
{
    if (decision == QLatin1String("undecided"))
        return Tr::tr("Undecided");
    if (decision == QLatin1String("accepted"))
        return Tr::tr("Accepted");
    if (decision == QLatin1String("rejected"))
        return Tr::tr("Rejected");
    if (decision == QLatin1String(kRegionRemoved))
        return Tr::tr("(none)");
    return decision;
}

Result<QList<Region>> regionsOf(Database &db, std::int64_t imageId)
{
    Result<Statement> query = db.prepare(
        "SELECT id, image_id, kind, x, y, w, h, text, pii_type, confidence, source, decision FROM regions "
        "WHERE image_id=? AND decision <> 'removed' ORDER BY w * h DESC, id");
    if (!query)
        return query.takeError();
    query->bind(1, imageId);
    QList<Region> regions;
    Status read = query->forEachRow([&] {
        Region region;
        region.id = query->int64(0);
        region.imageId = query->int64(1);
        region.kind = query->text(2);
        region.box = QRect(query->integer(3), query->integer(4), query->integer(5), query->integer(6));
        region.text = query->text(7);
        region.piiType = query->text(8);
        region.confidence = query->real(9);
        region.source = query->text(10);
        region.decision = query->text(11);
        regions.append(region);
    });
    if (!read)
        return read.takeError();
    return regions;
}

} // namespace sieve::store
