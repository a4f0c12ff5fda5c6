#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <functional>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace sieve::store {

// A prepared statement. Move-only; finalised on destruction. Used on the thread of the
// Database that prepared it.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3 *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt) {}
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    // Parameters are 1-based, as in SQLite. Binding never fails for valid indexes; an invalid
    // index is reported by the next step().
    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, std::int64_t(value)); }
    // qint64 is long long, std::int64_t is long on LP64.
    Statement &bind(int index, long long value) { return bind(index, std::int64_t(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const char *utf8);
    Statement &bind(int index, const QByteArray &blob);
    Statement &bind(int index, std::nullptr_t);
    Statement &bind(int index, const std::optional<std::int64_t> &value);
    Statement &bind(int index, const std::optional<QString> &value);

    // Advances to the next row: true when a row is available, false when done.
    Result<bool> step();
    // Runs to completion, ignoring rows. Resets the statement afterwards so it can be reused.
    Status exec();
    // Makes the statement ready to run again; bindings are kept.
    void reset();
    // Calls onRow for every row (read the columns inside it), then resets the statement.
    Status forEachRow(const std::function<void()> &onRow);

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    int integer(int column) const { return int(int64(column)); }
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    int m_bindError = 0;
};

// One SQLite connection with Sieve's settings: WAL, foreign keys on, a busy timeout so that
// concurrent writers wait instead of failing. A connection belongs to one thread at a time;
// open one per thread that needs the database (WAL lets readers run beside one writer).
class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };

    Database() = default;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    // Opens (and with ReadWrite creates) the database file. Fails with a message naming the
    // file when it cannot be opened or is not a SQLite database.
    static Result<Database> open(const QString &path, Mode mode = Mode::ReadWrite);

    bool isOpen() const { return m_db != nullptr; }
    const QString &path() const { return m_path; }

    Result<Statement> prepare(const char *sql);
    // Runs one or more statements that take no parameters.
    Status exec(const char *sql);
    // Runs a query expected to return one integer (e.g. "SELECT count(*) ...").
    Result<std::int64_t> queryInt(const char *sql);

    std::int64_t lastInsertId() const;
    int changes() const;

    // A message naming the database file and SQLite's reason, for the last failed call.
    QString lastError() const;
    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
};

// BEGIN IMMEDIATE on construction; rolls back on destruction unless commit() succeeded.
// Immediate, so that a transaction that will write takes the write lock at once and waits for
// it (busy timeout) instead of failing half-way with SQLITE_BUSY.
class Transaction {
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    const Status &begun() const { return m_begun; }
    Status commit();

private:
    Database &m_db;
    Status m_begun;
    bool m_open = false;
};

} // namespace sieve::store
