#include "pii/phone.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <climits>
#include <string>

namespace sieve::pii {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::pii)
};

using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

QString kindName(PhoneNumberUtil::PhoneNumberType type)
{
    switch (type) {
    case PhoneNumberUtil::MOBILE: return Tr::tr("mobile");
    case PhoneNumberUtil::FIXED_LINE: return Tr::tr("landline");
    case PhoneNumberUtil::FIXED_LINE_OR_MOBILE: return Tr::tr("landline or mobile");
    case PhoneNumberUtil::TOLL_FREE: return Tr::tr("toll-free");
    default: return Tr::tr("phone");
    }
}

void collect(const PhoneNumberUtil &util, const std::string &utf8, const QString &region, QList<TextSpan> &found)
{
    PhoneNumberMatcher matcher(util, utf8, region.toStdString(), PhoneNumberMatcher::VALID, INT_MAX);
    PhoneNumberMatch match;
    while (matcher.HasNext()) {
        if (!matcher.Next(&match))
            break;
        // The matcher counts UTF-8 bytes; spans count UTF-16 code units.
        const int start = int(QString::fromUtf8(utf8.data(), match.start()).size());
        const int length = int(QString::fromStdString(match.raw_string()).size());
        const bool overlaps = std::any_of(found.begin(), found.end(), [&](const TextSpan &s) {
            return start < s.start + s.length && s.start < start + length;
        });
        if (overlaps)
            continue;
        std::string numberRegion;
        util.GetRegionCodeForNumber(match.number(), &numberRegion);
        found << TextSpan{PiiType::Phone, start, length,
                          QStringLiteral("%1 %2").arg(QString::fromStdString(numberRegion),
                                                      kindName(util.GetNumberType(match.number())))};
    }
}

} // namespace

QList<TextSpan> findPhones(const QString &text, const QString &region)
{
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    const std::string utf8 = text.toStdString();
    QList<TextSpan> found;
    const QString upper = region.toUpper();
    if (!upper.isEmpty() && upper != QLatin1String("ZZ"))
        collect(util, utf8, upper, found);
    collect(util, utf8, QStringLiteral("ZZ"), found);
    // OCR reads the '+' of an international number as '4' or '1' ("4221 77 215 31 63"): a digit
    // run that starts so and is no number as it stands is tried again as "+…".
    static const QRegularExpression plusAsFour(QStringLiteral(R"((?<![\d+])[41](?=\d{2}[\d \-.]{6,}))"));
    for (auto it = plusAsFour.globalMatch(text); it.hasNext();) {
        const int at = int(it.next().capturedStart());
        if (std::any_of(found.begin(), found.end(), [at](const TextSpan &s) { return at >= s.start && at < s.start + s.length; }))
            continue;
        QString plus = text;
        plus[at] = QLatin1Char('+');
        QList<TextSpan> international;
        collect(util, plus.toStdString(), QStringLiteral("ZZ"), international);
        for (const TextSpan &span : international) {
            const bool overlaps = std::any_of(found.begin(), found.end(), [&](const TextSpan &s) {
                return span.start < s.start + s.length && s.start < span.start + span.length;
            });
            if (span.start == at && !overlaps)
                found << span;
        }
    }
    std::sort(found.begin(), found.end(), [](const TextSpan &a, const TextSpan &b) { return a.start < b.start; });
    return found;
}

} // namespace sieve::pii
