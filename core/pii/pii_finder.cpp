#include "pii/pii_finder.h"

#include "pii/card.h"
#include "pii/email.h"
#include "pii/iban.h"
#include "pii/national_id.h"
#include "pii/ocr_normalise.h"
#include "pii/phone.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace sieve::pii {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::pii)
};

constexpr float kReadableConfidence = 60;

bool overlaps(const TextSpan &span, int start, int length)
{
    return start < span.start + span.length && span.start < start + length;
}

bool overlapsAny(const QList<TextSpan> &spans, int start, int length)
{
    return std::any_of(spans.begin(), spans.end(), [&](const TextSpan &s) { return overlaps(s, start, length); });
}

// Character position in text() where word `index` starts.
int wordStart(const TextLine &line, int index)
{
    int start = 0;
    for (int i = 0; i < index; ++i)
        start += int(line.words[i].text.size()) + 1;
    return start;
}

QList<TextSpan> recognize(const TextLine &line, const QString &region)
{
    const QString text = line.text();
    const QString numeric = normaliseOcrDigits(text);
    QList<TextSpan> accepted;
    const QList<QList<TextSpan>> found = {findEmails(text), findIbans(numeric), findPaymentCards(numeric),
                                          findNationalIds(numeric), findPhones(numeric, region)};
    for (const QList<TextSpan> &spans : found) {
        for (const TextSpan &span : spans) {
            if (!overlapsAny(accepted, span.start, span.length))
                accepted << span;
        }
    }
    // A long run of digits right after a phone number is more of it (the number again without
    // its prefix, a second number): it is redacted with it.
    static const QRegularExpression digitRun(QStringLiteral(R"(\+?\d[\d \-./]{5,}\d)"));
    for (TextSpan &phone : accepted) {
        if (phone.type != PiiType::Phone)
            continue;
        const QRegularExpressionMatch m = digitRun.match(numeric, phone.start + phone.length);
        if (!m.hasMatch())
            continue;
        const int start = int(m.capturedStart()), end = int(m.capturedEnd());
        const QStringView run = m.capturedView();
        const auto digits = std::count_if(run.begin(), run.end(), [](QChar c) { return c.isDigit(); });
        if (digits < 8 || start - (phone.start + phone.length) > 4 || overlapsAny(accepted, start, end - start))
            continue;
        phone.length = end - phone.start;
    }
    return accepted;
}

bool isTitleCase(const QString &text)
{
    return text.front().isUpper()
           && std::all_of(text.begin() + 1, text.end(), [](QChar c) { return !c.isLetter() || c.isLower(); });
}

// Whether words[from…] read as a person's name as printed on a card or a sign: two to four
// words in title case ("Faith Otieno", "Zoé Dubois", "María de la Cruz"), letters only, no
// leading word. After a known given name OCR's case slips are forgiven ("Khady saridi").
bool namedFrom(const QList<TextWord> &words, int from, const Lexicon &lexicon, const GivenNames &givenNames)
{
    const int count = int(words.size()) - from;
    if (count < 2 || count > 4 || lexicon.match(words, from))
        return false;
    const bool given = givenNames.contains(words[from].text) && isTitleCase(words[from].text);
    int capitalised = 0;
    for (int i = from; i < words.size(); ++i) {
        const QString &text = words[i].text;
        if (text.size() < 2 && count == 2)
            return false;
        for (const QChar c : text)
            if (!c.isLetter() && c != QLatin1Char('-') && c != QLatin1Char('\''))
                return false;
        if (isTitleCase(text) || given)
            ++capitalised;
        else if (!std::all_of(text.begin(), text.end(), [](QChar c) { return c.isLower(); }) || text.size() > 3)
            return false;   // only short particles ("de", "da", "van") may be lower case
    }
    return capitalised >= 2;
}

// The word where a name starts on LINE, or -1 when the line is no name. One short word of OCR
// noise before it is skipped ("DEN! Fatou Sow": the edge of the card read as letters).
int nameStart(const TextLine &line, const Lexicon &lexicon, const GivenNames &givenNames)
{
    const QList<TextWord> &words = line.words;
    if (namedFrom(words, 0, lexicon, givenNames))
        return 0;
    const QString &first = words.isEmpty() ? QString() : words.front().text;
    const bool noise = first.size() <= 4 && std::any_of(first.begin(), first.end(), [](QChar c) { return !c.isLetter(); });
    return noise && namedFrom(words, 1, lexicon, givenNames) ? 1 : -1;
}

// Lines close above or below LINE that overlap it horizontally: the lines of one card or sign.
bool nextTo(const TextLine &line, const TextLine &other)
{
    const QRect a = line.box(), b = other.box();
    const int height = std::max(a.height(), b.height());
    const int gap = std::max(a.top() - b.bottom(), b.top() - a.bottom());
    const bool overlapping = a.left() < b.right() && b.left() < a.right();
    return overlapping && gap <= 2 * height && &line != &other;
}

// A one-word name ("Ayu", "Wanjiru") at the head of a contact block: a title-case word of
// letters alone on its line, right above or below a line that a leading word opens ("WA +62
// 812…", "Tel: 0712…") and starting where that line starts. Alone, a word like that is as
// likely a product as a person; on top of a labelled number it is who to call.
bool looksLikeContactName(const TextLine &line, const TextLine &contact, const Lexicon &lexicon)
{
    if (line.words.size() != 1 || contact.words.isEmpty() || !lexicon.match(contact.words, 0))
        return false;
    const QString &text = line.words.front().text;
    if (text.size() < 3 || !isTitleCase(text) || !std::all_of(text.begin(), text.end(), [](QChar c) { return c.isLetter(); })
        || lexicon.match(line.words, 0))
        return false;
    const QRect a = line.box(), b = contact.box();
    const int height = std::max(a.height(), b.height());
    const int gap = std::max(a.top() - b.bottom(), b.top() - a.bottom());
    return gap <= height && std::abs(a.left() - b.left()) <= height;
}

// The line printed right under line L: the nearest line below it that overlaps it
// horizontally, at most two line heights down; -1 when there is none. Areas of a photo are
// read one after another, so the next line in the list is not always the one below.
int lineBelow(const QList<TextLine> &lines, int l)
{
    const QRect a = lines[l].box();
    int best = -1;
    int bestGap = 0;
    for (int m = 0; m < lines.size(); ++m) {
        if (m == l || lines[m].words.isEmpty())
            continue;
        const QRect b = lines[m].box();
        const int gap = b.top() - a.bottom();
        const bool overlapping = a.left() < b.right() && b.left() < a.right();
        if (!overlapping || b.center().y() <= a.bottom() || gap > 2 * std::max(a.height(), b.height()))
            continue;
        if (best < 0 || gap < bestGap) {
            best = m;
            bestGap = gap;
        }
    }
    return best;
}

struct Found {
    int line;
    int start;
    PiiMatch match;
};

PiiMatch matchFor(const TextLine &line, const TextSpan &span)
{
    return PiiMatch{span.type, line.text().mid(span.start, span.length), line.spanBox(span.start, span.length),
                    line.spanConfidence(span.start, span.length), span.detail, false};
}

} // namespace

QList<PiiMatch> findPii(const QList<TextLine> &lines, const QString &region, const Lexicon &lexicon,
                        const GivenNames &givenNames)
{
    QList<QList<TextSpan>> spans;
    QList<Found> found;
    for (int l = 0; l < lines.size(); ++l) {
        spans << recognize(lines[l], region);
        for (const TextSpan &span : spans[l])
            found << Found{l, span.start, matchFor(lines[l], span)};
    }

    for (int l = 0; l < lines.size(); ++l) {
        const QList<TextWord> &words = lines[l].words;
        for (int i = 0; i < words.size();) {
            const std::optional<Lexicon::Hit> hit = lexicon.match(words, i);
            const int labelStart = wordStart(lines[l], i);
            if (!hit || !(i == 0 || hit->hasColon) || overlapsAny(spans[l], labelStart, int(words[i].text.size()))) {
                ++i;
                continue;
            }
            // The value runs to the next leading word written with a colon.
            const int valueFirst = i + hit->wordCount;
            int valueEnd = valueFirst;
            while (valueEnd < words.size()) {
                const std::optional<Lexicon::Hit> next = lexicon.match(words, valueEnd);
                if (next && next->hasColon)
                    break;
                ++valueEnd;
            }
            int valueLine = l;
            int first = valueFirst;
            int end = valueEnd;
            // A leading word alone on its line labels the line below ("Nom" above "Amélie Durand"),
            // unless that line starts with a leading word of its own.
            const int below = first == end && i == 0 ? lineBelow(lines, l) : -1;
            if (below >= 0 && !lexicon.match(lines[below].words, 0)) {
                valueLine = below;
                first = 0;
                end = int(lines[below].words.size());
            }
            const TextLine &target = lines[valueLine];
            // A strict leading word without its colon ("WA" in a line of Swahili capitals, "HP"
            // on a laptop box) leads only a value with digits in it, as a phone number has.
            if (hit->entry->strict && !hit->hasColon
                && std::none_of(target.words.begin() + first, target.words.begin() + end, [](const TextWord &w) {
                       return std::any_of(w.text.begin(), w.text.end(), [](QChar c) { return c.isDigit(); });
                   })) {
                i += hit->wordCount;
                continue;
            }
            const QString detail = Tr::tr("lexicon: %1").arg(hit->entry->text);
            const int labelLength = wordStart(lines[l], i + hit->wordCount) - 1 - labelStart;

            if (first == end) {
                found << Found{l, labelStart,
                               PiiMatch{PiiType::LabelledValue, QString(), lines[l].spanBox(labelStart, labelLength), 0,
                                        Tr::tr("%1 (nothing readable next to it)").arg(detail), true}};
            } else {
                const int start = wordStart(target, first);
                const int length = wordStart(target, end) - 1 - start;
                const bool readable = std::any_of(target.words.begin() + first, target.words.begin() + end,
                                                  [](const TextWord &w) { return w.confidence >= kReadableConfidence; });
                const PiiType type = hit->entry->type;
                PiiMatch match{type, target.text().mid(start, length), target.spanBox(start, length),
                               target.spanConfidence(start, length), detail, false};
                if (!readable) {
                    match.type = PiiType::LabelledValue;
                    match.needsReview = true;
                    found << Found{valueLine, start, match};
                } else if (type == PiiType::Email && end - first <= 3 && overlapsAny(spans[valueLine], start, length)) {
                    // "E-mail: luizagoncalves12 49@example.net": OCR put a space inside the
                    // address and the recognizer found only its end. The label says the whole
                    // value is the address.
                    for (Found &f : found) {
                        if (f.line == valueLine && f.match.type == PiiType::Email && f.start >= start
                            && f.start < start + length && f.start + f.match.text.size() <= start + length) {
                            f = Found{valueLine, start, match};
                            break;
                        }
                    }
                } else if (!overlapsAny(spans[valueLine], start, length)) {
                    // A name or address is only known from its label; for a phone number, an
                    // e-mail or an ID the recognizer would have found it, so a person checks.
                    match.needsReview = type != PiiType::Name && type != PiiType::Address;
                    found << Found{valueLine, start, match};
                    spans[valueLine] << TextSpan{type, start, length, detail};
                }
            }
            i = valueEnd > i + hit->wordCount ? valueEnd : i + hit->wordCount;
        }
    }

    // Contact details name their person: a title-case line right above or below a phone number
    // or an e-mail address ("Faith Otieno" over "0777 395 152") is taken for a name.
    for (int l = 0; l < lines.size(); ++l) {
        if (!spans[l].isEmpty() || lines[l].words.isEmpty())
            continue;
        const int nameWord = nameStart(lines[l], lexicon, givenNames);
        const int start = nameWord > 0 ? wordStart(lines[l], nameWord) : 0;
        const int length = int(lines[l].text().size()) - start;
        const auto addName = [&](const QString &why) {
            found << Found{l, start,
                           PiiMatch{PiiType::Name, lines[l].text().mid(start), lines[l].spanBox(start, length),
                                    lines[l].spanConfidence(start, length), why, false}};
            spans[l] << TextSpan{PiiType::Name, start, length, QString()};
        };
        for (int other = 0; other < lines.size(); ++other) {
            const bool contact = std::any_of(spans[other].begin(), spans[other].end(), [](const TextSpan &span) {
                return span.type == PiiType::Phone || span.type == PiiType::Email;
            });
            if (other == l || !contact || !nextTo(lines[l], lines[other])
                || !(nameWord >= 0 || looksLikeContactName(lines[l], lines[other], lexicon)))
                continue;
            addName(Tr::tr("next to contact details"));
            break;
        }
        if (spans[l].isEmpty() && nameWord >= 0 && givenNames.contains(lines[l].words[nameWord].text))
            addName(Tr::tr("starts with a given name"));
    }

    std::stable_sort(found.begin(), found.end(), [](const Found &a, const Found &b) {
        return a.line != b.line ? a.line < b.line : a.start < b.start;
    });
    QList<PiiMatch> result;
    result.reserve(found.size());
    for (const Found &f : found)
        result << f.match;
    return result;
}

} // namespace sieve::pii
