#include "pii/text_line.h"

#include <algorithm>

namespace sieve::pii {

QRect TextLine::box() const
{
    QRect united;
    for (const TextWord &word : words)
        united = united.united(word.box);
    return united;
}

QList<TextLine> joinRowPieces(QList<TextLine> lines)
{
    const auto follows = [](const QRect &a, const QRect &b) {
        const int height = std::min(a.height(), b.height());
        const int shared = std::min(a.bottom(), b.bottom()) - std::max(a.top(), b.top());
        const int tall = std::max(a.height(), b.height());
        return 2 * shared >= height && 2 * tall <= 3 * height + 2 && b.left() >= a.right() - height / 2
               && b.left() - a.right() <= 2 * tall;
    };
    for (bool joined = true; joined;) {
        joined = false;
        for (qsizetype i = 0; i < lines.size() && !joined; ++i) {
            for (qsizetype j = 0; j < lines.size(); ++j) {
                if (i == j || lines[i].words.isEmpty() || lines[j].words.isEmpty() || !follows(lines[i].box(), lines[j].box()))
                    continue;
                lines[i].words.append(lines[j].words);
                lines.removeAt(j);
                joined = true;
                break;
            }
        }
    }
    return lines;
}

QString TextLine::text() const
{
    QStringList parts;
    parts.reserve(words.size());
    for (const TextWord &word : words)
        parts << word.text;
    return parts.join(QLatin1Char(' '));
}

int TextLine::wordAt(int position) const
{
    int start = 0;
    for (int i = 0; i < words.size(); ++i) {
        const int end = start + int(words[i].text.size());
        if (position >= start && position < end)
            return i;
        start = end + 1;
    }
    return -1;
}

namespace {

// Calls visit(word) for every word that characters [start, start + length) touch.
template <typename Visit>
void forWordsInSpan(const TextLine &line, int start, int length, Visit visit)
{
    int wordStart = 0;
    for (const TextWord &word : line.words) {
        const int wordEnd = wordStart + int(word.text.size());
        if (wordStart < start + length && wordEnd > start)
            visit(word);
        wordStart = wordEnd + 1;
    }
}

} // namespace

QRect TextLine::spanBox(int start, int length) const
{
    QRect united;
    forWordsInSpan(*this, start, length, [&](const TextWord &word) { united = united.united(word.box); });
    return united;
}

float TextLine::spanConfidence(int start, int length) const
{
    float sum = 0;
    int count = 0;
    forWordsInSpan(*this, start, length, [&](const TextWord &word) {
        sum += word.confidence;
        ++count;
    });
    return count == 0 ? 0 : sum / float(count);
}

QString piiTypeName(PiiType type)
{
    switch (type) {
    case PiiType::Phone: return QStringLiteral("phone");
    case PiiType::Email: return QStringLiteral("email");
    case PiiType::PaymentCard: return QStringLiteral("payment_card");
    case PiiType::Iban: return QStringLiteral("iban");
    case PiiType::NationalId: return QStringLiteral("national_id");
    case PiiType::Name: return QStringLiteral("name");
    case PiiType::Address: return QStringLiteral("address");
    case PiiType::LabelledValue: return QStringLiteral("labelled_value");
    }
    return QString();
}

} // namespace sieve::pii
