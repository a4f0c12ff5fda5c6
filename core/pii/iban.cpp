#include "pii/iban.h"

#include <QHash>
#include <QRegularExpression>

namespace sieve::pii {

namespace {

// IBAN lengths from the SWIFT IBAN registry.
int ibanLength(QStringView country)
{
    static const QHash<QString, int> lengths = {
        {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
        {"BG", 22}, {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28},
        {"CZ", 24}, {"DE", 22}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24},
        {"FI", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18},
        {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23},
        {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32},
        {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24}, {"ME", 22},
        {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
        {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
        {"SC", 31}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
        {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
    };
    return lengths.value(country.toString().toUpper(), 0);
}

} // namespace

bool ibanChecksumValid(const QString &iban)
{
    if (iban.size() < 5)
        return false;
    const QString rearranged = (iban.mid(4) + iban.left(4)).toUpper();
    int remainder = 0;
    for (QChar c : rearranged) {
        int value;
        if (c >= u'0' && c <= u'9')
            value = c.unicode() - '0';
        else if (c >= u'A' && c <= u'Z')
            value = c.unicode() - 'A' + 10;
        else
            return false;
        remainder = (value >= 10 ? remainder * 100 : remainder * 10) + value;
        remainder %= 97;
    }
    return remainder == 1;
}

QList<TextSpan> findIbans(const QString &text)
{
    static const QRegularExpression start(QStringLiteral(R"(\b([A-Za-z]{2})\d{2})"));
    QList<TextSpan> found;
    int from = 0;
    for (;;) {
        const QRegularExpressionMatch m = start.match(text, from);
        if (!m.hasMatch())
            break;
        from = int(m.capturedStart()) + 1;
        const int wanted = ibanLength(m.capturedView(1));
        if (wanted == 0)
            continue;
        QString compact;
        int end = int(m.capturedStart());
        for (; end < text.size() && compact.size() < wanted; ++end) {
            const QChar c = text[end];
            if (c.isLetterOrNumber() && c.unicode() < 128)
                compact += c;
            else if (c != u' ')
                break;
        }
        // The IBAN must end at a word boundary and pass the checksum.
        const bool boundary = end == text.size() || !text[end].isLetterOrNumber();
        if (compact.size() == wanted && boundary && ibanChecksumValid(compact)) {
            found << TextSpan{PiiType::Iban, int(m.capturedStart()), end - int(m.capturedStart()), m.captured(1).toUpper()};
            from = end;
        }
    }
    return found;
}

} // namespace sieve::pii
