#pragma once

#include "pii/given_names.h"
#include "pii/lexicon.h"
#include "pii/text_line.h"

namespace sieve::pii {

struct PiiMatch {
    PiiType type;
    QString text;         // the characters of the line covered, as OCR read them
    QRect box;            // union of the boxes of the words covered, in image pixels
    float confidence = 0; // mean OCR confidence (0…100) of the words covered
    QString detail;       // what found it: "KE mobile", "BR CPF", "lexicon: Nom", …
    bool needsReview = false;
};

// Finds personal information in one image's OCR lines (in reading order). Per line, after
// normalising OCR look-alikes in numeric runs, the recognizers run in this order, a later one
// dropping what overlaps an earlier find: e-mail, IBAN, payment card, national ID, phone
// (`region`, the ISO code of the image's country or empty, is the default for national
// numbers). Then leading words of `lexicon` mark the value to their right on the same line, up
// to the next leading word with a colon, or, when nothing follows them, the whole line below.
// A leading word counts at the start of a line or when written with a colon ("… Tel: …").
//   - the value is missing or every word of it has confidence < 60 → LabelledValue with
//     needsReview (handwriting or unreadable text next to "Nom:" is flagged, not ignored);
//   - a name or address leading word → a Name or Address match over the value;
//   - a phone/e-mail/ID leading word whose value no recognizer found → a match of that type
//     with needsReview (the label says it is a phone number, the recognizer disagrees).
// Finally, lines that look like a person's name (two to four title-case words) are taken for
// one when they sit right above or below a phone number or e-mail address, or when their first
// word is one of `givenNames`; a single title-case word counts at the head of a contact block
// ("Ayu" over "WA +62 812…").
// Matches come in line order, then left to right. Pure; any thread.
QList<PiiMatch> findPii(const QList<TextLine> &lines, const QString &region,
                        const Lexicon &lexicon = Lexicon::builtIn(),
                        const GivenNames &givenNames = GivenNames::builtIn());

} // namespace sieve::pii
