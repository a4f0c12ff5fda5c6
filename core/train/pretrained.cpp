#include "train/pretrained.h"

#include "train/model_loader.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

} // namespace

Result<nn::SieveModel> loadPretrained(const QString &path, int inputSize)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QStringList known{QStringLiteral("sievemodel"), QStringLiteral("onnx"), QStringLiteral("caffemodel"),
                            QStringLiteral("prototxt")};
    if (!known.contains(suffix))
        return fail(Tr::tr("%1: unknown pretrained model format “.%2”; use a .sievemodel, .onnx or .caffemodel file.")
                        .arg(path, suffix));
    Result<LoadedModel> loaded = loadModel(path, {}, inputSize);
    if (!loaded)
        return loaded.takeError();
    if (loaded->format != ModelFormat::Sieve) {
        loaded->model.metadata.insert(QStringLiteral("source"), QFileInfo(path).fileName());
        loaded->model.metadata.insert(QStringLiteral("import"), loaded->summary);
    }
    return std::move(loaded->model);
}

} // namespace sieve::train
