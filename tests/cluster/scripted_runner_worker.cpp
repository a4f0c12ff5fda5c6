// sieve-worker with a scripted job runner instead of training, so that tests can drive StartJob,
// Watch, Cancel and FetchModel through real processes. What it does depends on the spec's epochs:
//   1: three steps and an epoch of made-up metrics, then a model file made of "SCRIPTED", the
//      first shard image's bytes (read from the cache as a runner would) and 2.5 MiB of pattern;
//   2: a step every 20 ms until cancelled (at most a minute);
//   3: fails with "scripted failure".

#include "blob_store.h"
#include "worker_main.h"

#include "sieve/cluster/v1/worker.pb.h"

#include <QFile>
#include <QThread>

using namespace sieve;

namespace {

Status scriptedRun(const worker::JobEnvironment &job)
{
    const std::uint32_t mode = job.spec.hyper_parameters().epochs();
    job.events.log(worker::LogLevel::Info,
                   QStringLiteral("scripted runner: %1 images, %2 threads").arg(job.spec.shard_size()).arg(job.threads));
    if (mode == 3)
        return fail(QStringLiteral("scripted failure: told to fail"));
    if (mode == 2) {
        for (std::uint64_t step = 1; step <= 3000 && !job.cancelled.load(); ++step) {
            job.events.step(step, {{QStringLiteral("train/loss"), 1.0}});
            QThread::msleep(20);
        }
        return {};
    }
    for (std::uint64_t step = 1; step <= 3; ++step)
        job.events.step(step, {{QStringLiteral("train/loss"), 1.0 / double(step)}, {QStringLiteral("train/lr"), 0.1}});
    job.events.epoch(1, 3, {{QStringLiteral("val/top1"), 0.5}});
    QFile image(job.blobs.path(QString::fromStdString(job.spec.shard(0).hash())));
    if (!image.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the first shard image"));
    QFile model(job.modelPath);
    if (!model.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write %1").arg(job.modelPath));
    model.write("SCRIPTED");
    model.write(image.readAll());
    QByteArray pattern(5 << 19, Qt::Uninitialized);
    for (qsizetype i = 0; i < pattern.size(); ++i)
        pattern[i] = char(i % 251);
    model.write(pattern);
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    return worker::workerMain(argc, argv, scriptedRun);
}
