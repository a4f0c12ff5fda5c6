#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdint>
#include <memory>

namespace sieve::train {

// A TensorBoard event file of scalars, so that a run opens in TensorBoard (or anything that
// reads tfevents files) as well as in Sieve's charts. The format, written by hand so that no
// TensorFlow is needed:
//   - TFRecord framing per record: uint64 length (little endian), the masked CRC-32C of those
//     8 bytes, the data, the masked CRC-32C of the data (crc32c.h);
//   - the data is a serialized tensorflow.Event (tensorflow/core/util/event.proto): the first
//     record {wall_time = 1, file_version = 3: "brain.Event:2"}, then one per scalar
//     {wall_time = 1, step = 2, summary = 5: Summary {value = 1: Value {tag = 1,
//     simple_value = 2 (float)}}} (tensorflow/core/framework/summary.proto).
//
// Records are appended to the open file and reach the disk at flush(). Not thread-safe; the
// writer owns its file, which is closed when it is destroyed.
class EventFileWriter {
public:
    // Creates DIRECTORY/events.out.tfevents.<unix seconds of WALLTIME>.<host name> (with a
    // ".<n>" suffix should that name exist: a run resumed within the second of its start) and
    // writes the file-version record. TensorBoard reads every such file of a directory, in
    // name order, so a resumed run writes a new one rather than touching the old. Fails
    // naming the file when it cannot be created or written.
    static Result<std::unique_ptr<EventFileWriter>> create(const QString &directory, double wallTime);

    QString path() const { return m_file.fileName(); }

    // Appends a scalar event (VALUE is stored as a float, as TensorBoard's scalars are).
    // Fails naming the file when it cannot be written.
    Status addScalar(const QString &tag, std::int64_t step, double wallTime, double value);
    // Pushes what was appended to the operating system, so a live TensorBoard sees it.
    Status flush();

    // The framed record of DATA, and the serialized events: for tests and the writer alone.
    static QByteArray record(const QByteArray &data);
    static QByteArray versionEvent(double wallTime);
    static QByteArray scalarEvent(const QString &tag, std::int64_t step, double wallTime, double value);

private:
    EventFileWriter() = default;
    Status write(const QByteArray &bytes);

    QFile m_file;
};

} // namespace sieve::train
