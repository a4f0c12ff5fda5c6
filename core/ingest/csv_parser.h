#pragma once

#include "base/result.h"
#include "ingest/metadata_reader.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <vector>

namespace sieve::ingest {

class TextInput;

// One record as split by CsvParser: the raw (UTF-8, not yet decoded) contents of its fields.
struct CsvRecord {
    struct Field {
        qsizetype begin = 0;
        qsizetype end = 0;
        bool quoted = false;   // quoted fields keep their spaces; unquoted ones are to be trimmed
    };

    int line = 0;          // where the record starts, 1-based
    QByteArray bytes;      // the fields' contents, unquoted and unescaped, one after the other
    std::vector<Field> fields;

    QByteArrayView field(qsizetype index) const
    {
        const Field &f = fields[size_t(index)];
        return QByteArrayView(bytes.constData() + f.begin, f.end - f.begin);
    }
};

// Splits a TextInput into records per RFC 4180, leniently as spreadsheet programs do: CRLF, LF
// and lone CR line endings, blank lines skipped, spaces around quoted fields ignored, text after
// a closing quote kept. A record is capped at maxRecordBytes, so memory stays bounded whatever
// the input; a longer line is skipped up to its end with an issue. A quote that is never closed,
// or whose field runs past the cap, or that closes on a later line and is followed by more text,
// was almost always a stray quote: its line is read again with quotes as plain characters (with
// an issue), so the lines after it are not swallowed.
//
// With Dialect::lines() a record is one line with one field and quotes are plain text: the
// JSON-lines reader uses it to get the same line endings, line numbers and cap.
//
// Issues are appended to the list given at construction. One thread at a time.
class CsvParser {
public:
    static constexpr qsizetype maxRecordBytes = MetadataReader::maxRecordBytes;

    struct Dialect {
        char delimiter = ',';
        bool quoting = true;
    };
    // A line break ends a record before it could act as a delimiter, so '\n' never splits one.
    static constexpr Dialect lines() { return {'\n', false}; }

    // Comma, semicolon or tab: whichever the first non-blank line holds most of outside quotes
    // (comma when it holds none of them).
    static char sniffDelimiter(QByteArrayView head);

    CsvParser(TextInput &input, Dialect dialect, QList<MetadataIssue> &issues);

    // Reads the next record that is not blank. Returns false at the end of the input, an error
    // only when reading the file fails (the parser is then finished).
    Result<bool> next(CsvRecord &record);
    // Starts again from the first byte, after TextInput::rewind().
    void restart();
    // Offset in the input's data() of the next byte to read, for progress.
    qsizetype position() const { return m_position; }

private:
    enum class Outcome { Record, Skipped, Retry, End };
    Result<Outcome> parseRecord(CsvRecord &record);
    Result<Outcome> skipLine();
    void countLineBreak(char c);
    Outcome rereadWithPlainQuotes(const CsvRecord &record, qsizetype recordStart, QString issue);

    TextInput &m_input;
    Dialect m_dialect;
    QList<MetadataIssue> &m_issues;
    qsizetype m_position = 0;
    int m_line = 1;
    bool m_afterCarriageReturn = false;   // a following LF belongs to the same line break
    bool m_atEnd = false;
    bool m_quotesArePlain = false;        // re-reading one line after a stray quote
    MetadataIssue m_pendingIssue;         // reported once that line has been re-read
};

} // namespace sieve::ingest
