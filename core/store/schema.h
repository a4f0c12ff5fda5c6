#pragma once

#include "base/result.h"

namespace sieve::store {

class Database;

// The newest schema version this build understands (PRAGMA user_version).
int latestSchemaVersion();

// Brings a project database up to latestSchemaVersion(), one migration per transaction.
// Migrations only move forward. A database whose version is newer than this build
// understands is refused, untouched, with a message saying so.
Status migrate(Database &db);

} // namespace sieve::store
