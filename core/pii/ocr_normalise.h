#pragma once

#include <QString>

namespace sieve::pii {

// Replaces OCR look-alike letters with the digits they were meant to be (O o → 0, l I | → 1,
// S → 5, B → 8, Z → 2) inside digit-dominated runs: maximal runs of whitespace-separated tokens
// made only of digits, look-alikes and + ( ) - . / — and only where real digits outnumber
// look-alikes three to one, so "BOSS", "SOS 12" and "1kg" are left alone while "O712 345 6781"
// becomes "0712 345 6781".
//
// Every replacement is one character for one, so the result has the same length as `text` and
// position i of the result is position i of the input: spans found in the result box the
// same words. Pure; any thread.
QString normaliseOcrDigits(const QString &text);

} // namespace sieve::pii
