#pragma once

#include <QString>

#include <optional>

namespace sieve {

// Scores how well QUERY matches CANDIDATE for a type-to-search list: every query character
// must appear in order (case- and accent-insensitive); consecutive runs, matches at word
// starts and a matching prefix score higher, gaps lower. nullopt when it does not match.
// An empty query matches everything with score 0. Any thread.
std::optional<int> fuzzyScore(const QString &query, const QString &candidate);

// Lowercase with accents removed ("Tél" → "tel"), for matching.
QString foldForMatching(const QString &text);

} // namespace sieve
