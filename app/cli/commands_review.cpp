// sieve-cli label-issues

#include "cli.h"

#include "store/project.h"
#include "train/label_issues.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace sieve::cli {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

QJsonObject noiseJson(const train::ClassNoiseEstimate &estimate)
{
    const train::ClassNoise &n = estimate.noise;
    return {{QStringLiteral("class"), estimate.name},
            {QStringLiteral("labelled"), qint64(n.labelled)},
            {QStringLiteral("threshold"), std::isfinite(n.threshold) ? QJsonValue(n.threshold) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("issues"), qint64(n.issues)},
            {QStringLiteral("noise_rate"), n.noiseRate},
            {QStringLiteral("estimated_mislabeled"), n.estimatedMislabeled}};
}

} // namespace

int runLabelIssues(const QStringList &args)
{
    Command command(QStringLiteral("label-issues"),
                    Tr::tr("Ranks the labelled images that a model confidently puts in another class (confident "
                           "learning: per-class confidence thresholds), most surely mislabeled first, and estimates "
                           "the share of wrong labels per category. Images without the model's predictions are "
                           "classified first. The scores are stored with the model's predictions for the review "
                           "queue. Without --folds the model's own probabilities are used, which are weaker for "
                           "images it trained on (it has learnt their labels); --folds K trains K classifier heads "
                           "on the model's backbone features, each predicting the images it did not see."),
                    {});
    QCommandLineParser &parser = command.parser();
    parser.addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    parser.addOption({QStringLiteral("model"), Tr::tr("A model id of the project (required; see sieve-cli models)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("folds"), Tr::tr("Out-of-sample probabilities by K-fold cross-validation of the "
                                                      "model's head (K from 2 to 20; 5 is a good choice)."),
                      QStringLiteral("K")});
    parser.addOption({QStringLiteral("limit"), Tr::tr("Show at most N images (default 50; 0: all)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("threads"), Tr::tr("Threads (default: one per core)."), QStringLiteral("T")});
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    train::LabelIssueOptions options;
    bool ok = false;
    options.modelId = parser.value(QStringLiteral("model")).toLongLong(&ok);
    if (!ok || options.modelId <= 0)
        return command.error(Tr::tr("--model takes the id of one of the project's models."), Usage);
    ok = true;
    if (parser.isSet(QStringLiteral("folds")))
        options.folds = parser.value(QStringLiteral("folds")).toInt(&ok);
    if (!ok || (parser.isSet(QStringLiteral("folds")) && (options.folds < 2 || options.folds > 20)))
        return command.error(Tr::tr("--folds takes a number from 2 to 20."), Usage);
    int limit = 50;
    if (parser.isSet(QStringLiteral("limit")))
        limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 0)
        return command.error(Tr::tr("--limit takes a number of at least 0."), Usage);
    options.threads = parser.value(QStringLiteral("threads")).toInt();
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);

    Result<train::LabelIssueReport> report = train::rankLabelIssues(**project, options, command.context());
    command.finishProgress();
    if (!report)
        return command.error(report.error());
    const train::LabelIssueReport &r = *report;
    if (r.cancelled) {
        command.print(Tr::tr("Cancelled; no scores were stored. Run the same command again."));
        return Interrupted;
    }
    const std::size_t shown = limit == 0 ? r.ranked.size() : std::min(r.ranked.size(), std::size_t(limit));
    if (command.json()) {
        QJsonArray images, noise;
        for (std::size_t i = 0; i < shown; ++i) {
            const train::RankedImage &image = r.ranked[i];
            images.append(QJsonObject{{QStringLiteral("id"), qint64(image.imageId)},
                                      {QStringLiteral("path"), image.path},
                                      {QStringLiteral("label"), image.givenClass},
                                      {QStringLiteral("suggested"), image.suggestedClass},
                                      {QStringLiteral("label_probability"), image.givenProbability},
                                      {QStringLiteral("suggested_probability"), image.suggestedProbability},
                                      {QStringLiteral("score"), image.score}});
        }
        for (const train::ClassNoiseEstimate &estimate : r.noise)
            noise.append(noiseJson(estimate));
        command.printJson(QJsonObject{{QStringLiteral("model"), qint64(options.modelId)},
                                      {QStringLiteral("job"), qint64(r.jobId)},
                                      {QStringLiteral("out_of_sample"), r.outOfSample},
                                      {QStringLiteral("folds"), r.folds},
                                      {QStringLiteral("scored"), r.scored},
                                      {QStringLiteral("other_labels"), r.otherLabels},
                                      {QStringLiteral("failed"), r.failed},
                                      {QStringLiteral("issues_found"), qint64(r.ranked.size())},
                                      {QStringLiteral("images"), images},
                                      {QStringLiteral("noise"), noise},
                                      {QStringLiteral("issues"), issuesJson(r.issues)},
                                      {QStringLiteral("seconds"), r.seconds}});
        return r.failed > 0 ? Problems : Ok;
    }
    command.print(Tr::tr("%1 likely mislabeled of %2 labelled images (model %3, %4).")
                      .arg(r.ranked.size())
                      .arg(r.scored)
                      .arg(options.modelId)
                      .arg(r.outOfSample ? Tr::tr("out-of-sample, %1-fold cross-validation of the head").arg(r.folds)
                                         : Tr::tr("in-sample probabilities; --folds 5 is more reliable")));
    // Columns as wide as the longest class name, so paths line up.
    qsizetype width = std::max(Tr::tr("label").size(), Tr::tr("suggested").size());
    for (const QString &name : r.classes)
        width = std::max(width, name.size());
    const int column = -int(width);
    if (shown > 0) {
        command.print(QStringLiteral("%1  %2  %3  %4  %5")
                          .arg(Tr::tr("id"), 7).arg(Tr::tr("score"), 6).arg(Tr::tr("label"), column)
                          .arg(Tr::tr("suggested"), column).arg(Tr::tr("path")));
        for (std::size_t i = 0; i < shown; ++i) {
            const train::RankedImage &image = r.ranked[i];
            command.print(QStringLiteral("%1  %2  %3  %4  %5")
                              .arg(image.imageId, 7)
                              .arg(image.score, 6, 'f', 3)
                              .arg(image.givenClass, column)
                              .arg(image.suggestedClass, column)
                              .arg(image.path));
        }
    }
    command.print(QString());
    command.print(Tr::tr("Estimated label noise per category:"));
    for (const train::ClassNoiseEstimate &estimate : r.noise)
        command.print(Tr::tr("  %1  %2 %  (about %3 of %4 images)")
                          .arg(estimate.name, column)
                          .arg(100.0 * estimate.noise.noiseRate, 5, 'f', 1)
                          .arg(std::lround(estimate.noise.estimatedMislabeled))
                          .arg(estimate.noise.labelled));
    if (r.otherLabels > 0)
        command.print(Tr::tr("%1 images are labelled with categories the model does not know; they are not ranked.").arg(r.otherLabels));
    if (r.failed > 0)
        command.print(jobs::issueReport(r.issues, r.failed, 50).trimmed());
    return r.failed > 0 ? Problems : Ok;
}

} // namespace sieve::cli
