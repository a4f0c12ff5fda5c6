#pragma once

#include "base/result.h"
#include "store/cluster_workers.h"
#include "train/trainer.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace sieve::ui {

// What the New Training Run dialog offers, read off the GUI thread: the saved views and the
// categories with the number of labelled images (files present) each has in the chosen images,
// and the project's cluster workers.
struct NewRunChoices {
    struct Category {
        qint64 id = 0;
        QString name;
        qint64 images = 0;
    };
    QStringList views;
    QList<Category> categories;
    QList<store::ClusterWorker> workers;
};

// Reads the choices with a connection of its own to DATABASEPATH, counting the images of saved
// view VIEW, or (no view) of FILTER (store::ImageFilter JSON; empty: all images). Any thread.
Result<NewRunChoices> readNewRunChoices(const QString &databasePath, const QString &view, const QJsonObject &filter);

// The seed typed as TEXT; nullopt when it is not a whole number from 0 to 2^64 - 1.
std::optional<std::uint64_t> parseSeed(const QString &text);
// Why early stopping after PATIENCE epochs cannot work in a run of EPOCHS; empty when it can.
QString earlyStopProblem(int patience, int epochs);

} // namespace sieve::ui
