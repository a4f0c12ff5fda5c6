#include "nn/weights.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

NamedTensor copyOut(const TensorInfo &info, std::span<const float> buffer)
{
    const std::span<const float> values = buffer.subspan(info.offset, info.count);
    return NamedTensor{info.name, info.shape, std::vector<float>(values.begin(), values.end())};
}

} // namespace

const NamedTensor *Weights::find(QStringView name) const
{
    const auto found = std::find_if(tensors.begin(), tensors.end(), [&](const NamedTensor &t) { return t.name == name; });
    return found == tensors.end() ? nullptr : &*found;
}

NamedTensor *Weights::find(QStringView name)
{
    return const_cast<NamedTensor *>(std::as_const(*this).find(name));
}

std::size_t Weights::valueCount() const
{
    std::size_t count = 0;
    for (const NamedTensor &tensor : tensors)
        count += tensor.values.size();
    return count;
}

Weights captureWeights(const ParameterStore &store)
{
    Weights weights;
    weights.tensors.reserve(store.parameters().size() + store.stateTensors().size());
    for (const TensorInfo &info : store.parameters())
        weights.tensors.push_back(copyOut(info, store.values()));
    for (const TensorInfo &info : store.stateTensors())
        weights.tensors.push_back(copyOut(info, store.state()));
    return weights;
}

Status restoreWeights(ParameterStore &store, const Weights &weights)
{
    QHash<QString, const NamedTensor *> byName;
    for (const NamedTensor &tensor : weights.tensors)
        byName.insert(tensor.name, &tensor);
    std::vector<std::pair<const TensorInfo *, const NamedTensor *>> parameters, state;
    const auto match = [&](const std::vector<TensorInfo> &infos, auto &pairs) -> Status {
        for (const TensorInfo &info : infos) {
            const NamedTensor *tensor = byName.take(info.name);
            if (!tensor)
                return fail(Tr::tr("the weights have no tensor '%1' (%2)").arg(info.name, shapeText(info.shape)));
            if (tensor->shape != info.shape || tensor->values.size() != info.count)
                return fail(Tr::tr("tensor '%1' is %2 in the weights but %3 in the network")
                                .arg(info.name, shapeText(tensor->shape), shapeText(info.shape)));
            pairs.emplace_back(&info, tensor);
        }
        return {};
    };
    if (Status status = match(store.parameters(), parameters); !status)
        return status;
    if (Status status = match(store.stateTensors(), state); !status)
        return status;
    if (!byName.isEmpty()) {
        QStringList extra = byName.keys();
        extra.sort();
        return fail(Tr::tr("the weights have tensors the network lacks: %1")
                        .arg(extra.mid(0, 5).join(QLatin1String(", ")) +
                             (extra.size() > 5 ? QStringLiteral(", …") : QString())));
    }
    for (const auto &[info, tensor] : parameters)
        std::copy(tensor->values.begin(), tensor->values.end(), store.values(*info).begin());
    for (const auto &[info, tensor] : state)
        std::copy(tensor->values.begin(), tensor->values.end(), store.state(*info).begin());
    return {};
}

QString shapeText(const std::vector<std::int64_t> &shape)
{
    QStringList parts;
    for (std::int64_t d : shape)
        parts.append(QString::number(d));
    return parts.isEmpty() ? QStringLiteral("scalar") : parts.join(QChar(0x00D7));
}

} // namespace sieve::nn
