#pragma once

#include "export/exporter.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>

namespace sieve::train {
struct ClassifyOptions;
struct TrainOptions;
struct TrainResources;
}

namespace sieve::ui {

class JobRunner;
class ProjectSession;

// Runners for the project's batch jobs, ready for JobsPanel::run(). Each outcome has a summary
// line and, when some files had problems, a report listing them.
JobRunner *makeImportJob(ProjectSession *session, const QString &folder, const QString &metadataFile);
JobRunner *makeThumbnailJob(ProjectSession *session);
// A cleaned-dataset export with OPTIONS (see exporting::exportDataset).
JobRunner *makeExportJob(ProjectSession *session, const exporting::ExportOptions &options);
// The quality scan (scores, perceptual hashes, poor-quality suggestions).
JobRunner *makeQualityScanJob(ProjectSession *session);
// OCR and recognizers: PII regions to review, and identifying EXIF.
JobRunner *makePiiScanJob(ProjectSession *session);
// Face detection: face regions to review.
JobRunner *makeFaceScanJob(ProjectSession *session);
// Duplicate groups from content and perceptual hashes (run after the quality scan).
JobRunner *makeDuplicateScanJob(ProjectSession *session);
// A training run on RESOURCES (train::runTraining, with a project connection of its own): a new
// one with OPTIONS, or run RESUMERUNID continued from its checkpoint (OPTIONS ignored). RUNID
// becomes the run's id as soon as its row exists (0 before), so that the runs list can cancel it.
JobRunner *makeTrainingJob(ProjectSession *session, const train::TrainOptions &options, const train::TrainResources &resources,
                           std::shared_ptr<std::atomic<std::int64_t>> runId, std::int64_t resumeRunId = 0);
// Classifies images with a model of the project (train::runClassification, with a project
// connection of its own); MODELNAME names it in the jobs panel.
JobRunner *makeClassifyJob(ProjectSession *session, const train::ClassifyOptions &options, const QString &modelName);

} // namespace sieve::ui
