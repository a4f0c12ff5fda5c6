#include "demo/demo_plan.h"

#include "demo/demo_generator.h"
#include "demo/demo_locale.h"
#include "demo/demo_products.h"
#include "demo/demo_random.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sieve::demo {

namespace {

const Device kDevices[] = {
    {"samsung", "SM-A125F", "A125FXXU2BUG1", Device::Samsung},
    {"samsung", "SM-A515F", "A515FXXU5EVG1", Device::Samsung},
    {"TECNO", "TECNO KE5", "KE5-H6117ABC-Q-GL-220624V411", Device::Android},
    {"Infinix", "Infinix X657C", "X657C-H6117ABC-R-OP-220301V523", Device::Android},
    {"Xiaomi", "Redmi Note 9", "MIUI 12.5", Device::Android},
    {"Apple", "iPhone 11", "16.5", Device::IPhone},
    {"Apple", "iPhone SE (2nd generation)", "15.7", Device::IPhone},
    {"Google", "Pixel 6a", "HDR+ 1.0.540104767zd", Device::Pixel},
    {"itel", "itel A56", "A56-GL-V016", Device::Android},
    {"OPPO", "CPH2185", "MediaTek Camera Application", Device::Android},
    {"motorola", "moto g(30)", "", Device::Android},
    {"HUAWEI", "MRD-LX1", "MRD-LX1 9.1.0.300", Device::Android},
};

const QDate kFirstDay(2026, 1, 5);

// Exactly round(share * n) of `candidates`, chosen at random: shares hold even for small sets.
std::vector<int> chooseShare(std::vector<int> candidates, double share, std::size_t n, Rng &rng)
{
    const std::size_t count = std::min(candidates.size(), std::size_t(std::lround(share * double(n))));
    for (std::size_t i = 0; i < count; ++i)
        std::swap(candidates[i], candidates[i + std::size_t(rng.next() % (candidates.size() - i))]);
    candidates.resize(count);
    std::sort(candidates.begin(), candidates.end());
    return candidates;
}

QSize photoSize(const DemoOptions &options, Format format, Rng &rng)
{
    double megapixels = options.minMegapixels
        + (options.maxMegapixels - options.minMegapixels) * std::pow(rng.uniform(), 3.0);
    if (format != Format::Jpeg)
        megapixels = std::min(megapixels, std::max(options.minMegapixels, 2.0));
    const double aspects[] = {4.0 / 3, 16.0 / 9, 1.0, 3.0 / 2, 2.0};
    const double aspect = aspects[rng.weighted({0.55, 0.15, 0.1, 0.1, 0.1})];
    const int longSide = std::max(16, int(std::sqrt(megapixels * 1e6 * aspect)) & ~1);
    const int shortSide = std::max(16, int(longSide / aspect) & ~1);
    return rng.chance(0.45) ? QSize(shortSide, longSide) : QSize(longSide, shortSide);
}

// 320 × 240, or smaller where even the smallest photos are small: tiny relative to the rest.
QSize tinySize(const DemoOptions &options, Rng &rng)
{
    const double scale = std::min(1.0, std::sqrt(0.25 * options.minMegapixels * 1e6 / (320.0 * 240.0)));
    const QSize size(std::max(64, int(320 * scale)), std::max(48, int(240 * scale)));
    return rng.chance(0.5) ? size : size.transposed();
}

// Someone else from the same country, where there is one: who re-submits a photo.
int resubmitter(const Plan &plan, int original, const std::vector<double> &activity, Rng &rng)
{
    for (int attempt = 0; attempt < 8; ++attempt) {
        const int candidate = int(rng.weighted(activity));
        if (plan.contributors[std::size_t(candidate)].country == plan.contributors[std::size_t(original)].country)
            return candidate;
    }
    return original;
}

QString serialNumber(const Device &device, Rng &rng)
{
    const char *alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    QString serial = device.naming == Device::Samsung ? QStringLiteral("R58N") : QString();
    while (serial.size() < 11)
        serial += QLatin1Char(alphabet[rng.range(0, 33)]);
    return serial;
}

QString folderFor(const Contributor &c, const QDateTime &taken)
{
    const QDate day = taken.date();
    switch (c.folderStyle) {
    case 0: return c.id + QLatin1Char('/') + day.toString(Qt::ISODate);
    case 1: return c.id;
    case 2: return c.id + QStringLiteral("/week %1").arg(day.weekNumber());
    case 3: return c.id + QStringLiteral("/batch_%1").arg(day.month(), 2, 10, QLatin1Char('0'));
    default: return c.id + QLatin1Char('/') + day.toString(QStringLiteral("yyyy-MM"));
    }
}

QString baseName(const FilePlan &file, const Contributor &c, int &counter, Rng &rng)
{
    const QDateTime &t = file.taken;
    const QString stamp = t.toString(QStringLiteral("yyyyMMdd_HHmmss"));
    ++counter;
    switch (file.format) {
    case Format::Png:
        return rng.chance(0.5) ? QStringLiteral("Screenshot_") + t.toString(QStringLiteral("yyyyMMdd-HHmmss")) + QStringLiteral(".png")
                               : QStringLiteral("photo_%1.png").arg(counter);
    case Format::WebP:
        return rng.chance(0.5) ? QStringLiteral("IMG_") + stamp + QStringLiteral(".webp")
                               : QStringLiteral("image (%1).webp").arg(counter % 40 + 1);
    case Format::Tiff:
        return rng.chance(0.5) ? QStringLiteral("scan_%1.tif").arg(counter, 4, 10, QLatin1Char('0'))
                               : QStringLiteral("DSC_%1.TIF").arg(counter, 4, 10, QLatin1Char('0'));
    case Format::Jpeg: break;
    }
    if (!file.exif) // forwarded through a messenger, which strips metadata and renames
        return QStringLiteral("IMG-%1-WA%2.jpg").arg(t.toString(QStringLiteral("yyyyMMdd"))).arg(counter % 10000, 4, 10, QLatin1Char('0'));
    switch (c.device->naming) {
    case Device::Samsung: return stamp + QStringLiteral(".jpg");
    case Device::Pixel: return QStringLiteral("PXL_") + stamp + QStringLiteral("%1.jpg").arg(rng.range(0, 999), 3, 10, QLatin1Char('0'));
    case Device::IPhone: return QStringLiteral("IMG_%1.JPG").arg(1000 + counter % 9000);
    case Device::Android: break;
    }
    return QStringLiteral("IMG_") + stamp + QStringLiteral(".jpg");
}

QString uniquePath(const QString &folder, const QString &name, QSet<QString> &used)
{
    QString path = folder + QLatin1Char('/') + name;
    const int dot = int(name.lastIndexOf(QLatin1Char('.')));
    for (int n = 1; used.contains(path.toLower()); ++n)
        path = folder + QLatin1Char('/') + name.left(dot) + QStringLiteral("_%1").arg(n) + name.mid(dot);
    used.insert(path.toLower());
    return path;
}

} // namespace

QString formatName(Format format)
{
    switch (format) {
    case Format::Jpeg: return QStringLiteral("jpeg");
    case Format::Png: return QStringLiteral("png");
    case Format::WebP: return QStringLiteral("webp");
    case Format::Tiff: return QStringLiteral("tiff");
    }
    return QString();
}

QString qualityName(Quality quality)
{
    switch (quality) {
    case Quality::Good: return QString();
    case Quality::Blur: return QStringLiteral("blur");
    case Quality::Dark: return QStringLiteral("dark");
    case Quality::Overexposed: return QStringLiteral("overexposed");
    case Quality::Tiny: return QStringLiteral("tiny");
    }
    return QString();
}

namespace {

// Makes the plan in a fixed order of random draws, one step per method.
class Planner {
public:
    explicit Planner(const DemoOptions &options) : m_options(options), m_rng(mixSeed(options.seed, 0x504C414Eull)) {}

    Plan make()
    {
        const std::span<const Category> catalog = categoryCatalog().subspan(std::size_t(m_options.firstCategory));
        for (int k = 0; k < m_options.categories; ++k)
            m_plan.categories << QString::fromLatin1(catalog[std::size_t(k)].name);
        for (const Country &country : countries())
            m_countryWeights.push_back(country.weight);
        addContributors();
        for (int k = 0; k < m_options.categories; ++k)
            m_categoryWeights.push_back(m_rng.uniform(0.6, 1.4)); // mild class imbalance, as in real data

        const std::vector<int> near = chooseNearDuplicates();
        m_plan.files.resize(std::size_t(m_options.images));
        chooseFormats();
        chooseContent();
        chooseFaces();
        std::vector<int> exifJpegs;
        for (int i : m_originals) {
            planOriginal(m_plan.files[std::size_t(i)], i);
            if (m_plan.files[std::size_t(i)].exif)
                exifJpegs.push_back(i);
        }
        chooseOrientationAndGps(exifJpegs);
        for (int i : near)
            planNearDuplicate(m_plan.files[std::size_t(i)], i);
        addExactCopies();
        chooseWrongLabels();
        assignPaths();
        makeGroups();
        return std::move(m_plan);
    }

private:
    std::vector<int> share(const std::vector<int> &candidates, double fraction, std::size_t of)
    {
        return chooseShare(candidates, fraction, of, m_rng);
    }

    void addContributors()
    {
        const std::span<const Country> countryList = countries();
        const int count = std::clamp(int(std::lround(m_options.images / 18.0)), 3, 999);
        for (int i = 0; i < count; ++i) {
            Contributor c;
            c.id = QStringLiteral("c%1").arg(i + 1, 3, 10, QLatin1Char('0'));
            c.country = &countryList[m_rng.weighted(m_countryWeights)];
            c.device = &kDevices[m_rng.range(0, int(std::size(kDevices)) - 1)];
            c.folderStyle = m_rng.range(0, 4);
            if (m_rng.chance(0.1))
                c.serialNumber = serialNumber(*c.device, m_rng);
            if (m_rng.chance(0.06))
                c.artist = personName(*c.country, m_rng).full();
            m_plan.contributors.push_back(c);
            m_activity.push_back(std::exp(m_rng.normal() * 0.9)); // a few contributors send most photos
        }
    }

    // Which scenes are near duplicates (they copy an original's content); the rest are originals.
    std::vector<int> chooseNearDuplicates()
    {
        const int n = m_options.images;
        std::vector<int> all(static_cast<std::size_t>(n));
        std::iota(all.begin(), all.end(), 0);
        const std::vector<int> near = n >= 4 ? share(all, 0.04, std::size_t(n)) : std::vector<int>{};
        std::set_difference(all.begin(), all.end(), near.begin(), near.end(), std::back_inserter(m_originals));
        return near;
    }

    void chooseFormats()
    {
        const std::size_t base = m_originals.size();
        const std::vector<int> png = share(m_originals, 0.08, base);
        std::vector<int> rest;
        std::set_difference(m_originals.begin(), m_originals.end(), png.begin(), png.end(), std::back_inserter(rest));
        const std::vector<int> webp = share(rest, 0.03, base);
        std::vector<int> rest2;
        std::set_difference(rest.begin(), rest.end(), webp.begin(), webp.end(), std::back_inserter(rest2));
        const std::vector<int> tiff = share(rest2, 0.02, base);
        for (int i : png)
            m_plan.files[std::size_t(i)].format = Format::Png;
        for (int i : webp)
            m_plan.files[std::size_t(i)].format = Format::WebP;
        for (int i : tiff)
            m_plan.files[std::size_t(i)].format = Format::Tiff;
    }

    // Poor quality, PII and harmless text, as exact shares of the originals.
    void chooseContent()
    {
        const std::size_t base = m_originals.size();
        for (int i : share(m_originals, 0.08, base))
            m_plan.files[std::size_t(i)].issue = Quality(1 + m_rng.weighted({0.35, 0.25, 0.2, 0.2}));
        const std::vector<int> pii = share(m_originals, 0.2, base);
        for (int i : pii)
            m_plan.files[std::size_t(i)].pii = true;
        std::vector<int> noPii;
        std::set_difference(m_originals.begin(), m_originals.end(), pii.begin(), pii.end(), std::back_inserter(noPii));
        for (int i : share(noPii, 0.15, base))
            m_plan.files[std::size_t(i)].cards = m_rng.chance(0.75) ? 1 : 2;
    }

    // People in 8 % of the originals, drawn from a stream of their own: adding them left every
    // other choice of the plan (and so every face-free photo) as it was.
    void chooseFaces()
    {
        Rng rng(mixSeed(m_options.seed, 0x46414345ull));
        for (int i : chooseShare(m_originals, 0.08, m_originals.size(), rng))
            m_plan.files[std::size_t(i)].faces = rng.chance(0.85) ? 1 : 2;
    }

    void planOriginal(FilePlan &f, int index)
    {
        f.index = index;
        f.seed = mixSeed(m_options.seed, quint64(index), 0x5343454Eull);
        f.contributor = int(m_rng.weighted(m_activity));
        const Contributor &c = m_plan.contributors[std::size_t(f.contributor)];
        f.country = m_rng.chance(0.96) ? c.country : &countries()[m_rng.weighted(m_countryWeights)];
        f.language = QString::fromLatin1(m_rng.chance(f.country->secondLanguageShare) ? f.country->secondLanguage
                                                                                      : f.country->language);
        f.trueLabel = int(m_rng.weighted(m_categoryWeights));
        f.claimedLabel = f.trueLabel;
        // The phone's wall-clock time, kept in UTC so that no time zone or daylight-saving rule
        // of the generating machine can shift it.
        const QDate day = kFirstDay.addDays(m_rng.range(0, 110));
        const QTime time = QTime(7, 0).addSecs(m_rng.range(0, 12 * 3600 + 1800));
        f.taken = QDateTime(day, time, Qt::UTC);
        f.priceUsd = (0.5 + (f.trueLabel * 37 % 50) / 10.0) * std::exp(m_rng.normal() * 0.2);
        if (f.pii)
            f.cards = m_rng.chance(0.7) ? 1 : 2;
        f.quality = f.format == Format::WebP ? m_rng.range(70, 90) : 60 + int(35 * std::pow(m_rng.uniform(), 0.6));
        f.exif = f.format == Format::Jpeg && m_rng.chance(0.9);
        f.thumbnail = f.exif && m_rng.chance(0.5);
        f.displayed = f.issue == Quality::Tiny ? tinySize(m_options, m_rng) : photoSize(m_options, f.format, m_rng);
    }

    void chooseOrientationAndGps(const std::vector<int> &exifJpegs)
    {
        const std::size_t n = std::size_t(m_options.images);
        for (int i : share(exifJpegs, 0.10, n)) {
            const std::size_t turn = m_rng.weighted({0.6, 0.25, 0.15});
            m_plan.files[std::size_t(i)].orientation = turn == 0 ? 6 : turn == 1 ? 8 : 3;
        }
        for (int i : share(exifJpegs, 0.30, n)) {
            FilePlan &f = m_plan.files[std::size_t(i)];
            const City &city = f.country->cities[std::size_t(m_rng.range(0, int(f.country->cities.size()) - 1))];
            const double lat = std::round((city.latitude + m_rng.normal() * 0.03) * 1e6) / 1e6;
            const double lon = std::round((city.longitude + m_rng.normal() * 0.03) * 1e6) / 1e6;
            f.gps = QPointF(lat, lon);
        }
    }

    // The same scene sent again later: re-encoded, resized and/or slightly cropped, its
    // metadata stripped on the way.
    void planNearDuplicate(FilePlan &f, int index)
    {
        const int of = m_originals[std::size_t(m_rng.range(0, int(m_originals.size()) - 1))];
        const FilePlan &o = m_plan.files[std::size_t(of)];
        f = o;
        f.index = index;
        f.seed = mixSeed(m_options.seed, quint64(index), 0x4E454152ull);
        f.duplicate = Duplicate::Near;
        f.duplicateOf = of;
        f.format = m_rng.chance(0.8) ? Format::Jpeg : Format::WebP;
        f.quality = m_rng.range(55, 90);
        f.exif = false;
        f.thumbnail = false;
        f.orientation = 1;
        f.gps.reset();
        f.taken = o.taken.addSecs(m_rng.range(60, 14 * 86400));
        if (m_rng.chance(0.5))
            f.contributor = resubmitter(m_plan, o.contributor, m_activity, m_rng);
        const bool crop = m_rng.chance(0.6);
        const double scale = !crop || m_rng.chance(0.5) ? m_rng.uniform(0.5, 0.85) : 1.0;
        const double left = crop ? m_rng.uniform(0, 0.05) : 0;
        const double top = crop ? m_rng.uniform(0, 0.05) : 0;
        const double right = crop ? m_rng.uniform(0, 0.05) : 0;
        const double bottom = crop ? m_rng.uniform(0, 0.05) : 0;
        f.nearCrop = QRectF(left, top, 1 - left - right, 1 - top - bottom);
        const QSizeF cropped(o.displayed.width() * f.nearCrop.width(), o.displayed.height() * f.nearCrop.height());
        f.displayed = QSize(std::max(8, int(cropped.width() * scale)), std::max(8, int(cropped.height() * scale)));
    }

    // Exact copies: contributors re-submit the same file.
    void addExactCopies()
    {
        for (int of : share(m_originals, 0.03, std::size_t(m_options.images))) {
            FilePlan f = m_plan.files[std::size_t(of)];
            f.index = int(m_plan.files.size());
            f.duplicate = Duplicate::Exact;
            f.duplicateOf = of;
            f.taken = f.taken.addSecs(m_rng.range(3600, 20 * 86400));
            if (m_rng.chance(0.6))
                f.contributor = resubmitter(m_plan, f.contributor, m_activity, m_rng);
            m_plan.files.push_back(f);
        }
    }

    void chooseWrongLabels()
    {
        std::vector<int> everything(m_plan.files.size());
        std::iota(everything.begin(), everything.end(), 0);
        for (int i : share(everything, 0.05, m_plan.files.size())) {
            FilePlan &f = m_plan.files[std::size_t(i)];
            // Wrong labels are mostly a neighbouring category: the kind of mistake people make.
            const int shift = m_rng.chance(0.7) ? 1 : m_rng.range(1, m_options.categories - 1);
            f.claimedLabel = (f.trueLabel + shift) % m_options.categories;
        }
    }

    // Names follow each contributor's phone and numbering, in the order the photos were taken.
    void assignPaths()
    {
        std::vector<int> byTime(m_plan.files.size());
        std::iota(byTime.begin(), byTime.end(), 0);
        std::stable_sort(byTime.begin(), byTime.end(), [&](int a, int b) {
            return m_plan.files[std::size_t(a)].taken < m_plan.files[std::size_t(b)].taken;
        });
        std::vector<int> counters;
        for (std::size_t i = 0; i < m_plan.contributors.size(); ++i)
            counters.push_back(m_rng.range(10, 900));
        QSet<QString> used;
        QSet<QString> folders;
        for (int i : byTime) {
            FilePlan &f = m_plan.files[std::size_t(i)];
            const Contributor &c = m_plan.contributors[std::size_t(f.contributor)];
            const QString folder = folderFor(c, f.taken);
            f.path = uniquePath(folder, baseName(f, c, counters[std::size_t(f.contributor)], m_rng), used);
            for (QString parent = folder; !parent.isEmpty(); parent = parent.section(QLatin1Char('/'), 0, -2))
                folders.insert(parent);
        }
        m_plan.folders = QStringList(folders.begin(), folders.end());
        std::sort(m_plan.folders.begin(), m_plan.folders.end());
    }

    void makeGroups()
    {
        std::vector<int> groupOf(m_plan.files.size(), -1);
        for (int i : m_originals) {
            groupOf[std::size_t(i)] = int(m_plan.groups.size());
            m_plan.groups.push_back(Group{i, {}});
        }
        for (const FilePlan &f : m_plan.files) {
            if (f.duplicate != Duplicate::None)
                m_plan.groups[std::size_t(groupOf[std::size_t(f.duplicateOf)])].copies.push_back(f.index);
        }
    }

    const DemoOptions &m_options;
    Rng m_rng;
    Plan m_plan;
    std::vector<int> m_originals;
    std::vector<double> m_countryWeights;
    std::vector<double> m_categoryWeights;
    std::vector<double> m_activity;
};

} // namespace

Plan makePlan(const DemoOptions &options) { return Planner(options).make(); }

} // namespace sieve::demo
