// sieve-cli: every batch operation of Sieve from a terminal or a script.

#include "cli.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QGuiApplication>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

struct CommandEntry {
    const char *name;
    const char *summary;
    int (*run)(const QStringList &);
};

constexpr CommandEntry kCommands[] = {
    {"init", "PROJECT_DIR                         create an empty project", sieve::cli::runInit},
    {"import", "PROJECT_DIR IMAGES_DIR [--metadata F] import a folder of images (incremental)", sieve::cli::runImport},
    {"info", "PROJECT_DIR                         counts: images, labels, review, flags, errors", sieve::cli::runInfo},
    {"thumbnails", "PROJECT_DIR [--size N]              build the thumbnail cache", sieve::cli::runThumbnails},
    {"scan", "PROJECT_DIR quality|duplicates|all   quality scores, duplicate groups, suggested flags", sieve::cli::runScan},
    {"label", "PROJECT_DIR --csv FILE              set labels in bulk by path", sieve::cli::runLabel},
    {"export-labels", "PROJECT_DIR OUT.csv                 write labels and metadata to CSV", sieve::cli::runExportLabels},
    {"views", "PROJECT_DIR [--save NAME ...]          list, save, rename or delete saved views", sieve::cli::runViews},
    {"export", "PROJECT_DIR OUT_DIR [--view NAME] ...  export a cleaned, redacted, split dataset", sieve::cli::runExport},
    {"train", "PROJECT_DIR --model M --epochs N    train a classifier on the labelled images", sieve::cli::runTrain},
    {"eval", "PROJECT_DIR --model FILE [--view V] accuracy, per-class precision/recall", sieve::cli::runEval},
    {"predict", "--model FILE IMAGE... [--top K]      classify image files with a model (Sieve, ONNX, Caffe)", sieve::cli::runPredict},
    {"classify", "PROJECT_DIR --model FILE|ID [--view V] predict every image's classes with a model", sieve::cli::runClassify},
    {"label-issues", "PROJECT_DIR --model ID [--folds K]  rank likely mislabeled images (confident learning)", sieve::cli::runLabelIssues},
    {"models", "PROJECT_DIR                         list the project's trained and imported models", sieve::cli::runModels},
    {"demo", "--out DIR [--images N] ...          generate the synthetic demo dataset", sieve::cli::runDemo},
    {"workers", "PROJECT_DIR [--add H:P --token-file F]  the project's worker nodes, answering or not", sieve::cli::runWorkers},
    {"worker-info", "HOST:PORT --token-file F [--tls-ca F]  what a sieve-worker node is and whether it is busy", sieve::cli::runWorkerInfo},
    {"bench-engine", "--model M [--mode train|infer] ...  speed of the training engine, images/s", sieve::cli::runBenchEngine},
};

void printUsage(FILE *to)
{
    std::fprintf(to, "Usage: sieve-cli COMMAND [ARGS] [--json] [--help]\n\nCommands:\n");
    for (const CommandEntry &command : kCommands)
        std::fprintf(to, "  %-14s %s\n", command.name, command.summary);
    std::fprintf(to,
                 "\nEvery command takes --help and --json. Progress goes to stderr: a bar on a terminal,\n"
                 "plain lines otherwise, JSON objects with --json.\n\n"
                 "Exit codes: 0 done; 1 failed; 2 bad usage; 3 project cannot be opened;\n"
                 "            4 done, but some items had problems (listed); 130 interrupted (Ctrl+C).\n");
}

} // namespace

int main(int argc, char **argv)
{
    const char *name = argc > 1 ? argv[1] : "";
    // The demo renders text with system fonts, which needs a GUI application; any other
    // command runs without a display.
    std::unique_ptr<QCoreApplication> app;
    if (std::strcmp(name, "demo") == 0) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    // Decoders' own complaints ("libpng error: ...") would interleave with progress output;
    // Sieve reports every unreadable image itself, naming the file.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.gui.imageio*=false"));
    QCoreApplication::setApplicationName(QStringLiteral("sieve-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Sieve"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SIEVE_VERSION));

    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") || args[1] == QLatin1String("help")) {
        printUsage(stdout);
        return args.size() < 2 ? sieve::cli::Usage : sieve::cli::Ok;
    }
    if (args[1] == QLatin1String("--version")) {
        std::printf("sieve-cli %s\n", SIEVE_VERSION);
        return sieve::cli::Ok;
    }
    for (const CommandEntry &command : kCommands)
        if (args[1] == QLatin1String(command.name))
            return command.run(args.mid(2));
    std::fprintf(stderr, "sieve-cli: unknown command \"%s\".\n\n", qPrintable(args[1]));
    printUsage(stderr);
    return sieve::cli::Usage;
}
