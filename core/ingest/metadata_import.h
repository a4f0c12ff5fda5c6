#pragma once

#include "base/result.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace sieve::store {
class Database;
}
namespace sieve::jobs {
class JobContext;
}

namespace sieve::ingest {

struct MetadataImportSummary {
    qint64 rows = 0;
    qint64 matched = 0;
    qint64 labelsSet = 0;
};

// Applies a metadata file to the images of one source: every column but the path becomes an
// attribute; the label column becomes the claimed label and, for images that have none yet,
// their label (an analyst's own labels are never overwritten). A row is matched by its path
// relative to the source root, then by dropping leading folders, then by a file name that is
// unique in the source. Rows that match nothing, or a duplicate copy, are reported.
class MetadataImport {
public:
    using IssueSink = std::function<void(const QString &path, const QString &reason)>;

    MetadataImport(store::Database &db, std::int64_t sourceId, jobs::JobContext &context);
    Result<MetadataImportSummary> run(const QString &file, const IssueSink &issue);

private:
    store::Database &m_db;
    std::int64_t m_sourceId;
    jobs::JobContext &m_context;
};

} // namespace sieve::ingest
