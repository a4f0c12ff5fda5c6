#include "jobs/project_jobs.h"

#include "imaging/thumbnail_job.h"
#include "ingest/importer.h"
#include "jobs/job_runner.h"
#include "pii/face_scan.h"
#include "pii/pii_scan.h"
#include "scan/scan_job.h"
#include "session/project_session.h"
#include "store/project.h"
#include "train/classify_job.h"
#include "train/trainer.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace sieve::ui {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ui::ProjectJobs)
};

} // namespace

JobRunner *makeImportJob(ProjectSession *session, const QString &folder, const QString &metadataFile)
{
    ingest::ImportOptions options;
    options.imagesDirectory = folder;
    options.metadataFile = metadataFile;
    return new JobRunner(Tr::tr("Import %1").arg(QFileInfo(folder).fileName()), session->project().databasePath(),
                         [options](store::Database &db, jobs::JobContext &context) -> Result<JobOutcome> {
                             Result<ingest::ImportSummary> summary = ingest::importImages(db, options, context);
                             if (!summary)
                                 return summary.takeError();
                             const ingest::ImportSummary &s = *summary;
                             JobOutcome outcome;
                             outcome.cancelled = s.cancelled;
                             outcome.summary = Tr::tr("%1 new, %2 unchanged, %3 re-linked, %4 duplicates, %5 not imported, %6 missing")
                                                   .arg(s.added).arg(s.unchanged).arg(s.relinked).arg(s.duplicates)
                                                   .arg(s.failed).arg(s.missing);
                             if (s.cancelled)
                                 outcome.summary = Tr::tr("Cancelled — %1").arg(outcome.summary);
                             if (s.issueCount > 0)
                                 outcome.report = jobs::issueReport(s.issues, s.issueCount);
                             return outcome;
                         });
}

JobRunner *makeThumbnailJob(ProjectSession *session)
{
    imaging::ThumbnailOptions options;
    options.cachePath = session->project().thumbnailCachePath();
    return new JobRunner(Tr::tr("Thumbnails"), session->project().databasePath(),
                         [options](store::Database &db, jobs::JobContext &context) -> Result<JobOutcome> {
                             Result<imaging::ThumbnailSummary> summary = imaging::buildThumbnails(db, options, context);
                             if (!summary)
                                 return summary.takeError();
                             JobOutcome outcome;
                             outcome.cancelled = summary->cancelled;
                             outcome.summary = Tr::tr("%1 made, %2 cached, %3 failed").arg(summary->made).arg(summary->cached).arg(summary->failed);
                             if (summary->failed > 0)
                                 outcome.report = jobs::issueReport(summary->issues, summary->failed);
                             return outcome;
                         });
}

JobRunner *makeQualityScanJob(ProjectSession *session)
{
    return new JobRunner(Tr::tr("Quality scan"), session->project().databasePath(),
                         [](store::Database &db, jobs::JobContext &context) -> Result<JobOutcome> {
                             Result<scan::ScanSummary> summary = scan::runQualityScan(db, {}, context);
                             if (!summary)
                                 return summary.takeError();
                             JobOutcome outcome;
                             outcome.cancelled = summary->cancelled;
                             outcome.summary = Tr::tr("%1 images measured, %2 with defects, %3 could not be read")
                                                   .arg(summary->scanned).arg(summary->withDefects).arg(summary->failed);
                             if (summary->failed > 0)
                                 outcome.report = jobs::issueReport(summary->issues, summary->failed);
                             return outcome;
                         });
}

JobRunner *makeExportJob(ProjectSession *session, const exporting::ExportOptions &options)
{
    return new JobRunner(Tr::tr("Export to %1").arg(QFileInfo(options.outDir).fileName()), session->project().databasePath(),
                         [options](store::Database &db, jobs::JobContext &context) -> Result<JobOutcome> {
                             Result<exporting::ExportSummary> summary = exporting::exportDataset(db, options, context);
                             if (!summary)
                                 return summary.takeError();
                             JobOutcome outcome;
                             outcome.cancelled = summary->cancelled;
                             outcome.summary = summary->cancelled
                                                   ? Tr::tr("Cancelled after %1 images; export again into the same folder to continue.").arg(summary->exported)
                                                   : Tr::tr("%1 images in %2, %3 left out, %4 regions redacted")
                                                         .arg(summary->exported).arg(summary->directory).arg(summary->excluded).arg(summary->redactedRegions);
                             return outcome;
                         });
}

JobRunner *makePiiScanJob(ProjectSession *session)
{
    return new JobRunner(Tr::tr("Personal information scan"), session->project().databasePath(),
                         [](store::Database &db, jobs::JobContext &context) -> Result<JobOutcome> {
                             Result<pii::PiiScanSummary> summary = pii::runPiiScan(db, {}, context);
                             if (!summary)
                                 return summary.takeError();
                             JobOutcome outcome;
                             outcome.cancelled = summary->cancelled;
                             qint64 regions = 0;
                             for (qint64 count : summary->regions)
                                 regions += count;
                             outcome.summary = Tr::tr("%1 images scanned, %2 with personal information, %3 regions to review")
                                                   .arg(summary->scanned).arg(summary->withPii).arg(regions);
                             if (!summary->missingLanguages.isEmpty())
                                 outcome.summary += Tr::tr(" (OCR languages not installed: %1)").arg(summary->missingLanguages.join(QStringLiteral(", ")));
                             if (summary->failed > 0)
                                 outcome.report = jobs::issueReport(summary->issues, summary->failed);
                             return outcome;
                         });
}

JobRunner *makeFaceScanJob(ProjectSession *session)
{
    return new JobRunner(Tr::tr("Face scan"), session->project().databasePath(),
                         [](store::Database &db, jobs::JobContext &context) -> Result<JobOutcome> {
                             Result<pii::FaceScanSummary> summary = pii::runFaceScan(db, {}, context);
                             if (!summary)
                                 return summary.takeError();
                             JobOutcome outcome;
                             outcome.cancelled = summary->cancelled;
                             outcome.summary = Tr::tr("%1 images scanned, %2 with faces, %3 face regions to review")
                                                   .arg(summary->scanned).arg(summary->withFaces).arg(summary->faces);
                             if (summary->cancelled)
                                 outcome.summary = Tr::tr("Cancelled — %1").arg(outcome.summary);
                             if (summary->failed > 0)
                                 outcome.report = jobs::issueReport(summary->issues, summary->failed);
                             return outcome;
                         });
}

JobRunner *makeDuplicateScanJob(ProjectSession *session)
{
    return new JobRunner(Tr::tr("Duplicate scan"), session->project().databasePath(),
                         [](store::Database &db, jobs::JobContext &context) -> Result<JobOutcome> {
                             Result<scan::DuplicateSummary> summary = scan::runDuplicateScan(db, {}, context);
                             if (!summary)
                                 return summary.takeError();
                             JobOutcome outcome;
                             outcome.cancelled = summary->cancelled;
                             outcome.summary = Tr::tr("%1 groups holding %2 images, %3 duplicates suggested")
                                                   .arg(summary->groups).arg(summary->imagesInGroups).arg(summary->flagsSuggested);
                             if (summary->hashed == 0)
                                 outcome.summary = Tr::tr("No perceptual hashes yet: run the quality scan first.");
                             return outcome;
                         });
}

JobRunner *makeTrainingJob(ProjectSession *session, const train::TrainOptions &options, const train::TrainResources &resources,
                           std::shared_ptr<std::atomic<std::int64_t>> runId, std::int64_t resumeRunId)
{
    const QString title = resumeRunId > 0 ? Tr::tr("Resume run %1").arg(resumeRunId)
                                          : Tr::tr("Train %1").arg(options.pretrained.isEmpty() ? options.model : QFileInfo(options.pretrained).fileName());
    if (resumeRunId > 0)
        runId->store(resumeRunId);
    return new JobRunner(title, session->project().databasePath(),
                         [options, resources, runId, resumeRunId, directory = session->project().directory()](store::Database &, jobs::JobContext &context) -> Result<JobOutcome> {
                             // runTraining works on a Project: one opened here owns this thread's connection.
                             Result<std::unique_ptr<store::Project>> project = store::Project::open(directory);
                             if (!project)
                                 return project.takeError();
                             Result<train::TrainSummary> summary = train::runTraining(
                                 **project, options, context, resumeRunId, resources, {},
                                 [runId](std::int64_t id) { runId->store(id); });
                             if (!summary)
                                 return summary.takeError();
                             runId->store(summary->runId);
                             const train::TrainSummary &s = *summary;
                             JobOutcome outcome;
                             outcome.cancelled = s.cancelled;
                             outcome.summary = s.cancelled
                                                   ? Tr::tr("Run %1 cancelled after %2 of %3 epochs").arg(s.runId).arg(s.epochsDone).arg(s.epochs)
                                                   : Tr::tr("Run %1: %2 epochs, best validation accuracy %3 % (epoch %4)")
                                                         .arg(s.runId).arg(s.epochsDone).arg(s.bestTop1 * 100, 0, 'f', 1).arg(s.bestEpoch);
                             if (!s.issues.isEmpty())
                                 outcome.report = jobs::issueReport(s.issues, s.unreadable);
                             return outcome;
                         });
}

JobRunner *makeClassifyJob(ProjectSession *session, const train::ClassifyOptions &options, const QString &modelName)
{
    return new JobRunner(Tr::tr("Classify with %1").arg(modelName), session->project().databasePath(),
                         [options, directory = session->project().directory()](store::Database &, jobs::JobContext &context) -> Result<JobOutcome> {
                             // runClassification works on a Project: one opened here owns this thread's connection.
                             Result<std::unique_ptr<store::Project>> project = store::Project::open(directory);
                             if (!project)
                                 return project.takeError();
                             Result<train::ClassifySummary> summary = train::runClassification(**project, options, context);
                             if (!summary)
                                 return summary.takeError();
                             const train::ClassifySummary &s = *summary;
                             JobOutcome outcome;
                             outcome.cancelled = s.cancelled;
                             outcome.summary = s.pending == 0
                                                   ? Tr::tr("every image was already classified by this model")
                                                   : Tr::tr("%1 of %2 images classified (%3 images/s), %4 could not be read")
                                                         .arg(s.classified).arg(s.pending).arg(s.imagesPerSecond, 0, 'f', 1).arg(s.failed);
                             if (!s.issues.isEmpty())
                                 outcome.report = jobs::issueReport(s.issues, s.failed);
                             return outcome;
                         });
}

} // namespace sieve::ui
