// Benchmark: what watching a run costs it. The same training run (same project, options, seed
// and threads) is timed twice per round, alternating which goes first: started from the GUI's
// New Training Run dialog in a real main window with the training monitor open and charting the
// run live, and from `sieve-cli train`. Prints each run's own duration (the run's started_at to
// finished_at, so process start-up is left out of both) and the overhead of the GUI in percent
// of the CLI's time, best round against best round (and median against median). Target
// (issue #5): < 2 %. Not a pass/fail test.
//
//   bench_live_run PROJECT_DIR --cli PATH [--epochs N] [--batch B] [--threads T] [--rounds R]
//
// PROJECT_DIR: a project with labelled images (tests/bench/live_run.sh makes one). Each run
// is added to it. Run it under a display (xvfb-run) to measure a window that really paints.

#include "jobs/jobs_panel.h"
#include "main_window.h"
#include "store/database.h"
#include "store/project.h"
#include "store/runs.h"
#include "training/run_list_model.h"
#include "training/run_metrics_source.h"
#include "training/training_panel.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <optional>

using namespace sieve;

namespace {

struct Settings {
    QString project;
    QString cli;
    int epochs = 8;
    int batch = 32;
    int threads = 2;
    int rounds = 3;
};

// The run's own duration in seconds, from its row.
std::optional<double> runSeconds(const QString &database, std::int64_t id)
{
    auto db = store::Database::open(database, store::Database::Mode::ReadOnly);
    if (!db)
        return std::nullopt;
    auto run = store::findRun(*db, id);
    if (!run || !run->has_value() || (*run)->status != QLatin1String("done"))
        return std::nullopt;
    const QDateTime start = QDateTime::fromString((*run)->startedAt, Qt::ISODateWithMs);
    const QDateTime end = QDateTime::fromString((*run)->finishedAt, Qt::ISODateWithMs);
    return start.msecsTo(end) / 1000.0;
}

std::optional<double> cliRun(const Settings &s, const QString &database)
{
    QProcess process;
    // Its progress lines go where a terminal's would not slow it: nowhere (an unread pipe would).
    process.setStandardErrorFile(QProcess::nullDevice());
    process.start(s.cli, {QStringLiteral("train"), s.project, QStringLiteral("--model"), QStringLiteral("smallcnn"),
                          QStringLiteral("--epochs"), QString::number(s.epochs), QStringLiteral("--batch"), QString::number(s.batch),
                          QStringLiteral("--seed"), QStringLiteral("1"), QStringLiteral("--threads"), QString::number(s.threads),
                          QStringLiteral("--json")});
    if (!process.waitForFinished(-1) || process.exitCode() != 0) {
        std::fprintf(stderr, "sieve-cli train failed (exit code %d)\n", process.exitCode());
        return std::nullopt;
    }
    const QJsonObject result = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    return runSeconds(database, result.value(QStringLiteral("run_id")).toInteger());
}

// Fills the dialog as a user would and starts the run; returns once it is done.
std::optional<double> guiRun(const Settings &s, ui::MainWindow &window, const QString &database)
{
    ui::TrainingPanel *panel = window.workspace()->training();
    // The newest run before this one, from the database: the list may not show a CLI run yet.
    std::int64_t before = 0;
    if (auto db = store::Database::open(database, store::Database::Mode::ReadOnly); db) {
        if (auto newest = db->queryInt("SELECT coalesce(max(id), 0) FROM runs"); newest)
            before = *newest;
    }
    window.newTrainingRun();
    QWidget *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = window.findChild<QWidget *>(QStringLiteral("newRunDialog"))) && dialog->isVisible(); }, 10000))
        return std::nullopt;
    auto *start = dialog->findChild<QPushButton *>(QStringLiteral("startTraining"));
    if (!QTest::qWaitFor([&] { return start->isEnabled(); }, 30000))
        return std::nullopt;
    dialog->findChild<QComboBox *>(QStringLiteral("runModel"))->setCurrentText(QStringLiteral("smallcnn"));
    dialog->findChild<QSpinBox *>(QStringLiteral("runEpochs"))->setValue(s.epochs);
    dialog->findChild<QSpinBox *>(QStringLiteral("runBatchSize"))->setValue(s.batch);
    dialog->findChild<QSpinBox *>(QStringLiteral("runThreads"))->setValue(s.threads);
    dialog->findChild<QLineEdit *>(QStringLiteral("runSeed"))->setText(QStringLiteral("1"));
    QTest::mouseClick(start, Qt::LeftButton);
    // The new run charted alone, as one watches a run.
    if (!QTest::qWaitFor([&] { return panel->runs()->rowCount() > 0 && panel->runs()->run(0)->id > before; }, 30000))
        return std::nullopt;
    const std::int64_t id = panel->runs()->run(0)->id;
    for (std::int64_t checked : panel->runs()->checked())
        panel->runs()->setChecked(checked, false);
    panel->runs()->setChecked(id, true);
    panel->selectRun(id);
    if (!QTest::qWaitFor([&] { return window.jobsPanel()->runningCount() == 0; }, 3600 * 1000))
        return std::nullopt;
    QTest::qWait(200);
    std::printf("  (GUI: %lld charts drawn)\n", static_cast<long long>(panel->charts().size()));
    return runSeconds(database, id);
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);   // no settings of a real user read or written
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("PROJECT_DIR"), QStringLiteral("A project with labelled images."));
    parser.addOptions({{QStringLiteral("cli"), QStringLiteral("sieve-cli"), QStringLiteral("PATH")},
                       {QStringLiteral("epochs"), QStringLiteral("Epochs per run."), QStringLiteral("N")},
                       {QStringLiteral("batch"), QStringLiteral("Batch size."), QStringLiteral("B")},
                       {QStringLiteral("threads"), QStringLiteral("Engine threads."), QStringLiteral("T")},
                       {QStringLiteral("rounds"), QStringLiteral("GUI/CLI pairs."), QStringLiteral("R")}});
    parser.process(app);
    Settings s;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("cli"))) {
        std::fprintf(stderr, "usage: bench_live_run PROJECT_DIR --cli PATH [--epochs N] [--batch B] [--threads T] [--rounds R]\n");
        return 2;
    }
    s.project = parser.positionalArguments().at(0);
    s.cli = parser.value(QStringLiteral("cli"));
    s.epochs = parser.value(QStringLiteral("epochs")).toInt() > 0 ? parser.value(QStringLiteral("epochs")).toInt() : s.epochs;
    s.batch = parser.value(QStringLiteral("batch")).toInt() > 0 ? parser.value(QStringLiteral("batch")).toInt() : s.batch;
    s.threads = parser.value(QStringLiteral("threads")).toInt() > 0 ? parser.value(QStringLiteral("threads")).toInt() : s.threads;
    s.rounds = parser.value(QStringLiteral("rounds")).toInt() > 0 ? parser.value(QStringLiteral("rounds")).toInt() : s.rounds;
    const QString database = s.project + QStringLiteral("/sieve.db");

    ui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openProject(s.project)) {
        std::fprintf(stderr, "%s: cannot be opened\n", qPrintable(s.project));
        return 1;
    }
    window.trainingDock()->show();
    window.trainingDock()->raise();

    std::printf("smallcnn, %d epochs, batch %d, %d engine threads, seed 1, %d rounds (order alternates)\n", s.epochs, s.batch,
                s.threads, s.rounds);
    std::vector<double> gui, cli;
    for (int round = 0; round < s.rounds; ++round) {
        for (int turn = 0; turn < 2; ++turn) {
            const bool guiTurn = (round + turn) % 2 == 0;
            const std::optional<double> seconds = guiTurn ? guiRun(s, window, database) : cliRun(s, database);
            if (!seconds) {
                std::fprintf(stderr, "round %d: the %s run failed\n", round + 1, guiTurn ? "GUI" : "CLI");
                return 1;
            }
            (guiTurn ? gui : cli).push_back(*seconds);
            std::printf("round %d %s: %.2f s\n", round + 1, guiTurn ? "GUI with the monitor" : "sieve-cli train     ", *seconds);
            std::fflush(stdout);
        }
    }
    // The best round of each is the one least disturbed by other work on the machine (as
    // export.sh compares); the medians are printed too.
    const double g = *std::min_element(gui.begin(), gui.end()), c = *std::min_element(cli.begin(), cli.end());
    std::printf("median: GUI with the live monitor %.2f s, sieve-cli train %.2f s, overhead %+.1f %%\n", median(gui), median(cli),
                100.0 * (median(gui) - median(cli)) / median(cli));
    std::printf("best:   GUI with the live monitor %.2f s, sieve-cli train %.2f s, overhead %+.1f %% (target < 2 %%)\n", g, c,
                100.0 * (g - c) / c);
    return 0;
}
