#pragma once

#include "base/result.h"

#include <QList>
#include <QRect>
#include <QString>
#include <QStringList>

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
    QString source;        // ocr, faces, exif, user (drawn by the analyst)
    QString decision;      // undecided, accepted, rejected (removed ones are never read back)

    bool isDrawn() const { return source == QLatin1String("user"); }
};

// Edits of regions go through EditLog (undoable, in the audit trail) with these fields:
//   region:<id>:decision   undecided | accepted | rejected | removed
//   region:<id>:box        "x,y,w,h"
//   region:<id>:pii_type   the PII type (drawnRegionTypes() for regions drawn by hand)
// "removed" is the state of a drawn region whose drawing was undone or that the analyst
// deleted: the row stays for the audit trail (and for redo), but nothing shows, counts, queues or
// redacts it.
QString regionField(std::int64_t regionId, const char *attribute);
QString boxText(const QRect &box);
QRect boxFromText(const QString &text);

inline constexpr const char *kRegionRemoved = "removed";

// The PII types an analyst can give a region drawn by hand, "other" (the default) first.
const QStringList &drawnRegionTypes();
// For people: "Name", "Phone number", ...; unknown types are returned as they are.
QString regionTypeTitle(const QString &type);
// For people: "Undecided", "Accepted", "Rejected", and "(none)" for removed.
QString regionDecisionTitle(const QString &decision);

// The regions of one image that are not removed, largest first so small ones drawn later stay
// clickable. A handful of rows by index: fine on the GUI thread.
Result<QList<Region>> regionsOf(Database &db, std::int64_t imageId);

} // namespace sieve::store
