#pragma once

// What the coordinator's end-to-end tests (tst_cluster_training, tst_cluster_best_epoch) share:
// the small CNN's options, reading a run's metrics and columns, and acting on the coordinator's
// thread when an epoch's end arrives.

#include "jobs/job_context.h"
#include "store/database.h"
#include "train/trainer.h"

#include <QMap>
#include <QString>

#include <functional>

namespace sieve::test {

inline train::TrainOptions smallCnnOptions(int epochs)
{
    train::TrainOptions options;
    options.model = QStringLiteral("smallcnn");
    options.inputSize = 32;
    options.epochs = epochs;
    options.batchSize = 8;
    options.learningRate = 0.05;
    options.seed = 5;
    options.precision = QStringLiteral("fp32");
    return options;
}

inline QMap<std::int64_t, double> series(store::Database &db, std::int64_t run, const QString &tag)
{
    auto query = db.prepare("SELECT step, value FROM run_metrics WHERE run_id=? AND tag=? ORDER BY step");
    query->bind(1, run).bind(2, tag);
    QMap<std::int64_t, double> values;
    (void)query->forEachRow([&] { values.insert(query->int64(0), query->real(1)); });
    return values;
}

inline QString runColumn(store::Database &db, std::int64_t run, const char *column)
{
    auto query = db.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id=?").arg(QLatin1String(column)).toUtf8().constData());
    query->bind(1, run);
    return query->step().value() ? query->text(0) : QString();
}

// A job context that calls ACTION once, on the coordinator's thread, when the end of epoch EPOCH
// arrives from rank 0 (the workers are then training the next).
struct AfterEpoch {
    explicit AfterEpoch(std::function<void()> action, int epoch = 1)
        : context([this, epoch, action = std::move(action)](const jobs::JobProgress &progress) {
              if (!fired && progress.phase.startsWith(QStringLiteral("Epoch %1/").arg(epoch))) {
                  fired = true;
                  action();
              }
          })
    {
    }
    bool fired = false;
    jobs::JobContext context;
};

} // namespace sieve::test
