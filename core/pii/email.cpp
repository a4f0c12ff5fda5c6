#include "pii/email.h"

#include <QRegularExpression>

#include <algorithm>
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
    // one such break is taken as part of the address. At the end of a line, the last letter of
    // the top-level domain may be lost to the edge of a label ("yquispe@example.p").
    static const QRegularExpression address(
        QStringLiteral(R"((?<![\w.%+-])[\w.%+-]+@[\w-]+(?: [a-z]+)?(?:\.[\w-]+)*\.(?:[A-Za-z]{2,}(?![\w-])|[a-z]\s*$))"),
        QRegularExpression::UseUnicodePropertiesOption);
    // OCR reads the '@' of small print as 'Q', '©', '®', '&', after a digit '0', and after a
    // lower-case local part 'G' ("grace_wanjiru16Qexample.co.ke", "putri13970example.co.id",
    // "nonyangoGekample.co.ke"); between a local part and a domain with a top-level domain it is
    // taken for one. Web addresses are not e-mails, nor are names written in capitals
    // ("KenyaGrocers.co.ke": a 'G' after a capital).
    static const QRegularExpression lookAlike(
        QStringLiteral(R"((?<![\w.%+:/-])(?!www\.)(?:[\w.%+-]{2,}(?:[Q©®&]|(?<=\d)0)|[a-z0-9._%+-]{2,}G)[a-z][\w-]*(?:\.[\w-]+)*\.[a-z]{2,}(?![\w/-]))"),
        QRegularExpression::UseUnicodePropertiesOption);
    // A line that is only an address, with its local part broken by a space where OCR lost an
    // underscore ("amani lyimo48@example.co.tz"): the word before is part of it.
    static const QRegularExpression brokenLocalPart(QStringLiteral(R"(^\s*[a-z0-9._-]{2,} $)"));
    QList<TextSpan> found;
    const auto add = [&](qsizetype compactStart, qsizetype compactEnd) {
        const QString before = compact.left(compactStart);
        if (brokenLocalPart.match(before).hasMatch())
            compactStart = before.indexOf(before.trimmed());
        const int start = origin[std::size_t(compactStart)];
        const int end = origin[std::size_t(compactEnd - 1)] + 1;
        for (const TextSpan &span : found)
            if (start < span.start + span.length && span.start < end)
                return;
        found << TextSpan{PiiType::Email, start, end - start, QString()};
    };
    for (auto it = address.globalMatch(compact); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        add(m.capturedStart(), m.capturedEnd());
    }
    for (auto it = lookAlike.globalMatch(compact); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (!m.captured().contains(QLatin1Char('@')))
            add(m.capturedStart(), m.capturedEnd());
    }
    std::sort(found.begin(), found.end(), [](const TextSpan &a, const TextSpan &b) { return a.start < b.start; });
    return found;
}

} // namespace sieve::pii
