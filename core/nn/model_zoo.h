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

// GoogLeNet / Inception-v1 as BVLC's Caffe definition has it (bvlc_googlenet): 224×224 input,
// LRN, ceil-mode pooling, biased convolutions, nodes and tensors named as BVLC's layers
// (conv1/7x7_s2, inception_3a/1x1, …, loss3/classifier), so Caffe weights map by name.
// 5,973,552 parameters plus 1025 per class: 6,998,552 with 1000.
//
// `auxiliaryClassifiers` adds BVLC's two side classifiers (loss1/… after inception_4a, loss2/…
// after inception_4d; 2,163,840 + 2,165,888 parameters plus 1025 per class each), auxiliary
// losses weighted 0.3 that help training from scratch; inference does not compute them. Their
// classifiers are in "head" but replaceClassifier() renews only the main one, so build
// transfer-learning models without them; withoutAuxiliaryClassifiers() (auxiliary_heads.h)
// removes them from a trained model before it is saved or exported.
ModelDefinition googLeNet(int classes, bool auxiliaryClassifiers = false);

// ResNet-18 as torchvision builds it, with torchvision's names (conv1, bn1, layer1.0.conv1, …,
// layer2.0.downsample.0, fc), so its state_dict maps tensor by tensor. Global average pooling
// makes any input of at least 32×32 legal. 11,689,512 parameters with 1000 classes.
ModelDefinition resNet18(int classes, int imageSize = 224);

// MobileNetV2 (width 1.0) as torchvision builds it, with its names (features.0.0,
// features.1.conv.0.0, …, features.18.1, classifier.1). 3,504,872 parameters with 1000 classes.
ModelDefinition mobileNetV2(int classes, int imageSize = 224);

// The zoo's model names: "googlenet", "resnet18", "mobilenetv2", "smallcnn".
QStringList zooModelNames();
// The definition of a zoo model by name, or an error listing the known names.
Result<ModelDefinition> zooModel(QStringView name, int classes);

} // namespace sieve::nn
