#pragma once

#include <QString>

namespace sieve::pii {

// The part of CONFIGURED (Tesseract codes joined with '+', as availableOcrLanguages() returns
// them) worth reading a photo from REGION (ISO 3166 code, the image's country attribute) with:
// the region's languages that are configured, the most common first, then English where it is
// configured and not among them (packaging and forms carry it nearly everywhere). Tesseract tries every
// language of its set on each word the first one does not read as a dictionary word (numbers,
// names, noise), so a photo from Kenya read with six languages costs several times one read
// with Swahili and English. CONFIGURED unchanged when the region is empty or unknown, or none of
// its languages is configured (nothing better to go on). Pure; any thread.
QString ocrLanguagesForRegion(const QString &configured, const QString &region);

} // namespace sieve::pii
