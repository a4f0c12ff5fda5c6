#include "train/pretrained.h"

#include "nn/onnx_import.h"
#include "train/model_loader.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cmath>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

} // namespace

Result<nn::SieveModel> loadPretrained(const QString &path, int inputSize)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("sievemodel"))
        return nn::loadModelFile(path);
    if (suffix == QLatin1String("onnx")) {
        Result<nn::OnnxModel> imported = nn::importOnnx(path, {inputSize, inputSize});
        if (!imported)
            return imported.takeError();
        nn::SieveModel model;
        model.definition = std::move(imported->definition);
        model.weights = std::move(imported->weights);
        // The number of outputs is the shape of the classifier's weights' first dimension; the
        // network knows it, the file has no names for them.
        Result<std::unique_ptr<nn::Network>> network = nn::Network::create(model.definition);
        if (!network)
            return fail(Tr::tr("%1: %2").arg(path, network.error()));
        for (int c = 0; c < (*network)->classCount(); ++c)
            model.classes.append(QString::number(c));
        // ImageNet's resize ratio (256 for 224) at whatever size the network takes.
        model.normalization.resize = int(std::lround(model.definition.input.height * 256.0 / 224.0));
        model.metadata.insert(QStringLiteral("source"), QFileInfo(path).fileName());
        model.metadata.insert(QStringLiteral("import"), imported->report.summary(QFileInfo(path).fileName()));
        return model;
    }
    if (suffix == QLatin1String("caffemodel") || suffix == QLatin1String("prototxt")) {
        // The definition beside the weights (same base name, else deploy.prototxt), Caffe's
        // blue-green-red input turned to red-green-blue and Caffe's mean, as model_loader.h says.
        Result<LoadedModel> loaded = loadModel(path);
        if (!loaded)
            return loaded.takeError();
        loaded->model.metadata.insert(QStringLiteral("source"), QFileInfo(path).fileName());
        loaded->model.metadata.insert(QStringLiteral("import"), loaded->summary);
        return std::move(loaded->model);
    }
    return fail(Tr::tr("%1: unknown pretrained model format “.%2”; use a .sievemodel, .onnx or .caffemodel file.")
                    .arg(path, suffix));
}

} // namespace sieve::train
