// The translation of each supported ONNX operator into our nodes and weights.

#include "nn/onnx_importer.h"

namespace sieve::nn::onnximport {

Status Importer::convolution()
{
    const Result<Value> x = paddedImage(0);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> weight = constant(1);
    if (!weight)
        return weight.takeError();
    const Dims &w = (*weight)->shape;
    if (w.size() != 4)
        return nodeFail(Tr::tr("its weights are %1; Sieve supports 2-D convolutions only").arg(dimsText(w)));
    const std::int64_t groups = integer("group", 1);
    if (groups < 1 || w[0] % groups != 0 || w[1] * groups != x->dims[0])
        return nodeFail(Tr::tr("its weights %1 in %2 groups do not fit its input of %3 channels")
                            .arg(dimsText(w))
                            .arg(groups)
                            .arg(x->dims[0]));
    const Result<Dims> kernel = integers("kernel_shape", 2, 0);
    if (!kernel)
        return kernel.takeError();
    if (attribute("kernel_shape") && *kernel != Dims{w[2], w[3]})
        return nodeFail(Tr::tr("kernel_shape %1 disagrees with its weights %2").arg(dimsText(*kernel), dimsText(w)));
    const Result<Window> win = window(*x, {w[2], w[3]});
    if (!win)
        return win.takeError();
    if (Status status = checkAttributes(); !status)
        return status;
    std::shared_ptr<const Constant> bias;
    if (hasInput(2)) {
        const Result<std::shared_ptr<const Constant>> b = constant(2);
        if (!b)
            return b.takeError();
        if ((*b)->floats.size() != std::size_t(w[0]))
            return nodeFail(Tr::tr("its bias has %1 values for %2 outputs").arg((*b)->floats.size()).arg(w[0]));
        bias = *b;
    }
    const Window &s = *win;
    QJsonObject attributes{{QStringLiteral("outputs"), qint64(w[0])},
                           {QStringLiteral("kernel"), jsonInts({w[2], w[3]})},
                           {QStringLiteral("stride"), jsonInts({s.stride[0], s.stride[1]})},
                           {QStringLiteral("dilation"), jsonInts({s.dilation[0], s.dilation[1]})},
                           {QStringLiteral("pad"), jsonInts({s.pads[0], s.pads[1], s.pads[2], s.pads[3]})},
                           {QStringLiteral("bias"), bias != nullptr}};
    if (groups != 1)
        attributes.insert(QStringLiteral("groups"), qint64(groups));
    const QString name = addNode("convolution", attributes, {x->node}, windowOutput(x->dims, w[0], s, false));
    addTensor(name, "weight", w, (*weight)->floats);
    if (bias)
        addTensor(name, "bias", {w[0]}, bias->floats);
    return {};
}

Status Importer::batchNorm()
{
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const float epsilon = number("epsilon", 1e-5f);
    const float momentum = number("momentum", 0.9f);
    const std::int64_t spatial = integer("spatial", 1);
    const std::int64_t training = integer("training_mode", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    if (training != 0 || outputUsed(1) || outputUsed(2))
        return nodeFail(Tr::tr("only the inference form of batch normalization is supported; export the model "
                               "in evaluation mode"));
    if (spatial != 1)
        return nodeFail(Tr::tr("per-activation batch normalization (spatial = 0) is not supported"));
    if (!(epsilon > 0 && epsilon <= 1) || !(momentum >= 0 && momentum <= 1))
        return nodeFail(Tr::tr("epsilon %1 or momentum %2 is out of range").arg(epsilon).arg(momentum));
    std::shared_ptr<const Constant> tensors[4];
    for (int i = 0; i < 4; ++i) {
        const Result<std::shared_ptr<const Constant>> c = constant(1 + i);
        if (!c)
            return c.takeError();
        if ((*c)->floats.size() != std::size_t(x->dims[0]))
            return nodeFail(Tr::tr("input %1 has %2 values for %3 channels").arg(2 + i).arg((*c)->floats.size()).arg(x->dims[0]));
        tensors[i] = *c;
    }
    // ONNX's momentum weighs the old running average, PyTorch's (and ours) the new batch.
    const QString name = addNode("batch_norm",
                                 {{QStringLiteral("epsilon"), double(epsilon)}, {QStringLiteral("momentum"), 1.0 - double(momentum)}},
                                 {x->node}, x->dims);
    const Dims shape{x->dims[0]};
    addTensor(name, "weight", shape, tensors[0]->floats);
    addTensor(name, "bias", shape, tensors[1]->floats);
    addTensor(name, "running_mean", shape, tensors[2]->floats);
    addTensor(name, "running_var", shape, tensors[3]->floats);
    return {};
}

Status Importer::clip()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    double low = -std::numeric_limits<double>::infinity(), high = std::numeric_limits<double>::infinity();
    if (report.opset < 11) {
        low = number("min", -std::numeric_limits<float>::max());
        high = number("max", std::numeric_limits<float>::max());
    }
    for (int i = 1; i <= 2; ++i) {
        if (!hasInput(i))
            continue;
        const Result<std::shared_ptr<const Constant>> bound = constant(i);
        if (!bound)
            return bound.takeError();
        if ((*bound)->floats.size() != 1)
            return nodeFail(Tr::tr("its bounds must be single numbers"));
        (i == 1 ? low : high) = (*bound)->floats[0];
    }
    if (Status status = checkAttributes(); !status)
        return status;
    const bool unbounded = high >= std::numeric_limits<float>::max();
    if (low == 0 && high == 6)
        addNode("relu6", {}, {x->node}, x->dims);
    else if (low == 0 && unbounded)
        addNode("relu", {}, {x->node}, x->dims);
    else
        return nodeFail(Tr::tr("clipping to [%1, %2] is not supported (only [0, 6], ReLU6, and [0, ∞), ReLU)")
                            .arg(low)
                            .arg(high));
    return {};
}

Status Importer::pool(bool average)
{
    const Result<Value> x = average ? paddedImage(0) : image(0);
    if (!x)
        return x.takeError();
    const Result<Dims> kernel = integers("kernel_shape", 2, 0);
    if (!kernel)
        return kernel.takeError();
    if (!attribute("kernel_shape"))
        return nodeFail(Tr::tr("attribute 'kernel_shape' is missing"));
    const Result<Window> win = window(*x, *kernel);
    if (!win)
        return win.takeError();
    const bool ceil = integer("ceil_mode", 0) != 0;
    bool includePad = average && integer("count_include_pad", 0) != 0;
    if (x->pads != std::array<std::int64_t, 4>{}) {
        // The Pad's zeros count in the average; padding of the node's own must count alike.
        if (!includePad && win->pads != Dims{x->pads.begin(), x->pads.end()})
            return nodeFail(Tr::tr("averaging over a Pad's zeros while not counting its own padding is not supported"));
        includePad = true;
    }
    const std::int64_t storageOrder = average ? 0 : integer("storage_order", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    if (win->dilation != Dims{1, 1})
        return nodeFail(Tr::tr("dilated pooling is not supported"));
    if (storageOrder != 0 || outputUsed(1))
        return nodeFail(Tr::tr("the indices output of max pooling is not supported"));
    const Window &s = *win;
    QJsonObject attributes{{QStringLiteral("kernel"), jsonInts({s.kernel[0], s.kernel[1]})},
                           {QStringLiteral("stride"), jsonInts({s.stride[0], s.stride[1]})},
                           {QStringLiteral("pad"), jsonInts({s.pads[0], s.pads[1], s.pads[2], s.pads[3]})},
                           {QStringLiteral("ceil"), ceil}};
    if (average)
        attributes.insert(QStringLiteral("countIncludePad"), includePad);
    addNode(average ? "avg_pool" : "max_pool", attributes, {x->node}, windowOutput(x->dims, x->dims[0], s, ceil));
    return {};
}

Status Importer::lrn()
{
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const std::int64_t size = integer("size", 0);
    const float alpha = number("alpha", 1e-4f), beta = number("beta", 0.75f), bias = number("bias", 1.0f);
    if (Status status = checkAttributes(); !status)
        return status;
    if (size < 1)
        return nodeFail(Tr::tr("attribute 'size' must be at least 1"));
    addNode("lrn",
            {{QStringLiteral("size"), qint64(size)},
             {QStringLiteral("alpha"), double(alpha)},
             {QStringLiteral("beta"), double(beta)},
             {QStringLiteral("k"), double(bias)}},
            {x->node}, x->dims);
    return {};
}

Status Importer::concat()
{
    const std::int64_t axis = integer("axis", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    QStringList inputs;
    Dims dims;
    for (int i = 0; i < m_node->input_size(); ++i) {
        const Result<Value> x = image(i);
        if (!x)
            return x.takeError();
        if (dims.empty()) {
            dims = x->dims;
        } else {
            if (x->dims[1] != dims[1] || x->dims[2] != dims[2])
                return nodeFail(Tr::tr("input %1 is %2×%3, not %4×%5 like the first")
                                    .arg(i + 1)
                                    .arg(x->dims[1])
                                    .arg(x->dims[2])
                                    .arg(dims[1])
                                    .arg(dims[2]));
            dims[0] += x->dims[0];
        }
        inputs.append(x->node);
    }
    if (axis != 1 && axis != -3)
        return nodeFail(Tr::tr("joining along axis %1 is not supported (channels only, axis 1)").arg(axis));
    if (inputs.size() == 1) {
        setOutput(m_values.value(QString::fromStdString(m_node->input(0))));
        ++report.folded;
        return {};
    }
    addNode("concat", {}, inputs, dims);
    return {};
}

Status Importer::add()
{
    if (Status status = checkAttributes(); !status)
        return status;
    if (m_node->input_size() != 2)
        return nodeFail(Tr::tr("needs two inputs"));
    const Value a = m_values.value(QString::fromStdString(m_node->input(0)));
    const Value b = m_values.value(QString::fromStdString(m_node->input(1)));
    if (!a.constant && !b.constant) {
        const Result<Value> x = activation(0), y = activation(1);
        if (!x || !y)
            return (x ? y : x).takeError();
        if (x->dims != y->dims)
            return nodeFail(Tr::tr("adds %1 to %2; Sieve adds tensors of the same shape only")
                                .arg(dimsText(x->dims), dimsText(y->dims)));
        addNode("add", {}, {x->node, y->node}, x->dims);
        return {};
    }
    // A bias after MatMul, which is how PyTorch exports x @ W + b: folded into the inner product.
    const int constantSide = a.constant ? 0 : 1;
    const Result<Value> x = activation(1 - constantSide);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> bias = constant(constantSide);
    if (!bias)
        return bias.takeError();
    const auto found = m_biasless.constFind(x->node);
    if (found == m_biasless.constEnd() || m_consumers.value(QString::fromStdString(m_node->input(1 - constantSide))) != 1)
        return nodeFail(Tr::tr("adding a constant is supported only as the bias right after a MatMul"));
    NodeDefinition &node = definition.nodes[*found];
    const std::int64_t outputs = node.attributes.value(QStringLiteral("outputs")).toInteger();
    const std::vector<float> &values = (*bias)->floats;
    if (values.size() != std::size_t(outputs) && values.size() != 1)
        return nodeFail(Tr::tr("its bias has %1 values for %2 outputs").arg(values.size()).arg(outputs));
    node.attributes.insert(QStringLiteral("bias"), true);
    addTensor(node.name, "bias", {outputs},
              values.size() == 1 ? std::vector<float>(std::size_t(outputs), values[0]) : values);
    m_biasless.remove(x->node);
    setOutput(*x);
    ++report.folded;
    return {};
}

Status Importer::flatten()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const std::int64_t axis = integer("axis", 1);
    if (Status status = checkAttributes(); !status)
        return status;
    if (axis != 1 && axis != -std::int64_t(x->dims.size()))
        return nodeFail(Tr::tr("flattening at axis %1 is not supported (batch × features only, axis 1)").arg(axis));
    setOutput(Value{nullptr, x->node, {product(x->dims)}});
    ++report.folded;
    return {};
}

Status Importer::reshape()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> shape = constant(1);
    if (!shape)
        return shape.takeError();
    const std::int64_t allowZero = integer("allowzero", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    const std::vector<std::int64_t> &to = (*shape)->integers;
    const std::int64_t features = product(x->dims);
    const bool batchKept = to.size() == 2 && ((to[0] == 0 && allowZero == 0) || (m_batch > 0 && to[0] == m_batch));
    const bool flattens = to.size() == 2 && ((batchKept && (to[1] == -1 || to[1] == features)) ||
                                             (to[0] == -1 && to[1] == features));
    if (!flattens)
        return nodeFail(Tr::tr("reshaping batch × %1 to %2 is not supported (only flattening to batch × features)")
                            .arg(dimsText(x->dims), dimsText(Dims(to.begin(), to.end()))));
    setOutput(Value{nullptr, x->node, {features}});
    ++report.folded;
    return {};
}

Status Importer::gemm()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> b = constant(1);
    if (!b)
        return b.takeError();
    const float alpha = number("alpha", 1.0f), beta = number("beta", 1.0f);
    const std::int64_t transA = integer("transA", 0), transB = integer("transB", 0);
    if (Status status = checkAttributes(); !status)
        return status;
    if (transA != 0)
        return nodeFail(Tr::tr("a transposed input (transA) is not supported"));
    const Dims &shape = (*b)->shape;
    const std::int64_t features = product(x->dims);
    if (shape.size() != 2 || shape[transB ? 1 : 0] != features)
        return nodeFail(Tr::tr("its weights %1 do not fit its input of %2 features").arg(dimsText(shape)).arg(features));
    const std::int64_t outputs = shape[transB ? 0 : 1];
    // Ours are outputs × features, as Gemm's B with transB.
    std::vector<float> weight(std::size_t(outputs * features));
    for (std::int64_t o = 0; o < outputs; ++o) {
        for (std::int64_t k = 0; k < features; ++k) {
            const std::size_t from = std::size_t(transB ? o * features + k : k * outputs + o);
            weight[std::size_t(o * features + k)] = alpha * (*b)->floats[from];
        }
    }
    std::vector<float> bias;
    if (hasInput(2)) {
        const Result<std::shared_ptr<const Constant>> c = constant(2);
        if (!c)
            return c.takeError();
        const std::vector<float> &values = (*c)->floats;
        if (values.size() != std::size_t(outputs) && values.size() != 1)
            return nodeFail(Tr::tr("its bias C has %1 values for %2 outputs").arg(values.size()).arg(outputs));
        bias.resize(std::size_t(outputs));
        for (std::size_t o = 0; o < bias.size(); ++o)
            bias[o] = beta * values[values.size() == 1 ? 0 : o];
    }
    const QString name = addNode("inner_product", {{QStringLiteral("outputs"), qint64(outputs)}, {QStringLiteral("bias"), !bias.empty()}},
                                 {x->node}, {outputs});
    addTensor(name, "weight", {outputs, features}, std::move(weight));
    if (!bias.empty())
        addTensor(name, "bias", {outputs}, std::move(bias));
    return {};
}

Status Importer::matMul()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const Result<std::shared_ptr<const Constant>> b = constant(1);
    if (!b)
        return b.takeError();
    if (Status status = checkAttributes(); !status)
        return status;
    const Dims &shape = (*b)->shape;
    const std::int64_t features = product(x->dims);
    if (x->dims.size() != 1 || shape.size() != 2 || shape[0] != features)
        return nodeFail(Tr::tr("multiplying batch × %1 by %2 is not supported (batch × features by a "
                               "features × outputs constant only)")
                            .arg(dimsText(x->dims), dimsText(shape)));
    const std::int64_t outputs = shape[1];
    std::vector<float> weight(std::size_t(outputs * features));
    for (std::int64_t o = 0; o < outputs; ++o) {
        for (std::int64_t k = 0; k < features; ++k)
            weight[std::size_t(o * features + k)] = (*b)->floats[std::size_t(k * outputs + o)];
    }
    const QString name = addNode("inner_product", {{QStringLiteral("outputs"), qint64(outputs)}, {QStringLiteral("bias"), false}},
                                 {x->node}, {outputs});
    addTensor(name, "weight", {outputs, features}, std::move(weight));
    m_biasless.insert(name, int(definition.nodes.size()) - 1);
    return {};
}

Status Importer::dropout()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    double ratio = report.opset < 12 ? number("ratio", 0.5f) : 0.5;
    attribute("is_test"); // opset < 7; inference either way
    attribute("seed");
    if (Status status = checkAttributes(); !status)
        return status;
    if (hasInput(1)) {
        const Result<std::shared_ptr<const Constant>> r = constant(1);
        if (!r)
            return r.takeError();
        if ((*r)->floats.size() != 1)
            return nodeFail(Tr::tr("its ratio must be a single number"));
        ratio = (*r)->floats[0];
    }
    if (hasInput(2)) {
        const Result<std::shared_ptr<const Constant>> training = constant(2);
        if (!training)
            return training.takeError();
        if ((*training)->floats.size() != 1 || (*training)->floats[0] != 0)
            return nodeFail(Tr::tr("training mode is not supported; export the model in evaluation mode"));
    }
    if (outputUsed(1))
        return nodeFail(Tr::tr("its mask output is not supported"));
    if (!(ratio >= 0 && ratio <= 0.99))
        return nodeFail(Tr::tr("the ratio %1 is not supported (0 to 0.99)").arg(ratio));
    if (ratio == 0) {
        setOutput(*x);
        ++report.folded;
        return {};
    }
    addNode("dropout", {{QStringLiteral("ratio"), ratio}}, {x->node}, x->dims);
    return {};
}

Status Importer::softmax()
{
    const Result<Value> x = activation(0);
    if (!x)
        return x.takeError();
    const std::int64_t axis = integer("axis", report.opset < 13 ? 1 : -1);
    if (Status status = checkAttributes(); !status)
        return status;
    const QString output = QString::fromStdString(m_node->output(0));
    bool isGraphOutput = false;
    for (const onnx::ValueInfoProto &out : m_model.graph().output())
        isGraphOutput = isGraphOutput || out.name() == m_node->output(0);
    if (!isGraphOutput || m_consumers.value(output) != 1 || x->dims.size() != 1 || (axis != 1 && axis != -1))
        return nodeFail(Tr::tr("softmax is supported only over the class scores the graph outputs; Sieve's loss "
                               "applies it"));
    // The network computes the scores; probabilities() applies the softmax this node did.
    setOutput(*x);
    m_softmaxOutput = output;
    ++report.folded;
    return {};
}

Status Importer::pad()
{
    const Result<Value> x = image(0);
    if (!x)
        return x.takeError();
    const QString mode = text("mode", QStringLiteral("constant"));
    std::vector<std::int64_t> pads;
    double value = 0;
    if (report.opset < 11) {
        if (const onnx::AttributeProto *a = attribute("pads"))
            pads.assign(a->ints().begin(), a->ints().end());
        value = number("value", 0.0f);
    } else {
        const Result<std::shared_ptr<const Constant>> p = constant(1);
        if (!p)
            return p.takeError();
        pads = (*p)->integers;
        if (hasInput(2)) {
            const Result<std::shared_ptr<const Constant>> v = constant(2);
            if (!v)
                return v.takeError();
            value = (*v)->floats.size() == 1 ? (*v)->floats[0] : 1.0;
        }
    }
    if (Status status = checkAttributes(); !status)
        return status;
    // [batch, channels, top, left] begins, then the same ends.
    if (mode != QLatin1String("constant") || value != 0 || pads.size() != 8 || pads[0] != 0 || pads[1] != 0 ||
        pads[4] != 0 || pads[5] != 0 || std::any_of(pads.begin(), pads.end(), [](std::int64_t p) { return p < 0 || p > 1000; }))
        return nodeFail(Tr::tr("only zero padding of height and width is supported"));
    Value padded = *x;
    padded.pads = {x->pads[0] + pads[2], x->pads[1] + pads[3], x->pads[2] + pads[6], x->pads[3] + pads[7]};
    setOutput(padded);
    ++report.folded;
    return {};
}

Status Importer::constantNode()
{
    auto value = std::make_shared<Constant>();
    if (const onnx::AttributeProto *t = attribute("value")) {
        Result<std::shared_ptr<Constant>> tensor = readTensor(t->t(), Tr::tr("its value"));
        if (!tensor)
            return nodeFail(tensor.error());
        value = *tensor;
    } else if (const onnx::AttributeProto *f = attribute("value_float")) {
        value->floats = {f->f()};
    } else if (const onnx::AttributeProto *fs = attribute("value_floats")) {
        value->floats.assign(fs->floats().begin(), fs->floats().end());
        value->shape = {std::int64_t(value->floats.size())};
    } else if (const onnx::AttributeProto *i = attribute("value_int")) {
        value->integers = {i->i()};
        value->floats = {float(i->i())};
    } else if (const onnx::AttributeProto *is = attribute("value_ints")) {
        value->integers.assign(is->ints().begin(), is->ints().end());
        value->floats.assign(value->integers.begin(), value->integers.end());
        value->shape = {std::int64_t(value->integers.size())};
    } else {
        return nodeFail(Tr::tr("it has no value Sieve reads (value, value_float(s), value_int(s))"));
    }
    if (Status status = checkAttributes(); !status)
        return status;
    setOutput(Value{value, {}, {}});
    ++report.folded;
    return {};
}

} // namespace sieve::nn::onnximport
