// sieve-cli predict, classify, models

#include "cli.h"

#include "jobs/pipeline.h"
#include "store/models.h"
#include "store/project.h"
#include "train/classify_job.h"
#include "train/image_classifier.h"
#include "train/model_loader.h"
#include "train/project_model.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QThreadPool>
#include <QtConcurrent>

#include <algorithm>
#include <limits>

namespace sieve::cli {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

// "a,b,c" as three numbers, or an empty list with *ok false.
QList<double> threeNumbers(const QString &text, bool *ok)
{
    QList<double> values;
    const QStringList parts = text.split(QLatin1Char(','));
    *ok = parts.size() == 3;
    for (const QString &part : parts) {
        bool number = false;
        values.append(part.trimmed().toDouble(&number));
        *ok = *ok && number;
    }
    return *ok ? values : QList<double>{};
}

// Applies --classes, --mean and --std to `model`. Returns an exit code on a problem, else -1.
int applyModelOptions(Command &command, nn::SieveModel &model)
{
    QCommandLineParser &parser = command.parser();
    if (parser.isSet(QStringLiteral("classes"))) {
        Result<QStringList> names = train::readClassNames(parser.value(QStringLiteral("classes")));
        if (!names)
            return command.error(names.error());
        if (Status status = train::setClassNames(model, *names); !status)
            return command.error(Tr::tr("%1: %2").arg(QDir::toNativeSeparators(parser.value(QStringLiteral("classes"))), status.error()));
    }
    for (const char *name : {"mean", "std"}) {
        const QString option = QLatin1String(name);
        if (!parser.isSet(option))
            continue;
        bool ok = false;
        const QList<double> values = threeNumbers(parser.value(option), &ok);
        if (!ok || (option == QLatin1String("std") && std::any_of(values.begin(), values.end(), [](double v) { return v <= 0; })))
            return command.error(Tr::tr("--%1 takes three numbers separated by commas (red, green, blue; pixels in 0..1)%2")
                                     .arg(option, option == QLatin1String("std") ? Tr::tr(", each above 0") : QString()),
                                 Usage);
        (option == QLatin1String("mean") ? model.normalization.mean : model.normalization.std) = values;
    }
    return -1;
}

void addModelOptions(Command &command)
{
    QCommandLineParser &parser = command.parser();
    parser.addOption({QStringLiteral("classes"),
                      Tr::tr("Class names, one per line in output order, for a model that has none (ONNX, Caffe)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("mean"),
                      Tr::tr("Per-channel mean to subtract, red,green,blue on pixels scaled to 0..1 (default: the "
                             "model's; ONNX: ImageNet's 0.485,0.456,0.406; Caffe: 123,117,104 / 255)."),
                      QStringLiteral("R,G,B")});
    parser.addOption({QStringLiteral("std"),
                      Tr::tr("Per-channel standard deviation to divide by, as --mean (default: the model's; ONNX: "
                             "ImageNet's 0.229,0.224,0.225; Caffe: 1/255)."),
                      QStringLiteral("R,G,B")});
}

QJsonArray topJson(const QList<train::ClassScore> &top, const QStringList &classes)
{
    QJsonArray array;
    for (const train::ClassScore &score : top)
        array.append(QJsonObject{{QStringLiteral("class"), classes.value(score.index)},
                                 {QStringLiteral("index"), score.index},
                                 {QStringLiteral("probability"), score.probability}});
    return array;
}

} // namespace

int runPredict(const QStringList &args)
{
    Command command(QStringLiteral("predict"),
                    Tr::tr("Classifies image files with a model: a .sievemodel, an ONNX file, or a Caffe model "
                           "(--model deploy.prototxt --weights net.caffemodel, or --model net.caffemodel with "
                           "net.prototxt or deploy.prototxt beside it). Prints the most probable classes of each "
                           "image. Images are resized so their shorter side is 256 pixels and the centre cropped "
                           "to the network's input, except images already of the input size. An image that cannot "
                           "be read is reported and the others still classified (exit code 4)."),
                    {});
    QCommandLineParser &parser = command.parser();
    parser.addPositionalArgument(QStringLiteral("IMAGE"), Tr::tr("Image files."), QStringLiteral("IMAGE..."));
    parser.addOption({QStringLiteral("model"), Tr::tr("The model file (required)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("weights"), Tr::tr("A Caffe model's .caffemodel, when --model is its .prototxt."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("top"), Tr::tr("How many classes to show per image (default 5)."), QStringLiteral("K")});
    parser.addOption({QStringLiteral("threads"), Tr::tr("Threads (default: one per core)."), QStringLiteral("N")});
    addModelOptions(command);
    if (int code = command.parse(args, 1, std::numeric_limits<int>::max()); code >= 0)
        return code;
    if (!parser.isSet(QStringLiteral("model")))
        return command.error(Tr::tr("--model is required."), Usage);
    bool ok = true;
    const int top = parser.isSet(QStringLiteral("top")) ? parser.value(QStringLiteral("top")).toInt(&ok) : 5;
    if (!ok || top < 1)
        return command.error(Tr::tr("--top takes a number of at least 1."), Usage);
    const int threads = parser.value(QStringLiteral("threads")).toInt();

    Result<train::LoadedModel> loaded = train::loadModel(parser.value(QStringLiteral("model")), parser.value(QStringLiteral("weights")));
    if (!loaded)
        return command.error(loaded.error());
    if (int code = applyModelOptions(command, loaded->model); code >= 0)
        return code;
    Result<std::unique_ptr<train::ImageClassifier>> created = train::ImageClassifier::create(loaded->model, threads);
    if (!created)
        return command.error(Tr::tr("%1: %2").arg(QDir::toNativeSeparators(parser.value(QStringLiteral("model"))), created.error()));
    train::ImageClassifier &classifier = **created;
    if (!command.json() && !loaded->summary.isEmpty())
        std::fprintf(stderr, "%s\n", qPrintable(loaded->summary));

    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-predict-decode"), threads);
    const QStringList paths = command.positional();
    QJsonArray images;
    QList<jobs::JobIssue> issues;
    constexpr qsizetype kBatch = 16;
    command.context().setPhase(Tr::tr("Classifying"), paths.size());
    for (qsizetype start = 0; start < paths.size() && !command.context().isCancelled(); start += kBatch) {
        const QStringList batch = paths.mid(start, kBatch);
        const QList<Result<train::ImageTensor>> prepared = QtConcurrent::blockingMapped(
            &pool, batch, [&classifier](const QString &path) { return classifier.prepare(path); });
        std::vector<train::ImageTensor> tensors;
        QStringList names;
        for (qsizetype i = 0; i < batch.size(); ++i) {
            if (prepared[i]) {
                tensors.push_back(*prepared[i]);
                names.append(batch[i]);
            } else {
                // The decoder's message starts with the path, which the report names anyway.
                QString reason = prepared[i].error();
                if (reason.startsWith(batch[i] + QLatin1String(": ")))
                    reason = reason.mid(batch[i].size() + 2);
                issues.append(jobs::JobIssue{batch[i], reason});
            }
        }
        Result<QList<QList<train::ClassScore>>> scores = classifier.classify(tensors, top);
        if (!scores)
            return command.error(scores.error());
        for (qsizetype i = 0; i < names.size(); ++i) {
            images.append(QJsonObject{{QStringLiteral("path"), names[i]}, {QStringLiteral("top"), topJson(scores->at(i), classifier.classes())}});
            if (!command.json()) {
                command.print(names[i]);
                for (const train::ClassScore &score : scores->at(i))
                    command.print(QStringLiteral("  %1  %2").arg(score.probability, 7, 'f', 4).arg(classifier.classes().value(score.index)));
            }
        }
        command.context().report(start + batch.size(), paths.size());
    }
    command.finishProgress();
    const bool cancelled = command.context().isCancelled();
    if (command.json()) {
        command.printJson(QJsonObject{{QStringLiteral("model"), parser.value(QStringLiteral("model"))},
                                      {QStringLiteral("images"), images},
                                      {QStringLiteral("issues"), issuesJson(issues)},
                                      {QStringLiteral("cancelled"), cancelled}});
    } else if (!issues.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(jobs::issueReport(issues, issues.size(), 50).trimmed()));
    }
    if (cancelled)
        return Interrupted;
    return issues.isEmpty() ? Ok : Problems;
}

int runClassify(const QStringList &args)
{
    Command command(QStringLiteral("classify"),
                    Tr::tr("Classifies a project's images with a model and stores each image's five most probable "
                           "classes as its predictions. --model is a model of the project (its id, see sieve-cli "
                           "models) or a model file (.sievemodel, .onnx, or a Caffe .prototxt with --weights, or a "
                           ".caffemodel with its .prototxt beside it), which is first copied into the project's "
                           "models/ folder as an imported model. Images already classified by the model are skipped, "
                           "so an interrupted run continues where it stopped. Images that cannot be read are "
                           "reported (exit code 4) and retried next time."),
                    {});
    QCommandLineParser &parser = command.parser();
    parser.addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    parser.addOption({QStringLiteral("model"), Tr::tr("A model id of the project or a model file (required)."), QStringLiteral("FILE|ID")});
    parser.addOption({QStringLiteral("weights"), Tr::tr("A Caffe model's .caffemodel, when --model is its .prototxt."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("view"), Tr::tr("Classify only the images of this saved view."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("batch"), Tr::tr("Images per network run (default 32)."), QStringLiteral("B")});
    parser.addOption({QStringLiteral("threads"), Tr::tr("Threads, decoding and network together (default: one per core)."),
                      QStringLiteral("T")});
    addModelOptions(command);
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    if (!parser.isSet(QStringLiteral("model")))
        return command.error(Tr::tr("--model is required."), Usage);
    train::ClassifyOptions options;
    bool ok = true;
    if (parser.isSet(QStringLiteral("batch")))
        options.batch = parser.value(QStringLiteral("batch")).toInt(&ok);
    if (!ok || options.batch < 1 || options.batch > 1024)
        return command.error(Tr::tr("--batch takes a number from 1 to 1024."), Usage);
    options.threads = parser.value(QStringLiteral("threads")).toInt();
    options.view = parser.value(QStringLiteral("view"));
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);

    const QString model = parser.value(QStringLiteral("model"));
    bool isId = false;
    const qint64 id = model.toLongLong(&isId);
    if (isId && !QFileInfo::exists(model)) {
        if (parser.isSet(QStringLiteral("classes")) || parser.isSet(QStringLiteral("mean")) || parser.isSet(QStringLiteral("std")))
            return command.error(Tr::tr("--classes, --mean and --std apply when a model file is imported, not to model %1.").arg(id), Usage);
        options.modelId = id;
    } else {
        Result<train::LoadedModel> loaded = train::loadModel(model, parser.value(QStringLiteral("weights")));
        if (!loaded)
            return command.error(loaded.error());
        if (int code = applyModelOptions(command, loaded->model); code >= 0)
            return code;
        if (!command.json() && !loaded->summary.isEmpty())
            std::fprintf(stderr, "%s\n", qPrintable(loaded->summary));
        // A Caffe model is named after its weights, which identify it better than deploy.prototxt.
        const QString source = parser.isSet(QStringLiteral("weights")) ? parser.value(QStringLiteral("weights")) : model;
        Result<store::ModelRecord> record = train::addModelToProject(**project, *loaded, source);
        if (!record)
            return command.error(record.error());
        options.modelId = record->id;
        if (!command.json())
            command.print(Tr::tr("Model %1: %2 (%3, %4 classes).")
                              .arg(record->id)
                              .arg(record->name, record->architecture)
                              .arg(record->classes.size()));
    }
    Result<train::ClassifySummary> summary = train::runClassification(**project, options, command.context());
    command.finishProgress();
    if (!summary)
        return command.error(summary.error());
    const train::ClassifySummary &s = *summary;
    if (command.json()) {
        command.printJson(QJsonObject{{QStringLiteral("model"), qint64(options.modelId)},
                                      {QStringLiteral("job"), qint64(s.jobId)},
                                      {QStringLiteral("pending"), s.pending},
                                      {QStringLiteral("classified"), s.classified},
                                      {QStringLiteral("failed"), s.failed},
                                      {QStringLiteral("seconds"), s.seconds},
                                      {QStringLiteral("images_per_second"), s.imagesPerSecond},
                                      {QStringLiteral("issues"), issuesJson(s.issues)},
                                      {QStringLiteral("cancelled"), s.cancelled}});
    } else {
        command.print(Tr::tr("Classified %1 of %2 images with model %3 (%4 images/s); %5 could not be read.")
                          .arg(s.classified)
                          .arg(s.pending)
                          .arg(options.modelId)
                          .arg(s.imagesPerSecond, 0, 'f', 1)
                          .arg(s.failed));
        if (s.failed > 0)
            command.print(jobs::issueReport(s.issues, s.failed, 50).trimmed());
        if (s.cancelled)
            command.print(Tr::tr("Cancelled. The predictions made are kept; run the same command again to continue."));
    }
    if (s.cancelled)
        return Interrupted;
    return s.failed > 0 ? Problems : Ok;
}

int runModels(const QStringList &args)
{
    Command command(QStringLiteral("models"),
                    Tr::tr("Lists the project's models, trained and imported, newest first: id, name, "
                           "architecture, number of classes, origin, metrics and when it was added."),
                    {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    Result<QList<store::ModelRecord>> models = store::listModels((*project)->db());
    if (!models)
        return command.error(models.error());
    if (command.json()) {
        QJsonArray array;
        for (const store::ModelRecord &m : *models)
            array.append(QJsonObject{{QStringLiteral("id"), qint64(m.id)},
                                     {QStringLiteral("name"), m.name},
                                     {QStringLiteral("file"), m.file},
                                     {QStringLiteral("architecture"), m.architecture},
                                     {QStringLiteral("classes"), m.classes.size()},
                                     {QStringLiteral("origin"), m.origin},
                                     {QStringLiteral("metrics"), m.metrics},
                                     {QStringLiteral("created"), m.createdAt}});
        command.printJson(QJsonObject{{QStringLiteral("models"), array}});
        return Ok;
    }
    if (models->isEmpty()) {
        command.print(Tr::tr("No models yet: train one, or import one with sieve-cli classify --model FILE."));
        return Ok;
    }
    command.print(QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                      .arg(Tr::tr("id"), 4)
                      .arg(Tr::tr("name"), -28)
                      .arg(Tr::tr("architecture"), -12)
                      .arg(Tr::tr("classes"), 7)
                      .arg(Tr::tr("origin"), -8)
                      .arg(Tr::tr("created"), -20)
                      .arg(Tr::tr("metrics")));
    for (const store::ModelRecord &m : *models) {
        QStringList metrics;
        for (auto it = m.metrics.begin(); it != m.metrics.end(); ++it)
            metrics.append(QStringLiteral("%1=%2").arg(it.key(), it.value().isDouble() ? QString::number(it.value().toDouble(), 'g', 4)
                                                                                      : it.value().toVariant().toString()));
        command.print(QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
                          .arg(m.id, 4)
                          .arg(m.name, -28)
                          .arg(m.architecture, -12)
                          .arg(m.classes.size(), 7)
                          .arg(m.origin, -8)
                          .arg(m.createdAt, -20)
                          .arg(metrics.join(QLatin1Char(' '))));
    }
    return Ok;
}

} // namespace sieve::cli
