#pragma once

#include <QString>

// sieve-worker's log: one line per event on stderr, "2026-11-21T18:07:43.123Z WARN text",
// written whole under a lock so lines from gRPC's threads never interleave. Any thread.
namespace sieve::worker::log {

void info(const QString &text);
void warning(const QString &text);
void error(const QString &text);

} // namespace sieve::worker::log
