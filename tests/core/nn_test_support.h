#pragma once

// Helpers shared by the tst_nn_* tests: networks from a few lines of JSON, seeded inputs.

#include "nn/network.h"
#include "nn/random.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace sieve::nn::test {

// A definition with input channels × height × width and the given nodes (a JSON array's
// contents), e.g. nodes = R"({"name": "fc", "op": "inner_product", ...}, {...})".
inline QByteArray definitionJson(int channels, int height, int width, const QByteArray &nodes,
                                 const QByteArray &groups = {})
{
    QByteArray json = "{\"format\": \"sieve-model\", \"version\": 1, \"name\": \"test\", \"input\": "
                      "{\"name\": \"data\", \"channels\": " +
        QByteArray::number(channels) + ", \"height\": " + QByteArray::number(height) +
        ", \"width\": " + QByteArray::number(width) + "}, ";
    if (!groups.isEmpty())
        json += "\"groups\": [" + groups + "], ";
    return json + "\"nodes\": [" + nodes + "]}";
}

inline std::unique_ptr<Network> makeNetwork(const QByteArray &json, const NetworkOptions &options, QString *error)
{
    Result<ModelDefinition> definition = ModelDefinition::fromJson(json);
    if (!definition) {
        *error = definition.error();
        return {};
    }
    Result<std::unique_ptr<Network>> network = Network::create(*definition, options);
    if (!network) {
        *error = network.error();
        return {};
    }
    return std::move(*network);
}

// Uniform values in [-scale, scale) from `seed`.
inline std::vector<float> uniformValues(std::size_t count, std::uint64_t seed, double scale = 1.0)
{
    Random random(seed);
    std::vector<float> values(count);
    for (float &v : values)
        v = float(random.uniform(-scale, scale));
    return values;
}

inline std::vector<int> labelsFor(int batch, int classes, std::uint64_t seed)
{
    Random random(seed);
    std::vector<int> labels(std::size_t(batch), 0);
    for (int &label : labels)
        label = int(random.next() % std::uint64_t(classes));
    return labels;
}

} // namespace sieve::nn::test
