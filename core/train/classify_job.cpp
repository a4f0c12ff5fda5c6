#include "train/classify_job.h"

#include "base/clock.h"
#include "jobs/job_context.h"
#include "jobs/pipeline.h"
#include "store/database.h"
#include "store/project.h"
#include "store/views.h"
#include "train/image_classifier.h"
#include "train/project_model.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>

#include <optional>

namespace sieve::train {

using store::Database;
using store::Statement;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

constexpr int kTopK = 5;

struct Work {
    std::int64_t id = 0;
    QString path;
    ImageTensor tensor;
    QString error;
};

// The category each class name stands for in the project (by name, ignoring case, following
// merges), or nullopt.
Result<QList<std::optional<std::int64_t>>> categoriesForClasses(Database &db, const QStringList &classes)
{
    Result<Statement> find = db.prepare("SELECT coalesce(merged_into, id) FROM categories WHERE name = ?");
    if (!find)
        return find.takeError();
    QList<std::optional<std::int64_t>> ids;
    for (const QString &name : classes) {
        find->bind(1, name);
        std::optional<std::int64_t> id;
        if (Status status = find->forEachRow([&] { id = find->int64(0); }); !status)
            return status.takeError();
        ids.append(id);
    }
    return ids;
}

// Restricts the job to the images of a saved view or of a filter: their ids in a temporary table.
Status fillScope(Database &db, const ClassifyOptions &options)
{
    store::ImageFilter filter;
    if (options.filter) {
        filter = *options.filter;
    } else {
        Result<std::optional<store::SavedView>> view = store::findView(db, options.view);
        if (!view)
            return view.takeError();
        if (!*view)
            return fail(Tr::tr("the project has no view named “%1”").arg(options.view));
        filter = (*view)->filter;
    }
    filter.sort = store::ImageSort::Imported;
    Result<std::vector<std::int64_t>> ids = store::queryImageIds(db, filter);
    if (!ids)
        return ids.takeError();
    if (Status status = db.exec("CREATE TEMP TABLE IF NOT EXISTS classify_scope(id INTEGER PRIMARY KEY)"); !status)
        return status;
    if (Status status = db.exec("DELETE FROM temp.classify_scope"); !status)
        return status;
    store::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun();
    Result<Statement> insert = db.prepare("INSERT OR IGNORE INTO temp.classify_scope(id) VALUES(?)");
    if (!insert)
        return insert.takeError();
    for (std::int64_t id : *ids) {
        insert->bind(1, id);
        if (Status status = insert->exec(); !status)
            return status;
    }
    return transaction.commit();
}

} // namespace

Result<ClassifySummary> runClassification(store::Project &project, const ClassifyOptions &options, jobs::JobContext &context)
{
    ClassifySummary summary;
    QElapsedTimer wall;
    wall.start();
    Database &db = project.db();
    const int threads = options.threads > 0 ? options.threads : QThread::idealThreadCount();
    const int decodeThreads = options.decodeThreads > 0 ? std::min(options.decodeThreads, threads)
                                                        : std::max(1, threads / 2);
    const int engineThreads = std::max(1, threads - decodeThreads);
    const int batchSize = std::clamp(options.batch, 1, 1024);

    Result<LoadedModel> model = openProjectModel(project, options.modelId);
    if (!model)
        return model.takeError();
    Result<std::unique_ptr<ImageClassifier>> created = ImageClassifier::create(model->model, engineThreads);
    if (!created)
        return created.takeError();
    ImageClassifier &classifier = **created;
    Result<QList<std::optional<std::int64_t>>> categories = categoriesForClasses(db, classifier.classes());
    if (!categories)
        return categories.takeError();
    const bool scoped = !options.view.isEmpty() || options.filter;
    if (scoped) {
        if (Status status = fillScope(db, options); !status)
            return status.takeError();
    }

    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("classify"),
                                              QJsonObject{{QStringLiteral("model"), qint64(options.modelId)},
                                                          {QStringLiteral("view"), options.view},
                                                          {QStringLiteral("filter"), options.filter ? options.filter->toJson() : QJsonObject()}});
    if (!job)
        return job.takeError();
    summary.jobId = *job;
    const QByteArray pendingWhere = QByteArray("WHERE i.missing=0 ") +
        (scoped ? "AND i.id IN (SELECT id FROM temp.classify_scope) " : "") +
        "AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.image_id=i.id AND p.model_id=" +
        QByteArray::number(qint64(options.modelId)) + ") ";
    Result<std::int64_t> pending = db.queryInt(("SELECT count(*) FROM images i " + pendingWhere).constData());
    if (!pending)
        return pending.takeError();
    summary.pending = *pending;
    Result<Statement> page = db.prepare(
        ("SELECT i.id, s.root || '/' || i.path FROM images i JOIN sources s ON s.id = i.source_id " + pendingWhere +
         "AND i.id > ? ORDER BY i.id LIMIT ?")
            .constData());
    Result<Statement> insert = db.prepare(
        "INSERT OR REPLACE INTO predictions(image_id, model_id, top_category, top_probability, topk, label_issue_score, "
        "created_at) VALUES(?, ?, ?, ?, ?, NULL, ?)");
    if (!page || !insert)
        return fail(db.lastError());

    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-classify-decode"), decodeThreads);
    context.setPhase(Tr::tr("Classifying"), summary.pending);
    qint64 done = 0;
    const auto report = jobs::reportBatches(db, summary.jobId, context, summary.pending, done);

    // Runs the network on a decoded batch and commits its rows and issues in one transaction.
    const auto classifyAndStore = [&](const QList<Work> &results) -> Status {
        std::vector<ImageTensor> tensors;
        for (const Work &work : results) {
            if (work.error.isEmpty())
                tensors.push_back(work.tensor);
        }
        Result<QList<QList<ClassScore>>> scores = classifier.classify(tensors, kTopK);
        if (!scores)
            return scores.takeError();
        store::Transaction transaction(db);
        if (!transaction.begun())
            return transaction.begun();
        const QString now = nowIso();
        qsizetype next = 0;
        for (const Work &work : results) {
            if (!work.error.isEmpty()) {
                ++summary.failed;
                if (summary.issues.size() < 1000)
                    summary.issues.append({work.path, work.error});
                if (Status status = jobs::addJobIssue(db, summary.jobId, work.path, work.error); !status)
                    return status;
                continue;
            }
            const QList<ClassScore> &top = scores->at(next++);
            QJsonArray topk;
            for (const ClassScore &score : top) {
                const std::optional<std::int64_t> category = categories->value(score.index);
                topk.append(QJsonArray{category ? QJsonValue(qint64(*category)) : QJsonValue(QJsonValue::Null),
                                       score.probability, classifier.classes().value(score.index)});
            }
            insert->bind(1, work.id).bind(2, options.modelId).bind(3, categories->value(top.front().index))
                .bind(4, top.front().probability)
                .bind(5, QString::fromUtf8(QJsonDocument(topk).toJson(QJsonDocument::Compact)))
                .bind(6, now);
            if (Status status = insert->exec(); !status)
                return status;
            ++summary.classified;
        }
        return transaction.commit();
    };

    const auto nextBatch = jobs::keysetBatches<Work>(*page, batchSize, [](const Statement &row) {
        return Work{row.int64(0), row.text(1), {}, {}};
    });
    const std::function<Work(Work)> decode = [&classifier](Work work) {
        Result<ImageTensor> tensor = classifier.prepare(work.path);
        if (tensor) {
            work.tensor = std::move(*tensor);
        } else {
            // The decoder's message starts with the path, which the issue already names.
            work.error = tensor.error();
            if (work.error.startsWith(work.path + QLatin1String(": ")))
                work.error = work.error.mid(work.path.size() + 2);
        }
        return work;
    };

    // The pool decodes batch n + 1 while this thread runs the network on batch n.
    Status failure;
    QFuture<Work> running;
    while (true) {
        QList<Work> batch;
        if (!context.isCancelled() && failure) {
            Result<QList<Work>> next = nextBatch();
            if (next)
                batch = std::move(*next);
            else
                failure = next.takeError();
        }
        QList<Work> decoded;
        if (running.isValid()) {
            running.waitForFinished();
            decoded = running.results();
            running = {};
        }
        if (!batch.isEmpty())
            running = QtConcurrent::mapped(&pool, std::move(batch), decode);
        if (decoded.isEmpty() && !running.isValid())
            break;
        if (!decoded.isEmpty() && failure) {
            failure = classifyAndStore(decoded);
            report(decoded.size());
        }
    }
    summary.cancelled = context.isCancelled();
    summary.seconds = wall.elapsed() / 1000.0;
    summary.imagesPerSecond = summary.seconds > 0 ? double(summary.classified) / summary.seconds : 0;
    if (scoped)
        (void)db.exec("DROP TABLE IF EXISTS temp.classify_scope");
    if (Status ended = jobs::endJob(db, summary.jobId, failure, summary.cancelled, done, summary.pending); !ended)
        return ended.takeError();
    if (!failure)
        return failure.takeError();
    return summary;
}

} // namespace sieve::train
