// sieve-cli bench-engine

#include "cli.h"

#include "nn/model_file.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "nn/optimizer.h"
#include "nn/random.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <optional>

namespace sieve::cli {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cli)
};

// A positive integer option, or nullopt when absent. Sets `error` when it is not one.
std::optional<int> positiveOption(const QCommandLineParser &parser, const QString &name, int maximum, QString &error)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < 1 || value > maximum) {
        error = Tr::tr("--%1 must be a whole number from 1 to %2, not “%3”.").arg(name).arg(maximum).arg(parser.value(name));
        return std::nullopt;
    }
    return value;
}

struct BenchModel {
    nn::ModelDefinition definition;
    std::optional<nn::SieveModel> file;
};

// A zoo model at `size` pixels (googlenet: 224 only), or a .sievemodel file at its own size.
Result<BenchModel> loadBenchModel(const QString &name, std::optional<int> size)
{
    BenchModel model;
    if (name.endsWith(QLatin1String(".sievemodel")) || QFileInfo(name).isFile()) {
        Result<nn::SieveModel> file = nn::loadModelFile(name);
        if (!file)
            return file.takeError();
        const nn::InputDefinition &input = file->definition.input;
        if (size && (*size != input.height || *size != input.width))
            return fail(Tr::tr("%1 takes %2×%3 images; leave out --input-size").arg(name).arg(input.width).arg(input.height));
        model.definition = file->definition;
        model.file = std::move(*file);
        return model;
    }
    const int classes = 1000;
    if (name == QLatin1String("googlenet")) {
        if (size && *size != 224)
            return fail(Tr::tr("googlenet takes 224×224 images only"));
        model.definition = nn::googLeNet(classes);
    } else if (name == QLatin1String("resnet18") || name == QLatin1String("mobilenetv2")) {
        if (size && *size < 32)
            return fail(Tr::tr("%1 needs images of at least 32×32").arg(name));
        model.definition = name == QLatin1String("resnet18") ? nn::resNet18(classes, size.value_or(224))
                                                               : nn::mobileNetV2(classes, size.value_or(224));
    } else if (name == QLatin1String("smallcnn")) {
        if (size && *size < 8)
            return fail(Tr::tr("smallcnn needs images of at least 8×8"));
        model.definition = nn::smallCnn(10, size.value_or(32));
    } else {
        return fail(Tr::tr("“%1” is neither a model of the zoo (%2) nor a .sievemodel file")
                        .arg(name, nn::zooModelNames().join(QLatin1String(", "))));
    }
    return model;
}

} // namespace

int runBenchEngine(const QStringList &args)
{
    Command command(QStringLiteral("bench-engine"),
                    Tr::tr("Measures the training engine on synthetic images: images per second and milliseconds per "
                           "step, after warm-up steps that are not counted. A training step is forward, backward and "
                           "an SGD update; an inference step is a forward pass."),
                    {});
    QCommandLineParser &parser = command.parser();
    parser.addOption({QStringLiteral("model"),
                      Tr::tr("A zoo model (googlenet, resnet18, mobilenetv2, smallcnn) or a .sievemodel file."),
                      QStringLiteral("M")});
    parser.addOption({QStringLiteral("batch"), Tr::tr("Images per step (default 32)."), QStringLiteral("B")});
    parser.addOption({QStringLiteral("threads"), Tr::tr("Engine threads (default 1)."), QStringLiteral("T")});
    parser.addOption({QStringLiteral("precision"),
                      Tr::tr("fp32, bf16 or auto (default: auto, bf16 where the processor has it)."),
                      QStringLiteral("P")});
    parser.addOption({QStringLiteral("mode"), Tr::tr("train or infer (default train)."), QStringLiteral("MODE")});
    parser.addOption({QStringLiteral("input-size"),
                      Tr::tr("Image width and height in pixels (default: the model's, 224 for the ImageNet models)."),
                      QStringLiteral("PX")});
    parser.addOption({QStringLiteral("steps"), Tr::tr("Measured steps (default 10)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("warmup"), Tr::tr("Steps run first and not measured (default 2)."), QStringLiteral("N")});
    if (int code = command.parse(args, 0, 0); code >= 0)
        return code;

    if (!parser.isSet(QStringLiteral("model")))
        return command.error(Tr::tr("--model is required."), Usage);
    QString error;
    const int batch = positiveOption(parser, QStringLiteral("batch"), 4096, error).value_or(32);
    const int threads = positiveOption(parser, QStringLiteral("threads"), 1024, error).value_or(1);
    const std::optional<int> size = positiveOption(parser, QStringLiteral("input-size"), 4096, error);
    const int steps = positiveOption(parser, QStringLiteral("steps"), 100000, error).value_or(10);
    int warmup = 2;
    if (parser.isSet(QStringLiteral("warmup"))) {
        bool ok = false;
        warmup = parser.value(QStringLiteral("warmup")).toInt(&ok);
        if (!ok || warmup < 0 || warmup > 1000)
            error = Tr::tr("--warmup must be a whole number from 0 to 1000.");
    }
    if (!error.isEmpty())
        return command.error(error, Usage);
    const Result<nn::Precision> precision = nn::parsePrecision(parser.isSet(QStringLiteral("precision"))
                                                                   ? parser.value(QStringLiteral("precision"))
                                                                   : QStringLiteral("auto"));
    if (!precision)
        return command.error(Tr::tr("--precision: %1.").arg(precision.error()), Usage);
    const QString mode = parser.isSet(QStringLiteral("mode")) ? parser.value(QStringLiteral("mode")) : QStringLiteral("train");
    if (mode != QLatin1String("train") && mode != QLatin1String("infer"))
        return command.error(Tr::tr("--mode must be train or infer, not “%1”.").arg(mode), Usage);
    const bool training = mode == QLatin1String("train");

    const QString modelName = parser.value(QStringLiteral("model"));
    Result<BenchModel> model = loadBenchModel(modelName, size);
    if (!model)
        return command.error(model.error(), Usage);
    nn::NetworkOptions options;
    options.threads = threads;
    options.precision = *precision;
    options.seed = 1;
    Result<std::unique_ptr<nn::Network>> created =
        model->file ? nn::createNetwork(*model->file, options) : nn::Network::create(model->definition, options);
    if (!created)
        return command.error(created.error());
    nn::Network &network = **created;

    // Uniform noise in the range of normalised pixels; the engine's speed does not depend on
    // the values (no sparsity shortcuts in oneDNN's convolutions).
    nn::Random random(7);
    std::vector<float> images(std::size_t(batch) * network.sampleSize());
    for (float &v : images)
        v = float(random.uniform(-2, 2));
    std::vector<int> labels(static_cast<std::size_t>(batch), 0);
    for (int &label : labels)
        label = int(random.next() % std::uint64_t(network.classCount()));
    nn::Optimizer optimizer = nn::Optimizer::sgd(network.parameters(), {0.9, false, 1e-4});

    const auto step = [&]() -> Status {
        if (Status status = network.forward(images, batch, training ? nn::Pass::Training : nn::Pass::Inference); !status)
            return status;
        if (!training)
            return {};
        const Result<double> loss = network.backward(labels);
        if (!loss)
            return loss.takeError();
        optimizer.step(network.parameters(), 1e-4);
        return {};
    };
    for (int i = 0; i < warmup; ++i) {
        if (Status status = step(); !status)
            return command.error(status.error());
    }
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < steps; ++i) {
        if (Status status = step(); !status)
            return command.error(status.error());
    }
    const double seconds = double(timer.nsecsElapsed()) * 1e-9;
    const double imagesPerSecond = double(batch) * steps / seconds;
    const double msPerStep = seconds * 1e3 / steps;
    const nn::InputDefinition &input = network.definition().input;
    const QString effective = nn::precisionName(network.precision());

    if (command.json()) {
        command.printJson({{QStringLiteral("model"), modelName},
                           {QStringLiteral("mode"), mode},
                           {QStringLiteral("batch"), batch},
                           {QStringLiteral("threads"), threads},
                           {QStringLiteral("precision"), nn::precisionName(*precision)},
                           {QStringLiteral("effective_precision"), effective},
                           {QStringLiteral("input_size"), input.width},
                           {QStringLiteral("input_height"), input.height},
                           {QStringLiteral("classes"), network.classCount()},
                           {QStringLiteral("warmup_steps"), warmup},
                           {QStringLiteral("steps"), steps},
                           {QStringLiteral("seconds"), seconds},
                           {QStringLiteral("images_per_second"), imagesPerSecond},
                           {QStringLiteral("ms_per_step"), msPerStep}});
        return Ok;
    }
    command.print(Tr::tr("%1 %2, %3×%4, batch %5, %6 thread(s), %7: %8 images/s, %9 ms per step (%10 steps after %11 "
                         "warm-up)")
                      .arg(modelName, mode)
                      .arg(input.width)
                      .arg(input.height)
                      .arg(batch)
                      .arg(threads)
                      .arg(effective)
                      .arg(imagesPerSecond, 0, 'f', 2)
                      .arg(msPerStep, 0, 'f', 1)
                      .arg(steps)
                      .arg(warmup));
    return Ok;
}

} // namespace sieve::cli
