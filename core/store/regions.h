#pragma once

#include "base/result.h"

#include <QList>
#include <QRect>
#include <QString>

#include <cstdint>

namespace sieve::store {

class Database;

// A detected or drawn area of an image (regions table): text, personal information, a face.
// The box is in the image's pixels as shown (EXIF orientation applied).
struct Region {
    std::int64_t id = 0;
    std::int64_t imageId = 0;
    QString kind;          // text, pii, face, manual
    QRect box;
    QString text;
    QString piiType;       // phone, email, name, ... (empty for plain text)
    double confidence = 0;
    QString source;        // ocr, faces, exif, user
    QString decision;      // undecided, accepted, rejected
};

// Edits of regions go through EditLog (undoable, in the audit trail) with these fields:
//   region:<id>:decision   undecided | accepted | rejected
//   region:<id>:box        "x,y,w,h"
QString regionField(std::int64_t regionId, const char *attribute);
QString boxText(const QRect &box);
QRect boxFromText(const QString &text);

// The regions of one image, largest first so small ones drawn later stay clickable. A handful of
// rows by index: fine on the GUI thread.
Result<QList<Region>> regionsOf(Database &db, std::int64_t imageId);

} // namespace sieve::store
