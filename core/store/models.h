#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace sieve::store {

class Database;

// A model the project knows (table models): one trained by a run or imported from a file, kept
// as a `.sievemodel` in the project's models/ folder. The registry records it; writing and
// reading the file itself is core/nn's (model_file.h). Every function works on the caller's
// connection and commits at once; a model list is a handful of rows.
struct ModelRecord {
    std::int64_t id = 0;
    QString name;          // for people: "resnet18 run 3", "googlenet.onnx"
    QString file;          // relative to Project::modelsDirectory()
    QString architecture;  // "googlenet", "resnet18", "onnx", ...
    QStringList classes;   // one per output, in order
    std::optional<std::int64_t> runId; // the run that trained it
    QString origin = QStringLiteral("trained"); // "trained" or "imported"
    QJsonObject metrics;   // e.g. {"val/top1": 0.83}
    QString checksum;      // of the file, as the file format states it
    QString createdAt;     // ISO-8601 UTC; filled by addModel when empty

    bool operator==(const ModelRecord &) const = default;
};

// Records MODEL and returns its id. Fails, recording nothing, when the name or file is empty or
// the class list has fewer than two names.
Result<std::int64_t> addModel(Database &db, const ModelRecord &model);
// All models, newest first.
Result<QList<ModelRecord>> listModels(Database &db);
// Model ID, or nullopt when there is none.
Result<std::optional<ModelRecord>> findModel(Database &db, std::int64_t id);
// The model whose file is FILE (relative to models/), or nullopt.
Result<std::optional<ModelRecord>> findModelByFile(Database &db, const QString &file);
// Replaces model ID's metrics. Fails when there is no such model.
Status setModelMetrics(Database &db, std::int64_t id, const QJsonObject &metrics);
// Forgets model ID and its predictions (the file stays; deleting it is the caller's choice).
Status removeModel(Database &db, std::int64_t id);

} // namespace sieve::store
