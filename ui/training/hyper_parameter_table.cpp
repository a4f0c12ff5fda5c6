#include "training/hyper_parameter_table.h"

#include "training/run_list_model.h"
#include "training/run_metrics_source.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMap>

#include <algorithm>
#include <cmath>

namespace sieve::ui {

namespace {

// Config keys that describe the data or the files rather than the training.
const QStringList kSkipped = {QStringLiteral("classes"), QStringLiteral("category_ids"), QStringLiteral("excluded_classes"),
                              QStringLiteral("split_file"), QStringLiteral("model_file")};

QString valueText(const QJsonValue &value);

// The options of CONFIG by name, nested objects (augmentation) flattened to "parent.child".
QMap<QString, QString> flatten(const QJsonObject &config, const QString &prefix = {})
{
    QMap<QString, QString> options;
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (prefix.isEmpty() && kSkipped.contains(it.key()))
            continue;
        // The gallery filter a run was trained on: one column, and none for runs without one.
        if (prefix.isEmpty() && it.key() == QLatin1String("filter")) {
            if (!it->toObject().isEmpty())
                options.insert(it.key(), valueText(*it));
            continue;
        }
        if (it->isObject())
            options.insert(flatten(it->toObject(), prefix + it.key() + QLatin1Char('.')));
        else
            options.insert(prefix + it.key(), valueText(*it));
    }
    return options;
}

QString valueText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

} // namespace

HyperParameterTable::HyperParameterTable(QWidget *parent) : QTableWidget(parent)
{
    setObjectName(QStringLiteral("hyperParameters"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void HyperParameterTable::showRuns(const RunMetricsSource &source, const QList<std::int64_t> &runs)
{
    QList<const store::RunRecord *> records;
    for (std::int64_t id : runs)
        if (const store::RunRecord *run = source.run(id))
            records.append(run);
    if (records.isEmpty()) {
        clear();
        setRowCount(0);
        setColumnCount(0);
        m_shared.clear();
        emit sharedChanged({});
        return;
    }
    QList<QMap<QString, QString>> options;
    QStringList keys;
    for (const store::RunRecord *run : std::as_const(records)) {
        options.append(flatten(run->config));
        for (const QString &key : options.back().keys())
            if (!keys.contains(key))
                keys.append(key);
    }
    std::sort(keys.begin(), keys.end());
    QStringList differing;
    m_shared.clear();
    for (const QString &key : std::as_const(keys)) {
        const QString first = options.front().value(key);
        const bool same = std::all_of(options.begin(), options.end(), [&](const QMap<QString, QString> &o) { return o.value(key) == first; });
        if (same && records.size() > 1)
            m_shared.append(QStringLiteral("%1 = %2").arg(key, first));
        else
            differing.append(key);
    }
    const QList<std::pair<QString, QString>> finals = {
        {tr("final train/loss"), QStringLiteral("train/loss")}, {tr("final val/loss"), QStringLiteral("val/loss")},
        {tr("final val/top1"), QStringLiteral("val/top1")},     {tr("final val/top5"), QStringLiteral("val/top5")}};
    QStringList headers = {tr("Run"), tr("Status")};
    for (const auto &[title, tag] : finals)
        headers.append(title);
    headers.append(tr("best val/top1"));
    headers += differing;
    clear();
    setColumnCount(int(headers.size()));
    setHorizontalHeaderLabels(headers);
    setRowCount(int(records.size()));
    const QLocale locale;
    for (int row = 0; row < records.size(); ++row) {
        const store::RunRecord *run = records[row];
        QStringList cells = {QStringLiteral("%1 · %2").arg(run->id).arg(run->name), RunListModel::statusTitle(run->status)};
        for (const auto &[title, tag] : finals) {
            const store::MetricSeries *series = source.series(run->id, tag);
            cells.append(series && !series->empty() ? QString::number(series->values.back(), 'g', 4) : QString());
        }
        cells.append(std::isnan(run->bestTop1) ? QString() : QString::number(run->bestTop1, 'g', 4));
        for (const QString &key : std::as_const(differing))
            cells.append(options[row].value(key));
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column == 0)
                item->setData(Qt::DecorationRole, RunListModel::runColour(run->id));
            setItem(row, column, item);
        }
    }
    emit sharedChanged(m_shared.isEmpty() ? QString() : tr("Alike in every run: %1").arg(m_shared.join(QStringLiteral(", "))));
}

} // namespace sieve::ui
