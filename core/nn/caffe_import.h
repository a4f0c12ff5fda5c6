#pragma once

#include "base/result.h"
#include "nn/model_definition.h"
#include "nn/weights.h"

#include <QList>
#include <QString>

#include <cstddef>

namespace sieve::nn {

struct CaffeImportOptions {
    // The input's height and width where the network definition gives none (a Data layer
    // without crop_size); 0 fails then.
    int height = 0;
    int width = 0;
    // Caffe's ImageNet models were trained on OpenCV's blue-green-red pixels. True reverses the
    // input channels of the convolutions that read a 3-channel input, so the network takes
    // red-green-blue images like every other Sieve model.
    bool bgrToRgb = false;
};

// What an import built, for the user to see.
struct CaffeImportReport {
    QString network;       // the net's name in the .prototxt ("GoogleNet")
    int caffeLayers = 0;   // layers in the definition, for the test phase
    int nodes = 0;         // nodes of the definition built, the loss Sieve adds included
    int folded = 0;        // layers that became no node (Split, Softmax, Flatten, Scale into BatchNorm, …)
    int pruned = 0;        // layers that do not lead to the classifier (auxiliary heads, Accuracy)
    std::size_t parameters = 0; // trainable values
    std::size_t statistics = 0; // batch-norm running statistics
    // The input's preprocessing when a Data layer states it (transform_param): mean per
    // channel in the file's channel order and 0..255 pixel units, and the scale applied after.
    QList<double> meanValues;
    double scale = 1.0;

    // "deploy.prototxt (GoogleNet): 142 Caffe layers became 142 nodes, 6,998,552 parameters".
    QString summary(const QString &file) const;
};

struct CaffeModel {
    ModelDefinition definition; // named after the weights file, one group "backbone"
    Weights weights;            // fit the definition exactly (checked)
    CaffeImportReport report;
};

// Translates a Caffe classifier, a network definition (`prototxt`, text format) and its
// trained weights (`caffemodel`, binary), into a Sieve network; weights are matched to layers
// by layer name, so a .caffemodel saved from a training definition fits its deploy definition.
// Layers for the TEST phase are read (include/exclude rules), new-style `layer` and pre-2015
// `layers` alike. Supported: Input (or the net's input/input_shape/input_dim), Data and
// ImageData (shape from transform_param's crop_size), Convolution (kernel, stride, pad and
// their _h/_w forms, group, dilation, bias_term), ReLU (slope 0), Pooling (MAX and AVE,
// Caffe's round-up output size or round_mode FLOOR, global_pooling), LRN (across channels),
// Concat (channels), InnerProduct, Dropout, Eltwise SUM (coefficients 1), BatchNorm (with the
// Scale layer after it folded in), Split, Flatten, Softmax and SoftmaxWithLoss (dropped: the
// loss Sieve appends applies the softmax), Accuracy and Silence (ignored). In-place layers
// (top == bottom) work. The classifier output is the input of the Softmax or of the
// SoftmaxWithLoss with the largest loss_weight, else the one unused vector output; layers that
// do not lead to it (GoogLeNet's auxiliary heads, say) are left out. Our nodes take the Caffe
// layers' names, weights are "<layer>.weight", "<layer>.bias", ….
//
// Fields Sieve has no use for (fillers, learning rates, data sources, engines) are skipped, but
// an unknown field inside the settings it reads (a misspelt "strid" in convolution_param) is an
// error with its line, not a silently different network.
//
// Fails, never crashes, with a message naming the file and, where it is one, the Caffe layer
// and its type: unreadable or unparsable files, unsupported layer types or settings, a layer
// without weights in the .caffemodel, blobs of the wrong number or shape. Any thread.
Result<CaffeModel> importCaffe(const QString &prototxt, const QString &caffemodel, const CaffeImportOptions &options = {});

} // namespace sieve::nn
