// sieve-cli train, sieve-cli eval

#include "cli.h"
#include "commands_train_cluster.h"
#include "run_summary_json.h"

#include "nn/model_zoo.h"
#include "store/project.h"
#include "train/evaluation.h"
#include "train/trainer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

#include <optional>

namespace sieve::cli {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

// The value of option NAME as an integer in [low, high], or an error naming the option.
std::optional<QString> readInt(const QCommandLineParser &parser, const QString &name, int low, int high, int &value)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const qlonglong read = parser.value(name).toLongLong(&ok);
    if (!ok || read < low || read > high)
        return Tr::tr("--%1 must be a whole number from %2 to %3, not “%4”.").arg(name).arg(low).arg(high).arg(parser.value(name));
    value = int(read);
    return std::nullopt;
}

std::optional<QString> readDouble(const QCommandLineParser &parser, const QString &name, double low, double high,
                                  bool lowInclusive, double &value)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const double read = parser.value(name).toDouble(&ok);
    if (!ok || (lowInclusive ? read < low : read <= low) || read > high)
        return Tr::tr("--%1 must be a number %2 %3 and at most %4, not “%5”.")
            .arg(name, lowInclusive ? Tr::tr("from") : Tr::tr("above"))
            .arg(low).arg(high).arg(parser.value(name));
    value = read;
    return std::nullopt;
}

} // namespace

int runTrain(const QStringList &args)
{
    Command command(QStringLiteral("train"),
                    Tr::tr("Trains an image classifier on the project's labelled images (of a saved view, or all), "
                           "on this machine. A stratified share of each class is held out for validation; classes "
                           "with too few images are left out and named. Every step's loss, accuracy, learning rate, "
                           "speed and data-wait share and every epoch's validation results are recorded for the "
                           "training charts; a checkpoint is written after every epoch. The best epoch's model is "
                           "saved in the project's models/ folder. Ctrl+C stops at the next step; --resume RUN_ID "
                           "continues from the last completed epoch exactly as if it had not stopped."),
                    {});
    QCommandLineParser &parser = command.parser();
    parser.addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    parser.addOptions({
        {QStringLiteral("model"), Tr::tr("Architecture: %1.").arg(nn::zooModelNames().join(QStringLiteral(", "))), QStringLiteral("NAME")},
        {QStringLiteral("pretrained"), Tr::tr("Start from this model (.onnx, .caffemodel with its .prototxt beside it, or .sievemodel); its classifier is replaced by one for the project's classes."), QStringLiteral("FILE")},
        {QStringLiteral("head-only"), Tr::tr("With --pretrained: train only the new classifier on backbone features computed once.")},
        {QStringLiteral("epochs"), Tr::tr("Passes over the training images."), QStringLiteral("N")},
        {QStringLiteral("batch"), Tr::tr("Images per step (default 32)."), QStringLiteral("B")},
        {QStringLiteral("lr"), Tr::tr("Base learning rate (default: sgd 0.05, 0.01 for googlenet and --pretrained; adamw 0.001)."), QStringLiteral("X")},
        {QStringLiteral("optimizer"), Tr::tr("sgd (momentum 0.9, the default) or adamw."), QStringLiteral("NAME")},
        {QStringLiteral("weight-decay"), Tr::tr("Weight decay: L2 for sgd (default 0.0005), decoupled for adamw (default 0.01); 0: none."), QStringLiteral("X")},
        {QStringLiteral("schedule"), Tr::tr("Learning-rate schedule: constant, step (÷10 at each third) or cosine (the default)."), QStringLiteral("NAME")},
        {QStringLiteral("warmup"), Tr::tr("Steps of linear learning-rate warm-up (default 0)."), QStringLiteral("STEPS")},
        {QStringLiteral("clip-norm"), Tr::tr("Clip the gradients' global norm to this (default: no clipping)."), QStringLiteral("X")},
        {QStringLiteral("view"), Tr::tr("Train on the images of this saved view (default: all images)."), QStringLiteral("NAME")},
        {QStringLiteral("val-fraction"), Tr::tr("Share of each class held out for validation (default 0.2)."), QStringLiteral("F")},
        {QStringLiteral("min-per-class"), Tr::tr("Classes with fewer labelled images are left out (default 5)."), QStringLiteral("N")},
        {QStringLiteral("seed"), Tr::tr("Seed of the split, initial weights, shuffling and augmentation (default 1)."), QStringLiteral("S")},
        {QStringLiteral("input-size"), Tr::tr("Input pixels (default: 32 for smallcnn, else 224)."), QStringLiteral("PX")},
        {QStringLiteral("threads"), Tr::tr("Engine threads (default: one per core)."), QStringLiteral("T")},
        {QStringLiteral("resume"), Tr::tr("Continue run RUN_ID from its last checkpoint, with its own settings."), QStringLiteral("RUN_ID")},
        {QStringLiteral("early-stop"), Tr::tr("Stop after this many epochs without a better validation result."), QStringLiteral("PATIENCE")},
        {QStringLiteral("early-stop-on"), Tr::tr("What --early-stop and the saved best epoch go by: top1 (the default) or loss."), QStringLiteral("METRIC")},
        {QStringLiteral("precision"), Tr::tr("Arithmetic precision: fp32, bf16 (about twice as fast where the processor has AVX-512 BF16 or AMX), or auto (the default: bf16 where available)."), QStringLiteral("P")},
    });
    addClusterTrainOptions(parser);
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;

    train::TrainOptions options;
    qint64 resume = 0;
    if (parser.isSet(QStringLiteral("resume"))) {
        bool ok = false;
        resume = parser.value(QStringLiteral("resume")).toLongLong(&ok);
        if (!ok || resume < 1)
            return command.error(Tr::tr("--resume must be a run number, not “%1”.").arg(parser.value(QStringLiteral("resume"))), Usage);
        // A resumed run continues with its own settings; accepting others would silently ignore them.
        for (const QString &option : parser.optionNames()) {
            if (option != QLatin1String("resume") && option != QLatin1String("threads") && option != QLatin1String("json"))
                return command.error(Tr::tr("--%1 cannot be combined with --resume: a resumed run keeps its own settings "
                                            "(only --threads may differ).").arg(option), Usage);
        }
    } else {
        if (!parser.isSet(QStringLiteral("model")) && !parser.isSet(QStringLiteral("pretrained")))
            return command.error(Tr::tr("--model is required (one of %1), or --pretrained FILE.").arg(nn::zooModelNames().join(QStringLiteral(", "))), Usage);
        if (!parser.isSet(QStringLiteral("epochs")))
            return command.error(Tr::tr("--epochs is required."), Usage);
    }
    options.model = parser.value(QStringLiteral("model"));
    if (parser.isSet(QStringLiteral("model")) && !nn::zooModelNames().contains(options.model))
        return command.error(Tr::tr("--model must be one of %1, not “%2”.").arg(nn::zooModelNames().join(QStringLiteral(", ")), options.model), Usage);
    options.pretrained = parser.value(QStringLiteral("pretrained"));
    if (!options.pretrained.isEmpty()) {
        options.pretrained = QFileInfo(options.pretrained).absoluteFilePath();
        if (!parser.isSet(QStringLiteral("model")))
            options.model = QFileInfo(options.pretrained).completeBaseName();
    }
    options.headOnly = parser.isSet(QStringLiteral("head-only"));
    options.optimizer = parser.value(QStringLiteral("optimizer")).isEmpty() ? QStringLiteral("sgd") : parser.value(QStringLiteral("optimizer"));
    if (options.optimizer != QLatin1String("sgd") && options.optimizer != QLatin1String("adamw"))
        return command.error(Tr::tr("--optimizer must be sgd or adamw, not “%1”.").arg(options.optimizer), Usage);
    const QString schedule = parser.value(QStringLiteral("schedule"));
    if (schedule == QLatin1String("constant"))
        options.schedule = nn::LrSchedule::Kind::Constant;
    else if (schedule == QLatin1String("step"))
        options.schedule = nn::LrSchedule::Kind::Step;
    else if (!schedule.isEmpty() && schedule != QLatin1String("cosine"))
        return command.error(Tr::tr("--schedule must be constant, step or cosine, not “%1”.").arg(schedule), Usage);
    if (parser.isSet(QStringLiteral("precision"))) {
        Result<nn::Precision> precision = nn::parsePrecision(parser.value(QStringLiteral("precision")));
        if (!precision)
            return command.error(QStringLiteral("--precision: %1").arg(precision.error()), Usage);
    }
    const QString stopOn = parser.value(QStringLiteral("early-stop-on"));
    if (!stopOn.isEmpty() && stopOn != QLatin1String("top1") && stopOn != QLatin1String("loss"))
        return command.error(Tr::tr("--early-stop-on must be top1 or loss, not “%1”.").arg(stopOn), Usage);
    if (stopOn == QLatin1String("loss"))
        options.earlyStopMetric = QStringLiteral("val/loss");
    int warmup = 0, seed = 1, threads = 0;
    double clip = 0;
    for (const std::optional<QString> &problem :
         {readInt(parser, QStringLiteral("epochs"), 1, 100000, options.epochs),
          readInt(parser, QStringLiteral("batch"), 1, 4096, options.batchSize),
          readDouble(parser, QStringLiteral("lr"), 0, 10, false, options.learningRate),
          readInt(parser, QStringLiteral("warmup"), 0, 100000000, warmup),
          readDouble(parser, QStringLiteral("clip-norm"), 0, 1e6, false, clip),
          readDouble(parser, QStringLiteral("weight-decay"), 0, 0.999, true, options.weightDecay),
          readDouble(parser, QStringLiteral("val-fraction"), 0, 0.9, false, options.validationFraction),
          readInt(parser, QStringLiteral("min-per-class"), 2, 1000000, options.minimumPerClass),
          readInt(parser, QStringLiteral("seed"), 0, 2147483647, seed),
          readInt(parser, QStringLiteral("input-size"), 16, 1024, options.inputSize),
          readInt(parser, QStringLiteral("threads"), 1, 1024, threads),
          readInt(parser, QStringLiteral("early-stop"), 1, 100000, options.earlyStopPatience)}) {
        if (problem)
            return command.error(*problem, Usage);
    }
    options.warmupSteps = warmup;
    options.clipNorm = clip;
    options.seed = std::uint64_t(seed);
    options.view = parser.value(QStringLiteral("view"));
    if (parser.isSet(QStringLiteral("precision")))
        options.precision = parser.value(QStringLiteral("precision"));
    if (resume == 0) {
        if (Status valid = options.validate(); !valid)
            return command.error(valid.error(), Usage);
    }

    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    if (parser.isSet(QStringLiteral("workers")))
        return trainOnCluster(command, **project, options, threads);
    for (const char *option : {"token-file", "tls-ca", "max-restarts", "worker-timeout", "checkpoint-every"}) {
        if (parser.isSet(QLatin1String(option)))
            return command.error(Tr::tr("--%1 goes with --workers.").arg(QLatin1String(option)), Usage);
    }
    train::TrainResources resources;
    resources.threads = threads;
    Result<train::TrainSummary> result = train::runTraining(**project, options, command.context(), resume, resources);
    command.finishProgress();
    if (!result)
        return command.error(result.error());
    const train::TrainSummary &s = *result;
    if (command.json()) {
        QJsonObject json = runSummaryJson(s);
        json.insert(QStringLiteral("unreadable"), s.unreadable);
        json.insert(QStringLiteral("issues"), issuesJson(s.issues));
        json.insert(QStringLiteral("data_wait"), s.dataWaitShare);
        command.printJson(json);
    } else {
        for (const QString &excluded : s.excludedClasses)
            command.print(excluded);
        command.print(Tr::tr("Run %1: %2 classes, %3 training and %4 validation images; epochs done: %5 of %6 (%7 steps)%8.")
                          .arg(s.runId).arg(s.classes.size()).arg(s.trainImages).arg(s.validationImages)
                          .arg(s.epochsDone).arg(s.epochs).arg(s.steps)
                          .arg(s.stoppedEarly ? Tr::tr(", stopped early") : QString()));
        command.print(Tr::tr("Validation: top-1 %1, top-5 %2, loss %3 (last epoch); best top-1 %4 at epoch %5.")
                          .arg(percent(s.finalTop1), percent(s.finalTop5)).arg(s.finalLoss, 0, 'f', 4)
                          .arg(percent(s.bestTop1)).arg(s.bestEpoch));
        command.print(Tr::tr("Speed: %1 images/s; waiting for data %2 of the time.")
                          .arg(s.imagesPerSecond, 0, 'f', 1).arg(percent(s.dataWaitShare)));
        if (s.unreadable > 0)
            command.print(jobs::issueReport(s.issues, s.unreadable, 50).trimmed());
        if (!s.modelPath.isEmpty())
            command.print(Tr::tr("Model: %1").arg(s.modelPath));
    }
    if (s.cancelled) {
        if (!command.json())
            command.print(Tr::tr("Cancelled after epoch %1. Continue with: sieve-cli train %2 --resume %3")
                              .arg(s.epochsDone).arg(command.positional().at(0)).arg(s.runId));
        return Interrupted;
    }
    return s.unreadable > 0 ? Problems : Ok;
}

int runEval(const QStringList &args)
{
    Command command(QStringLiteral("eval"),
                    Tr::tr("Evaluates a model on the project's labelled images (of a saved view, or all): top-1 and "
                           "top-5 accuracy, loss, and per-class precision and recall. Images labelled with a "
                           "category the model does not know are counted and skipped."),
                    {});
    QCommandLineParser &parser = command.parser();
    parser.addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    parser.addOptions({
        {QStringLiteral("model"), Tr::tr("The model file (.sievemodel)."), QStringLiteral("FILE")},
        {QStringLiteral("view"), Tr::tr("Evaluate on the images of this saved view (default: all images)."), QStringLiteral("NAME")},
        {QStringLiteral("threads"), Tr::tr("Engine threads (default: one per core)."), QStringLiteral("T")},
    });
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    if (!parser.isSet(QStringLiteral("model")))
        return command.error(Tr::tr("--model FILE.sievemodel is required."), Usage);
    int threads = 0;
    if (std::optional<QString> problem = readInt(parser, QStringLiteral("threads"), 1, 1024, threads))
        return command.error(*problem, Usage);
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    Result<train::EvaluationSummary> result =
        train::evaluateModel((*project)->db(), QFileInfo(parser.value(QStringLiteral("model"))).absoluteFilePath(),
                             parser.value(QStringLiteral("view")), threads, command.context());
    command.finishProgress();
    if (!result)
        return command.error(result.error());
    const train::EvaluationSummary &s = *result;
    const train::ClassificationMetrics &m = *s.metrics;
    if (command.json()) {
        QJsonObject json = m.toJson(s.classes);
        json.insert(QStringLiteral("evaluated"), s.evaluated);
        json.insert(QStringLiteral("unknown_label"), s.unknownLabel);
        json.insert(QStringLiteral("unlabeled"), s.unlabeled);
        json.insert(QStringLiteral("missing"), s.missing);
        json.insert(QStringLiteral("unreadable"), qint64(s.issues.size()));
        json.insert(QStringLiteral("issues"), issuesJson(s.issues));
        json.insert(QStringLiteral("cancelled"), s.cancelled);
        command.printJson(json);
    } else {
        command.print(Tr::tr("%1 images evaluated: top-1 %2, top-5 %3, loss %4. Skipped: %5 with a label the model does "
                             "not know, %6 unreadable.")
                          .arg(s.evaluated).arg(percent(m.top1()), percent(m.top5())).arg(m.loss(), 0, 'f', 4)
                          .arg(s.unknownLabel).arg(s.issues.size()));
        for (int c = 0; c < m.classes(); ++c)
            command.print(Tr::tr("  %1: precision %2, recall %3").arg(s.classes.at(c), percent(m.precision(c)), percent(m.recall(c))));
        if (!s.issues.isEmpty())
            command.print(jobs::issueReport(s.issues, s.issues.size(), 50).trimmed());
    }
    if (s.cancelled)
        return Interrupted;
    return s.issues.isEmpty() ? Ok : Problems;
}

} // namespace sieve::cli
