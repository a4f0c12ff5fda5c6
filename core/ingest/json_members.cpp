#include "ingest/json_members.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cstring>

namespace sieve::ingest {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ingest)
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

const char *skipSpace(const char *p, const char *end)
{
    while (p < end && isSpace(*p))
        ++p;
    return p;
}

// The scanners below run on text QJsonDocument has already accepted, so they only need to find
// where each token ends; they still never read past `end`.

// p is at an opening quote; returns the position after the closing one.
const char *skipString(const char *p, const char *end)
{
    for (++p; p < end; ++p) {
        if (*p == '\\')
            ++p;
        else if (*p == '"')
            return p + 1;
    }
    return end;
}

const char *skipValue(const char *p, const char *end)
{
    if (p < end && *p == '"')
        return skipString(p, end);
    if (p < end && (*p == '{' || *p == '[')) {
        int depth = 0;
        while (p < end) {
            const char c = *p;
            if (c == '"') {
                p = skipString(p, end);
                continue;
            }
            ++p;
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return p;
        }
        return end;
    }
    while (p < end && *p != ',' && *p != '}' && *p != ']' && !isSpace(*p))
        ++p;
    return p;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 0;
}

// The text of a string token (quotes included). A \u escape is one UTF-16 unit, so the two
// halves of an escaped surrogate pair join up by being appended one after the other.
QString unescape(QByteArrayView token)
{
    const char *p = token.data() + 1;
    const char *end = token.data() + std::max<qsizetype>(token.size() - 1, 1);
    if (!std::memchr(p, '\\', size_t(end - p)))
        return QString::fromUtf8(p, end - p);
    QString text;
    const char *run = p;
    while (p < end) {
        if (*p != '\\') {
            ++p;
            continue;
        }
        text += QString::fromUtf8(run, p - run);
        if (++p >= end)
            break;
        switch (*p) {
        case 'b': text += u'\b'; break;
        case 'f': text += u'\f'; break;
        case 'n': text += u'\n'; break;
        case 'r': text += u'\r'; break;
        case 't': text += u'\t'; break;
        case 'u': {
            char16_t unit = 0;
            for (int i = 1; i <= 4 && p + i < end; ++i)
                unit = char16_t(unit * 16 + hexDigit(p[i]));
            text += QChar(unit);
            p += std::min<qsizetype>(4, end - p - 1);
            break;
        }
        default: text += QLatin1Char(*p); break;   // \" \\ \/
        }
        run = ++p;
    }
    text += QString::fromUtf8(run, end - run);
    return text;
}

// An object or array as compact JSON: the text as written, without the spaces between tokens.
QString compact(QByteArrayView raw)
{
    QByteArray text;
    text.reserve(raw.size());
    const char *p = raw.data();
    const char *end = p + raw.size();
    while (p < end) {
        if (*p == '"') {
            const char *stringEnd = skipString(p, end);
            text.append(p, stringEnd - p);
            p = stringEnd;
        } else {
            if (!isSpace(*p))
                text.append(*p);
            ++p;
        }
    }
    return QString::fromUtf8(text);
}

} // namespace

Result<QList<JsonMember>> parseJsonObject(QByteArrayView utf8)
{
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(utf8.data(), utf8.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Tr::tr("not valid JSON (%1 at character %2)")
                        .arg(error.errorString(), QString::number(error.offset + 1)));
    if (!document.isObject())
        return fail(Tr::tr("not a JSON object"));

    QList<JsonMember> members;
    const char *end = utf8.data() + utf8.size();
    const char *p = std::min(skipSpace(utf8.data(), end) + 1, end);   // past '{'
    for (;;) {
        p = skipSpace(p, end);
        if (p >= end || *p != '"')
            break;
        const char *keyEnd = skipString(p, end);
        JsonMember member;
        member.key = unescape(QByteArrayView(p, keyEnd - p));
        p = skipSpace(std::min(skipSpace(keyEnd, end) + 1, end), end);   // past ':'
        const char *valueEnd = skipValue(p, end);
        const QByteArrayView raw(p, valueEnd - p);
        if (raw.isEmpty() || raw == "null")
            member.value = QString();
        else if (raw.front() == '"')
            member.value = unescape(raw);
        else if (raw.front() == '{' || raw.front() == '[')
            member.value = compact(raw);
        else
            member.value = QString::fromLatin1(raw);   // a number, true or false
        members.append(std::move(member));
        p = skipSpace(valueEnd, end);
        if (p < end && *p == ',')
            ++p;
    }
    return members;
}

} // namespace sieve::ingest
