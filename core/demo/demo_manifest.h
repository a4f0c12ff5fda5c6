#pragma once

#include "base/result.h"
#include "demo/demo_face.h"
#include "demo/demo_plan.h"
#include "demo/demo_text.h"

#include <QList>

#include <vector>

namespace sieve::demo {

// The files in the order metadata.csv and ground_truth.json list them: by collection time.
std::vector<int> manifestOrder(const Plan &plan);

// metadata.csv: what the data vendor delivers (claimed labels, no ground truth).
Status writeMetadataCsv(const QString &path, const Plan &plan, const std::vector<int> &order);

// ground_truth.json: everything a test or benchmark needs to score a detector. `text[i]` holds
// the runs printed on file i, `faces[i]` the faces painted on it.
Status writeGroundTruth(const QString &path, quint64 seed, const Plan &plan, const std::vector<int> &order,
                        const std::vector<QList<TextItem>> &text, const std::vector<QList<FaceItem>> &faces);

} // namespace sieve::demo
