#pragma once

#include "pii/text_line.h"

namespace sieve::pii {

// Phone numbers in `text` (already passed through normaliseOcrDigits), found with
// libphonenumber's PhoneNumberMatcher at leniency VALID: once with `region` (ISO 3166 code of
// the image's country, "KE") as the default for national numbers, and once with "ZZ" so that
// +international numbers are found whatever the region; overlapping finds are reported once.
// An empty or unknown region finds only +international numbers. libphonenumber rejects
// prices, dates and quantities ("KSh 2500", "2026-03-12", "1 kg"): they are not valid numbers.
// detail: region and kind of number, e.g. "KE mobile". Any thread (the matcher's metadata is
// a thread-safe singleton).
QList<TextSpan> findPhones(const QString &text, const QString &region);

} // namespace sieve::pii
