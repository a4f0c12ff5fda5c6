// One rank of a data-parallel training job from the command line, so that tests/cluster start
// REAL processes that meet through a folder and talk over Gloo on 127.0.0.1 (the benchmark
// uses it too). Built for tests only, never installed.
//
//   dp_rank_main --rank R --size W --store DIR --prefix P --train FILE --validation FILE
//                --classes N --batch B --steps N --output-dir DIR --out FILE
//                [--epochs E] [--seed S] [--threads T] [--model NAME] [--input-size PX] [--timeout-ms MS]
//                [--checkpoint-every N] [--checksum-every N] [--resume FILE] [--metrics FILE] [--lr LR]
//                [--weight-decay D] [--reference]
//
// FILE lists "class<TAB>path" lines; rank r's shard is lines r, r + W, r + 2W, … of each list.
// --out FILE receives the final weights (raw float32, the flat parameter buffer) and FILE.json
// the result; --metrics FILE one JSON line per metrics event (rank 0). SIGTERM cancels.
// --reference trains in ONE process without Gloo: each step accumulates the gradients of the W
// shards' batches, each weighted as a rank weights its own, then takes one optimizer step —
// what W ranks with local batch norm compute, the single-process run tests compare with.
// Exit status: 0 done, 1 failed (message on stderr), 2 bad arguments, 3 cancelled.

#include "collective_gradient_reducer.h"
#include "data_parallel_job.h"
#include "file_key_value_store.h"
#include "jobs/job_context.h"
#include "shard_inputs.h"
#include "train/model_builder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <csignal>
#include <cstdio>

using namespace sieve;

namespace {

std::atomic<bool> g_cancel{false};

void onTerminate(int) { g_cancel.store(true); }

Result<std::vector<cluster::ImageLabel>> readShard(const QString &path, int rank, int size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString()));
    std::vector<cluster::ImageLabel> shard;
    int line = 0;
    while (!file.atEnd()) {
        const QString text = QString::fromUtf8(file.readLine()).trimmed();
        if (text.isEmpty())
            continue;
        const qsizetype tab = text.indexOf(QLatin1Char('\t'));
        if (tab < 0)
            return fail(QStringLiteral("%1: line %2 is not “class<TAB>path”.").arg(path).arg(line + 1));
        if (line++ % size == rank)
            shard.push_back({text.mid(tab + 1), text.left(tab).toInt()});
    }
    return shard;
}

class PrintingSink final : public cluster::JobEventSink {
public:
    PrintingSink(int rank, const QString &metricsPath) : m_rank(rank), m_metrics(metricsPath)
    {
        if (!metricsPath.isEmpty())
            (void)m_metrics.open(QIODevice::WriteOnly | QIODevice::Truncate);
    }
    void stateChanged(cluster::JobState state, const QString &detail) override
    {
        std::fprintf(stderr, "[rank %d] state %d: %s\n", m_rank, int(state), qPrintable(detail));
    }
    void log(const QString &message) override { std::fprintf(stderr, "[rank %d] %s\n", m_rank, qPrintable(message)); }
    void metrics(std::int64_t step, const std::vector<cluster::Metric> &metrics) override
    {
        if (!m_metrics.isOpen())
            return;
        QJsonObject line{{QStringLiteral("step"), qint64(step)}};
        for (const cluster::Metric &metric : metrics)
            line.insert(metric.tag, metric.value);
        m_metrics.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        m_metrics.flush();
    }

private:
    int m_rank;
    QFile m_metrics;
};

// The single-process reference (see the comment at the top).
Result<std::vector<float>> trainReference(const cluster::DataParallelJob &job, const QString &trainList)
{
    const train::TrainOptions options = job.options.withDefaults();
    const int world = job.worldSize;
    std::vector<std::unique_ptr<train::TrainingInputs>> shards;
    std::vector<int> batches;
    int stepsPerEpoch = 1 << 30;
    for (int m = 0; m < world; ++m) {
        cluster::DataParallelJob shardJob = job;
        Result<std::vector<cluster::ImageLabel>> images = readShard(trainList, m, world);
        if (!images)
            return images.takeError();
        shardJob.rank = m;
        shardJob.train = std::move(*images);
        shardJob.validation.clear();
        batches.push_back(cluster::localBatchSize(options.batchSize, m, world));
        jobs::JobContext context;
        Result<std::unique_ptr<train::TrainingInputs>> inputs = cluster::createShardInputs(shardJob, options, batches.back(), context);
        if (!inputs)
            return inputs.takeError();
        stepsPerEpoch = std::min(stepsPerEpoch, cluster::shardSteps(**inputs, batches.back()));
        shards.push_back(std::move(*inputs));
    }
    Result<std::unique_ptr<nn::Network>> created = shards[0]->createTrainedNetwork(options.seed, job.threads, nn::Precision::Fp32);
    if (!created)
        return created.takeError();
    nn::Network &network = **created;
    nn::Optimizer optimizer = train::makeOptimizer(options, network.parameters());
    const nn::LrSchedule schedule = train::makeSchedule(options, options.learningRate, std::int64_t(stepsPerEpoch) * options.epochs);
    nn::ParameterStore &store = network.parameters();
    std::vector<float> accumulated(store.gradients().size());
    for (std::int64_t step = 0; step < job.maxSteps; ++step) {
        if (step % stepsPerEpoch == 0)
            for (auto &shard : shards)
                shard->train().startEpoch(step / stepsPerEpoch);
        std::fill(accumulated.begin(), accumulated.end(), 0.0f);
        for (int m = 0; m < world; ++m) {
            const train::Batch batch = shards[std::size_t(m)]->train().next();
            network.setIteration(std::uint64_t(step));
            if (Status ran = network.forward(batch.inputs, batch.size, nn::Pass::Training); !ran)
                return ran.takeError();
            if (Result<double> loss = network.backward(batch.labels); !loss)
                return loss.takeError();
            const float share = cluster::CollectiveGradientReducer::share(batch.size, options.batchSize);
            const std::span<const float> gradients = store.gradients();
            for (std::size_t i = 0; i < accumulated.size(); ++i)
                accumulated[i] += gradients[i] * share;
        }
        std::copy(accumulated.begin(), accumulated.end(), store.gradients().begin());
        if (options.clipNorm > 0)
            nn::clipGradientNorm(store, options.clipNorm);
        optimizer.step(store, schedule.at(step));
    }
    const std::span<const float> values = std::as_const(store).values();
    return std::vector<float>(values.begin(), values.end());
}

bool writeOutputs(const QString &path, const std::vector<float> &weights, const QJsonObject &summary)
{
    QFile out(path);
    const qint64 bytes = qint64(weights.size() * sizeof(float));
    if (!out.open(QIODevice::WriteOnly) || out.write(reinterpret_cast<const char *>(weights.data()), bytes) != bytes)
        return false;
    QFile json(path + QStringLiteral(".json"));
    return json.open(QIODevice::WriteOnly) && json.write(QJsonDocument(summary).toJson()) > 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QStringList valued{"rank", "size", "store", "prefix", "train", "validation", "classes", "batch", "steps",
                             "epochs", "seed", "threads", "model", "input-size", "timeout-ms", "checkpoint-every",
                             "checksum-every", "resume", "output-dir", "out", "metrics", "lr", "weight-decay"};
    for (const QString &name : valued)
        parser.addOption({name, name, QStringLiteral("value")});
    parser.addOption({QStringLiteral("reference"), QStringLiteral("single-process reference")});
    parser.process(app);
    const auto number = [&](const char *name, qint64 fallback) {
        const QString value = parser.value(QLatin1String(name));
        return value.isEmpty() ? fallback : value.toLongLong();
    };
    if (parser.value(QStringLiteral("train")).isEmpty() || parser.value(QStringLiteral("out")).isEmpty()) {
        std::fprintf(stderr, "dp_rank_main: --train and --out are required\n");
        return 2;
    }
    std::signal(SIGTERM, onTerminate);

    cluster::DataParallelJob job;
    job.rank = int(number("rank", 0));
    job.worldSize = int(number("size", 1));
    job.rendezvousPrefix = parser.value(QStringLiteral("prefix")).toStdString();
    job.timeout = std::chrono::milliseconds(number("timeout-ms", 30000));
    job.options.model = parser.value(QStringLiteral("model")).isEmpty() ? QStringLiteral("smallcnn") : parser.value(QStringLiteral("model"));
    job.options.inputSize = int(number("input-size", 0));
    job.options.batchSize = int(number("batch", 8));
    job.options.epochs = int(number("epochs", 1));
    job.options.seed = std::uint64_t(number("seed", 1));
    job.options.precision = QStringLiteral("fp32"); // the comparison with the reference is in fp32
    job.options.learningRate = parser.value(QStringLiteral("lr")).toDouble(); // 0 (no value): the default
    if (parser.isSet(QStringLiteral("weight-decay")))
        job.options.weightDecay = parser.value(QStringLiteral("weight-decay")).toDouble();
    job.threads = int(number("threads", 1));
    job.loaderThreads = 1;
    job.maxSteps = number("steps", 0);
    job.checkpointEverySteps = number("checkpoint-every", 0);
    job.checksumEverySteps = int(number("checksum-every", 2));
    job.resumeFrom = parser.value(QStringLiteral("resume"));
    job.outputDirectory = parser.value(QStringLiteral("output-dir"));
    QStringList classes;
    for (int c = 0; c < number("classes", 2); ++c)
        classes.append(QStringLiteral("class%1").arg(c));
    Result<nn::SieveModel> model = train::buildModel(job.options.withDefaults(), classes);
    if (!model) {
        std::fprintf(stderr, "%s\n", qPrintable(model.error()));
        return 1;
    }
    job.model = std::move(*model);

    if (parser.isSet(QStringLiteral("reference"))) {
        Result<std::vector<float>> weights = trainReference(job, parser.value(QStringLiteral("train")));
        if (!weights) {
            std::fprintf(stderr, "%s\n", qPrintable(weights.error()));
            return 1;
        }
        return writeOutputs(parser.value(QStringLiteral("out")), *weights, {}) ? 0 : 1;
    }
    Result<std::vector<cluster::ImageLabel>> train = readShard(parser.value(QStringLiteral("train")), job.rank, job.worldSize);
    Result<std::vector<cluster::ImageLabel>> validation =
        readShard(parser.value(QStringLiteral("validation")), job.rank, job.worldSize);
    if (!train || !validation) {
        std::fprintf(stderr, "%s\n", qPrintable(!train ? train.error() : validation.error()));
        return 2;
    }
    job.train = std::move(*train);
    job.validation = std::move(*validation);
    cluster::FileKeyValueStore store(parser.value(QStringLiteral("store")));
    PrintingSink sink(job.rank, parser.value(QStringLiteral("metrics")));
    Result<cluster::DataParallelResult> result = cluster::runDataParallelJob(job, store, g_cancel, sink);
    if (!result) {
        std::fprintf(stderr, "dp_rank_main rank %d failed: %s\n", job.rank, qPrintable(result.error()));
        return 1;
    }
    const QJsonObject summary{{QStringLiteral("start_step"), qint64(result->startStep)},
                              {QStringLiteral("steps"), qint64(result->steps)},
                              {QStringLiteral("epochs_done"), result->epochsDone},
                              {QStringLiteral("learning_rate"), result->learningRate},
                              {QStringLiteral("local_batch"), result->localBatch},
                              {QStringLiteral("val_top1"), result->valTop1},
                              {QStringLiteral("val_loss"), result->valLoss},
                              {QStringLiteral("images_per_second"), result->imagesPerSecond},
                              {QStringLiteral("communication_share"), result->communicationShare},
                              {QStringLiteral("bytes_sent"), qint64(result->bytesSent)},
                              {QStringLiteral("model"), result->modelPath},
                              {QStringLiteral("cancelled"), result->cancelled}};
    if (!writeOutputs(parser.value(QStringLiteral("out")), result->weights, summary))
        return 1;
    return result->cancelled ? 3 : 0;
}
