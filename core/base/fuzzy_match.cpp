#include "base/fuzzy_match.h"

#include <vector>

namespace sieve {

QString foldForMatching(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        folded.append(c.toCaseFolded());
    }
    return folded;
}

std::optional<int> fuzzyScore(const QString &query, const QString &candidate)
{
    const QString q = foldForMatching(query).simplified();
    if (q.isEmpty())
        return 0;
    const QString c = foldForMatching(candidate);
    const qsizetype n = q.size();
    const qsizetype m = c.size();
    if (n > m)
        return std::nullopt;

    // best[i][j]: best score matching q[0..i] with q[i] at c[j]. Small strings (category names),
    // so the O(n·m²) dynamic programme is cheap and finds the best alignment, not the first.
    constexpr int kNone = -1'000'000;
    std::vector<int> previous(std::size_t(m), kNone), current(std::size_t(m), kNone);
    auto bonus = [&](qsizetype j) {
        if (j == 0)
            return 12;
        const QChar before = c.at(j - 1);
        return (before.isSpace() || before == QLatin1Char('-') || before == QLatin1Char('_') || before == QLatin1Char('/')) ? 8 : 0;
    };
    for (qsizetype i = 0; i < n; ++i) {
        std::fill(current.begin(), current.end(), kNone);
        for (qsizetype j = i; j < m; ++j) {
            if (c.at(j) != q.at(i) && !(q.at(i).isSpace() && c.at(j).isSpace()))
                continue;
            int best = kNone;
            if (i == 0) {
                best = 10 + bonus(j) - int(std::min<qsizetype>(j, 10));
            } else {
                for (qsizetype k = i - 1; k < j; ++k) {
                    if (previous[std::size_t(k)] == kNone)
                        continue;
                    const int gap = int(j - k - 1);
                    const int score = previous[std::size_t(k)] + (gap == 0 ? 15 : 10 + bonus(j) - std::min(gap, 8));
                    best = std::max(best, score);
                }
            }
            current[std::size_t(j)] = best;
        }
        std::swap(previous, current);
    }
    int best = kNone;
    for (int score : previous)
        best = std::max(best, score);
    if (best == kNone)
        return std::nullopt;
    // Prefer shorter candidates when the match is equally good ("tea" over "tea leaves box").
    return best - int(std::min<qsizetype>(m - n, 20)) / 2;
}

} // namespace sieve
