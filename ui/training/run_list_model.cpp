#include "training/run_list_model.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

#include <cmath>

namespace sieve::ui {

RunListModel::RunListModel(QObject *parent) : QAbstractTableModel(parent) {}

void RunListModel::setRuns(const QList<store::RunRecord> &runs)
{
    bool sameRows = runs.size() == m_runs.size();
    for (qsizetype i = 0; sameRows && i < runs.size(); ++i)
        sameRows = runs[i].id == m_runs[i].id;
    // The same runs (every poll): the rows change in place, so selection and scroll stay.
    if (sameRows) {
        m_runs = runs;
        if (!m_runs.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_runs = runs;
    QSet<std::int64_t> kept;
    for (const store::RunRecord &run : runs)
        if (m_checked.contains(run.id))
            kept.insert(run.id);
    const bool lost = kept != m_checked;
    m_checked = kept;
    endResetModel();
    if (lost)
        emit checkedChanged(m_checked);
}

const store::RunRecord *RunListModel::run(int row) const { return row >= 0 && row < m_runs.size() ? &m_runs[row] : nullptr; }

int RunListModel::rowOf(std::int64_t id) const
{
    for (int row = 0; row < m_runs.size(); ++row)
        if (m_runs[row].id == id)
            return row;
    return -1;
}

void RunListModel::setChecked(std::int64_t id, bool on)
{
    if (m_checked.contains(id) == on)
        return;
    if (on)
        m_checked.insert(id);
    else
        m_checked.remove(id);
    if (const int row = rowOf(id); row >= 0)
        emit dataChanged(index(row, Name), index(row, Name), {Qt::CheckStateRole, Qt::DecorationRole});
    emit checkedChanged(m_checked);
}

QColor RunListModel::runColour(std::int64_t id)
{
    // Tableau 10, TensorBoard's palette too: distinct for the first ten runs compared.
    static const QColor palette[] = {QColor(0x1f77b4), QColor(0xff7f0e), QColor(0x2ca02c), QColor(0xd62728), QColor(0x9467bd),
                                     QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f), QColor(0xbcbd22), QColor(0x17becf)};
    return palette[std::size_t(id % 10 + 10) % 10];
}

QString RunListModel::statusTitle(const QString &status)
{
    if (status == QLatin1String("running"))
        return tr("Running");
    if (status == QLatin1String("done"))
        return tr("Done");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("cancelled"))
        return tr("Cancelled");
    if (status == QLatin1String("queued"))
        return tr("Queued");
    return status;
}

QString RunListModel::durationText(const store::RunRecord &run)
{
    const QDateTime start = QDateTime::fromString(run.startedAt, Qt::ISODateWithMs);
    if (!start.isValid())
        return {};
    QDateTime end = QDateTime::fromString(run.finishedAt, Qt::ISODateWithMs);
    if (!end.isValid())
        end = run.status == QLatin1String("running") ? QDateTime::currentDateTimeUtc() : start;
    const qint64 seconds = std::max<qint64>(0, start.secsTo(end));
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

int RunListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_runs.size()); }

int RunListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    const store::RunRecord *r = run(index.row());
    if (!r)
        return {};
    if (role == RunIdRole)
        return qint64(r->id);
    if (role == Qt::CheckStateRole && index.column() == Name)
        return m_checked.contains(r->id) ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::DecorationRole && index.column() == Name && m_checked.contains(r->id))
        return runColour(r->id);
    if (role == Qt::ToolTipRole && index.column() == Status && !r->error.isEmpty())
        return r->error;
    if (role == Qt::TextAlignmentRole && (index.column() == BestTop1 || index.column() == Duration))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Name: return QStringLiteral("%1 · %2").arg(r->id).arg(r->name);
    case Status: return statusTitle(r->status);
    case Model: {
        const QString pretrained = r->config.value(QStringLiteral("pretrained")).toString();
        const QString model = r->config.value(QStringLiteral("model")).toString();
        return pretrained.isEmpty() ? model : tr("%1 from %2").arg(model, QFileInfo(pretrained).fileName());
    }
    case Data: {
        const QString view = r->config.value(QStringLiteral("view")).toString();
        if (view.isEmpty() && !r->config.value(QStringLiteral("filter")).toObject().isEmpty())
            return tr("Filtered images");   // the gallery's filter, not saved: in the configuration
        return view.isEmpty() ? tr("All images") : view;
    }
    case Duration: return durationText(*r);
    case BestTop1: return std::isnan(r->bestTop1) ? QString() : QLocale().toString(r->bestTop1 * 100, 'f', 1) + QStringLiteral(" %");
    case ColumnCount: break;
    }
    return {};
}

bool RunListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const store::RunRecord *r = run(index.row());
    if (!r || role != Qt::CheckStateRole || index.column() != Name)
        return false;
    setChecked(r->id, value.toInt() == Qt::Checked);
    return true;
}

Qt::ItemFlags RunListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.column() == Name)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name: return tr("Run");
    case Status: return tr("Status");
    case Model: return tr("Model");
    case Data: return tr("Data");
    case Duration: return tr("Duration");
    case BestTop1: return tr("Best val top-1");
    case ColumnCount: break;
    }
    return {};
}

} // namespace sieve::ui
