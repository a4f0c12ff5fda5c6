#pragma once

#include "pii/text_line.h"

namespace sieve::pii {

// National identity numbers in `text` (already passed through normaliseOcrDigits). Conservative:
// a number is reported only right after its keyword (at most a ':', '.', '#' or "No"
// between), because the bare patterns match too much ordinary text:
//   "CPF" + Brazilian CPF (11 digits, dots and dash allowed) passing both CPF check digits;
//   "NIK" + Indonesian NIK (16 digits);
//   "NIN" + Nigerian NIN (11 digits);
//   "CURP" + Mexican CURP (18 characters of the official pattern);
//   "ID No" / "ID Number" / "ID" + Kenyan national ID (7 or 8 digits).
// The span covers the number, not the keyword. detail names the scheme ("BR CPF"). Pure; any thread.
QList<TextSpan> findNationalIds(const QString &text);

// Both CPF check digits of an 11-digit CPF (other characters ignored); false for other
// lengths and for the all-same-digit numbers that pass the arithmetic but are invalid.
bool cpfValid(const QString &cpf);

} // namespace sieve::pii
