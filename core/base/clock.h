#pragma once

#include <QString>

namespace sieve {

// The current UTC time as ISO-8601 text with milliseconds ("2026-11-21T10:03:11.123Z"), the
// format of every time column in the project database. Any thread.
QString nowIso();

// The name edits are recorded under when none is configured: the OS user, else "analyst".
QString defaultActor();

} // namespace sieve
