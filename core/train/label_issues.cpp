#include "train/label_issues.h"

#include "jobs/job_context.h"
#include "jobs/pipeline.h"
#include "nn/model_split.h"
#include "nn/network.h"
#include "store/database.h"
#include "store/project.h"
#include "train/classify_job.h"
#include "train/head_cross_validation.h"
#include "train/image_classifier.h"
#include "train/project_model.h"
#include "train/training_set.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrent>

#include <algorithm>
#include <numeric>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

// What the network pass leaves: per readable image its class index and either its full
// probabilities (in-sample) or its backbone features (folds).
struct Inputs {
    std::vector<std::size_t> samples; // into the scored samples
    std::vector<int> labels;
    std::vector<double> probabilities;
    std::vector<float> features;
};

// Rewrites the model's ranking in one transaction: every score and, for the issues, what was
// compared (see schema version 4), and the per-class noise estimates.
Status writeScores(store::Database &db, std::int64_t modelId, std::int64_t jobId, const QStringList &classes,
                   const std::vector<Sample> &samples, const Inputs &inputs, const ConfidentLearning &found)
{
    store::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun();
    Result<store::Statement> clear = db.prepare(
        "UPDATE predictions SET label_issue_score=NULL, label_issue_given=NULL, label_issue_suggested=NULL, "
        "label_issue_given_probability=NULL, label_issue_suggested_probability=NULL WHERE model_id=?");
    Result<store::Statement> set = db.prepare("UPDATE predictions SET label_issue_score=? WHERE model_id=? AND image_id=?");
    Result<store::Statement> issue = db.prepare(
        "UPDATE predictions SET label_issue_given=?, label_issue_suggested=?, label_issue_given_probability=?, "
        "label_issue_suggested_probability=? WHERE model_id=? AND image_id=?");
    Result<store::Statement> clearNoise = db.prepare("DELETE FROM label_noise WHERE model_id=?");
    Result<store::Statement> noise = db.prepare(
        "INSERT INTO label_noise(model_id, class, position, labelled, counted, issues, noise_rate, estimated, job_id) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!clear || !set || !issue || !clearNoise || !noise)
        return fail(db.lastError());
    clear->bind(1, modelId);
    if (Status status = clear->exec(); !status)
        return status;
    for (std::size_t i = 0; i < inputs.samples.size(); ++i) {
        set->bind(1, found.scores[i]).bind(2, modelId).bind(3, samples[inputs.samples[i]].imageId);
        if (Status status = set->exec(); !status)
            return status;
    }
    for (const LabelIssue &ranked : found.issues) {
        issue->bind(1, classes.value(ranked.givenLabel))
            .bind(2, classes.value(ranked.suggestedLabel))
            .bind(3, ranked.givenProbability)
            .bind(4, ranked.suggestedProbability)
            .bind(5, modelId)
            .bind(6, samples[inputs.samples[ranked.index]].imageId);
        if (Status status = issue->exec(); !status)
            return status;
    }
    clearNoise->bind(1, modelId);
    if (Status status = clearNoise->exec(); !status)
        return status;
    for (std::size_t c = 0; c < found.classes.size(); ++c) {
        const ClassNoise &n = found.classes[c];
        noise->bind(1, modelId)
            .bind(2, classes.value(qsizetype(c)))
            .bind(3, qint64(c))
            .bind(4, qint64(n.labelled))
            .bind(5, qint64(n.counted))
            .bind(6, qint64(n.issues))
            .bind(7, n.noiseRate)
            .bind(8, n.estimatedMislabeled)
            .bind(9, jobId);
        if (Status status = noise->exec(); !status)
            return status;
    }
    return transaction.commit();
}

} // namespace

Result<LabelIssueReport> rankLabelIssues(store::Project &project, const LabelIssueOptions &options, jobs::JobContext &context)
{
    LabelIssueReport report;
    QElapsedTimer wall;
    wall.start();
    store::Database &db = project.db();
    const int threads = options.threads > 0 ? options.threads : QThread::idealThreadCount();
    const int decodeThreads = std::max(1, threads / 2);
    const int engineThreads = std::max(1, threads - decodeThreads);
    const int batchSize = std::clamp(options.batch, 1, 1024);
    report.folds = options.folds >= 2 ? options.folds : 0;
    report.outOfSample = report.folds > 0;

    Result<LoadedModel> model = openProjectModel(project, options.modelId);
    if (!model)
        return model.takeError();
    const QStringList &classes = model->model.classes;
    report.classes = classes;
    std::optional<nn::ModelSplit> split;
    std::unique_ptr<nn::Network> backbone;
    if (report.outOfSample) {
        Result<nn::ModelSplit> made = nn::splitAtClassifier(model->model.definition, model->model.weights);
        if (!made)
            return fail(Tr::tr("Model %1 cannot be cross-validated: its classifier head cannot be separated (%2). "
                               "Rank without folds.").arg(options.modelId).arg(made.error()));
        split = std::move(*made);
        Result<std::unique_ptr<nn::Network>> created = nn::Network::create(split->backbone, {engineThreads, options.seed, false});
        if (!created)
            return created.takeError();
        if (Status restored = nn::restoreWeights((*created)->parameters(), split->backboneWeights); !restored)
            return restored.takeError();
        backbone = std::move(*created);
    }
    Result<std::unique_ptr<ImageClassifier>> classifier = ImageClassifier::create(model->model, engineThreads);
    if (!classifier)
        return classifier.takeError();

    // Every image gets its predictions row first, so each score has a row to go into.
    Result<ClassifySummary> classified = runClassification(project, {options.modelId, {}, batchSize, threads, 0}, context);
    if (!classified)
        return classified.takeError();
    if (classified->cancelled) {
        report.cancelled = true;
        return report;
    }

    Result<LabelledImages> labelled = labelledImages(db, QString());
    if (!labelled)
        return labelled.takeError();
    QHash<QString, int> indexOf;
    for (qsizetype c = 0; c < classes.size(); ++c)
        indexOf.insert(classes[c].toCaseFolded(), int(c));
    std::vector<Sample> samples;
    QSet<int> present;
    for (const Sample &sample : labelled->samples) {
        const int index = indexOf.value(labelled->classes.value(sample.label).toCaseFolded(), -1);
        if (index < 0) {
            ++report.otherLabels;
            continue;
        }
        samples.push_back({sample.imageId, sample.path, index});
        present.insert(index);
    }
    if (present.size() < 2)
        return fail(Tr::tr("Fewer than two of model %1's classes have labelled images in this project; there is "
                           "nothing to compare the labels with.").arg(options.modelId));

    Result<std::int64_t> job = jobs::startJob(db, QStringLiteral("label-issues"),
                                              QJsonObject{{QStringLiteral("model"), qint64(options.modelId)},
                                                          {QStringLiteral("folds"), report.folds}});
    if (!job)
        return job.takeError();
    report.jobId = *job;
    QThreadPool pool;
    jobs::configurePool(pool, QStringLiteral("sieve-label-issues-decode"), decodeThreads);
    const std::size_t classCount = std::size_t(classes.size());
    Inputs inputs;
    Status failure;
    context.setPhase(report.outOfSample ? Tr::tr("Computing backbone features") : Tr::tr("Computing class probabilities"),
                     qint64(samples.size()));
    std::vector<float> flat;
    for (std::size_t start = 0; start < samples.size() && failure && !context.isCancelled(); start += std::size_t(batchSize)) {
        std::vector<std::size_t> positions(std::min(samples.size() - start, std::size_t(batchSize)));
        std::iota(positions.begin(), positions.end(), start);
        const QList<Result<ImageTensor>> prepared = QtConcurrent::blockingMapped(
            &pool, QList<std::size_t>(positions.begin(), positions.end()),
            [&](std::size_t i) { return (*classifier)->prepare(samples[i].path); });
        std::vector<ImageTensor> tensors;
        std::vector<std::size_t> kept;
        for (qsizetype i = 0; i < prepared.size(); ++i) {
            const Sample &sample = samples[positions[std::size_t(i)]];
            if (prepared[i]) {
                tensors.push_back(*prepared[i]);
                kept.push_back(positions[std::size_t(i)]);
                continue;
            }
            ++report.failed;
            if (report.issues.size() < 1000)
                report.issues.append({sample.path, prepared[i].error()});
            if (Status added = jobs::addJobIssue(db, report.jobId, sample.path, prepared[i].error()); !added)
                failure = added;
        }
        if (!tensors.empty() && backbone) {
            flat.clear();
            for (const ImageTensor &tensor : tensors)
                flat.insert(flat.end(), tensor.begin(), tensor.end());
            if (Status ran = backbone->forward(flat, int(tensors.size()), nn::Pass::Inference); !ran) {
                failure = ran;
                break;
            }
            const std::span<const float> features = backbone->logits();
            inputs.features.insert(inputs.features.end(), features.begin(), features.end());
        } else if (!tensors.empty()) {
            Result<QList<QList<ClassScore>>> scores = (*classifier)->classify(tensors, int(classCount));
            if (!scores) {
                failure = scores.takeError();
                break;
            }
            for (const QList<ClassScore> &row : *scores) {
                const std::size_t base = inputs.probabilities.size();
                inputs.probabilities.resize(base + classCount, 0.0);
                for (const ClassScore &score : row)
                    inputs.probabilities[base + std::size_t(score.index)] = score.probability;
            }
        }
        for (std::size_t i : kept) {
            inputs.samples.push_back(i);
            inputs.labels.push_back(samples[i].label);
        }
        context.report(qint64(start + positions.size()), qint64(samples.size()));
    }
    classifier->reset(); // the whole network's memory goes back before the heads train

    if (failure && backbone && !context.isCancelled()) {
        Result<std::vector<double>> probabilities = crossValidatedProbabilities(
            split->head, inputs.features, split->featureCount, inputs.labels, int(classCount),
            {report.folds, options.headEpochs, batchSize, 0.01, 5e-4, options.seed, engineThreads}, context);
        if (probabilities)
            inputs.probabilities = std::move(*probabilities);
        else
            failure = probabilities.takeError();
    }
    report.cancelled = context.isCancelled();
    if (failure && !report.cancelled) {
        Result<ConfidentLearning> found = findLabelIssues(inputs.probabilities, inputs.labels, int(classCount));
        if (!found) {
            failure = found.takeError();
        } else {
            failure = writeScores(db, options.modelId, report.jobId, classes, samples, inputs, *found);
            report.scored = qint64(inputs.samples.size());
            for (const LabelIssue &issue : found->issues) {
                const Sample &sample = samples[inputs.samples[issue.index]];
                report.ranked.push_back({sample.imageId, sample.path, classes.value(issue.givenLabel),
                                         classes.value(issue.suggestedLabel), issue.givenProbability,
                                         issue.suggestedProbability, issue.score});
            }
            for (std::size_t c = 0; c < classCount; ++c)
                report.noise.push_back({classes.value(qsizetype(c)), found->classes[c]});
        }
    }
    report.seconds = wall.elapsed() / 1000.0;
    const qint64 total = qint64(samples.size());
    if (Status ended = jobs::endJob(db, report.jobId, failure, report.cancelled, total, total); !ended)
        return ended.takeError();
    if (!failure)
        return failure.takeError();
    return report;
}

} // namespace sieve::train
