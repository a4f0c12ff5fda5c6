#pragma once

#include "base/result.h"
#include "nn/model_file.h"

#include <QString>

namespace sieve::train {

// A pretrained model from a file, whatever its format: a `.sievemodel` (as written by Sieve),
// or an `.onnx` classifier (imported with nn::importOnnx at INPUTSIZE where the file leaves
// the size open; ImageNet normalisation assumed, with the shorter side resized to 8/7 of the
// input, as 256 is to 224: the file does not say). The classes of an ONNX
// model are numbered ("0", "1", …); or a Caffe `.caffemodel` with its `.prototxt` beside it
// (train::loadModel). Fails naming the file: unknown extension, unreadable, or what the
// importer reports. Any thread.
Result<nn::SieveModel> loadPretrained(const QString &path, int inputSize = 224);

} // namespace sieve::train
