#pragma once

#include "pii/text_line.h"

namespace sieve::pii {

// E-mail addresses in `text`, tolerant of what OCR and people do to them: spaces around '@'
// and '.' ("amelie . durand @ example.fr") and "(at)" / "[at]" / "(dot)" / "[dot]". The span
// covers the address as printed, spaces included. Pure; any thread.
QList<TextSpan> findEmails(const QString &text);

} // namespace sieve::pii
