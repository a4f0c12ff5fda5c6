#pragma once

#include "pii/text_line.h"

namespace sieve::pii {

// Payment card numbers in `text` (already passed through normaliseOcrDigits): runs of 13 to 19
// digits, single spaces or dashes allowed between them, that pass the Luhn check. A run that
// fails Luhn is not reported (most 16-digit numbers that are not cards fail it). Pure; any thread.
QList<TextSpan> findPaymentCards(const QString &text);

// The Luhn check over the digits of `digits` (other characters ignored); false if none.
bool luhnValid(const QString &digits);

} // namespace sieve::pii
