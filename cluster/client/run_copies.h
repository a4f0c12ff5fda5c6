#pragma once

#include "base/result.h"

#include <QJsonObject>
#include <QString>

namespace sieve::cluster {

class WorkerClient;

// The run folder's copies of a cluster job's rank-0 files: runs/<id>/checkpoint.sieveckpt (what
// a restart continues from) and runs/<id>/best.sievemodel (the best epoch's model, what the run
// registers at the end). They are kept as a PAIR: the checkpoint's early-stopping state
// ("best_epoch", "best_metric", "since_best" in its info) always names the epoch of the best
// model beside it, so a restart from the copy — on any workers, after rank 0 died — continues
// with the right best epoch and patience, and the best weights never live only on a worker
// that may die. Private to runClusterTraining; the coordinator's thread.
class RunCopies {
public:
    explicit RunCopies(const QString &runDir);

    QString checkpointPath() const { return m_checkpointPath; }
    QString bestModelPath() const { return m_bestPath; }
    int checkpointEpoch() const { return m_checkpointEpoch; } // completed epochs in the copy; 0: none
    int bestEpoch() const { return m_bestEpoch; }             // 0: no best model yet
    // The best model's metadata (best_epoch, val/top1, val/top5, val/loss, …); empty when none.
    const QJsonObject &bestMetadata() const { return m_bestMetadata; }

    // Copies job JOBID's latest checkpoint from RANK0 and, when that checkpoint names a best
    // epoch other than the one held, the job's best model: both replace the copies, or neither
    // does (each file is fetched whole into a temporary name, checked, then renamed, the best
    // model first). Rank 0 may write the next epoch's files while they are fetched: a best model
    // newer than the checkpoint beside it is fetched again with a newer checkpoint (three tries).
    // Fails naming what could not be fetched or read; the copies held are then unchanged.
    Status refresh(WorkerClient &rank0, const QString &jobId);

private:
    Status fetchPair(WorkerClient &rank0, const QString &jobId, bool &consistent);

    QString m_checkpointPath;
    QString m_bestPath;
    int m_checkpointEpoch = 0;
    int m_bestEpoch = 0;
    QJsonObject m_bestMetadata;
};

} // namespace sieve::cluster
