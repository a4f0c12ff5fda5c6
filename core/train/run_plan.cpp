#include "train/run_plan.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

} // namespace

Result<RunPlan> planRun(store::Database &db, const TrainOptions &options)
{
    Result<LabelledImages> images = labelledImages(db, options.view, options.filter);
    if (!images)
        return images.takeError();
    keepCategories(*images, options.categories);
    Result<TrainingSet> set = splitStratified(*images, {options.validationFraction, options.minimumPerClass, options.seed});
    if (!set)
        return set.takeError();

    RunPlan plan;
    plan.config = options.toJson();
    plan.config.insert(QStringLiteral("classes"), QJsonArray::fromStringList(set->classes));
    QJsonArray categoryIds;
    for (std::int64_t id : set->categoryIds)
        categoryIds.append(qint64(id));
    plan.config.insert(QStringLiteral("category_ids"), categoryIds);
    plan.config.insert(QStringLiteral("excluded_classes"), QJsonArray::fromStringList(set->excluded));
    plan.config.insert(QStringLiteral("train_images"), qint64(set->train.size()));
    plan.config.insert(QStringLiteral("validation_images"), qint64(set->validation.size()));
    plan.config.insert(QStringLiteral("split_file"), QStringLiteral("split.json"));
    plan.config.insert(QStringLiteral("model_file"), QStringLiteral("initial.sievemodel"));
    plan.name = QStringLiteral("%1 on %2").arg(options.pretrained.isEmpty() ? options.model : QFileInfo(options.pretrained).fileName(),
                                               !options.view.isEmpty()     ? options.view
                                               : options.filter.isEmpty() ? Tr::tr("all images")
                                                                          : Tr::tr("filtered images"));
    plan.set = std::move(*set);
    return plan;
}

} // namespace sieve::train
