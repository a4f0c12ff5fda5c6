#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace sieve::test {

// Writes a small image whose pixels depend on SEED (so every seed gives different bytes and a
// different content hash) to PATH, creating folders. FORMAT: "jpeg", "png", "webp", "tiff".
// Returns false when it cannot be written.
bool writeImage(const QString &path, int seed, const char *format = "jpeg", QSize size = {96, 64});

// Writes COUNT distinct JPEGs named img_000.jpg … into DIR (in subfolders of 50) and returns
// their paths relative to DIR.
QStringList writeImageFolder(const QString &dir, int count, int firstSeed = 0);

// Writes TEXT to PATH as bytes (for CSV edge cases), creating folders.
bool writeFile(const QString &path, const QByteArray &bytes);

// A JPEG carrying an EXIF APP1 segment with the given Orientation tag (1..8).
QByteArray jpegWithOrientation(QSize storedSize, int orientation, int seed = 0);

// Runs sieve-cli with ARGS; returns the exit code and fills output with stdout.
int runCli(const QStringList &args, QByteArray *output = nullptr, QByteArray *errors = nullptr, int timeoutMs = 120000);

} // namespace sieve::test
