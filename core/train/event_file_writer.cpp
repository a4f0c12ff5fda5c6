#include "train/event_file_writer.h"

#include "train/crc32c.h"

#include <QCoreApplication>
#include <QDir>
#include <QSysInfo>

#include <bit>
#include <cmath>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

// Protocol buffer wire format: a varint key (field << 3 | wire type), then the value.
enum WireType : std::uint32_t { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 };

void appendVarint(QByteArray &out, std::uint64_t value)
{
    while (value >= 0x80) {
        out.append(char((value & 0x7F) | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

void appendKey(QByteArray &out, std::uint32_t field, WireType type) { appendVarint(out, (std::uint64_t(field) << 3) | type); }

template <typename T>
void appendLittleEndian(QByteArray &out, T value)
{
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out.append(char((value >> (8 * i)) & 0xFF));
}

void appendDouble(QByteArray &out, std::uint32_t field, double value)
{
    appendKey(out, field, Fixed64);
    appendLittleEndian(out, std::bit_cast<std::uint64_t>(value));
}

void appendFloat(QByteArray &out, std::uint32_t field, float value)
{
    appendKey(out, field, Fixed32);
    appendLittleEndian(out, std::bit_cast<std::uint32_t>(value));
}

void appendBytes(QByteArray &out, std::uint32_t field, const QByteArray &bytes)
{
    appendKey(out, field, LengthDelimited);
    appendVarint(out, std::uint64_t(bytes.size()));
    out.append(bytes);
}

} // namespace

QByteArray EventFileWriter::record(const QByteArray &data)
{
    QByteArray out;
    QByteArray length;
    appendLittleEndian(length, std::uint64_t(data.size()));
    out.append(length);
    appendLittleEndian(out, maskedCrc32c(length));
    out.append(data);
    appendLittleEndian(out, maskedCrc32c(data));
    return out;
}

QByteArray EventFileWriter::versionEvent(double wallTime)
{
    QByteArray event;
    appendDouble(event, 1, wallTime);
    appendBytes(event, 3, QByteArrayLiteral("brain.Event:2"));
    return event;
}

QByteArray EventFileWriter::scalarEvent(const QString &tag, std::int64_t step, double wallTime, double value)
{
    QByteArray summaryValue;
    appendBytes(summaryValue, 1, tag.toUtf8());
    appendFloat(summaryValue, 2, float(value));
    QByteArray summary;
    appendBytes(summary, 1, summaryValue);
    QByteArray event;
    appendDouble(event, 1, wallTime);
    appendKey(event, 2, Varint);
    appendVarint(event, std::uint64_t(step)); // int64: negative steps take ten bytes, as protobuf does
    appendBytes(event, 5, summary);
    return event;
}

Result<std::unique_ptr<EventFileWriter>> EventFileWriter::create(const QString &directory, double wallTime)
{
    std::unique_ptr<EventFileWriter> writer(new EventFileWriter);
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    const QString base = QDir(directory).filePath(
        QStringLiteral("events.out.tfevents.%1.%2").arg(qint64(std::floor(wallTime))).arg(host));
    QString path = base;
    for (int n = 1; QFile::exists(path); ++n)
        path = base + QStringLiteral(".%1").arg(n);
    writer->m_file.setFileName(path);
    if (!writer->m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return fail(Tr::tr("%1: cannot create the TensorBoard event file: %2").arg(path, writer->m_file.errorString()));
    if (Status written = writer->write(record(versionEvent(wallTime))); !written)
        return written.takeError();
    if (Status flushed = writer->flush(); !flushed)
        return flushed.takeError();
    return writer;
}

Status EventFileWriter::addScalar(const QString &tag, std::int64_t step, double wallTime, double value)
{
    return write(record(scalarEvent(tag, step, wallTime, value)));
}

Status EventFileWriter::write(const QByteArray &bytes)
{
    if (m_file.write(bytes) != bytes.size())
        return fail(Tr::tr("%1: cannot be written: %2").arg(m_file.fileName(), m_file.errorString()));
    return {};
}

Status EventFileWriter::flush()
{
    if (!m_file.flush())
        return fail(Tr::tr("%1: cannot be written: %2").arg(m_file.fileName(), m_file.errorString()));
    return {};
}

} // namespace sieve::train
