// The translation of each supported Caffe layer type into our nodes and weights.

#include "nn/caffe_importer.h"

#include <cmath>

namespace sieve::nn::caffeimport {

namespace {

QJsonArray pair(std::int64_t height, std::int64_t width)
{
    return QJsonArray{qint64(height), qint64(width)};
}

// A spatial setting given as one value, [height, width], or as its _h and _w fields.
struct Spatial {
    std::int64_t h = 0, w = 0;
};

Result<Spatial> spatial(const google::protobuf::RepeatedField<google::protobuf::uint32> &values, bool hasPair,
                        std::int64_t h, std::int64_t w, std::int64_t fallback, const char *name)
{
    if (hasPair)
        return Spatial{h, w};
    switch (values.size()) {
    case 0:
        return Spatial{fallback, fallback};
    case 1:
        return Spatial{values.Get(0), values.Get(0)};
    case 2:
        return Spatial{values.Get(0), values.Get(1)};
    default:
        return fail(Tr::tr("'%1' has %2 values; Sieve supports 2-D images only").arg(QLatin1String(name)).arg(values.size()));
    }
}

} // namespace

Status Importer::inputLayer()
{
    if (Status status = expectBottomsTops(0, 1); !status)
        return status;
    if (m_layer->input_param().shape_size() < 1)
        return layerFail(Tr::tr("it states no input shape"));
    const proto::BlobShape &shape = m_layer->input_param().shape(0);
    Status status = setInput(QString::fromStdString(m_layer->top(0)), Dims(shape.dim().begin(), shape.dim().end()));
    return status ? status : Status(layerFail(status.error()));
}

Status Importer::data()
{
    if (m_layer->top_size() < 1 || m_layer->top_size() > 2)
        return layerFail(Tr::tr("needs one or two tops (images, labels)"));
    const proto::TransformationParameter &transform = m_layer->transform_param();
    const std::int64_t crop = transform.crop_size();
    // A Data layer does not say how many channels its database holds: Caffe's are colour.
    const Dims shape{1, 3, crop > 0 ? crop : m_options.height, crop > 0 ? crop : m_options.width};
    if (shape[2] < 1 || shape[3] < 1)
        return layerFail(Tr::tr("it does not fix the input size (transform_param's crop_size); give the height and "
                                "width to the import"));
    if (Status status = setInput(QString::fromStdString(m_layer->top(0)), shape); !status)
        return layerFail(status.error());
    report.meanValues.clear();
    for (float mean : transform.mean_value())
        report.meanValues.append(mean);
    report.scale = transform.scale();
    if (m_layer->top_size() == 2)
        setTop(1, Value{{}, {}, Tr::tr("is the labels, which Sieve's networks do not read")});
    return {};
}

Status Importer::convolution()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const proto::ConvolutionParameter &p = m_layer->convolution_param();
    const Result<Spatial> kernel =
        spatial(p.kernel_size(), p.has_kernel_h() || p.has_kernel_w(), p.kernel_h(), p.kernel_w(), 0, "kernel_size");
    const Result<Spatial> pad = spatial(p.pad(), p.has_pad_h() || p.has_pad_w(), p.pad_h(), p.pad_w(), 0, "pad");
    const Result<Spatial> stride =
        spatial(p.stride(), p.has_stride_h() || p.has_stride_w(), p.stride_h(), p.stride_w(), 1, "stride");
    const Result<Spatial> dilation = spatial(p.dilation(), false, 0, 0, 1, "dilation");
    for (const Result<Spatial> *r : {&kernel, &pad, &stride, &dilation}) {
        if (!*r)
            return layerFail(r->error());
    }
    const std::int64_t outputs = p.num_output(), groups = p.group(), channels = x->dims[0];
    if (p.axis() != 1)
        return layerFail(Tr::tr("convolving along axis %1 is not supported (channels only, axis 1)").arg(p.axis()));
    if (outputs < 1 || kernel->h < 1 || kernel->w < 1 || stride->h < 1 || stride->w < 1 || dilation->h < 1 ||
        dilation->w < 1)
        return layerFail(Tr::tr("num_output, kernel size, stride and dilation must be at least 1"));
    if (groups < 1 || channels % groups != 0 || outputs % groups != 0)
        return layerFail(Tr::tr("%1 groups do not divide its %2 input channels and %3 outputs").arg(groups).arg(channels).arg(outputs));
    Dims out{outputs, 0, 0};
    const Spatial k = *kernel, s = *stride, d = *dilation, pd = *pad;
    const std::int64_t extentH = d.h * (k.h - 1) + 1, extentW = d.w * (k.w - 1) + 1;
    out[1] = (x->dims[1] + 2 * pd.h - extentH) / s.h + 1;
    out[2] = (x->dims[2] + 2 * pd.w - extentW) / s.w + 1;
    if (x->dims[1] + 2 * pd.h < extentH || x->dims[2] + 2 * pd.w < extentW)
        return layerFail(Tr::tr("its %1×%2 input is smaller than its kernel").arg(x->dims[1]).arg(x->dims[2]));
    const Result<const google::protobuf::RepeatedPtrField<proto::BlobProto> *> found = blobs(p.bias_term() ? 2 : 1, p.bias_term() ? 2 : 1);
    if (!found)
        return found.takeError();
    const Dims weightShape{outputs, channels / groups, k.h, k.w};
    Result<std::vector<float>> weight = blobValues((*found)->Get(0), 0, weightShape);
    if (!weight)
        return weight.takeError();
    if (m_options.bgrToRgb && x->node == m_input && channels == 3 && groups == 1) {
        const std::size_t plane = std::size_t(k.h * k.w);
        for (std::int64_t o = 0; o < outputs; ++o) {
            float *filter = weight->data() + std::size_t(o) * 3 * plane;
            std::swap_ranges(filter, filter + plane, filter + 2 * plane);
        }
    }
    QJsonObject attributes{{QStringLiteral("outputs"), qint64(outputs)},
                           {QStringLiteral("kernel"), pair(k.h, k.w)},
                           {QStringLiteral("stride"), pair(s.h, s.w)},
                           {QStringLiteral("dilation"), pair(d.h, d.w)},
                           {QStringLiteral("pad"), pair(pd.h, pd.w)},
                           {QStringLiteral("bias"), p.bias_term()}};
    if (groups != 1)
        attributes.insert(QStringLiteral("groups"), qint64(groups));
    const QString name = addNode("convolution", attributes, {x->node}, out);
    addTensor(name, "weight", weightShape, std::move(*weight));
    if (p.bias_term()) {
        Result<std::vector<float>> bias = blobValues((*found)->Get(1), 1, {outputs});
        if (!bias)
            return bias.takeError();
        addTensor(name, "bias", {outputs}, std::move(*bias));
    }
    return {};
}

Status Importer::relu()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = bottom(0);
    if (!x)
        return x.takeError();
    if (m_layer->relu_param().negative_slope() != 0)
        return layerFail(Tr::tr("leaky ReLU (negative_slope %1) is not supported").arg(m_layer->relu_param().negative_slope()));
    addNode("relu", {}, {x->node}, x->dims);
    return {};
}

Status Importer::pooling()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const proto::PoolingParameter &p = m_layer->pooling_param();
    if (p.pool() == proto::PoolingParameter::STOCHASTIC)
        return layerFail(Tr::tr("stochastic pooling is not supported"));
    const bool average = p.pool() == proto::PoolingParameter::AVE;
    const std::int64_t height = x->dims[1], width = x->dims[2];
    if (p.global_pooling()) {
        if (average)
            addNode("global_avg_pool", {}, {x->node}, {x->dims[0], 1, 1});
        else
            addNode("max_pool", {{QStringLiteral("kernel"), pair(height, width)}}, {x->node}, {x->dims[0], 1, 1});
        return {};
    }
    const bool hasKernelPair = p.has_kernel_h() || p.has_kernel_w();
    if (!hasKernelPair && !p.has_kernel_size())
        return layerFail(Tr::tr("it has no kernel size"));
    const Spatial k = hasKernelPair ? Spatial{p.kernel_h(), p.kernel_w()} : Spatial{p.kernel_size(), p.kernel_size()};
    const Spatial pd = p.has_pad_h() || p.has_pad_w() ? Spatial{p.pad_h(), p.pad_w()} : Spatial{p.pad(), p.pad()};
    const Spatial s = p.has_stride_h() || p.has_stride_w() ? Spatial{p.stride_h(), p.stride_w()} : Spatial{p.stride(), p.stride()};
    if (k.h < 1 || k.w < 1 || s.h < 1 || s.w < 1)
        return layerFail(Tr::tr("kernel size and stride must be at least 1"));
    if (pd.h >= k.h || pd.w >= k.w)
        return layerFail(Tr::tr("padding must be smaller than the kernel"));
    if (height + 2 * pd.h < k.h || width + 2 * pd.w < k.w)
        return layerFail(Tr::tr("its %1×%2 input is smaller than its kernel").arg(height).arg(width));
    const bool ceil = p.round_mode() == proto::PoolingParameter::CEIL;
    Dims out{x->dims[0], 0, 0};
    const std::int64_t sizes[2] = {height, width}, kernels[2] = {k.h, k.w}, strides[2] = {s.h, s.w}, pads[2] = {pd.h, pd.w};
    for (int d = 0; d < 2; ++d) {
        const std::int64_t span = sizes[d] + 2 * pads[d] - kernels[d];
        // Caffe's size: rounded as round_mode says, the last window dropped where it would start
        // in the right padding (only when there is padding).
        std::int64_t caffe = (ceil ? (span + strides[d] - 1) / strides[d] : span / strides[d]) + 1;
        if (pads[d] > 0 && (caffe - 1) * strides[d] >= sizes[d] + pads[d])
            --caffe;
        // Ours (and PyTorch's) drops such a window whether or not there is padding.
        std::int64_t ours = (ceil ? (span + strides[d] - 1) / strides[d] : span / strides[d]) + 1;
        if (ceil && (ours - 1) * strides[d] >= sizes[d] + pads[d])
            --ours;
        if (caffe != ours)
            return layerFail(Tr::tr("its last window would lie wholly outside the input (stride larger than the "
                                    "kernel); not supported"));
        const std::int64_t right = (caffe - 1) * strides[d] + kernels[d] - sizes[d] - pads[d];
        if (average && pads[d] > 0 && right > pads[d])
            return layerFail(Tr::tr("average pooling with padding whose rounded-up output adds windows past the "
                                    "padding is not supported"));
        out[std::size_t(1 + d)] = caffe;
    }
    QJsonObject attributes{{QStringLiteral("kernel"), pair(k.h, k.w)},
                           {QStringLiteral("stride"), pair(s.h, s.w)},
                           {QStringLiteral("pad"), pair(pd.h, pd.w)},
                           {QStringLiteral("ceil"), ceil}};
    if (average) // Caffe divides by the window clipped to the padded input: padding counts.
        attributes.insert(QStringLiteral("countIncludePad"), true);
    addNode(average ? "avg_pool" : "max_pool", attributes, {x->node}, out);
    return {};
}

Status Importer::lrn()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const proto::LRNParameter &p = m_layer->lrn_param();
    if (p.norm_region() != proto::LRNParameter::ACROSS_CHANNELS)
        return layerFail(Tr::tr("normalisation within channels is not supported (across channels only)"));
    if (p.local_size() < 1 || p.local_size() % 2 == 0)
        return layerFail(Tr::tr("local_size must be odd"));
    // Caffe's alpha is divided by local_size, as ours (and PyTorch's LocalResponseNorm).
    addNode("lrn",
            {{QStringLiteral("size"), qint64(p.local_size())},
             {QStringLiteral("alpha"), double(p.alpha())},
             {QStringLiteral("beta"), double(p.beta())},
             {QStringLiteral("k"), double(p.k())}},
            {x->node}, x->dims);
    return {};
}

Status Importer::concat()
{
    if (m_layer->bottom_size() < 1 || m_layer->top_size() != 1)
        return layerFail(Tr::tr("needs at least one bottom and one top"));
    const proto::ConcatParameter &p = m_layer->concat_param();
    const std::int64_t axis = p.has_axis() ? p.axis() : p.concat_dim();
    if (axis != 1 && axis != -3)
        return layerFail(Tr::tr("joining along axis %1 is not supported (channels only, axis 1)").arg(axis));
    QStringList inputs;
    Dims dims;
    for (int i = 0; i < m_layer->bottom_size(); ++i) {
        const Result<Value> x = image(i);
        if (!x)
            return x.takeError();
        if (dims.empty()) {
            dims = x->dims;
        } else if (x->dims[1] != dims[1] || x->dims[2] != dims[2]) {
            return layerFail(Tr::tr("bottom %1 is %2×%3, not %4×%5 like the first")
                                 .arg(i + 1)
                                 .arg(x->dims[1])
                                 .arg(x->dims[2])
                                 .arg(dims[1])
                                 .arg(dims[2]));
        } else {
            dims[0] += x->dims[0];
        }
        inputs.append(x->node);
    }
    if (inputs.size() == 1) {
        setTop(0, m_blobs.value(QString::fromStdString(m_layer->bottom(0))));
        return {};
    }
    addNode("concat", {}, inputs, dims);
    return {};
}

Status Importer::innerProduct()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = bottom(0);
    if (!x)
        return x.takeError();
    const proto::InnerProductParameter &p = m_layer->inner_product_param();
    if (p.axis() != 1)
        return layerFail(Tr::tr("axis %1 is not supported (all features of a sample, axis 1)").arg(p.axis()));
    const std::int64_t outputs = p.num_output(), features = product(x->dims);
    if (outputs < 1)
        return layerFail(Tr::tr("num_output must be at least 1"));
    const Result<const google::protobuf::RepeatedPtrField<proto::BlobProto> *> found = blobs(p.bias_term() ? 2 : 1, p.bias_term() ? 2 : 1);
    if (!found)
        return found.takeError();
    Result<std::vector<float>> weight =
        blobValues((*found)->Get(0), 0, p.transpose() ? Dims{features, outputs} : Dims{outputs, features});
    if (!weight)
        return weight.takeError();
    if (p.transpose()) {
        std::vector<float> transposed(weight->size());
        for (std::int64_t o = 0; o < outputs; ++o) {
            for (std::int64_t f = 0; f < features; ++f)
                transposed[std::size_t(o * features + f)] = (*weight)[std::size_t(f * outputs + o)];
        }
        *weight = std::move(transposed);
    }
    // Ours reads channels × height × width in the order Caffe flattens it.
    const QString name = addNode("inner_product", {{QStringLiteral("outputs"), qint64(outputs)}, {QStringLiteral("bias"), p.bias_term()}},
                                 {x->node}, {outputs});
    addTensor(name, "weight", {outputs, features}, std::move(*weight));
    if (p.bias_term()) {
        Result<std::vector<float>> bias = blobValues((*found)->Get(1), 1, {outputs});
        if (!bias)
            return bias.takeError();
        addTensor(name, "bias", {outputs}, std::move(*bias));
    }
    return {};
}

Status Importer::dropout()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = bottom(0);
    if (!x)
        return x.takeError();
    const double ratio = m_layer->dropout_param().dropout_ratio();
    if (!(ratio >= 0 && ratio <= 0.99))
        return layerFail(Tr::tr("the ratio %1 is not supported (0 to 0.99)").arg(ratio));
    if (ratio == 0)
        setTop(0, *x);
    else
        addNode("dropout", {{QStringLiteral("ratio"), ratio}}, {x->node}, x->dims);
    return {};
}

Status Importer::eltwise()
{
    if (m_layer->bottom_size() < 2 || m_layer->top_size() != 1)
        return layerFail(Tr::tr("needs at least two bottoms and one top"));
    const proto::EltwiseParameter &p = m_layer->eltwise_param();
    if (p.operation() != proto::EltwiseParameter::SUM)
        return layerFail(Tr::tr("only the SUM operation is supported"));
    for (float c : p.coeff()) {
        if (c != 1.0f)
            return layerFail(Tr::tr("weighted sums (coeff %1) are not supported").arg(c));
    }
    QStringList inputs;
    Dims dims;
    for (int i = 0; i < m_layer->bottom_size(); ++i) {
        const Result<Value> x = bottom(i);
        if (!x)
            return x.takeError();
        if (i > 0 && x->dims != dims)
            return layerFail(Tr::tr("adds %1 to %2; the bottoms must have the same shape").arg(dimsText(x->dims), dimsText(dims)));
        dims = x->dims;
        inputs.append(x->node);
    }
    addNode("add", {}, inputs, dims);
    return {};
}

Status Importer::batchNorm()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const proto::BatchNormParameter &p = m_layer->batch_norm_param();
    if (!(p.eps() > 0 && p.eps() <= 1) || !(p.moving_average_fraction() >= 0 && p.moving_average_fraction() <= 1))
        return layerFail(Tr::tr("eps %1 or moving_average_fraction %2 is out of range").arg(p.eps()).arg(p.moving_average_fraction()));
    const Result<const google::protobuf::RepeatedPtrField<proto::BlobProto> *> found = blobs(3, 3);
    if (!found)
        return found.takeError();
    const Dims shape{x->dims[0]};
    Result<std::vector<float>> mean = blobValues((*found)->Get(0), 0, shape);
    if (!mean)
        return mean.takeError();
    Result<std::vector<float>> variance = blobValues((*found)->Get(1), 1, shape);
    if (!variance)
        return variance.takeError();
    Result<std::vector<float>> factor = blobValues((*found)->Get(2), 2, {1});
    if (!factor)
        return factor.takeError();
    // Caffe keeps running sums and the sum of their weights; the statistics are their quotient.
    const float scale = (*factor)[0] == 0 ? 0.0f : 1.0f / (*factor)[0];
    for (float &m : *mean)
        m *= scale;
    for (float &v : *variance)
        v *= scale;
    const QString name = addNode("batch_norm",
                                 {{QStringLiteral("epsilon"), double(p.eps())},
                                  {QStringLiteral("momentum"), 1.0 - double(p.moving_average_fraction())}},
                                 {x->node}, x->dims);
    addTensor(name, "weight", shape, std::vector<float>(std::size_t(shape[0]), 1.0f));
    addTensor(name, "bias", shape, std::vector<float>(std::size_t(shape[0]), 0.0f));
    addTensor(name, "running_mean", shape, std::move(*mean));
    addTensor(name, "running_var", shape, std::move(*variance));
    m_scaledNorms.insert(name, false);
    return {};
}

Status Importer::scale()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = bottom(0);
    if (!x)
        return x.takeError();
    const proto::ScaleParameter &p = m_layer->scale_param();
    const auto norm = m_scaledNorms.constFind(x->node);
    if (norm == m_scaledNorms.constEnd() || *norm || m_consumed.contains(x->node) || p.axis() != 1 || p.num_axes() != 1)
        return layerFail(Tr::tr("a Scale layer is supported only right after a BatchNorm layer, as its learned scale "
                                "and shift"));
    const Result<const google::protobuf::RepeatedPtrField<proto::BlobProto> *> found = blobs(p.bias_term() ? 2 : 1, p.bias_term() ? 2 : 1);
    if (!found)
        return found.takeError();
    const Dims shape{x->dims[0]};
    for (int i = 0; i < (p.bias_term() ? 2 : 1); ++i) {
        Result<std::vector<float>> values = blobValues((*found)->Get(i), i, shape);
        if (!values)
            return values.takeError();
        weights.find(QString(x->node + (i == 0 ? QStringLiteral(".weight") : QStringLiteral(".bias"))))->values = std::move(*values);
    }
    m_scaledNorms[x->node] = true;
    // Whoever reads the BatchNorm's own top, where the Scale is not in place, would get the
    // scaled values: refuse that rather than compute something else.
    const QString normTop = QString::fromStdString(m_layer->bottom(0));
    if (normTop != QString::fromStdString(m_layer->top(0)))
        m_blobs.insert(normTop, Value{{}, {}, Tr::tr("was folded into the Scale layer after it")});
    setTop(0, *x);
    return {};
}

Status Importer::split()
{
    if (m_layer->bottom_size() != 1 || m_layer->top_size() < 1)
        return layerFail(Tr::tr("needs one bottom and at least one top"));
    const Result<Value> x = bottom(0);
    if (!x)
        return x.takeError();
    for (int i = 0; i < m_layer->top_size(); ++i)
        setTop(i, *x);
    return {};
}

Status Importer::flatten()
{
    if (Status status = expectBottomsTops(1, 1); !status)
        return status;
    const Result<Value> x = bottom(0);
    if (!x)
        return x.takeError();
    const proto::FlattenParameter &p = m_layer->flatten_param();
    if (p.axis() != 1 || p.end_axis() != -1)
        return layerFail(Tr::tr("flattening other than all of a sample (axis 1 to -1) is not supported"));
    setTop(0, Value{x->node, {product(x->dims)}, {}});
    return {};
}

Status Importer::softmax(bool withLoss)
{
    if (m_layer->bottom_size() != (withLoss ? 2 : 1) || m_layer->top_size() > 1)
        return layerFail(withLoss ? Tr::tr("needs two bottoms (scores, labels)") : Tr::tr("needs one bottom"));
    const Result<Value> x = bottom(0);
    if (!x)
        return x.takeError();
    if (m_layer->softmax_param().axis() != 1)
        return layerFail(Tr::tr("softmax along axis %1 is not supported (classes, axis 1)").arg(m_layer->softmax_param().axis()));
    if (x->dims.size() != 1)
        return layerFail(Tr::tr("softmax over an image-shaped blob is not supported (a vector of class scores only)"));
    const float weight = m_layer->loss_weight_size() > 0 ? m_layer->loss_weight(0) : 1.0f;
    m_outputs.push_back(Candidate{*x, weight});
    // The loss Sieve appends applies the softmax this layer did.
    if (m_layer->top_size() == 1)
        setTop(0, Value{{}, {}, Tr::tr("is the output of a Softmax; only a final Softmax is supported")});
    return {};
}

} // namespace sieve::nn::caffeimport
