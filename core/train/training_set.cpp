#include "train/training_set.h"

#include "nn/random.h"
#include "store/image_query.h"
#include "store/views.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cmath>
#include <map>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

// Rows are fetched by primary key a page at a time, so memory holds one page of rows beside
// the samples.
constexpr std::size_t kPage = 512;

} // namespace

Result<LabelledImages> labelledImages(store::Database &db, const QString &view, const QJsonObject &filterJson)
{
    store::ImageFilter filter = store::ImageFilter::fromJson(filterJson);
    if (!view.isEmpty()) {
        Result<std::optional<store::SavedView>> found = store::findView(db, view);
        if (!found)
            return found.takeError();
        if (!found->has_value())
            return fail(Tr::tr("There is no saved view named “%1”.").arg(view));
        filter = (*found)->filter;
    }
    Result<std::vector<std::int64_t>> ids = store::queryImageIds(db, filter);
    if (!ids)
        return ids.takeError();
    std::sort(ids->begin(), ids->end());

    LabelledImages result;
    std::map<std::int64_t, QString> categories;
    std::vector<std::pair<Sample, std::int64_t>> rows; // sample, category id
    for (std::size_t start = 0; start < ids->size(); start += kPage) {
        const std::vector<std::int64_t> page(ids->begin() + std::ptrdiff_t(start),
                                             ids->begin() + std::ptrdiff_t(std::min(ids->size(), start + kPage)));
        Result<std::vector<store::ImageRow>> fetched = store::fetchImageRows(db, page);
        if (!fetched)
            return fetched.takeError();
        for (const store::ImageRow &row : *fetched) {
            if (!row.categoryId) {
                ++result.unlabeled;
                continue;
            }
            if (row.missing) {
                ++result.missing;
                continue;
            }
            categories.emplace(*row.categoryId, row.label);
            rows.push_back({Sample{row.id, row.absolutePath, 0}, *row.categoryId});
        }
    }
    QHash<std::int64_t, int> indexOf;
    for (const auto &[id, name] : categories) {
        indexOf.insert(id, int(result.classes.size()));
        result.classes.append(name);
        result.categoryIds.push_back(id);
    }
    result.samples.reserve(rows.size());
    for (auto &[sample, category] : rows) {
        sample.label = indexOf.value(category);
        result.samples.push_back(std::move(sample));
    }
    return result;
}

void keepCategories(LabelledImages &images, const QList<qint64> &categories)
{
    if (categories.isEmpty())
        return;
    std::vector<int> newIndex(images.categoryIds.size(), -1);
    QStringList classes;
    std::vector<std::int64_t> categoryIds;
    for (std::size_t c = 0; c < images.categoryIds.size(); ++c)
        if (categories.contains(qint64(images.categoryIds[c]))) {
            newIndex[c] = int(classes.size());
            classes.append(images.classes.at(qsizetype(c)));
            categoryIds.push_back(images.categoryIds[c]);
        }
    std::vector<Sample> samples;
    for (Sample &sample : images.samples)
        if (const int index = newIndex[std::size_t(sample.label)]; index >= 0) {
            sample.label = index;
            samples.push_back(std::move(sample));
        }
    images.classes = std::move(classes);
    images.categoryIds = std::move(categoryIds);
    images.samples = std::move(samples);
}

Result<TrainingSet> splitStratified(const LabelledImages &images, const SplitOptions &options)
{
    std::vector<std::vector<Sample>> byClass(std::size_t(images.classes.size()));
    for (const Sample &sample : images.samples)
        byClass[std::size_t(sample.label)].push_back(sample);

    TrainingSet set;
    for (std::size_t c = 0; c < byClass.size(); ++c) {
        std::vector<Sample> &members = byClass[c];
        const QString &name = images.classes.at(qsizetype(c));
        const int count = int(members.size());
        const int validation = std::max(1, int(std::lround(count * options.validationFraction)));
        if (count < options.minimumPerClass) {
            set.excluded.append(Tr::tr("Class “%1” has %2 labelled images, fewer than the minimum of %3; left out.")
                                    .arg(name).arg(count).arg(options.minimumPerClass));
            continue;
        }
        if (count - validation < 1) {
            set.excluded.append(Tr::tr("Class “%1” has %2 labelled images: too few for both a training and a "
                                       "validation image; left out.").arg(name).arg(count));
            continue;
        }
        // Fisher–Yates with the project's own generator: the same split on every machine.
        nn::Random random(nn::mix64(options.seed ^ nn::mix64(std::uint64_t(images.categoryIds[c]))));
        for (int i = count - 1; i > 0; --i)
            std::swap(members[std::size_t(i)], members[std::size_t(random.next() % std::uint64_t(i + 1))]);
        const int label = int(set.classes.size());
        set.classes.append(name);
        set.categoryIds.push_back(images.categoryIds[c]);
        for (int i = 0; i < count; ++i) {
            Sample sample = members[std::size_t(i)];
            sample.label = label;
            (i < validation ? set.validation : set.train).push_back(std::move(sample));
        }
    }
    if (set.classes.size() < 2)
        return fail(Tr::tr("Training needs at least two classes with at least %1 labelled images each; %2 found.")
                        .arg(options.minimumPerClass).arg(set.classes.size()));
    const auto byId = [](const Sample &a, const Sample &b) { return a.imageId < b.imageId; };
    std::sort(set.train.begin(), set.train.end(), byId);
    std::sort(set.validation.begin(), set.validation.end(), byId);
    return set;
}

namespace {

QJsonArray samplesJson(const std::vector<Sample> &samples)
{
    QJsonArray array;
    for (const Sample &sample : samples)
        array.append(QJsonArray{qint64(sample.imageId), sample.label, sample.path});
    return array;
}

std::vector<Sample> samplesFromJson(const QJsonArray &array)
{
    std::vector<Sample> samples;
    samples.reserve(std::size_t(array.size()));
    for (const QJsonValue &value : array) {
        const QJsonArray row = value.toArray();
        samples.push_back({row.at(0).toInteger(), row.at(2).toString(), row.at(1).toInt()});
    }
    return samples;
}

} // namespace

Status writeSplitFile(const QString &path, const std::vector<Sample> &train, const std::vector<Sample> &validation)
{
    QSaveFile file(path);
    const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("train"), samplesJson(train)},
                                                       {QStringLiteral("validation"), samplesJson(validation)}})
                                 .toJson(QJsonDocument::Compact);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(Tr::tr("%1: cannot be written: %2").arg(path, file.errorString()));
    return {};
}

Result<SplitFile> readSplitFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("%1: cannot be read: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(Tr::tr("%1: is damaged: %2").arg(path, error.errorString()));
    return SplitFile{samplesFromJson(document.object().value(QStringLiteral("train")).toArray()),
                     samplesFromJson(document.object().value(QStringLiteral("validation")).toArray())};
}

} // namespace sieve::train
