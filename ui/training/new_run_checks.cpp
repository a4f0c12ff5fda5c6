#include "training/new_run_checks.h"

#include "store/categories.h"
#include "store/database.h"
#include "store/views.h"
#include "train/training_set.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace sieve::ui {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ui::NewRunDialog)
};

} // namespace

Result<NewRunChoices> readNewRunChoices(const QString &databasePath, const QString &view, const QJsonObject &filter)
{
    Result<store::Database> db = store::Database::open(databasePath);
    if (!db)
        return db.takeError();
    NewRunChoices choices;
    Result<QList<store::SavedView>> views = store::listViews(*db);
    if (!views)
        return views.takeError();
    for (const store::SavedView &v : *views)
        choices.views.append(v.name);
    Result<QList<store::Category>> categories = store::listCategories(*db, false, false);
    if (!categories)
        return categories.takeError();
    // The images training would take: labelled, file present, in the view.
    Result<train::LabelledImages> images = train::labelledImages(*db, view, filter);
    if (!images)
        return images.takeError();
    std::map<std::int64_t, qint64> counts;
    for (const train::Sample &sample : images->samples)
        ++counts[images->categoryIds[std::size_t(sample.label)]];
    for (const store::Category &c : *categories)
        choices.categories.append({c.id, c.name, counts.count(c.id) ? counts[c.id] : 0});
    Result<QList<store::ClusterWorker>> workers = store::listClusterWorkers(*db);
    if (!workers)
        return workers.takeError();
    choices.workers = *workers;
    return choices;
}

std::optional<std::uint64_t> parseSeed(const QString &text)
{
    bool ok = false;
    const qulonglong seed = text.trimmed().toULongLong(&ok);
    if (!ok || text.trimmed().startsWith(QLatin1Char('-')) || text.trimmed().startsWith(QLatin1Char('+')))
        return std::nullopt;
    return std::uint64_t(seed);
}

QString earlyStopProblem(int patience, int epochs)
{
    // The earliest stop: the best epoch is the first and PATIENCE epochs follow it without a
    // better one, all before the last epoch (a run that ends anyway does not "stop early").
    if (patience <= 0 || epochs < 1 || patience + 1 < epochs)
        return {};
    return Tr::tr("Stopping after %1 epochs without improvement can never happen in a run of %2 epochs; "
                  "choose at most %3, or 0 (off).")
        .arg(patience).arg(epochs).arg(std::max(0, epochs - 2));
}

} // namespace sieve::ui
