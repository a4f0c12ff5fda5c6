#include "train/model_builder.h"

#include "nn/classifier_head.h"
#include "nn/model_zoo.h"
#include "nn/network.h"
#include "train/pretrained.h"
#include "train/trainer.h"

#include <QCoreApplication>
#include <QFile>

#include <cmath>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

Result<nn::ModelDefinition> zooDefinition(const QString &name, int classes, int inputSize)
{
    if (name == QLatin1String("smallcnn"))
        return nn::smallCnn(classes, inputSize > 0 ? inputSize : 32);
    if (name == QLatin1String("resnet18"))
        return nn::resNet18(classes, inputSize > 0 ? inputSize : 224);
    if (name == QLatin1String("mobilenetv2"))
        return nn::mobileNetV2(classes, inputSize > 0 ? inputSize : 224);
    return nn::zooModel(name, classes);
}

} // namespace

Result<nn::SieveModel> buildModel(const TrainOptions &options, const QStringList &classes)
{
    if (options.pretrained.isEmpty()) {
        Result<nn::ModelDefinition> definition = zooDefinition(options.model, int(classes.size()), options.inputSize);
        if (!definition)
            return definition.takeError();
        Result<std::unique_ptr<nn::Network>> network = nn::Network::create(*definition, {1, options.seed, false});
        if (!network)
            return network.takeError();
        nn::SieveModel model;
        model.definition = *definition;
        model.classes = classes;
        model.normalization.resize = int(std::lround(definition->input.height * 256.0 / 224.0));
        model.weights = nn::captureWeights((*network)->parameters());
        return model;
    }
    Result<nn::SieveModel> base = loadPretrained(options.pretrained, options.inputSize > 0 ? options.inputSize : 224);
    if (!base)
        return base.takeError();
    Result<nn::SieveModel> model = nn::replaceClassifier(*base, classes, options.seed);
    if (!model)
        return fail(Tr::tr("%1: %2").arg(options.pretrained, model.error()));
    for (nn::GroupDefinition &group : model->definition.groups) {
        if (group.name == QLatin1String("backbone")) {
            group.frozen = options.headOnly;
            group.lrMultiplier = options.backboneLrMultiplier;
        }
    }
    return model;
}

QString modelFileChecksum(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() < 16 || !file.seek(file.size() - 16))
        return {};
    return QString::fromLatin1(file.read(16).toHex());
}

} // namespace sieve::train
