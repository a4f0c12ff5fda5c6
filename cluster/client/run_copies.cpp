#include "run_copies.h"

#include "nn/model_file.h"
#include "train/checkpoint.h"
#include "worker_client.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

// FROM over TO in one step (rename(2) replaces an existing file atomically; QFile::rename
// would refuse).
Status replaceFile(const QString &from, const QString &to)
{
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return fail(Tr::tr("%1: cannot be replaced by %2").arg(to, from));
    return {};
}

} // namespace

RunCopies::RunCopies(const QString &runDir)
    : m_checkpointPath(QDir(runDir).filePath(QStringLiteral("checkpoint.sieveckpt"))),
      m_bestPath(QDir(runDir).filePath(QStringLiteral("best.sievemodel")))
{
}

Status RunCopies::refresh(WorkerClient &rank0, const QString &jobId)
{
    for (int attempt = 0; attempt < 3; ++attempt) {
        bool consistent = false;
        if (Status fetched = fetchPair(rank0, jobId, consistent); !fetched)
            return fetched;
        if (consistent)
            return {};
    }
    return fail(Tr::tr("rank 0's best model kept changing while its checkpoint was being copied; the copies of epoch %1 "
                       "are kept").arg(m_checkpointEpoch));
}

Status RunCopies::fetchPair(WorkerClient &rank0, const QString &jobId, bool &consistent)
{
    const QString checkpointPart = m_checkpointPath + QStringLiteral(".part");
    const QString bestPart = m_bestPath + QStringLiteral(".part");
    const auto discard = [&] {
        QFile::remove(checkpointPart);
        QFile::remove(bestPart);
    };
    if (Status fetched = rank0.fetchCheckpoint(jobId, checkpointPart); !fetched)
        return fetched;
    Result<train::Checkpoint> checkpoint = train::loadCheckpoint(checkpointPart);
    if (!checkpoint) {
        discard();
        return checkpoint.takeError();
    }
    const int epoch = checkpoint->info.value(QStringLiteral("epoch")).toInt();
    const int bestEpoch = checkpoint->info.value(QStringLiteral("best_epoch")).toInt();
    if (bestEpoch != 0 && bestEpoch != m_bestEpoch) {
        if (Status fetched = rank0.fetchBestModel(jobId, bestPart); !fetched) {
            discard();
            return fetched;
        }
        Result<nn::SieveModel> best = nn::loadModelFile(bestPart);
        if (!best) {
            discard();
            return best.takeError();
        }
        if (best->metadata.value(QStringLiteral("best_epoch")).toInt() != bestEpoch) {
            discard(); // a later epoch's best: its checkpoint is newer than the one fetched
            return {};
        }
        if (Status replaced = replaceFile(bestPart, m_bestPath); !replaced) {
            discard();
            return replaced;
        }
        m_bestEpoch = bestEpoch;
        m_bestMetadata = best->metadata;
    }
    if (Status replaced = replaceFile(checkpointPart, m_checkpointPath); !replaced) {
        discard();
        return replaced;
    }
    m_checkpointEpoch = epoch;
    consistent = true;
    return {};
}

} // namespace sieve::cluster
