#pragma once

#include "base/result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>

namespace sieve::ingest {

// One top-level member of a JSON object, its value as text for a metadata column.
struct JsonMember {
    QString key;
    QString value;
};

// Parses one line of a JSON-lines file, which must be a JSON object, into its members in the
// order written (QJsonObject would sort them). Values: strings as they are, numbers and booleans
// as written ("1.50" stays "1.50"), null as an empty string, objects and arrays as compact JSON
// text. A key written twice is listed twice. `utf8` must be valid UTF-8. Fails with a message for
// people: "not valid JSON (QJsonParseError's reason at character N)" or "not a JSON object".
// Any thread.
Result<QList<JsonMember>> parseJsonObject(QByteArrayView utf8);

} // namespace sieve::ingest
