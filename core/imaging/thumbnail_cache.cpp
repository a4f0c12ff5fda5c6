#include "imaging/thumbnail_cache.h"

#include <QFile>

namespace sieve::imaging {

using store::Database;
using store::Statement;

namespace {

constexpr const char *kSchema =
    "CREATE TABLE IF NOT EXISTS thumbnails(hash TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL, "
    "PRIMARY KEY(hash, size)) WITHOUT ROWID";

Result<Database> openCache(const QString &path)
{
    Result<Database> db = Database::open(path);
    if (!db)
        return db;
    if (Status status = db->exec(kSchema); !status)
        return status.takeError();
    return db;
}

} // namespace

Result<ThumbnailCache> ThumbnailCache::open(const QString &path)
{
    Result<Database> db = openCache(path);
    if (!db) {
        // A cache is worth nothing next to a working gallery: start it afresh.
        for (const QString &file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")})
            QFile::remove(file);
        db = openCache(path);
        if (!db)
            return db.takeError();
    }
    ThumbnailCache cache(std::move(*db));
    Result<Statement> find = cache.m_db.prepare("SELECT data FROM thumbnails WHERE hash=? AND size=?");
    if (!find)
        return find.takeError();
    cache.m_find = std::move(*find);
    return cache;
}

Result<QByteArray> ThumbnailCache::find(const QString &hash, int size)
{
    m_find.bind(1, hash).bind(2, size);
    Result<bool> row = m_find.step();
    if (!row)
        return row.takeError();
    QByteArray data = *row ? m_find.blob(0) : QByteArray();
    m_find.reset();
    return data;
}

Result<QSet<QString>> ThumbnailCache::present(const QStringList &hashes, int size)
{
    QSet<QString> found;
    if (hashes.isEmpty())
        return found;
    QString sql = QStringLiteral("SELECT hash FROM thumbnails WHERE size=? AND hash IN (");
    for (qsizetype i = 0; i < hashes.size(); ++i)
        sql += i ? QStringLiteral(",?") : QStringLiteral("?");
    sql += QLatin1Char(')');
    const QByteArray utf8 = sql.toUtf8();
    Result<Statement> query = m_db.prepare(utf8.constData());
    if (!query)
        return query.takeError();
    query->bind(1, size);
    for (qsizetype i = 0; i < hashes.size(); ++i)
        query->bind(int(i) + 2, hashes[i]);
    if (Status status = query->forEachRow([&] { found.insert(query->text(0)); }); !status)
        return status.takeError();
    return found;
}

Status ThumbnailCache::store(const std::vector<Entry> &entries, int size)
{
    store::Transaction transaction(m_db);
    if (!transaction.begun())
        return transaction.begun();
    Result<Statement> insert = m_db.prepare("INSERT OR REPLACE INTO thumbnails(hash, size, data) VALUES(?, ?, ?)");
    if (!insert)
        return insert.takeError();
    for (const Entry &entry : entries) {
        insert->bind(1, entry.hash).bind(2, size).bind(3, entry.data);
        if (Status status = insert->exec(); !status)
            return status;
    }
    return transaction.commit();
}

} // namespace sieve::imaging
