#pragma once

#include "base/result.h"
#include "pii/text_line.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sieve::pii {

// Leading words ("Name:", "Nom", "Nombre", "Jina", "Tel", "Cel", …) that mark the value to their
// right or on the line below as personal information of a given type. Immutable once loaded;
// any thread may use a const Lexicon.
class Lexicon {
public:
    struct Entry {
        QString text;        // as written in the lexicon: "Nom et prénom"
        QStringList folded;  // its words lower-cased without accents: {"nom", "et", "prenom"}
        PiiType type;
        // Short words that are also everyday words or brands ("WA", WhatsApp in Indonesia, is
        // "of" in Swahili; "HP" is a brand): they count only in the letter case written here
        // or followed by ':'. "strict": true in the lexicon.
        bool strict = false;
    };
    // A leading word found at some word of a line.
    struct Hit {
        const Entry *entry = nullptr; // points into the Lexicon; valid while it lives
        int wordCount = 0;            // line words it covers, a separate ':' included
        bool hasColon = false;        // written with a trailing ':' ("Nom:", "Nom :")
    };

    Lexicon() = default;

    // Parses the lexicon format of resources/lexicons/pii_leading_words.json:
    // {"words": [{"text": "Nom", "type": "name", "languages": ["fr"]}, …]} where type is name,
    // phone, email, address or national_id, and "strict": true is optional (see Entry). Errors name `source` and say what is wrong: not
    // JSON, no "words" array, an entry without text, an unknown type.
    static Result<Lexicon> fromJson(const QByteArray &json, const QString &source);
    // Reads and parses the file at `path`; an unreadable file is an error naming it.
    static Result<Lexicon> load(const QString &path);
    // The lexicon compiled into the binary (resources/lexicons/pii_leading_words.json), loaded
    // once on first use. It is tested, so a parse failure cannot happen at run time; were it
    // to, the result is an empty lexicon and a logged warning.
    static const Lexicon &builtIn();

    // The longest entry whose words are words[index], words[index + 1], …, compared case- and
    // accent-insensitively (a strict entry: in its own case, unless a ':' follows) and ignoring
    // a trailing ':' or '.'; nullopt if none.
    std::optional<Hit> match(const QList<TextWord> &words, int index) const;

    int size() const { return int(m_entries.size()); }

private:
    QList<Entry> m_entries;
};

} // namespace sieve::pii
