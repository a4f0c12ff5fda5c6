#include "pii/lexicon.h"

#include "base/fuzzy_match.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtDebug>

namespace sieve::pii {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::pii)
};

// A word lower-cased without accents and without the ':' or '.' that may follow it.
QString foldWord(const QString &word, bool *hadColon = nullptr)
{
    QString folded = foldForMatching(word);
    bool colon = false;
    while (!folded.isEmpty() && (folded.endsWith(QLatin1Char(':')) || folded.endsWith(QLatin1Char('.')))) {
        colon = colon || folded.endsWith(QLatin1Char(':'));
        folded.chop(1);
    }
    if (hadColon)
        *hadColon = colon;
    return folded;
}

std::optional<PiiType> typeFromName(const QString &name)
{
    for (PiiType type : {PiiType::Name, PiiType::Phone, PiiType::Email, PiiType::Address, PiiType::NationalId}) {
        if (piiTypeName(type) == name)
            return type;
    }
    return std::nullopt;
}

} // namespace

Result<Lexicon> Lexicon::fromJson(const QByteArray &json, const QString &source)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (document.isNull())
        return fail(Tr::tr("The PII lexicon %1 is not valid JSON: %2.").arg(source, error.errorString()));
    const QJsonValue words = document.object().value(QLatin1String("words"));
    if (!words.isArray())
        return fail(Tr::tr("The PII lexicon %1 has no \"words\" array.").arg(source));
    Lexicon lexicon;
    for (const QJsonValue &value : words.toArray()) {
        const QJsonObject object = value.toObject();
        const QString text = object.value(QLatin1String("text")).toString().trimmed();
        if (text.isEmpty())
            return fail(Tr::tr("The PII lexicon %1 has an entry without \"text\".").arg(source));
        const QString typeName = object.value(QLatin1String("type")).toString();
        const std::optional<PiiType> type = typeFromName(typeName);
        if (!type)
            return fail(Tr::tr("The PII lexicon %1 gives \"%2\" the unknown type \"%3\"; use name, phone, email, "
                               "address or national_id.").arg(source, text, typeName));
        QStringList folded;
        for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
            folded << foldWord(word);
        lexicon.m_entries << Entry{text, folded, *type, object.value(QLatin1String("strict")).toBool()};
    }
    return lexicon;
}

Result<Lexicon> Lexicon::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("Cannot read the PII lexicon %1: %2.").arg(path, file.errorString()));
    return fromJson(file.readAll(), path);
}

const Lexicon &Lexicon::builtIn()
{
    static const Lexicon lexicon = [] {
        Result<Lexicon> loaded = load(QStringLiteral(":/sieve/pii/pii_leading_words.json"));
        if (!loaded) {
            qWarning().noquote() << loaded.error();
            return Lexicon();
        }
        return std::move(loaded).value();
    }();
    return lexicon;
}

std::optional<Lexicon::Hit> Lexicon::match(const QList<TextWord> &words, int index) const
{
    std::optional<Hit> best;
    for (const Entry &entry : m_entries) {
        const int count = int(entry.folded.size());
        if (index + count > words.size() || (best && best->entry->folded.size() >= count))
            continue;
        bool colon = false;
        bool same = true;
        for (int k = 0; k < count && same; ++k) {
            bool wordColon = false;
            same = foldWord(words[index + k].text, &wordColon) == entry.folded[k];
            // A colon is only a separator after the last word ("Nom et prénom:").
            if (same && wordColon && k + 1 < count)
                same = false;
            colon = colon || wordColon;
        }
        int covered = count;
        // OCR splits a word with a spurious space now and then ("Cust omer:"): a one-word entry
        // also matches two words close together that make it.
        if (!same && count == 1 && index + 1 < words.size()
            && words[index + 1].box.left() - words[index].box.right() < words[index].box.height() / 2) {
            bool firstColon = false;
            foldWord(words[index].text, &firstColon);
            same = !firstColon && !words[index].text.endsWith(QLatin1Char('.'))
                   && foldWord(words[index].text + words[index + 1].text, &colon) == entry.folded[0];
            covered = 2;
        }
        if (!same)
            continue;
        // French typography puts a space before the colon: "Nom :".
        if (!colon && index + covered < words.size() && words[index + covered].text == QLatin1String(":")) {
            colon = true;
            ++covered;
        }
        if (entry.strict && !colon) {
            QStringList written;
            for (int k = 0; k < count; ++k)
                written << words[index + k].text;
            QString joined = written.join(QLatin1Char(' '));
            while (joined.endsWith(QLatin1Char('.')))
                joined.chop(1);
            if (joined != entry.text)
                continue;
        }
        best = Hit{&entry, covered, colon};
    }
    return best;
}

} // namespace sieve::pii
