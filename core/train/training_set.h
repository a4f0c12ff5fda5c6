#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace sieve::store {
class Database;
}

namespace sieve::train {

// One labelled image: where to read it and its class (an index into the set's classes).
struct Sample {
    std::int64_t imageId = 0;
    QString path; // absolute
    int label = 0;
};

// The labelled images of a view (or of the whole project), before splitting.
struct LabelledImages {
    QStringList classes;                  // category names present, ordered by category id
    std::vector<std::int64_t> categoryIds; // parallel to classes
    std::vector<Sample> samples;          // in image id order
    qint64 unlabeled = 0;                 // images of the view without a label (left out)
    qint64 missing = 0;                   // labelled images whose file is missing (left out)
};

// The images of saved view VIEW (when empty: of FILTER, a store::ImageFilter as JSON; all images
// when both are empty) that have a label and whose file is there. Fails when the view does not
// exist (naming it) or the database cannot be read. Runs a few queries over the selected rows:
// call it off the GUI thread. Thread of DB.
Result<LabelledImages> labelledImages(store::Database &db, const QString &view, const QJsonObject &filter = {});

// Leaves only the images of CATEGORIES (category ids) in IMAGES, their classes renumbered in
// the same order; an empty list keeps everything. Ids without images are ignored. Any thread.
void keepCategories(LabelledImages &images, const QList<qint64> &categories);

struct SplitOptions {
    double validationFraction = 0.2; // per class, rounded, at least one image
    int minimumPerClass = 5;         // fewer labelled images and the class is left out
    std::uint64_t seed = 1;
};

// A stratified split: every class kept has images in both parts.
struct TrainingSet {
    QStringList classes;                    // the classes kept, in the order of LabelledImages
    std::vector<std::int64_t> categoryIds;  // parallel to classes
    std::vector<Sample> train;              // labels index `classes`
    std::vector<Sample> validation;
    QStringList excluded;                   // one sentence per class left out, for people
};

// Splits IMAGES class by class: each class's images are shuffled by a generator seeded from
// (seed, category id), and the first round(n · fraction) (at least 1) go to validation, so the
// split of a class does not change when other classes change. Classes with fewer than
// options.minimumPerClass images, or that would have no training image, are left out and named
// in `excluded`. Fails, saying why, when fewer than two classes remain. Any thread.
Result<TrainingSet> splitStratified(const LabelledImages &images, const SplitOptions &options);

// A run's split as its folder keeps it (runs/<id>/split.json, [image id, label, path] per
// sample): what a resume rebuilds the run from, whatever happens to the labels meanwhile. Local
// and cluster runs write the same file, so either can be resumed on this machine.
struct SplitFile {
    std::vector<Sample> train;
    std::vector<Sample> validation;
};
// Writes PATH whole or not at all.
Status writeSplitFile(const QString &path, const std::vector<Sample> &train, const std::vector<Sample> &validation);
Result<SplitFile> readSplitFile(const QString &path);

} // namespace sieve::train
