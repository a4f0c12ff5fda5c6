// Forward + backward (data and weights) of one GoogLeNet convolution layer through Sieve's
// engine, printed as milliseconds per batch and GFLOP/s. Its peer is bench_nn_conv.py (PyTorch,
// same shapes and threads). Usage: bench_nn_conv LAYER [BATCH] [THREADS] [ITERATIONS]
//   LAYER: conv1 (3→64, 7×7 stride 2 on 224×224) or conv2 (64→192, 3×3 on 56×56)

#include "nn/network.h"
#include "nn/random.h"

#include <QJsonObject>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace sieve::nn;

int main(int argc, char **argv)
{
    const bool first = argc < 2 || std::strcmp(argv[1], "conv1") == 0;
    const int batch = argc > 2 ? std::atoi(argv[2]) : 8;
    const int threads = argc > 3 ? std::atoi(argv[3]) : 1;
    const int iterations = argc > 4 ? std::atoi(argv[4]) : 5;
    const int channels = first ? 3 : 64, size = first ? 224 : 56, outputs = first ? 64 : 192;
    const int kernel = first ? 7 : 3, stride = first ? 2 : 1, out = size / stride;

    // The layer, then global pooling and a classifier so there is a loss to differentiate;
    // those two cost well under 1 % of the convolution.
    ModelDefinition definition;
    definition.input = InputDefinition{QStringLiteral("data"), channels, size, size};
    definition.nodes = {
        {QStringLiteral("conv"), QStringLiteral("convolution"), {QStringLiteral("data")},
         QJsonObject{{QStringLiteral("outputs"), outputs}, {QStringLiteral("kernel"), kernel},
                     {QStringLiteral("stride"), stride}, {QStringLiteral("pad"), kernel / 2}}},
        {QStringLiteral("gap"), QStringLiteral("global_avg_pool"), {QStringLiteral("conv")}, {}},
        {QStringLiteral("fc"), QStringLiteral("inner_product"), {QStringLiteral("gap")},
         QJsonObject{{QStringLiteral("outputs"), 10}}},
        {QStringLiteral("loss"), QStringLiteral("softmax_cross_entropy"), {QStringLiteral("fc")}, {}},
    };
    NetworkOptions options;
    options.threads = threads;
    options.inputGradient = true; // a layer inside a network also propagates to its input
    auto network = Network::create(definition, options);
    if (!network) {
        std::fprintf(stderr, "%s\n", qPrintable(network.error()));
        return 1;
    }
    Random random(1);
    std::vector<float> images(std::size_t(batch) * (*network)->sampleSize());
    for (float &v : images)
        v = float(random.uniform(-1, 1));
    std::vector<int> labels(std::size_t(batch), 3);

    const auto step = [&] {
        if (!(*network)->forward(images, batch, Pass::Training).ok() || !(*network)->backward(labels).ok())
            std::abort();
    };
    step(); // builds the primitives
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < iterations; ++i)
        step();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / iterations;
    // Forward, backward data and backward weights: 3 × 2 × MACs.
    const double flops = 6.0 * batch * outputs * out * out * channels * kernel * kernel;
    std::printf("sieve   %s batch %d, %d thread(s): %.1f ms per forward+backward, %.1f GFLOP/s\n",
                first ? "conv1" : "conv2", batch, threads, seconds * 1e3, flops / seconds / 1e9);
    return 0;
}
