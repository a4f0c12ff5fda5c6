#pragma once

#include "store/runs.h"

class QWidget;

namespace sieve::ui {

class RunMetricsSource;

// The dialogs of the runs list's buttons, parented to PARENT. Changes go through SOURCE, which
// writes on its own thread and reports through RunMetricsSource::runChanged. GUI thread only.

// Asks for a new name of RUN and renames it (an empty name keeps the old one).
void askRenameRun(QWidget *parent, RunMetricsSource *source, const store::RunRecord &run);
// Asks before deleting RUN, its metrics and its folder under PROJECTDIRECTORY; a running run
// is refused with an explanation.
void askDeleteRun(QWidget *parent, RunMetricsSource *source, const store::RunRecord &run, const QString &projectDirectory);
// A non-modal window with RUN's whole record (status, folder, times, error, its configuration
// and summary as indented JSON): read-only, selectable, with a button that copies it all.
QWidget *showRunConfiguration(QWidget *parent, const store::RunRecord &run);

} // namespace sieve::ui
