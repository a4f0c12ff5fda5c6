#pragma once

#include "base/result.h"
#include "jobs/job_context.h"
#include "jobs/job_store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace sieve::store {
class Project;
}

namespace sieve::cli {

// Exit codes, documented in the README and in `sieve-cli --help`.
enum ExitCode {
    Ok = 0,
    Failed = 1,           // the command could not do its work (message on stderr)
    Usage = 2,            // unknown command or option, missing or bad argument
    ProjectError = 3,     // no project there, damaged, or written by a newer Sieve
    Problems = 4,         // finished, but some items had problems (listed in the report)
    Interrupted = 130,    // cancelled with Ctrl+C; finished work is kept, run again to continue
};

// What every command shares: its parser (with --help and --json), output and progress.
class Command {
public:
    Command(QString name, QString summary, QString usage);

    QCommandLineParser &parser() { return m_parser; }
    // Parses ARGS (the command's own, after its name). Returns an exit code when the command
    // should stop (help shown: Ok; bad usage: Usage), else -1.
    int parse(const QStringList &args, int minPositional, int maxPositional);
    QStringList positional() const { return m_parser.positionalArguments(); }
    bool json() const { return m_json; }

    // A job context whose progress goes to stderr: a bar on a terminal, a line every couple of
    // seconds otherwise, JSON objects with --json. Ctrl+C cancels it.
    jobs::JobContext &context() { return *m_context; }

    Result<std::unique_ptr<store::Project>> openProject(const QString &dir);

    int error(const QString &message, int code = Failed) const;
    void printJson(const QJsonObject &object) const;
    void print(const QString &text) const;   // stdout, a line
    void finishProgress() const;

private:
    QString m_name;
    QCommandLineParser m_parser;
    bool m_json = false;
    std::unique_ptr<jobs::JobContext> m_context;
};

// The same as JSON: [{"path", "reason"}, ...].
QJsonArray issuesJson(const QList<jobs::JobIssue> &issues);
// Counts per kind ("blur": 3, ...) as a JSON object and as "3 blur, 1 dark" ("none" if empty).
QJsonObject countsJson(const QMap<QString, qint64> &counts);
QString countsText(const QMap<QString, qint64> &counts);

int runInit(const QStringList &args);
int runImport(const QStringList &args);
int runInfo(const QStringList &args);
int runThumbnails(const QStringList &args);
int runLabel(const QStringList &args);
int runExportLabels(const QStringList &args);
int runDemo(const QStringList &args);
int runExport(const QStringList &args);
int runViews(const QStringList &args);
int runScan(const QStringList &args);
int runPredict(const QStringList &args);
int runClassify(const QStringList &args);
int runModels(const QStringList &args);
int runTrain(const QStringList &args);
int runEval(const QStringList &args);
int runLabelIssues(const QStringList &args);
int runBenchEngine(const QStringList &args);
int runWorkerInfo(const QStringList &args);
int runWorkers(const QStringList &args);

} // namespace sieve::cli
