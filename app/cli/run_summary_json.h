#pragma once

// What sieve-cli train prints of a finished run, trained on this machine (train::TrainSummary)
// or on workers (cluster::ClusterSummary): both summaries name their shared fields alike, so
// the keys scripts read are the same for both.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace sieve::cli {

// "87.5 %".
inline QString percent(double share) { return QStringLiteral("%1 %").arg(100.0 * share, 0, 'f', 1); }

// The JSON keys every run has; each path adds its own.
template <typename Summary>
QJsonObject runSummaryJson(const Summary &s)
{
    return {{QStringLiteral("run_id"), qint64(s.runId)},
            {QStringLiteral("model_id"), qint64(s.modelId)},
            {QStringLiteral("model_path"), s.modelPath},
            {QStringLiteral("classes"), QJsonArray::fromStringList(s.classes)},
            {QStringLiteral("excluded_classes"), QJsonArray::fromStringList(s.excludedClasses)},
            {QStringLiteral("train_images"), s.trainImages},
            {QStringLiteral("validation_images"), s.validationImages},
            {QStringLiteral("epochs"), s.epochsDone},
            {QStringLiteral("epochs_planned"), s.epochs},
            {QStringLiteral("steps"), qint64(s.steps)},
            {QStringLiteral("best_epoch"), s.bestEpoch},
            {QStringLiteral("best_top1"), s.bestTop1},
            {QStringLiteral("final"), QJsonObject{{QStringLiteral("top1"), s.finalTop1},
                                                  {QStringLiteral("top5"), s.finalTop5},
                                                  {QStringLiteral("loss"), s.finalLoss}}},
            {QStringLiteral("images_per_second"), s.imagesPerSecond},
            {QStringLiteral("stopped_early"), s.stoppedEarly},
            {QStringLiteral("cancelled"), s.cancelled}};
}

} // namespace sieve::cli
