#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>
#include <QStringDecoder>

#include <memory>
#include <optional>

namespace sieve::ingest {

// A text file handed out as UTF-8 bytes one block at a time, so that a file of any size is read
// in bounded memory. A UTF-8 byte-order mark is skipped; UTF-16 (Excel's "Unicode text", with a
// byte-order mark, or recognised by its zero bytes) is transcoded block by block. Files that are
// not text are refused at open. Part of the metadata reader; used by one thread at a time.
class TextInput {
public:
    enum class Encoding { Utf8, Utf16LittleEndian, Utf16BigEndian };

    static constexpr qsizetype blockSize = 1024 * 1024;

    // Opens the file and reads its first block. Fails, with a message naming the file, when it
    // cannot be opened, is empty, is not text (saying what it looks like: an image, a
    // spreadsheet workbook, ...), or is UTF-32.
    static Result<std::unique_ptr<TextInput>> open(const QString &path);

    const QString &path() const { return m_path; }
    Encoding encoding() const { return m_encoding; }

    // The bytes read and not yet released. Readers keep their own offsets into them.
    const char *data() const { return m_buffer.constData(); }
    qsizetype size() const { return m_buffer.size(); }

    // Releases the first `release` bytes (offsets into data() drop by that much, pointers into
    // it become invalid) and appends the next block. Returns false when the file has no more
    // bytes, an error naming the file when reading fails.
    Result<bool> readMore(qsizetype release);
    // Back to the first byte after the byte-order mark, as just after open().
    Status rewind();

    // File bytes behind offset `position` of data(), for progress: exact for UTF-8, an
    // estimate for UTF-16.
    qint64 bytesRead(qsizetype position) const;
    qint64 totalBytes() const { return m_totalBytes; }

private:
    explicit TextInput(const QString &path);
    Result<bool> appendBlock();

    QString m_path;
    QFile m_file;
    Encoding m_encoding = Encoding::Utf8;
    qint64 m_totalBytes = 0;
    qint64 m_byteOrderMarkSize = 0;
    qint64 m_released = 0;   // bytes of the (transcoded) text released so far
    QByteArray m_buffer;
    QByteArray m_raw;        // UTF-16 only: the block as read, before transcoding
    std::optional<QStringDecoder> m_utf16;
};

// Decodes one field or line. Bytes that are not valid UTF-8 are read as Windows-1252 instead (a
// superset of Latin-1, what older Excel versions write) and *fellBack is set to true.
QString decodeText(QByteArrayView bytes, bool *fellBack);

} // namespace sieve::ingest
