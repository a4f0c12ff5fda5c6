#pragma once

#include "base/result.h"
#include "nn/model_file.h"

#include <QString>
#include <QStringList>

namespace sieve::train {

struct TrainOptions;

// The model a run starts from, for CLASSES: a zoo model (options.model at options.inputSize,
// weights drawn from options.seed, ImageNet normalisation with the shorter side resized to
// 8/7 of the input, as 256 is to 224), or options.pretrained (loadPretrained) with its
// classifier replaced (nn::replaceClassifier), its backbone frozen for head-only training or
// slowed by options.backboneLrMultiplier for fine-tuning. Fails naming the model or file.
// Any thread.
Result<nn::SieveModel> buildModel(const TrainOptions &options, const QStringList &classes);

// The checksum a `.sievemodel` file states (its last 16 bytes, hex), or empty when the file
// cannot be read.
QString modelFileChecksum(const QString &path);

} // namespace sieve::train
