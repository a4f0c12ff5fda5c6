#include "ingest/image_locator.h"

namespace sieve::ingest {

using store::Statement;

QString ImageLocator::normalise(QString path)
{
    path = path.trimmed();
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    while (path.startsWith(QLatin1String("./")))
        path.remove(0, 2);
    return path;
}

Result<ImageLocator> ImageLocator::create(store::Database &db, std::int64_t sourceId)
{
    ImageLocator locator;
    Result<Statement> sources = db.prepare("SELECT id, root FROM sources WHERE ?1 = 0 OR id = ?1 ORDER BY id");
    if (!sources)
        return sources.takeError();
    sources->bind(1, sourceId);
    if (Status status = sources->forEachRow([&] { locator.m_sources.append({sources->int64(0), sources->text(1)}); }); !status)
        return status.takeError();
    Result<Statement> byPath = db.prepare("SELECT id FROM images WHERE source_id=? AND path=?");
    Result<Statement> byCopy = db.prepare("SELECT image_id FROM image_copies WHERE source_id=? AND path=?");
    Result<Statement> byName = db.prepare(
        "SELECT id FROM images WHERE (?1 = 0 OR source_id = ?1) AND file_name=?2 LIMIT 2");
    if (!byPath || !byCopy || !byName)
        return fail(db.lastError());
    locator.m_byPath = std::move(*byPath);
    locator.m_byCopy = std::move(*byCopy);
    locator.m_byName = std::move(*byName);
    locator.m_byName.bind(1, sourceId);
    return locator;
}

Result<QList<std::int64_t>> ImageLocator::lookup(Statement &statement, std::int64_t sourceId, const QString &key)
{
    statement.bind(1, sourceId).bind(2, key);
    QList<std::int64_t> ids;
    Status status = statement.forEachRow([&] { ids.append(statement.int64(0)); });
    if (!status)
        return status.takeError();
    return ids;
}

Result<ImageLocator::Match> ImageLocator::locate(const QString &written)
{
    QString path = normalise(written);
    if (path.isEmpty())
        return Match{};
    for (const Source &source : m_sources) {
        if (path.startsWith(source.root + QLatin1Char('/'))) {
            path = path.mid(source.root.size() + 1);
            break;
        }
    }
    for (;;) {
        for (const Source &source : m_sources) {
            Result<QList<std::int64_t>> image = lookup(m_byPath, source.id, path);
            if (!image)
                return image.takeError();
            if (!image->isEmpty())
                return Match{Kind::Image, image->first()};
            Result<QList<std::int64_t>> copy = lookup(m_byCopy, source.id, path);
            if (!copy)
                return copy.takeError();
            if (!copy->isEmpty())
                return Match{Kind::Copy, copy->first()};
        }
        const qsizetype slash = path.indexOf(QLatin1Char('/'));
        if (slash < 0)
            break;
        path = path.mid(slash + 1);
    }
    m_byName.bind(2, path);
    QList<std::int64_t> named;
    Status status = m_byName.forEachRow([&] { named.append(m_byName.int64(0)); });
    if (!status)
        return status.takeError();
    if (named.size() == 1)
        return Match{Kind::Image, named.first()};
    return Match{named.isEmpty() ? Kind::None : Kind::Ambiguous, 0};
}

} // namespace sieve::ingest
