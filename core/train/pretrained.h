#pragma once

#include "base/result.h"
#include "nn/model_file.h"

#include <QString>

namespace sieve::train {

// A pretrained model from a file, whatever its format, opened with train::loadModel: a
// `.sievemodel`, an `.onnx` classifier (INPUTSIZE where the file leaves the input size open) or
// a Caffe `.caffemodel` with its `.prototxt` beside it. Foreign models get loadModel's class
// names ("class 0", …) and preprocessing, and their file name and import report in the
// metadata. Fails naming the file: unknown extension, unreadable, or what the importer reports.
// Any thread.
Result<nn::SieveModel> loadPretrained(const QString &path, int inputSize = 224);

} // namespace sieve::train
