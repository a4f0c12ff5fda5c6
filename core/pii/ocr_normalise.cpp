#include "pii/ocr_normalise.h"

namespace sieve::pii {

namespace {

QChar digitFor(QChar c)
{
    switch (c.unicode()) {
    case 'O': case 'o': return QLatin1Char('0');
    case 'l': case 'I': case '|': return QLatin1Char('1');
    case 'S': return QLatin1Char('5');
    case 'B': return QLatin1Char('8');
    case 'Z': return QLatin1Char('2');
    default: return QChar();
    }
}

bool isNumericPunctuation(QChar c)
{
    return c == u'+' || c == u'(' || c == u')' || c == u'-' || c == u'.' || c == u'/';
}

bool isNumericToken(QStringView token)
{
    for (QChar c : token) {
        if (!c.isDigit() && digitFor(c).isNull() && !isNumericPunctuation(c))
            return false;
    }
    return true;
}

} // namespace

QString normaliseOcrDigits(const QString &text)
{
    QString result = text;
    int i = 0;
    const int size = int(text.size());
    while (i < size) {
        // Collect a run of numeric tokens separated by spaces.
        int runStart = -1;
        int runEnd = -1;
        int digits = 0;
        int lookAlikes = 0;
        int position = i;
        while (position < size) {
            int tokenStart = position;
            while (tokenStart < size && text[tokenStart].isSpace())
                ++tokenStart;
            int tokenEnd = tokenStart;
            while (tokenEnd < size && !text[tokenEnd].isSpace())
                ++tokenEnd;
            if (tokenStart == tokenEnd || !isNumericToken(QStringView(text).mid(tokenStart, tokenEnd - tokenStart)))
                break;
            if (runStart < 0)
                runStart = tokenStart;
            runEnd = tokenEnd;
            for (int k = tokenStart; k < tokenEnd; ++k) {
                digits += text[k].isDigit();
                lookAlikes += !digitFor(text[k]).isNull();
            }
            position = tokenEnd;
        }
        if (runStart < 0) {
            // Skip the non-numeric token.
            while (i < size && text[i].isSpace())
                ++i;
            while (i < size && !text[i].isSpace())
                ++i;
            continue;
        }
        if (lookAlikes > 0 && digits >= 3 * lookAlikes) {
            for (int k = runStart; k < runEnd; ++k) {
                const QChar digit = digitFor(text[k]);
                if (!digit.isNull())
                    result[k] = digit;
            }
        }
        i = runEnd;
    }
    return result;
}

} // namespace sieve::pii
