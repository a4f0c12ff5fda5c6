#pragma once

#include "store/runs.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QSet>

#include <cstdint>

namespace sieve::ui {

// The training runs as a table — name, status, model, data, duration, best validation top-1 —
// newest first. The name column is checkable: checked runs are the ones charted, each in its
// own colour (runColour). Rows are matched by run id across setRuns(), so checks survive a
// refresh. GUI thread only.
class RunListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Status, Model, Data, Duration, BestTop1, ColumnCount };
    enum Role { RunIdRole = Qt::UserRole + 1 };

    explicit RunListModel(QObject *parent = nullptr);

    void setRuns(const QList<store::RunRecord> &runs);
    const store::RunRecord *run(int row) const;
    int rowOf(std::int64_t id) const;
    QSet<std::int64_t> checked() const { return m_checked; }
    void setChecked(std::int64_t id, bool on);

    // A colour of a fixed palette by run id: a run keeps its colour in every chart.
    static QColor runColour(std::int64_t id);
    static QString statusTitle(const QString &status);
    // From start to end, or to NOW while running; empty when the start is unknown.
    static QString durationText(const store::RunRecord &run);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void checkedChanged(const QSet<std::int64_t> &runs);

private:
    QList<store::RunRecord> m_runs;
    QSet<std::int64_t> m_checked;
};

} // namespace sieve::ui
