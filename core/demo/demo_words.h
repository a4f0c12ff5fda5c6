#pragma once

#include "demo/demo_random.h"

#include <QDate>
#include <QString>

// The printed words of the demo dataset in its six languages (en fr es pt sw id): the leading
// words of forms and notes, and harmless label and price-tag text. Pure data plus functions
// of an Rng; any thread.

namespace sieve::demo {

enum class PiiType { Name, Phone, Email };
QString piiTypeName(PiiType type);

// The word a form or note prints before a value ("Nom", "Tel", "Jina"), in `language`.
QString leadingWord(const QString &language, PiiType type, Rng &rng);

// Harmless printed words.
QString promoWord(const QString &language, Rng &rng);
QString headerWord(const QString &language, Rng &rng);
QString brandName(Rng &rng);
QString quantityText(Rng &rng);
QString expiryText(const QString &language, QDate collected, Rng &rng);
QString lotText(Rng &rng);
QString itemLine(const QString &language, Rng &rng);

} // namespace sieve::demo
