#pragma once

#include "base/result.h"
#include "store/models.h"
#include "train/model_loader.h"

#include <QString>

#include <cstdint>

namespace sieve::store {
class Project;
}

namespace sieve::train {

// Brings a model into a project: writes `model` as a `.sievemodel` into the project's models/
// folder (named after `source`'s base name, made unique) and records it in the models table
// with origin "imported", its architecture, classes and the file's checksum. A model already
// in models/ and recorded is not copied again, nor one imported before with the same result
// (the same source file with the same class names and normalisation): its record is returned.
// Fails, leaving no record (and no file), when the file cannot be written or recorded. The
// project's thread.
Result<store::ModelRecord> addModelToProject(store::Project &project, const LoadedModel &model, const QString &source);

// The model recorded as `id`, read from its file in models/. Fails when there is no such model
// or its file is missing or damaged (the message names the file). The project's thread.
Result<LoadedModel> openProjectModel(store::Project &project, std::int64_t id);

} // namespace sieve::train
