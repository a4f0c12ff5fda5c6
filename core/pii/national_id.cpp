#include "pii/national_id.h"

#include <QRegularExpression>

namespace sieve::pii {

bool cpfValid(const QString &cpf)
{
    QList<int> d;
    for (QChar c : cpf) {
        if (c.isDigit())
            d << c.digitValue();
    }
    if (d.size() != 11 || std::all_of(d.begin(), d.end(), [&](int x) { return x == d[0]; }))
        return false;
    for (int check = 9; check <= 10; ++check) {
        int sum = 0;
        for (int i = 0; i < check; ++i)
            sum += d[i] * (check + 1 - i);
        const int expected = (sum * 10) % 11 % 10;
        if (d[check] != expected)
            return false;
    }
    return true;
}

namespace {

struct Scheme {
    const char *detail;
    QRegularExpression pattern; // captures the number as group "number"
    bool (*validate)(const QString &);
};

bool anything(const QString &) { return true; }

QString keywordThen(const char *keyword, const char *number)
{
    return QStringLiteral(R"(\b(?:%1)\s*(?:[:.#]|\bNo\b\.?|\bNumber\b)?\s*[:.#]?\s*(?<number>%2)(?![\w]))")
        .arg(QLatin1String(keyword), QLatin1String(number));
}

} // namespace

QList<TextSpan> findNationalIds(const QString &text)
{
    static const QList<Scheme> schemes = {
        {"BR CPF", QRegularExpression(keywordThen("CPF", R"(\d{3}\.?\d{3}\.?\d{3}-?\d{2})")), cpfValid},
        {"ID NIK", QRegularExpression(keywordThen("NIK", R"(\d{16})")), anything},
        {"NG NIN", QRegularExpression(keywordThen("NIN", R"(\d{11})")), anything},
        {"MX CURP", QRegularExpression(keywordThen("CURP", R"([A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z0-9]\d)")), anything},
        {"KE ID", QRegularExpression(keywordThen("ID", R"(\d{7,8})")), anything},
    };
    QList<TextSpan> found;
    for (const Scheme &scheme : schemes) {
        for (auto it = scheme.pattern.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (scheme.validate(m.captured(u"number")))
                found << TextSpan{PiiType::NationalId, int(m.capturedStart(u"number")), int(m.capturedLength(u"number")),
                                  QLatin1String(scheme.detail)};
        }
    }
    return found;
}

} // namespace sieve::pii
