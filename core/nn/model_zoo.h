#pragma once

#include "base/result.h"
#include "nn/model_definition.h"

#include <QStringList>
#include <QStringView>

namespace sieve::nn {

// The architectures Sieve can train, as definitions with a classifier for `classes` classes.
// Every model has two parameter groups, "backbone" and "head" (the final classifier), so
// transfer learning can freeze or slow down the backbone.
//
// smallcnn: three 3×3 convolution + batch norm + ReLU stages (32, 64, 128 channels) with max
// pooling between them, global average pooling, dropout 0.2 and the classifier. Trains in
// seconds at 32×32: for tests, demos and quick experiments.
ModelDefinition smallCnn(int classes, int imageSize = 32);

// The zoo's model names: "smallcnn".
QStringList zooModelNames();
// The definition of a zoo model by name, or an error listing the known names.
Result<ModelDefinition> zooModel(QStringView name, int classes);

} // namespace sieve::nn
