#pragma once

#include <QList>
#include <QRect>
#include <QString>

namespace sieve::pii {

// One word as OCR reads it. box is in image pixels; confidence is 0…100 (Tesseract's scale).
struct TextWord {
    QString text;
    QRect box;
    float confidence = 100;
};

// One line of words in reading order. Recognizers work on text(): the words joined with single
// spaces, so a character position maps back to exactly one word (or a separating space).
struct TextLine {
    QList<TextWord> words;

    QRect box() const;   // union of the word boxes
    QString text() const;
    // Index of the word at character position `position` of text(); -1 for a space or out of range.
    int wordAt(int position) const;
    // Union of the boxes of the words that characters [start, start + length) touch.
    QRect spanBox(int start, int length) const;
    // Mean confidence of the words that characters [start, start + length) touch; 0 if none.
    float spanConfidence(int start, int length) const;
};

// OCR in sparse-text mode often returns one printed line as several pieces ("Muuzaji: Wambui" |
// "Onyango", "E-mail: ma" | "example.com"): pieces that stand on the same row, each starting
// within two character heights after the previous one ends, are joined into one line, their
// words left to right. Lines keep the order of their first piece. Pure.
QList<TextLine> joinRowPieces(QList<TextLine> lines);

enum class PiiType {
    Phone,
    Email,
    PaymentCard,
    Iban,
    NationalId,
    Name,
    Address,
    // The value next to a leading word ("Nom :") that is missing, unreadable or uncertain:
    // likely handwriting, flagged for review rather than ignored.
    LabelledValue,
};

// Stable lower-case name ("phone", "payment_card", …) for storage and logs; not translated.
QString piiTypeName(PiiType type);

// A character span of one line's text() found by a recognizer.
struct TextSpan {
    PiiType type;
    int start = 0;
    int length = 0;
    QString detail;
};

} // namespace sieve::pii
