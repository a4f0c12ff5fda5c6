#include "store/database.h"

#include <QFileInfo>

#include <sqlite3.h>

namespace sieve::store {

namespace {

QString describe(sqlite3 *db, const QString &path)
{
    const char *message = db ? sqlite3_errmsg(db) : "out of memory";
    return QStringLiteral("%1: %2").arg(path, QString::fromUtf8(message));
}

QString pathOf(sqlite3 *db)
{
    const char *file = db ? sqlite3_db_filename(db, "main") : nullptr;
    return file && *file ? QString::fromUtf8(file) : QStringLiteral("(memory)");
}

} // namespace

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_bindError(other.m_bindError)
{
    other.m_stmt = nullptr;
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        m_bindError = other.m_bindError;
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

#define SIEVE_BIND(call)                                                                           \
    do {                                                                                           \
        const int rc = (call);                                                                     \
        if (rc != SQLITE_OK && m_bindError == 0)                                                   \
            m_bindError = rc;                                                                      \
    } while (false)

Statement &Statement::bind(int index, std::int64_t value)
{
    SIEVE_BIND(sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    SIEVE_BIND(sqlite3_bind_double(m_stmt, index, value));
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    SIEVE_BIND(sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT));
    return *this;
}

Statement &Statement::bind(int index, const char *utf8)
{
    SIEVE_BIND(sqlite3_bind_text(m_stmt, index, utf8, -1, SQLITE_TRANSIENT));
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &blob)
{
    SIEVE_BIND(sqlite3_bind_blob64(m_stmt, index, blob.constData(), sqlite3_uint64(blob.size()),
                                   SQLITE_TRANSIENT));
    return *this;
}

Statement &Statement::bind(int index, std::nullptr_t)
{
    SIEVE_BIND(sqlite3_bind_null(m_stmt, index));
    return *this;
}

Statement &Statement::bind(int index, const std::optional<std::int64_t> &value)
{
    return value ? bind(index, *value) : bind(index, nullptr);
}

Statement &Statement::bind(int index, const std::optional<QString> &value)
{
    return value ? bind(index, *value) : bind(index, nullptr);
}

#undef SIEVE_BIND

Result<bool> Statement::step()
{
    if (m_bindError != 0) {
        const int rc = m_bindError;
        m_bindError = 0;
        return fail(QStringLiteral("%1: binding a parameter failed: %2")
                        .arg(pathOf(m_db), QString::fromUtf8(sqlite3_errstr(rc))));
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString message = describe(m_db, pathOf(m_db));
    sqlite3_reset(m_stmt);
    return fail(message);
}

Status Statement::exec()
{
    for (;;) {
        Result<bool> row = step();
        if (!row) {
            reset();
            return row.takeError();
        }
        if (!*row)
            break;
    }
    reset();
    return {};
}

void Statement::reset() { sqlite3_reset(m_stmt); }

Status Statement::forEachRow(const std::function<void()> &onRow)
{
    for (;;) {
        Result<bool> row = step();
        if (!row)
            return row.takeError();
        if (!*row)
            break;
        onRow();
    }
    reset();
    return {};
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

double Statement::real(int column) const { return sqlite3_column_double(m_stmt, column); }

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray Statement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    return data ? QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, column))
                : QByteArray();
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

Database::Database(Database &&other) noexcept : m_db(other.m_db), m_path(std::move(other.m_path))
{
    other.m_db = nullptr;
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = other.m_db;
        m_path = std::move(other.m_path);
        other.m_db = nullptr;
    }
    return *this;
}

Database::~Database() { sqlite3_close_v2(m_db); }

Result<Database> Database::open(const QString &path, Mode mode)
{
    Database database;
    database.m_path = path;
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
                      | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &database.m_db, flags, nullptr);
    if (rc != SQLITE_OK)
        return fail(QStringLiteral("Cannot open %1").arg(describe(database.m_db, path)));
    sqlite3_extended_result_codes(database.m_db, 1);
    // Concurrent writers (a job and the GUI) wait for each other instead of failing.
    sqlite3_busy_timeout(database.m_db, 10000);

    // Reading the schema version is the first real access: it fails for a file that is not a
    // SQLite database, which deserves a message of its own.
    Result<std::int64_t> version = database.queryInt("PRAGMA user_version");
    if (!version)
        return fail(QStringLiteral("%1 is not a Sieve project database (%2).")
                        .arg(path, database.lastError()));
    const char *settings = mode == Mode::ReadOnly
                               ? "PRAGMA foreign_keys=ON;"
                               : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                 "PRAGMA foreign_keys=ON;";
    if (Status status = database.exec(settings); !status)
        return status.takeError();
    return database;
}

Result<Statement> Database::prepare(const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        return fail(lastError());
    return Statement(m_db, stmt);
}

Status Database::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QStringLiteral("%1: %2").arg(m_path, QString::fromUtf8(message));
        sqlite3_free(message);
        return fail(text);
    }
    return {};
}

Result<std::int64_t> Database::queryInt(const char *sql)
{
    Result<Statement> statement = prepare(sql);
    if (!statement)
        return statement.takeError();
    Result<bool> row = statement->step();
    if (!row)
        return row.takeError();
    return *row ? statement->int64(0) : 0;
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

int Database::changes() const { return sqlite3_changes(m_db); }

QString Database::lastError() const { return describe(m_db, m_path); }

Transaction::Transaction(Database &db) : m_db(db)
{
    m_begun = m_db.exec("BEGIN IMMEDIATE");
    m_open = m_begun.ok();
}

Transaction::~Transaction()
{
    if (m_open)
        (void)m_db.exec("ROLLBACK");
}

Status Transaction::commit()
{
    if (!m_open)
        return m_begun.ok() ? Status(fail(QStringLiteral("%1: transaction already ended").arg(m_db.path())))
                            : m_begun;
    Status status = m_db.exec("COMMIT");
    if (status)
        m_open = false;
    return status;
}

} // namespace sieve::store
