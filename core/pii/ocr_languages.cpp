#include "pii/ocr_languages.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <string_view>

namespace sieve::pii {

namespace {

struct RegionLanguages {
    std::string_view region;
    std::string_view languages;   // Tesseract codes, main language first
};

// Languages printed on labels, receipts and forms, by country, the most common first. English is
// added last where it is not listed.
constexpr std::array kRegions = std::to_array<RegionLanguages>({
    // Africa
    {"KE", "eng+swa"}, {"TZ", "swa"}, {"UG", "eng+swa"}, {"RW", "kin+fra"}, {"BI", "fra"}, {"CD", "fra+swa"},
    {"CG", "fra"}, {"CM", "fra"}, {"GA", "fra"}, {"CF", "fra"}, {"TD", "fra+ara"}, {"SN", "fra"},
    {"CI", "fra"}, {"ML", "fra"}, {"BF", "fra"}, {"NE", "fra"}, {"BJ", "fra"}, {"TG", "fra"},
    {"GN", "fra"}, {"MG", "fra+mlg"}, {"DJ", "fra+ara"}, {"KM", "fra+ara"}, {"MA", "fra+ara"},
    {"DZ", "fra+ara"}, {"TN", "fra+ara"}, {"MR", "ara+fra"}, {"EG", "ara"}, {"SD", "ara"},
    {"LY", "ara"}, {"ET", "amh"}, {"SO", "som+ara"}, {"AO", "por"}, {"MZ", "por"}, {"GW", "por"},
    {"CV", "por"}, {"ST", "por"}, {"GQ", "spa+fra"}, {"ZA", "eng+afr"}, {"NA", "eng+afr"},
    {"NG", "eng"}, {"GH", "eng"}, {"LR", "eng"}, {"SL", "eng"}, {"GM", "eng"}, {"ZM", "eng"}, {"ZW", "eng"},
    {"MW", "eng"}, {"BW", "eng"}, {"LS", "eng"}, {"SZ", "eng"}, {"SS", "eng"},
    // Americas
    {"MX", "spa"}, {"GT", "spa"}, {"HN", "spa"}, {"SV", "spa"}, {"NI", "spa"}, {"CR", "spa"},
    {"PA", "spa"}, {"CU", "spa"}, {"DO", "spa"}, {"PR", "spa"}, {"CO", "spa"}, {"VE", "spa"},
    {"EC", "spa"}, {"PE", "spa"}, {"BO", "spa"}, {"PY", "spa"}, {"CL", "spa"}, {"AR", "spa"},
    {"UY", "spa"}, {"BR", "por"}, {"HT", "fra"}, {"CA", "eng+fra"}, {"US", "eng+spa"}, {"JM", "eng"},
    {"TT", "eng"}, {"BZ", "eng+spa"}, {"GY", "eng"},
    // Asia and the Pacific
    {"ID", "ind"}, {"MY", "msa+eng"}, {"BN", "msa"}, {"SG", "msa+chi_sim"}, {"TL", "por+ind"},
    {"PH", "eng+fil"}, {"VN", "vie"}, {"TH", "tha"}, {"KH", "khm"}, {"LA", "lao"}, {"MM", "mya"},
    {"BD", "ben"}, {"NP", "nep"}, {"LK", "sin+tam"}, {"PK", "urd"}, {"AF", "fas+pus"}, {"IR", "fas"},
    {"IN", "eng+hin"}, {"AU", "eng"}, {"NZ", "eng"}, {"PG", "eng"}, {"FJ", "eng"}, {"CN", "chi_sim"}, {"TW", "chi_tra"}, {"HK", "chi_tra"}, {"JP", "jpn"}, {"KR", "kor"},
    // Europe and the Middle East
    {"FR", "fra"}, {"BE", "fra+nld+deu"}, {"LU", "fra+deu"}, {"CH", "deu+fra+ita"}, {"MC", "fra"},
    {"ES", "spa+cat"}, {"PT", "por"}, {"IT", "ita"}, {"DE", "deu"}, {"AT", "deu"}, {"NL", "nld"},
    {"TR", "tur"}, {"SA", "ara"}, {"AE", "ara"}, {"JO", "ara"}, {"LB", "ara+fra"}, {"IQ", "ara"},
    {"SY", "ara"}, {"YE", "ara"}, {"GB", "eng"}, {"IE", "eng"},
});

} // namespace

QString ocrLanguagesForRegion(const QString &configured, const QString &region)
{
    const QByteArray code = region.trimmed().toUpper().toLatin1();
    const auto it = std::find_if(kRegions.begin(), kRegions.end(),
                                 [&](const RegionLanguages &r) { return r.region == code.constData(); });
    if (code.isEmpty() || it == kRegions.end())
        return configured;
    const QStringList available = configured.split(QLatin1Char('+'), Qt::SkipEmptyParts);
    QStringList chosen;
    for (const QString &language :
         QString::fromLatin1(it->languages.data(), qsizetype(it->languages.size())).split(QLatin1Char('+')))
        if (available.contains(language))
            chosen.append(language);
    if (chosen.isEmpty())
        return configured;
    if (available.contains(QStringLiteral("eng")) && !chosen.contains(QStringLiteral("eng")))
        chosen.append(QStringLiteral("eng"));
    return chosen.join(QLatin1Char('+'));
}

} // namespace sieve::pii
