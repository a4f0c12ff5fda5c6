#pragma once

#include "base/result.h"
#include "nn/model_file.h"

#include <QString>
#include <QStringList>

namespace sieve::train {

enum class ModelFormat { Sieve, Onnx, Caffe };

// A classifier opened from a file, ready for createNetwork(): a `.sievemodel` as saved, or a
// foreign model with the defaults Sieve gives it.
struct LoadedModel {
    nn::SieveModel model;
    ModelFormat format = ModelFormat::Sieve;
    QString architecture; // the .sievemodel's definition name, or "onnx" / "caffe"
    QString summary;      // the import's report for foreign models ("… became 142 nodes, …")
};

// Opens a classifier. `path` is a `.sievemodel`; an `.onnx` file; or a Caffe model: the
// network definition (`.prototxt`) with `weights` the `.caffemodel`, or the `.caffemodel` alone
// with its definition beside it (the same base name with `.prototxt`, else `deploy.prototxt` in
// the same folder). `weights` is for Caffe only; `inputSize` sets the height and width of an
// ONNX input the file leaves open (0: the file must state them).
//
// Foreign models name their classes "class 0", "class 1", … (see withClassNames) and get the
// preprocessing their kind was trained with: ONNX, torchvision's ImageNet mean and standard
// deviation; Caffe, red-green-blue input (the first convolutions' channels reversed, as Caffe
// models take blue-green-red) and Caffe's ImageNet mean (104, 117, 123 on 0..255 pixels,
// unscaled) unless the definition's Data layer states its own. Both: the shorter side resized to
// 8/7 of the input (256 for 224) and the centre cropped to the network's input.
//
// Fails with a message naming the file: missing, unreadable, not a model, an import error, or
// no Caffe definition found. Any thread.
Result<LoadedModel> loadModel(const QString &path, const QString &weights = {}, int inputSize = 0);

// The class names of `path`, one per line (surrounding spaces and trailing empty lines
// dropped). Fails naming the file when it cannot be read or holds an empty name.
Result<QStringList> readClassNames(const QString &path);

// `model` with `classes` as its class names. Fails when their number is not the model's
// number of outputs.
Status setClassNames(nn::SieveModel &model, const QStringList &classes);

} // namespace sieve::train
