#include "nn/parameter_store.h"

#include "nn/random.h"

#include <cmath>

namespace sieve::nn {

namespace {

std::size_t layOut(std::vector<TensorInfo> &tensors)
{
    std::size_t offset = 0;
    for (TensorInfo &info : tensors) {
        info.offset = offset;
        offset += (info.count + 15) / 16 * 16;
    }
    return offset;
}

void fill(std::span<float> values, const TensorInfo &info, std::uint64_t seed)
{
    Random random(mix64(seed) ^ hashName(info.name));
    switch (info.init) {
    case Init::Zero:
        std::fill(values.begin(), values.end(), 0.0f);
        break;
    case Init::One:
        std::fill(values.begin(), values.end(), 1.0f);
        break;
    case Init::KaimingNormal: {
        const double std = std::sqrt(2.0 / info.fanIn);
        for (float &v : values)
            v = static_cast<float>(std * random.normal());
        break;
    }
    case Init::XavierUniform: {
        const double bound = std::sqrt(6.0 / (info.fanIn + info.fanOut));
        for (float &v : values)
            v = static_cast<float>(random.uniform(-bound, bound));
        break;
    }
    }
}

const TensorInfo *find(const std::vector<TensorInfo> &tensors, QStringView name)
{
    for (const TensorInfo &info : tensors) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

} // namespace

ParameterStore::ParameterStore(QList<GroupDefinition> groups) : m_groups(std::move(groups))
{
    if (m_groups.isEmpty())
        m_groups.append(GroupDefinition{QStringLiteral("backbone"), 1.0, false});
}

int ParameterStore::declareParameter(TensorInfo info)
{
    m_parameters.push_back(std::move(info));
    return static_cast<int>(m_parameters.size()) - 1;
}

int ParameterStore::declareState(TensorInfo info)
{
    m_stateTensors.push_back(std::move(info));
    return static_cast<int>(m_stateTensors.size()) - 1;
}

void ParameterStore::allocate()
{
    const std::size_t parameterFloats = layOut(m_parameters);
    m_values = AlignedBuffer(parameterFloats);
    m_gradients = AlignedBuffer(parameterFloats);
    m_state = AlignedBuffer(layOut(m_stateTensors));
}

void ParameterStore::initialize(std::uint64_t seed)
{
    for (const TensorInfo &info : m_parameters)
        fill(values(info), info, seed);
    for (const TensorInfo &info : m_stateTensors)
        fill(state(info), info, seed);
}

const TensorInfo *ParameterStore::findParameter(QStringView name) const { return find(m_parameters, name); }

const TensorInfo *ParameterStore::findState(QStringView name) const { return find(m_stateTensors, name); }

int ParameterStore::groupIndex(QStringView name) const
{
    for (int i = 0; i < m_groups.size(); ++i) {
        if (m_groups.at(i).name == name)
            return i;
    }
    return -1;
}

void ParameterStore::setGroupFrozen(int group, bool frozen)
{
    if (m_groups[group].frozen == frozen)
        return;
    m_groups[group].frozen = frozen;
    ++m_freezeVersion;
}

void ParameterStore::setGroupLrMultiplier(int group, double multiplier) { m_groups[group].lrMultiplier = multiplier; }

std::size_t ParameterStore::trainableCount() const
{
    std::size_t count = 0;
    for (const TensorInfo &info : m_parameters) {
        if (isTrainable(info))
            count += info.count;
    }
    return count;
}

} // namespace sieve::nn
