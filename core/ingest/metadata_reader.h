#pragma once

#include "base/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace sieve::ingest {

class CsvParser;
struct CsvRecord;
class TextInput;

struct MetadataRow {
    int line = 0;         // 1-based line where the record starts (CSV records may span lines)
    QStringList values;   // aligned with columns(); missing fields are empty strings
};

// A problem in the file that the reader got past. The message is for people and names the line.
struct MetadataIssue {
    int line = 0;
    QString message;
};

// Streams the metadata file given with an image folder: CSV with a header (RFC 4180, comma,
// semicolon or tab, as Excel and field tools write it), or JSON lines (one object per line).
// Whatever the file's size, memory stays bounded: rows are read one at a time and a record is
// capped at 1 MiB.
//
// Messy input never stops the reader and never silently loses a row: a row that cannot be read
// as written is returned as well as possible or skipped, and either way an issue names its line
// (fields missing or extra, not UTF-8, an unclosed quote, a line over 1 MiB, malformed JSON, no
// path). Only a file that cannot be used at all fails open(), and only an I/O error fails next().
//
// CSV: the header's delimiter is sniffed (the most frequent of comma, semicolon and tab; a .tsv
// or .tab file is tab-separated). Spaces around unquoted fields are trimmed. Blank lines, and
// lines whose fields are all empty (Excel's ",,,"), are skipped; empty fields beyond the
// header's (Excel pads rows to the widest one) are dropped without an issue. A field whose bytes
// are not valid UTF-8 is read as Windows-1252 (older Excel). A quote that is never closed is
// taken as a stray character: its line is read with quotes as plain text, so the lines after it
// are not swallowed. UTF-16 files (Excel's "Unicode text") are read too.
//
// JSON lines: the columns are the keys of the objects on the first 1000 lines, in the order
// first seen. A key first seen later is appended to columns() when its line is read: rows read
// before it have fewer values than columns() has names, and should be taken as empty there.
// Values: strings as they are, numbers and booleans as written, null as empty, objects and
// arrays as compact JSON.
//
// Paths are returned as written; see normalisePath().
//
// Threads: a reader is used by one thread at a time (one reader per thread); it may be created
// on one thread and handed to another.
class MetadataReader {
public:
    enum class Format { Csv, JsonLines };

    // Records longer than this are skipped (with an issue) instead of being held in memory.
    static constexpr qsizetype maxRecordBytes = 1024 * 1024;
    // JSON lines: how many lines are read at open() to learn the columns.
    static constexpr int jsonLinesScanned = 1000;

    // Opens the file and reads the header (CSV) or scans the first objects (JSON lines) to
    // learn the columns; the reader is then before the first row. Fails, with a message naming
    // the file and saying what to do, when the file cannot be opened, is empty, is not text (an
    // image, a spreadsheet workbook, ...), has no header or no JSON object, is a JSON array
    // rather than JSON lines, or has no column naming the images; nothing is left open then.
    // Problems in the header (empty or duplicate names) are issues, available from takeIssues()
    // at once. The caller owns the reader; destroying it closes the file.
    static Result<std::unique_ptr<MetadataReader>> open(const QString &path);
    ~MetadataReader();

    const QString &path() const { return m_path; }
    Format format() const { return m_format; }
    // CSV only: ',', ';' or '\t'.
    char delimiter() const { return m_delimiter; }

    // As written in the header, trimmed, without a byte-order mark. Empty names become
    // "column_N" (N counting from 1) and repeated ones "name_2", "name_3"... (names are
    // compared case-insensitively), each with an issue. JSON lines: may grow while reading.
    const QStringList &columns() const { return m_columns; }
    // The column naming the image: the first of path, relative_path, image_path, file_path,
    // filepath, file, filename, file_name, image, image_name, photo that a column is called
    // (case, spaces and hyphens aside: "File Name" is file_name). Always valid.
    int pathColumn() const { return m_pathColumn; }
    // The first of label, category, class, claimed_label; -1 when there is none.
    int labelColumn() const { return m_labelColumn; }

    // Reads the next row that has a path into `row`. Returns false at the end of the file (and
    // on every call after it). Returns an error, naming the file, only when reading the file
    // fails; the reader is then at its end and `row` is unspecified.
    Result<bool> next(MetadataRow &row);

    // The issues found since the last call, in file order. Call it as rows are read: a badly
    // broken file can produce an issue per line.
    QList<MetadataIssue> takeIssues();

    // For progress: bytes of the file read so far, and its size.
    qint64 bytesRead() const;
    qint64 totalBytes() const;

    // The path as the importer stores it: trimmed, '\' turned into '/', leading "./" removed.
    static QString normalisePath(QString path);

private:
    explicit MetadataReader(QString path);
    Status openCsv();
    Status openJsonLines();
    Status findKeyColumns(const QString &noPathMessage);
    Result<bool> nextCsv(MetadataRow &row);
    Result<bool> nextJson(MetadataRow &row);
    void addIssue(int line, QString message);

    QString m_path;
    Format m_format = Format::Csv;
    char m_delimiter = ',';
    QStringList m_columns;
    QHash<QString, int> m_jsonColumns;   // key -> index in m_columns
    int m_pathColumn = -1;
    int m_labelColumn = -1;
    std::unique_ptr<TextInput> m_input;
    std::unique_ptr<CsvParser> m_parser;
    std::unique_ptr<CsvRecord> m_record;
    QList<MetadataIssue> m_issues;
    bool m_finished = false;
};

} // namespace sieve::ingest
