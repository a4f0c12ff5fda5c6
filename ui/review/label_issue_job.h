#pragma once

#include "train/label_issues.h"

#include <QString>

namespace sieve::ui {

class JobRunner;
class ProjectSession;

// The label-issues job (train::rankLabelIssues) for JobsPanel::run(): ranks the project's
// labelled images by how surely model OPTIONS.modelId takes them for mislabeled and stores the
// queue. MODELNAME is for the job's title. Its summary says how many were found and how.
JobRunner *makeLabelIssueJob(ProjectSession *session, const train::LabelIssueOptions &options, const QString &modelName);

} // namespace sieve::ui
