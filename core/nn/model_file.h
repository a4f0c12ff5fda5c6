#pragma once

#include "base/result.h"
#include "nn/model_definition.h"
#include "nn/network.h"
#include "nn/weights.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace sieve::nn {

// How images become the network's input: pixel values scaled to 0..1, the shorter side resized
// to `resize` and the centre cropped to the definition's input size (0: resized straight to
// it), then (value - mean) / std per channel.
struct Normalization {
    QList<double> mean{0.485, 0.456, 0.406}; // ImageNet's, what torchvision's models expect
    QList<double> std{0.229, 0.224, 0.225};
    int resize = 256;

    friend bool operator==(const Normalization &, const Normalization &) = default;
};

// Everything a trained model is, as a `.sievemodel` file holds it: the architecture, the
// class names (one per output, in order), the input normalisation, the weights and running
// statistics, and free-form training metadata (run, data, epochs, accuracy, …). A plain value.
struct SieveModel {
    ModelDefinition definition;
    QStringList classes;
    Normalization normalization;
    Weights weights;
    QJsonObject metadata;
};

// The file format's version this Sieve writes and the newest it reads.
inline constexpr int kModelFileVersion = 1;

// Writes `model` to `path` atomically: into a temporary file in the same folder that replaces
// `path` only when complete, so a crash or a full disk leaves the previous file (or none).
// Fails with a message naming the file and the problem; `path` is then untouched.
//
// Format (little-endian): "SIEVEMDL", uint32 format version, uint32 0, uint64 manifest bytes,
// uint64 tensor bytes; the manifest (UTF-8 JSON: architecture, classes, normalization,
// metadata, and per tensor its name, shape and byte offset); zero padding to a multiple of 64;
// the tensors' float32 values, each starting on a multiple of 64; and the XXH3-128 checksum of
// everything before it (16 bytes, big-endian).
Status saveModelFile(const QString &path, const SieveModel &model);

// Reads a `.sievemodel` file. Fails, naming the file, when it cannot be read, is not a Sieve
// model file, was written by a newer Sieve, is truncated, or is damaged (checksum or content).
// It checks the file, not the model: createNetwork() checks that the weights fit the
// architecture. Any thread.
Result<SieveModel> loadModelFile(const QString &path);

// The model's network with its weights. Fails naming the first tensor that does not fit, or
// when the class list does not match the network's outputs.
Result<std::unique_ptr<Network>> createNetwork(const SieveModel &model, const NetworkOptions &options = {});

} // namespace sieve::nn
