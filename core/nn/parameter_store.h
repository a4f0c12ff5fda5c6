#pragma once

#include "nn/aligned_buffer.h"
#include "nn/model_definition.h"

#include <QString>
#include <QStringView>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sieve::nn {

// How a tensor gets its first values.
enum class Init {
    Zero,
    One,
    KaimingNormal, // N(0, 2 / fanIn): convolutions followed by ReLU (He et al. 2015)
    XavierUniform, // U(±sqrt(6 / (fanIn + fanOut))): classifier layers (Glorot & Bengio 2010)
};

// One named tensor inside a flat buffer. `shape` is the canonical plain layout, the one
// PyTorch and ONNX use (convolution weights OIHW, or O × I/groups × H × W when grouped; inner
// product weights O × I with I in C, H, W order), so weights map one-to-one when imported.
struct TensorInfo {
    QString name; // "<node>.<role>": conv1.weight, conv1.bias, bn1.running_mean, …
    std::vector<std::int64_t> shape;
    std::size_t offset = 0; // in floats, a multiple of 16 (64 bytes)
    std::size_t count = 0;
    int group = 0;
    bool decay = true; // weight decay applies (not to biases and normalisation scales/shifts)
    Init init = Init::Zero;
    double fanIn = 1;
    double fanOut = 1;
};

// All trainable parameters of a network in ONE contiguous buffer, their gradients in another of
// the same layout, and the non-trained state (batch-norm running statistics) in a third. Each
// layer's tensors are views at fixed offsets, so a distributed step sums every gradient with a
// single all-reduce of gradients(), and a checkpoint is three memcpy's. Offsets are 64-byte
// aligned; the gaps between tensors are zero in all buffers and stay zero.
//
// Built by Network (declare…, then allocate()); the buffers never move afterwards, so spans and
// pointers into them stay valid for the store's life. Not thread-safe: one thread at a time.
class ParameterStore {
public:
    explicit ParameterStore(QList<GroupDefinition> groups = {});

    // Before allocate(): adds a tensor; returns its index in parameters() / stateTensors().
    int declareParameter(TensorInfo info);
    int declareState(TensorInfo info);
    void allocate();

    // Fills every tensor by its Init rule. Each tensor draws from its own generator seeded by
    // (seed, name), so the values do not depend on the order of the layers.
    void initialize(std::uint64_t seed);

    // Non-const access to the values counts as a change (see valuesVersion()).
    std::span<float> values()
    {
        ++m_valuesVersion;
        return m_values.span();
    }
    std::span<const float> values() const { return m_values.span(); }
    std::span<float> gradients() { return m_gradients.span(); }
    std::span<const float> gradients() const { return m_gradients.span(); }
    std::span<float> state() { return m_state.span(); }
    std::span<const float> state() const { return m_state.span(); }

    const std::vector<TensorInfo> &parameters() const { return m_parameters; }
    const std::vector<TensorInfo> &stateTensors() const { return m_stateTensors; }
    // nullptr when there is no such tensor.
    const TensorInfo *findParameter(QStringView name) const;
    const TensorInfo *findState(QStringView name) const;
    std::span<float> values(const TensorInfo &info) { return values().subspan(info.offset, info.count); }
    std::span<float> gradients(const TensorInfo &info) { return gradients().subspan(info.offset, info.count); }
    std::span<float> state(const TensorInfo &info) { return state().subspan(info.offset, info.count); }

    const QList<GroupDefinition> &groups() const { return m_groups; }
    // -1 when there is no such group.
    int groupIndex(QStringView name) const;
    void setGroupFrozen(int group, bool frozen);
    void setGroupLrMultiplier(int group, double multiplier);
    bool isTrainable(const TensorInfo &info) const { return !m_groups.at(info.group).frozen; }
    // Changes whenever a group is frozen or unfrozen; Network rebuilds its plans then, because a
    // frozen layer computes no weight gradients.
    std::uint64_t freezeVersion() const { return m_freezeVersion; }
    // Changes whenever the values may have changed: on every non-const values() call (the
    // optimizer's step, loading weights) and markValuesChanged(). Network's inference passes
    // keep the weights converted to their primitives' layouts and precision while this stays
    // the same, so code that writes through a span it obtained earlier, and then runs an
    // inference pass, calls markValuesChanged() after writing.
    std::uint64_t valuesVersion() const { return m_valuesVersion; }
    void markValuesChanged() { ++m_valuesVersion; }
    // Number of floats in trainable (not frozen) tensors.
    std::size_t trainableCount() const;

private:
    QList<GroupDefinition> m_groups;
    std::vector<TensorInfo> m_parameters;
    std::vector<TensorInfo> m_stateTensors;
    AlignedBuffer m_values;
    AlignedBuffer m_gradients;
    AlignedBuffer m_state;
    std::uint64_t m_freezeVersion = 0;
    std::uint64_t m_valuesVersion = 0;
};

} // namespace sieve::nn
