#include "train/confident_learning.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

} // namespace

double issueScore(double givenProbability, double suggestedProbability)
{
    return (1.0 + suggestedProbability - givenProbability) / 2.0;
}

Result<ConfidentLearning> findLabelIssues(std::span<const double> probabilities, std::span<const int> labels,
                                          int classCount)
{
    if (classCount < 2)
        return fail(Tr::tr("Finding label issues needs at least two classes (%1 given).").arg(classCount));
    const std::size_t classes = std::size_t(classCount);
    const std::size_t images = labels.size();
    if (probabilities.size() != images * classes)
        return fail(Tr::tr("Finding label issues: %1 probabilities for %2 images of %3 classes.")
                        .arg(probabilities.size()).arg(images).arg(classCount));
    for (std::size_t n = 0; n < images; ++n) {
        if (labels[n] < 0 || labels[n] >= classCount)
            return fail(Tr::tr("Finding label issues: image %1 has label %2, outside 0..%3.").arg(n).arg(labels[n]).arg(classCount - 1));
    }
    if (!std::all_of(probabilities.begin(), probabilities.end(), [](double p) { return std::isfinite(p); }))
        return fail(Tr::tr("Finding label issues: a probability is not a finite number."));

    ConfidentLearning result;
    result.classes.resize(classes);
    std::vector<double> sums(classes, 0.0);
    for (std::size_t n = 0; n < images; ++n) {
        const std::size_t label = std::size_t(labels[n]);
        ++result.classes[label].labelled;
        sums[label] += probabilities[n * classes + label];
    }
    for (std::size_t j = 0; j < classes; ++j) {
        ClassNoise &c = result.classes[j];
        c.threshold = c.labelled > 0 ? sums[j] / double(c.labelled) : std::numeric_limits<double>::infinity();
    }

    result.joint.assign(classes * classes, 0);
    result.scores.assign(images, 0.0);
    for (std::size_t n = 0; n < images; ++n) {
        const std::span<const double> p = probabilities.subspan(n * classes, classes);
        int confident = -1;
        for (std::size_t k = 0; k < classes; ++k) {
            if (p[k] >= result.classes[k].threshold && (confident < 0 || p[k] > p[std::size_t(confident)]))
                confident = int(k);
        }
        if (confident < 0)
            continue;
        const int label = labels[n];
        ++result.joint[std::size_t(label) * classes + std::size_t(confident)];
        ClassNoise &row = result.classes[std::size_t(label)];
        ++row.counted;
        if (confident == label)
            continue;
        ++row.issues;
        LabelIssue issue{n, label, confident, p[std::size_t(label)], p[std::size_t(confident)], 0};
        issue.score = issueScore(issue.givenProbability, issue.suggestedProbability);
        result.scores[n] = issue.score;
        result.issues.push_back(issue);
    }
    std::sort(result.issues.begin(), result.issues.end(), [](const LabelIssue &a, const LabelIssue &b) {
        return a.score > b.score || (a.score == b.score && a.index < b.index);
    });
    // Calibration (eq. 2): each row of the joint rescaled to the label's image count, so the
    // rate is the row's off-diagonal share; images no class was confident of do not vote.
    for (ClassNoise &c : result.classes) {
        c.noiseRate = c.counted > 0 ? double(c.issues) / double(c.counted) : 0.0;
        c.estimatedMislabeled = c.noiseRate * double(c.labelled);
    }
    return result;
}

} // namespace sieve::train
