#include "nn/layer.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sieve::nn {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

bool isWholeNumber(const QJsonValue &value, int minimum)
{
    const double number = value.toDouble();
    return value.isDouble() && number >= minimum && number <= 1e6 && number == static_cast<int>(number);
}

} // namespace

Error nodeError(const NodeDefinition &node, const QString &what)
{
    return fail(Tr::tr("node '%1' (%2): %3").arg(node.name, node.op, what));
}

void Attributes::problem(const QString &what)
{
    if (!m_error)
        m_error = nodeError(m_node, what);
}

int Attributes::integer(const char *key, int fallback, int minimum)
{
    m_read.append(QLatin1String(key));
    const QJsonValue value = m_node.attributes.value(QLatin1String(key));
    if (value.isUndefined())
        return fallback;
    if (!isWholeNumber(value, minimum)) {
        problem(Tr::tr("attribute '%1' must be an integer >= %2").arg(QLatin1String(key)).arg(minimum));
        return fallback;
    }
    return value.toInt();
}

double Attributes::number(const char *key, double fallback, double minimum, double maximum)
{
    m_read.append(QLatin1String(key));
    const QJsonValue value = m_node.attributes.value(QLatin1String(key));
    if (value.isUndefined())
        return fallback;
    if (!value.isDouble() || value.toDouble() < minimum || value.toDouble() > maximum) {
        problem(Tr::tr("attribute '%1' must be a number from %2 to %3").arg(QLatin1String(key)).arg(minimum).arg(maximum));
        return fallback;
    }
    return value.toDouble();
}

bool Attributes::boolean(const char *key, bool fallback)
{
    m_read.append(QLatin1String(key));
    const QJsonValue value = m_node.attributes.value(QLatin1String(key));
    if (value.isUndefined())
        return fallback;
    if (!value.isBool()) {
        problem(Tr::tr("attribute '%1' must be true or false").arg(QLatin1String(key)));
        return fallback;
    }
    return value.toBool();
}

QString Attributes::choice(const char *key, const QString &fallback, const QStringList &allowed)
{
    m_read.append(QLatin1String(key));
    const QJsonValue value = m_node.attributes.value(QLatin1String(key));
    if (value.isUndefined())
        return fallback;
    if (!allowed.contains(value.toString())) {
        problem(Tr::tr("attribute '%1' must be one of: %2").arg(QLatin1String(key), allowed.join(QLatin1String(", "))));
        return fallback;
    }
    return value.toString();
}

std::array<int, 2> Attributes::pair(const char *key, int fallback, int minimum)
{
    m_read.append(QLatin1String(key));
    const QJsonValue value = m_node.attributes.value(QLatin1String(key));
    if (value.isUndefined())
        return {fallback, fallback};
    if (isWholeNumber(value, minimum))
        return {value.toInt(), value.toInt()};
    const QJsonArray array = value.toArray();
    if (array.size() == 2 && isWholeNumber(array.at(0), minimum) && isWholeNumber(array.at(1), minimum))
        return {array.at(0).toInt(), array.at(1).toInt()};
    problem(Tr::tr("attribute '%1' must be an integer >= %2 or a [height, width] pair of them")
                .arg(QLatin1String(key))
                .arg(minimum));
    return {fallback, fallback};
}

std::array<int, 4> Attributes::padding(const char *key)
{
    m_read.append(QLatin1String(key));
    const QJsonValue value = m_node.attributes.value(QLatin1String(key));
    if (value.isUndefined())
        return {0, 0, 0, 0};
    if (isWholeNumber(value, 0))
        return {value.toInt(), value.toInt(), value.toInt(), value.toInt()};
    const QJsonArray array = value.toArray();
    bool valid = array.size() == 2 || array.size() == 4;
    for (const QJsonValue &side : array)
        valid = valid && isWholeNumber(side, 0);
    if (!valid) {
        problem(Tr::tr("attribute '%1' must be an integer >= 0, [height, width] or [top, left, bottom, right]")
                    .arg(QLatin1String(key)));
        return {0, 0, 0, 0};
    }
    if (array.size() == 2)
        return {array.at(0).toInt(), array.at(1).toInt(), array.at(0).toInt(), array.at(1).toInt()};
    return {array.at(0).toInt(), array.at(1).toInt(), array.at(2).toInt(), array.at(3).toInt()};
}

int Attributes::group(const ParameterStore &store)
{
    m_read.append(QStringLiteral("group"));
    const QJsonValue value = m_node.attributes.value(QLatin1String("group"));
    if (value.isUndefined())
        return 0;
    const int index = store.groupIndex(value.toString());
    if (index < 0) {
        QStringList names;
        for (const GroupDefinition &group : store.groups())
            names.append(group.name);
        problem(Tr::tr("attribute 'group' names no declared parameter group (declared: %1)")
                    .arg(names.join(QLatin1String(", "))));
        return 0;
    }
    return index;
}

Status Attributes::finish() const
{
    if (m_error)
        return *m_error;
    for (auto it = m_node.attributes.begin(); it != m_node.attributes.end(); ++it) {
        if (!m_read.contains(it.key()))
            return nodeError(m_node, Tr::tr("unknown attribute '%1'").arg(it.key()));
    }
    return {};
}

void PlanContext::setOutput(const dnnl::memory::desc &desc)
{
    output->desc = desc;
    output->data = dnnl::memory(desc, engine);
    if (outputGradient)
        output->diff = dnnl::memory(desc, engine);
}

InputBridge::InputBridge(const dnnl::engine &engine, const dnnl::memory &source, const dnnl::memory::desc &wanted)
    : m_source(source)
{
    if (source.get_desc() == wanted) {
        m_inside = source;
        return;
    }
    m_inside = dnnl::memory(wanted, engine);
    m_reorder = dnnl::reorder(source, m_inside);
}

void InputBridge::run(dnnl::stream &stream)
{
    if (m_reorder)
        m_reorder->execute(stream, m_source, m_inside);
}

void InputBridge::runIfChanged(dnnl::stream &stream, std::uint64_t version)
{
    if (!m_reorder || m_version == version)
        return;
    m_reorder->execute(stream, m_source, m_inside);
    m_version = version;
}

GradientSink::GradientSink(const dnnl::engine &engine, const GradientTarget &target)
    : m_engine(&engine), m_target(target)
{
}

dnnl::memory GradientSink::prepare(const dnnl::memory::desc &desc)
{
    if (!m_target.accumulate && m_target.diff.get_desc() == desc) {
        m_inside = m_target.diff;
        return m_inside;
    }
    prepareFrom(dnnl::memory(desc, *m_engine));
    return m_inside;
}

void GradientSink::prepareFrom(const dnnl::memory &source)
{
    m_inside = source;
    dnnl::primitive_attr attributes;
    if (m_target.accumulate) {
        dnnl::post_ops sum;
        sum.append_sum(1.0f);
        attributes.set_post_ops(sum);
    }
    const dnnl::reorder::primitive_desc reorder(*m_engine, source.get_desc(), *m_engine,
                                                m_target.diff.get_desc(), attributes);
    m_reorder = dnnl::reorder(reorder);
}

void GradientSink::run(dnnl::stream &stream)
{
    if (m_reorder)
        m_reorder->execute(stream, m_inside, m_target.diff);
}

dnnl::memory::desc plainDesc(const dnnl::memory::dims &dims, dnnl::memory::data_type type)
{
    using tag = dnnl::memory::format_tag;
    static constexpr tag tags[] = {tag::undef, tag::a, tag::ab, tag::abc, tag::abcd, tag::abcde};
    return dnnl::memory::desc(dims, type, tags[dims.size()]);
}

dnnl::memory::desc anyDesc(const dnnl::memory::dims &dims, dnnl::memory::data_type type)
{
    return dnnl::memory::desc(dims, type, dnnl::memory::format_tag::any);
}

dnnl::memory::dims batched(std::int64_t batch, const Dims &sample)
{
    dnnl::memory::dims dims{batch};
    dims.insert(dims.end(), sample.begin(), sample.end());
    return dims;
}

dnnl::memory flatMemory(const dnnl::engine &engine, std::span<float> buffer, const TensorInfo &info,
                        const dnnl::memory::dims &dims)
{
    return dnnl::memory(plainDesc(dims), engine, buffer.data() + info.offset);
}

int Layer::declareParameter(ParameterStore &store, TensorInfo info)
{
    info.name = m_node.name + QLatin1Char('.') + info.name;
    const int index = store.declareParameter(std::move(info));
    m_parameters.push_back(index);
    return index;
}

int Layer::declareState(ParameterStore &store, TensorInfo info)
{
    info.name = m_node.name + QLatin1Char('.') + info.name;
    return store.declareState(std::move(info));
}

Result<std::unique_ptr<Layer>> makeLayer(const NodeDefinition &node)
{
    const QString &op = node.op;
    if (op == QLatin1String("convolution"))
        return makeConvolution(node);
    if (op == QLatin1String("batch_norm"))
        return makeBatchNorm(node);
    if (op == QLatin1String("relu") || op == QLatin1String("relu6"))
        return makeEltwise(node);
    if (op == QLatin1String("max_pool") || op == QLatin1String("avg_pool") || op == QLatin1String("global_avg_pool"))
        return makePooling(node);
    if (op == QLatin1String("lrn"))
        return makeLrn(node);
    if (op == QLatin1String("concat"))
        return makeConcat(node);
    if (op == QLatin1String("add"))
        return makeAdd(node);
    if (op == QLatin1String("inner_product"))
        return makeInnerProduct(node);
    if (op == QLatin1String("dropout"))
        return makeDropout(node);
    if (op == QLatin1String("softmax_cross_entropy"))
        return makeSoftmaxLoss(node);
    return nodeError(node, Tr::tr("unknown operation (known: convolution, batch_norm, relu, relu6, max_pool, "
                                  "avg_pool, global_avg_pool, lrn, concat, add, inner_product, dropout, "
                                  "softmax_cross_entropy)"));
}

} // namespace sieve::nn
