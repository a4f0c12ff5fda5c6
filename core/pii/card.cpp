#include "pii/card.h"

#include <QRegularExpression>

namespace sieve::pii {

bool luhnValid(const QString &digits)
{
    int sum = 0;
    int count = 0;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        if (!digits[i].isDigit())
            continue;
        int d = digits[i].digitValue();
        if (count % 2 == 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        ++count;
    }
    return count > 0 && sum % 10 == 0;
}

QList<TextSpan> findPaymentCards(const QString &text)
{
    static const QRegularExpression run(QStringLiteral(R"((?<![\d-])\d(?:[ -]?\d)+(?![\d-]))"));
    QList<TextSpan> found;
    for (auto it = run.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString digits = m.captured().remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
        if (digits.size() >= 13 && digits.size() <= 19 && luhnValid(digits))
            found << TextSpan{PiiType::PaymentCard, int(m.capturedStart()), int(m.capturedLength()), QString()};
    }
    return found;
}

} // namespace sieve::pii
