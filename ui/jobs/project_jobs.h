#pragma once

#include "export/exporter.h"

#include <QString>

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

} // namespace sieve::ui
