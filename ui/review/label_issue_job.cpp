#include "review/label_issue_job.h"

#include "jobs/job_runner.h"
#include "session/project_session.h"
#include "store/project.h"

#include <QCoreApplication>

namespace sieve::ui {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ui::LabelIssueJob)
};

} // namespace

JobRunner *makeLabelIssueJob(ProjectSession *session, const train::LabelIssueOptions &options, const QString &modelName)
{
    return new JobRunner(Tr::tr("Find likely mislabeled (%1)").arg(modelName), session->project().databasePath(),
                         [options, directory = session->project().directory()](store::Database &, jobs::JobContext &context) -> Result<JobOutcome> {
                             // rankLabelIssues works on a Project: one opened here owns this thread's connection.
                             Result<std::unique_ptr<store::Project>> project = store::Project::open(directory);
                             if (!project)
                                 return project.takeError();
                             Result<train::LabelIssueReport> report = train::rankLabelIssues(**project, options, context);
                             if (!report)
                                 return report.takeError();
                             const train::LabelIssueReport &r = *report;
                             JobOutcome outcome;
                             outcome.cancelled = r.cancelled;
                             if (r.cancelled) {
                                 outcome.summary = Tr::tr("Cancelled; the queue was left as it was.");
                                 return outcome;
                             }
                             outcome.summary = Tr::tr("%1 likely mislabeled of %2 labelled images (%3)")
                                                   .arg(r.ranked.size())
                                                   .arg(r.scored)
                                                   .arg(r.outOfSample ? Tr::tr("%1-fold cross-validation").arg(r.folds)
                                                                      : Tr::tr("in-sample"));
                             if (r.otherLabels > 0)
                                 outcome.summary += Tr::tr("; %1 with labels the model does not know").arg(r.otherLabels);
                             if (r.failed > 0)
                                 outcome.report = jobs::issueReport(r.issues, r.failed);
                             return outcome;
                         });
}

} // namespace sieve::ui
