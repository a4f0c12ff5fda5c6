#pragma once

#include "base/result.h"

#include <QSet>
#include <QString>

namespace sieve::pii {

// Given names that make a bare line of title-case words a person's name ("Salim Mollel" alone
// on a stall sign): without a leading word or contact details next to it, only a known first
// name tells a name from a product ("Golden Rice"). Immutable once loaded; any thread may use a
// const GivenNames.
class GivenNames {
public:
    GivenNames() = default;

    // One name per line; blank lines and text after '#' are ignored.
    static GivenNames fromText(const QString &text);
    // Reads the file at `path`; an unreadable file is an error naming it.
    static Result<GivenNames> load(const QString &path);
    // The list compiled into the binary (resources/lexicons/given_names.txt), loaded once.
    static const GivenNames &builtIn();

    // Whether `word` is one of the names, ignoring case and accents.
    bool contains(const QString &word) const;
    int size() const { return int(m_names.size()); }

private:
    QSet<QString> m_names; // folded with foldForMatching
};

} // namespace sieve::pii
