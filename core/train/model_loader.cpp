#include "train/model_loader.h"

#include "nn/caffe_import.h"
#include "nn/network.h"
#include "nn/onnx_import.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cmath>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

QString native(const QString &path) { return QDir::toNativeSeparators(path); }

// The number of outputs of `definition`'s network.
Result<int> outputCount(const nn::ModelDefinition &definition)
{
    Result<std::unique_ptr<nn::Network>> network = nn::Network::create(definition);
    if (!network)
        return network.takeError();
    return (*network)->classCount();
}

Status nameClassesByNumber(nn::SieveModel &model)
{
    Result<int> outputs = outputCount(model.definition);
    if (!outputs)
        return outputs.takeError();
    model.classes.clear();
    for (int i = 0; i < *outputs; ++i)
        model.classes.append(Tr::tr("class %1").arg(i));
    return {};
}

// The definition that goes with a .caffemodel: <base>.prototxt, else deploy.prototxt beside it.
QString caffeDefinitionFor(const QString &weights)
{
    const QFileInfo info(weights);
    for (const QString &candidate : {info.completeBaseName() + QStringLiteral(".prototxt"), QStringLiteral("deploy.prototxt")}) {
        const QString path = info.dir().filePath(candidate);
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

Result<LoadedModel> loadCaffe(const QString &path, const QString &weights)
{
    QString definition = path, trained = weights;
    if (path.endsWith(QLatin1String(".caffemodel"), Qt::CaseInsensitive)) {
        if (!weights.isEmpty())
            return fail(Tr::tr("%1 is a Caffe weights file; give the network definition (.prototxt) as the model and "
                               "the weights as its weights")
                            .arg(native(path)));
        definition = caffeDefinitionFor(path);
        trained = path;
        if (definition.isEmpty())
            return fail(Tr::tr("%1 needs its network definition: found neither %2 nor deploy.prototxt beside it; "
                               "give the .prototxt as the model and the .caffemodel as its weights")
                            .arg(native(path), QFileInfo(path).completeBaseName() + QStringLiteral(".prototxt")));
    } else if (weights.isEmpty()) {
        return fail(Tr::tr("%1 is a Caffe network definition; give its trained weights (.caffemodel) too").arg(native(path)));
    }
    nn::CaffeImportOptions options;
    options.bgrToRgb = true;
    Result<nn::CaffeModel> imported = nn::importCaffe(definition, trained, options);
    if (!imported)
        return imported.takeError();
    LoadedModel loaded;
    loaded.format = ModelFormat::Caffe;
    loaded.architecture = QStringLiteral("caffe");
    loaded.summary = imported->report.summary(definition);
    loaded.model.definition = std::move(imported->definition);
    loaded.model.weights = std::move(imported->weights);
    QList<double> mean = imported->report.meanValues;
    if (mean.size() == 1)
        mean = QList<double>(3, mean.front());
    if (mean.size() != 3)
        mean = {104.0, 117.0, 123.0}; // BVLC's ImageNet mean, blue-green-red
    const double scale = imported->report.scale > 0 ? imported->report.scale : 1.0;
    nn::Normalization &n = loaded.model.normalization;
    n.mean = {mean[2] / 255.0, mean[1] / 255.0, mean[0] / 255.0};
    n.std = QList<double>(3, 1.0 / (255.0 * scale));
    n.resize = 256;
    loaded.model.metadata.insert(QStringLiteral("importedFrom"), QFileInfo(trained).fileName());
    if (Status status = nameClassesByNumber(loaded.model); !status)
        return status.takeError();
    return loaded;
}

} // namespace

Result<LoadedModel> loadModel(const QString &path, const QString &weights, int inputSize)
{
    if (!QFileInfo(path).isFile())
        return fail(Tr::tr("%1: no such file").arg(native(path)));
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("prototxt") || suffix == QLatin1String("caffemodel"))
        return loadCaffe(path, weights);
    if (!weights.isEmpty())
        return fail(Tr::tr("separate weights are for Caffe models only (%1 is not a .prototxt)").arg(native(path)));
    if (suffix == QLatin1String("onnx")) {
        Result<nn::OnnxModel> imported = nn::importOnnx(path, {inputSize, inputSize});
        if (!imported)
            return imported.takeError();
        LoadedModel loaded;
        loaded.format = ModelFormat::Onnx;
        loaded.architecture = QStringLiteral("onnx");
        loaded.summary = imported->report.summary(path);
        loaded.model.definition = std::move(imported->definition);
        loaded.model.weights = std::move(imported->weights);
        loaded.model.normalization = nn::Normalization{}; // torchvision's ImageNet defaults
        // ImageNet's resize ratio (256 for 224) at whatever size the network takes.
        loaded.model.normalization.resize = int(std::lround(loaded.model.definition.input.height * 256.0 / 224.0));
        loaded.model.metadata.insert(QStringLiteral("importedFrom"), QFileInfo(path).fileName());
        if (Status status = nameClassesByNumber(loaded.model); !status)
            return status.takeError();
        return loaded;
    }
    Result<nn::SieveModel> model = nn::loadModelFile(path);
    if (!model)
        return model.takeError();
    LoadedModel loaded;
    loaded.format = ModelFormat::Sieve;
    loaded.architecture = model->definition.name;
    loaded.model = std::move(*model);
    return loaded;
}

Result<QStringList> readClassNames(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(Tr::tr("%1: %2").arg(native(path), file.errorString()));
    QStringList names;
    QTextStream in(&file);
    while (!in.atEnd())
        names.append(in.readLine().trimmed());
    while (!names.isEmpty() && names.last().isEmpty())
        names.removeLast();
    const qsizetype empty = names.indexOf(QString());
    if (empty >= 0)
        return fail(Tr::tr("%1: line %2 is empty; give one class name per line").arg(native(path)).arg(empty + 1));
    return names;
}

Status setClassNames(nn::SieveModel &model, const QStringList &classes)
{
    Result<int> outputs = outputCount(model.definition);
    if (!outputs)
        return outputs.takeError();
    if (classes.size() != *outputs)
        return fail(Tr::tr("%1 class names given for a model with %2 outputs").arg(classes.size()).arg(*outputs));
    model.classes = classes;
    return {};
}

} // namespace sieve::train
