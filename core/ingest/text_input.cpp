#include "ingest/text_input.h"

#include <QCoreApplication>

#include <array>
#include <algorithm>
#include <cstring>

namespace sieve::ingest {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ingest)
};

bool startsWith(QByteArrayView bytes, QByteArrayView prefix, qsizetype at = 0)
{
    return bytes.size() >= at + prefix.size() && bytes.sliced(at, prefix.size()) == prefix;
}

// What a file that is not text looks like, told by its first bytes (its "magic number"): the
// files people pick by mistake are images, workbooks and archives.
QString describeMagic(QByteArrayView head)
{
    if (startsWith(head, "\xFF\xD8\xFF"))
        return Tr::tr("a JPEG image");
    if (startsWith(head, "\x89PNG\r\n\x1A\n"))
        return Tr::tr("a PNG image");
    if (startsWith(head, "GIF87a") || startsWith(head, "GIF89a"))
        return Tr::tr("a GIF image");
    if (startsWith(head, "RIFF") && startsWith(head, "WEBP", 8))
        return Tr::tr("a WebP image");
    if (startsWith(head, "ftyp", 4))
        return Tr::tr("an HEIC image or a video");
    if (startsWith(head, QByteArrayView("II*\0", 4))
        || startsWith(head, QByteArrayView("MM\0*", 4)))
        return Tr::tr("a TIFF image");
    if (startsWith(head, "%PDF"))
        return Tr::tr("a PDF document");
    if (startsWith(head, "\x1F\x8B"))
        return Tr::tr("a gzip archive");
    if (startsWith(head, QByteArrayView("SQLite format 3\0", 16)))
        return Tr::tr("a SQLite database");
    return {};
}

// Control characters other than the whitespace text files use. More than 1% of them in the
// first block means binary data; a stray one in a real export is tolerated.
bool looksBinary(QByteArrayView sample)
{
    qsizetype controls = 0;
    for (const char c : sample) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f'
            && byte != '\v' && byte != 0x1A)
            ++controls;
    }
    return controls * 100 > sample.size();
}

// UTF-16 without a byte-order mark: ASCII text has a zero byte in every other position.
std::optional<TextInput::Encoding> sniffUtf16(QByteArrayView head)
{
    const qsizetype pairs = std::min<qsizetype>(head.size(), 4096) / 2;
    if (pairs < 2)
        return std::nullopt;
    qsizetype zeroEven = 0;
    qsizetype zeroOdd = 0;
    for (qsizetype i = 0; i < pairs; ++i) {
        zeroEven += head[2 * i] == '\0';
        zeroOdd += head[2 * i + 1] == '\0';
    }
    if (zeroOdd * 2 >= pairs && zeroEven * 20 < pairs)
        return TextInput::Encoding::Utf16LittleEndian;
    if (zeroEven * 2 >= pairs && zeroOdd * 20 < pairs)
        return TextInput::Encoding::Utf16BigEndian;
    return std::nullopt;
}

// Windows-1252's characters for 0x80..0x9F; the rest of the byte range is Latin-1. The five
// bytes Windows-1252 leaves undefined keep their Latin-1 (control character) meaning.
constexpr std::array<char16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

QString decodeWindows1252(QByteArrayView bytes)
{
    QString text(bytes.size(), Qt::Uninitialized);
    QChar *out = text.data();
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        *out++ = byte >= 0x80 && byte < 0xA0 ? QChar(kWindows1252High[byte - 0x80]) : QChar(byte);
    }
    return text;
}

} // namespace

TextInput::TextInput(const QString &path) : m_path(path), m_file(path) {}

Result<std::unique_ptr<TextInput>> TextInput::open(const QString &path)
{
    std::unique_ptr<TextInput> input(new TextInput(path));
    // Unbuffered: we read in large blocks ourselves, QIODevice's buffer would only add a copy.
    if (!input->m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return fail(Tr::tr("Cannot open %1: %2.").arg(path, input->m_file.errorString()));
    input->m_totalBytes = input->m_file.size();

    QByteArray head(std::min<qint64>(blockSize, std::max<qint64>(input->m_totalBytes, 4)),
                    Qt::Uninitialized);
    const qint64 headSize = input->m_file.read(head.data(), head.size());
    if (headSize < 0)
        return fail(Tr::tr("Reading %1 failed: %2.").arg(path, input->m_file.errorString()));
    head.truncate(headSize);
    if (head.isEmpty())
        return fail(Tr::tr("%1 is empty.").arg(path));

    if (startsWith(head, QByteArrayView("\xFF\xFE\0\0", 4))
        || startsWith(head, QByteArrayView("\0\0\xFE\xFF", 4)))
        return fail(Tr::tr("%1 is encoded as UTF-32, which Sieve does not read. Save it as UTF-8 "
                       "and choose it again.")
                        .arg(path));
    if (startsWith(head, "PK\x03\x04"))
        return fail(Tr::tr("%1 is a spreadsheet workbook (.xlsx or .ods) or a ZIP archive, not a "
                       "CSV file. Save it as \"CSV UTF-8\" (in Excel: File > Save As) and choose "
                       "that file.")
                        .arg(path));
    if (startsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return fail(Tr::tr("%1 is an Excel 97-2003 workbook (.xls), not a CSV file. Save it as "
                       "\"CSV UTF-8\" (in Excel: File > Save As) and choose that file.")
                        .arg(path));
    if (const QString kind = describeMagic(head); !kind.isEmpty())
        return fail(Tr::tr("%1 is not a text file (it looks like %2). Choose the CSV or JSON-lines "
                       "file that describes the images.")
                        .arg(path, kind));

    if (startsWith(head, "\xEF\xBB\xBF")) {
        input->m_byteOrderMarkSize = 3;
    } else if (startsWith(head, "\xFF\xFE")) {
        input->m_encoding = Encoding::Utf16LittleEndian;
        input->m_byteOrderMarkSize = 2;
    } else if (startsWith(head, "\xFE\xFF")) {
        input->m_encoding = Encoding::Utf16BigEndian;
        input->m_byteOrderMarkSize = 2;
    } else if (const auto utf16 = sniffUtf16(head)) {
        input->m_encoding = *utf16;
    }

    const QByteArrayView text = QByteArrayView(head).sliced(input->m_byteOrderMarkSize);
    if (text.isEmpty())
        return fail(Tr::tr("%1 is empty.").arg(path));
    if (input->m_encoding == Encoding::Utf8
        && looksBinary(text.first(std::min<qsizetype>(text.size(), 65536))))
        return fail(Tr::tr("%1 is not a text file (it holds binary data). Choose the CSV or "
                       "JSON-lines file that describes the images.")
                        .arg(path));

    if (Status status = input->rewind(); !status)
        return status.takeError();
    return input;
}

Status TextInput::rewind()
{
    if (!m_file.seek(m_byteOrderMarkSize))
        return fail(Tr::tr("Reading %1 failed: %2.").arg(m_path, m_file.errorString()));
    m_buffer.resize(0);
    m_released = 0;
    if (m_encoding != Encoding::Utf8)
        m_utf16.emplace(m_encoding == Encoding::Utf16LittleEndian ? QStringConverter::Utf16LE
                                                                  : QStringConverter::Utf16BE);
    Result<bool> read = appendBlock();
    if (!read)
        return read.takeError();
    return {};
}

Result<bool> TextInput::readMore(qsizetype release)
{
    release = std::clamp<qsizetype>(release, 0, m_buffer.size());
    if (release > 0) {
        std::memmove(m_buffer.data(), m_buffer.constData() + release,
                     size_t(m_buffer.size() - release));
        m_buffer.resize(m_buffer.size() - release);
        m_released += release;
    }
    return appendBlock();
}

Result<bool> TextInput::appendBlock()
{
    const qsizetype kept = m_buffer.size();
    if (!m_utf16) {
        m_buffer.resize(kept + blockSize);
        const qint64 count = m_file.read(m_buffer.data() + kept, blockSize);
        m_buffer.resize(kept + std::max<qint64>(count, 0));
        if (count < 0)
            return fail(Tr::tr("Reading %1 failed: %2.").arg(m_path, m_file.errorString()));
        return count > 0;
    }
    m_raw.resize(blockSize);
    const qint64 count = m_file.read(m_raw.data(), blockSize);
    if (count < 0)
        return fail(Tr::tr("Reading %1 failed: %2.").arg(m_path, m_file.errorString()));
    // The decoder is stateful, so a character split between two blocks is joined.
    const QString text = m_utf16->decode(QByteArrayView(m_raw.constData(), count));
    m_buffer.append(text.toUtf8());
    return count > 0;
}

qint64 TextInput::bytesRead(qsizetype position) const
{
    if (!m_utf16)
        return std::min(m_totalBytes, m_byteOrderMarkSize + m_released + position);
    // Two file bytes per transcoded byte is exact for ASCII and close enough for a progress bar.
    return std::min(m_file.pos(), m_byteOrderMarkSize + 2 * (m_released + position));
}

QString decodeText(QByteArrayView bytes, bool *fellBack)
{
    // Stateless: an incomplete sequence at the end of the field is an error, not carried over.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    *fellBack = true;
    return decodeWindows1252(bytes);
}

} // namespace sieve::ingest
