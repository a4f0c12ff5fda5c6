#include "pii/email.h"

#include <QRegularExpression>

#include <vector>

namespace sieve::pii {

QList<TextSpan> findEmails(const QString &text)
{
    // Compact the text: separators with the spaces around them become one '@' or '.', and
    // origin[i] remembers where character i of the compact text came from.
    static const QRegularExpression separator(
        QStringLiteral(R"(\s*(@|[(\[]\s*at\s*[)\]]|[(\[]\s*dot\s*[)\]]|\.)\s*)"),
        QRegularExpression::CaseInsensitiveOption);
    QString compact;
    std::vector<int> origin;
    int position = 0;
    auto copyUpTo = [&](int end) {
        for (; position < end; ++position) {
            compact += text[position];
            origin.push_back(position);
        }
    };
    for (auto it = separator.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        copyUpTo(int(m.capturedStart()));
        const QString what = m.captured(1).toLower();
        compact += what.contains(QLatin1String("at")) || what == QLatin1String("@") ? QLatin1Char('@') : QLatin1Char('.');
        origin.push_back(int(m.capturedStart(1)));
        position = int(m.capturedEnd());
    }
    copyUpTo(int(text.size()));

    // OCR sometimes breaks the domain's first word with a space ("exam ple.com"): after the '@'
    // one such break is taken as part of the address.
    static const QRegularExpression address(
        QStringLiteral(R"((?<![\w.%+-])[\w.%+-]+@[\w-]+(?: [a-z]+)?(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-]))"),
        QRegularExpression::UseUnicodePropertiesOption);
    QList<TextSpan> found;
    for (auto it = address.globalMatch(compact); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const int start = origin[std::size_t(m.capturedStart())];
        const int end = origin[std::size_t(m.capturedEnd() - 1)] + 1;
        found << TextSpan{PiiType::Email, start, end - start, QString()};
    }
    return found;
}

} // namespace sieve::pii
