#pragma once

#include "imaging/image_probe.h"

#include <QString>

namespace sieve::ingest {

// What import learns from one file: its identity and header, or why it cannot be imported.
struct ImageFile {
    QString relativePath;     // '/' separated, relative to the imported folder
    QString absolutePath;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    QString hash;             // XXH3-128 of the bytes, 32 hex digits; empty on failure
    imaging::ImageProbe probe;
    QString error;            // non-empty: not importable, for the import report
    bool notAnImage = false;  // content is no image and the name does not claim one
};

// Reads the whole file once: hash and header come from the same bytes. Thread-safe.
ImageFile readImageFile(const QString &absolutePath, const QString &relativePath);

// XXH3-128 of BYTES as 32 hex digits.
QString contentHash(const QByteArray &bytes);

// Files larger than this are reported, not read (no phone photo comes near it).
constexpr qint64 kMaxImageFileBytes = 1024ll * 1024 * 1024;

} // namespace sieve::ingest
