#pragma once

#include "pii/text_line.h"

namespace sieve::pii {

// IBANs in `text` (already passed through normaliseOcrDigits): a country code with a known
// IBAN length, two check digits and the BBAN, spaces allowed between groups, upper or lower
// case, that pass the ISO 13616 mod-97 check. Exactly the country's length is taken, so a word
// printed after the IBAN is not swallowed. detail: the country code. Pure; any thread.
QList<TextSpan> findIbans(const QString &text);

// The ISO 13616 check over `iban` without spaces: mod 97 of the rearranged number == 1.
bool ibanChecksumValid(const QString &iban);

} // namespace sieve::pii
