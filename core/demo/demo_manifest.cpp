#include "demo/demo_manifest.h"

#include "demo/demo_locale.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <limits>
#include <numeric>

namespace sieve::demo {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::demo)
};

QString csvField(const QString &value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Writes row by row, so memory does not grow with the dataset; nothing appears under `path`
// unless everything was written.
class ManifestWriter {
public:
    explicit ManifestWriter(const QString &path) : m_file(path) { m_ok = m_file.open(QIODevice::WriteOnly); }

    void write(const QByteArray &bytes)
    {
        if (m_ok)
            m_ok = m_file.write(bytes) == bytes.size();
    }

    Status commit()
    {
        if (m_ok && m_file.commit())
            return {};
        // A full disk often shows as a short write with no error set.
        const QString reason = m_file.error() != QFileDevice::NoError ? m_file.errorString() : Tr::tr("a short write");
        return fail(Tr::tr("Cannot write %1: %2 (is the disk full?)").arg(m_file.fileName(), reason));
    }

private:
    QSaveFile m_file;
    bool m_ok = false;
};

QJsonArray boxArray(const QRect &box) { return {box.x(), box.y(), box.width(), box.height()}; }

QJsonObject textObject(const TextItem &item)
{
    QJsonObject object{{QStringLiteral("text"), item.text},
                       {QStringLiteral("language"), item.language},
                       {QStringLiteral("box"), boxArray(item.box)},
                       {QStringLiteral("cap_height"), std::round(item.capHeight * 10) / 10},
                       {QStringLiteral("angle"), std::round(item.angle * 10) / 10}};
    if (!item.piiType.isEmpty()) {
        object.insert(QStringLiteral("type"), item.piiType);
        object.insert(QStringLiteral("leading_word"), item.leadingWord);
    }
    return object;
}

} // namespace

std::vector<int> manifestOrder(const Plan &plan)
{
    std::vector<int> order(plan.files.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const FilePlan &x = plan.files[std::size_t(a)];
        const FilePlan &y = plan.files[std::size_t(b)];
        return x.taken != y.taken ? x.taken < y.taken : x.path < y.path;
    });
    return order;
}

Status writeMetadataCsv(const QString &path, const Plan &plan, const std::vector<int> &order)
{
    ManifestWriter csv(path);
    csv.write("path,label,country,contributor,collected_at,price,currency\n");
    for (int i : order) {
        const FilePlan &f = plan.files[std::size_t(i)];
        const QStringList row = {f.path,
                                 plan.categories[f.claimedLabel],
                                 QString::fromLatin1(f.country->code),
                                 plan.contributors[std::size_t(f.contributor)].id,
                                 f.taken.date().toString(Qt::ISODate),
                                 csvPrice(f.priceUsd, *f.country),
                                 QString::fromLatin1(f.country->currency)};
        QStringList fields;
        for (const QString &value : row)
            fields << csvField(value);
        csv.write((fields.join(QLatin1Char(',')) + QLatin1Char('\n')).toUtf8());
    }
    return csv.commit();
}

Status writeGroundTruth(const QString &path, quint64 seed, const Plan &plan, const std::vector<int> &order,
                        const std::vector<QList<TextItem>> &text, const std::vector<QList<FaceItem>> &faces)
{
    // One image per line: valid JSON that stays greppable, written as it is made.
    ManifestWriter json(path);
    QJsonArray categories;
    for (const QString &name : plan.categories)
        categories.append(name);
    const QJsonValue seedValue = seed <= quint64(std::numeric_limits<qint64>::max())
        ? QJsonValue(qint64(seed))
        : QJsonValue(QString::number(seed));
    json.write("{\n\"seed\": " + QJsonDocument(QJsonArray{seedValue}).toJson(QJsonDocument::Compact).mid(1).chopped(1)
               + ",\n\"categories\": " + QJsonDocument(categories).toJson(QJsonDocument::Compact)
               + ",\n\"images\": [\n");
    bool first = true;
    for (int i : order) {
        const FilePlan &f = plan.files[std::size_t(i)];
        const Contributor &c = plan.contributors[std::size_t(f.contributor)];
        QJsonArray pii;
        QJsonArray harmless;
        for (const TextItem &item : text[std::size_t(i)])
            (item.piiType.isEmpty() ? harmless : pii).append(textObject(item));
        QJsonArray faceList;
        for (const FaceItem &face : faces[std::size_t(i)])
            faceList.append(QJsonObject{{QStringLiteral("box"), boxArray(face.box)},
                                        {QStringLiteral("setting"), face.setting},
                                        {QStringLiteral("pose"), face.pose},
                                        {QStringLiteral("visible"), face.visible},
                                        {QStringLiteral("skin_tone"), face.skinTone}});
        QJsonArray quality;
        if (f.issue != Quality::Good)
            quality.append(qualityName(f.issue));
        QJsonObject image{
            {QStringLiteral("path"), f.path},
            {QStringLiteral("true_label"), plan.categories[f.trueLabel]},
            {QStringLiteral("claimed_label"), plan.categories[f.claimedLabel]},
            {QStringLiteral("mislabeled"), f.trueLabel != f.claimedLabel},
            {QStringLiteral("width"), f.displayed.width()},
            {QStringLiteral("height"), f.displayed.height()},
            {QStringLiteral("orientation"), f.orientation},
            {QStringLiteral("format"), formatName(f.format)},
            {QStringLiteral("country"), QString::fromLatin1(f.country->code)},
            {QStringLiteral("contributor"), c.id},
            {QStringLiteral("pii"), pii},
            {QStringLiteral("text"), harmless},
            {QStringLiteral("faces"), faceList},
            {QStringLiteral("quality"), quality},
            {QStringLiteral("duplicate_of"),
             f.duplicate == Duplicate::None ? QJsonValue(QJsonValue::Null)
                                            : QJsonValue(plan.files[std::size_t(f.duplicateOf)].path)},
            {QStringLiteral("duplicate_kind"),
             f.duplicate == Duplicate::None    ? QJsonValue(QJsonValue::Null)
                 : f.duplicate == Duplicate::Exact ? QJsonValue(QStringLiteral("exact"))
                                                   : QJsonValue(QStringLiteral("near"))},
            {QStringLiteral("gps"), f.gps ? QJsonValue(QJsonObject{{QStringLiteral("lat"), f.gps->x()},
                                                                   {QStringLiteral("lon"), f.gps->y()}})
                                          : QJsonValue(QJsonValue::Null)},
        };
        if (f.exif) {
            // Where the original's phone wrote them: identifying metadata a scan should flag.
            const Contributor &camera = plan.contributors[std::size_t(
                f.duplicate == Duplicate::Exact ? plan.files[std::size_t(f.duplicateOf)].contributor : f.contributor)];
            image.insert(QStringLiteral("exif"),
                         QJsonObject{{QStringLiteral("make"), QString::fromLatin1(camera.device->make)},
                                     {QStringLiteral("model"), QString::fromLatin1(camera.device->model)},
                                     {QStringLiteral("date_time_original"),
                                      (f.duplicate == Duplicate::Exact ? plan.files[std::size_t(f.duplicateOf)].taken
                                                                       : f.taken)
                                          .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))},
                                     {QStringLiteral("body_serial_number"), camera.serialNumber},
                                     {QStringLiteral("artist"), camera.artist},
                                     {QStringLiteral("thumbnail"), f.thumbnail}});
        } else {
            image.insert(QStringLiteral("exif"), QJsonValue(QJsonValue::Null));
        }
        json.write((first ? "" : ",\n") + QJsonDocument(image).toJson(QJsonDocument::Compact));
        first = false;
    }
    json.write("\n]\n}\n");
    return json.commit();
}

} // namespace sieve::demo
