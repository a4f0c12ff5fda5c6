#pragma once

#include "base/result.h"

#include <cstddef>
#include <span>
#include <vector>

namespace sieve::train {

// One image that confident learning takes for mislabeled.
struct LabelIssue {
    std::size_t index = 0;      // into the images given to findLabelIssues
    int givenLabel = 0;
    int suggestedLabel = 0;     // the class the image confidently belongs to instead
    double givenProbability = 0;
    double suggestedProbability = 0;
    double score = 0;           // issueScore(): (0, 1], higher is more surely mislabeled
};

// Per class, what the confident joint says about the images labelled with it.
struct ClassNoise {
    std::size_t labelled = 0;  // images given this label
    double threshold = 0;      // t_j: the mean probability of the class over the images labelled
                               // with it; +infinity when none is (the class is then never confident)
    std::size_t counted = 0;   // images of the label in the confident joint (some class above threshold)
    std::size_t issues = 0;    // of those, confidently another class (the off-diagonal of the row)
    // Estimated share of the images labelled with the class whose true class is another:
    // issues / counted, the off-diagonal share of the joint's row calibrated to the label's count
    // (Northcutt et al. 2021, eq. 2 and 3); 0 when counted is 0.
    double noiseRate = 0;
    double estimatedMislabeled = 0; // noiseRate · labelled
};

struct ConfidentLearning {
    std::vector<LabelIssue> issues; // most surely mislabeled first; ties by index
    std::vector<ClassNoise> classes;
    // The confident joint C[given][true], classCount × classCount, row-major, uncalibrated counts.
    std::vector<std::size_t> joint;
    std::vector<double> scores;     // per image: its issueScore, 0 for images that are no issue
};

// Confident learning (Northcutt, Jiang, Chuang: "Confident Learning: Estimating Uncertainty in
// Dataset Labels", JAIR 2021) over N images' predicted probabilities (N × classCount, row-major;
// out-of-sample where possible: an image's probabilities from a model that did not train on it)
// and their given labels:
//   - per class j the threshold t_j = mean p_j over the images labelled j (the model's average
//     self-confidence for the class, which adapts to classes it is generally unsure of);
//   - an image labelled i belongs confidently to the class k with the largest p_k among the
//     classes whose p_k ≥ t_k (its label included; none: it is left out of the joint);
//   - it is a label issue when that class k is not i (the off-diagonal of the confident joint,
//     cleanlab's "confident_learning" filter).
// Issues are ranked by issueScore. Fails when the sizes disagree, classCount < 2, a label is out
// of range or a probability is not finite. Pure; any thread.
Result<ConfidentLearning> findLabelIssues(std::span<const double> probabilities, std::span<const int> labels,
                                          int classCount);

// The ranking score of an issue: (1 + p_suggested − p_given) / 2. It is the margin by which the
// model prefers the confident class to the label (as cleanlab's normalized margin, but against
// the confident class rather than any other), mapped to (0, 1]: 1 when the model is certain of
// the suggestion and gives the label nothing, 0.5 when it hesitates between the two. Always
// above 0 for an issue because p_suggested ≥ t_suggested > 0.
double issueScore(double givenProbability, double suggestedProbability);

} // namespace sieve::train
