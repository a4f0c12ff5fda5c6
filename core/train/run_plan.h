#pragma once

#include "base/result.h"
#include "train/trainer.h"
#include "train/training_set.h"

#include <QJsonObject>
#include <QString>

namespace sieve::store {
class Database;
}

namespace sieve::train {

// What a new run trains on and records, the same for a run on this machine (TrainingRun) and
// on workers (cluster::runClusterTraining), so that both train on the same images and either
// can be resumed here:
// - set: the labelled images (files present) of OPTIONS' view or filter, its categories kept,
//   split stratified by seed;
// - config: OPTIONS with the classes, their category ids, the classes left out, the image
//   counts, and the files a resume rebuilds the run from (split.json, initial.sievemodel);
// - name: "MODEL on VIEW" ("all images", "filtered images").
struct RunPlan {
    TrainingSet set;
    QJsonObject config;
    QString name;
};

// OPTIONS with defaults and valid. On DB's thread.
Result<RunPlan> planRun(store::Database &db, const TrainOptions &options);

} // namespace sieve::train
