#include "jobs/job_history.h"

#include "jobs/job_history_model.h"
#include "store/database.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace sieve::ui {

namespace {

constexpr int kBusyPollMs = 2000;
constexpr int kIdlePollMs = 5000;
constexpr int kIssuesShown = 1000;

// The progress column as a bar with its "done / total" text, like the running jobs above it.
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const qint64 total = index.data(JobHistoryModel::TotalRole).toLongLong();
        if (total <= 0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        item.text.clear();
        QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &item, painter, item.widget);
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(3, 3, -3, -3);
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = int(1000.0 * double(std::min(index.data(JobHistoryModel::DoneRole).toLongLong(), total)) / double(total));
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        bar.state = option.state | QStyle::State_Horizontal;
        QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter, item.widget);
    }
};

} // namespace

JobHistoryView::JobHistoryView(QWidget *parent)
    : QWidget(parent), m_model(new JobHistoryModel(this)), m_table(new QTableView(this)),
      m_details(new QPushButton(tr("Details…"), this))
{
    setObjectName(QStringLiteral("jobHistory"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setItemDelegateForColumn(JobHistoryModel::Progress, new ProgressDelegate(m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(JobHistoryModel::State, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(JobHistoryModel::Started, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(JobHistoryModel::Ended, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(JobHistoryModel::LastError, QHeaderView::Stretch);
    header->resizeSection(JobHistoryModel::Job, 220);
    header->resizeSection(JobHistoryModel::Progress, 140);
    layout->addWidget(m_table, 1);

    auto *buttons = new QVBoxLayout;
    m_details->setObjectName(QStringLiteral("jobDetails"));
    m_details->setToolTip(tr("What the selected job did and the items it had problems with"));
    m_details->setEnabled(false);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    buttons->addWidget(m_details);
    buttons->addWidget(refreshButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_pool.setObjectName(QStringLiteral("sieve-job-history"));
    m_pool.setMaxThreadCount(1);
    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &JobHistoryView::refresh);
    connect(&m_listWatcher, &QFutureWatcher<Listing>::finished, this, &JobHistoryView::onListed);
    connect(refreshButton, &QPushButton::clicked, this, &JobHistoryView::refresh);
    connect(m_details, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (!rows.isEmpty())
            showDetails(rows.first().row());
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) { showDetails(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_details->setEnabled(m_table->selectionModel()->hasSelection()); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { m_details->setEnabled(false); });
    connect(&m_detailsWatcher, &QFutureWatcher<Result<QString>>::finished, this, [this] {
        const Result<QString> report = m_detailsWatcher.result();
        const jobs::JobRecord &job = m_detailsJob.job;
        QString text = QStringLiteral("<p><b>%1</b> — %2</p>").arg(JobHistoryModel::kindTitle(job.kind).toHtmlEscaped(),
                                                                  JobHistoryModel::statusTitle(job.status).toHtmlEscaped());
        const QLocale locale;
        text += tr("<p>Job %1, started %2%3.<br>%4 of %5 items done.</p>")
                    .arg(job.id)
                    .arg(JobHistoryModel::timeText(job.createdAt, false),
                         job.finishedAt.isEmpty() ? QString() : tr(", ended %1").arg(JobHistoryModel::timeText(job.finishedAt, false)))
                    .arg(locale.toString(job.done), locale.toString(job.total));
        if (!job.params.isEmpty())
            text += tr("<p>Parameters: %1</p>").arg(QString::fromUtf8(QJsonDocument(job.params).toJson(QJsonDocument::Compact)).toHtmlEscaped());
        if (!job.error.isEmpty())
            text += tr("<p>Error: %1</p>").arg(job.error.toHtmlEscaped());
        if (!report)
            text += tr("<p>The problems of this job cannot be read: %1</p>").arg(report.error().toHtmlEscaped());
        else if (m_detailsJob.issueCount > 0)
            text += tr("<p>%1 items had problems; they are listed under Show Details and kept in the project.</p>").arg(m_detailsJob.issueCount);
        else
            text += tr("<p>No problems with single items were recorded.</p>");
        auto *box = new QMessageBox(QMessageBox::Information, tr("%1 (job %2)").arg(JobHistoryModel::kindTitle(job.kind)).arg(job.id),
                                    text, QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("jobDetailsBox"));
        box->setTextFormat(Qt::RichText);
        if (report && !report->isEmpty())
            box->setDetailedText(*report);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

JobHistoryView::~JobHistoryView()
{
    m_listWatcher.waitForFinished();
    m_detailsWatcher.waitForFinished();
}

void JobHistoryView::setDatabase(const QString &path)
{
    m_databasePath = path;
    m_model->setJobs({});
    refresh();
}

void JobHistoryView::setBusy(bool busy)
{
    m_busy = busy;
    schedule();
}

void JobHistoryView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void JobHistoryView::refresh()
{
    m_poll.stop();
    if (m_databasePath.isEmpty())
        return;
    if (m_listWatcher.isRunning()) {
        m_refreshOwed = true;
        return;
    }
    m_listWatcher.setFuture(QtConcurrent::run(&m_pool, [path = m_databasePath]() -> Listing {
        Listing listing{path};
        Result<store::Database> db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            listing.jobs = db.takeError();
        else
            listing.jobs = jobs::listJobs(*db);
        return listing;
    }));
}

void JobHistoryView::onListed()
{
    const Listing listing = m_listWatcher.result();
    if (listing.databasePath == m_databasePath && listing.jobs) {
        m_model->setJobs(*listing.jobs);
        emit refreshed();
    }
    // A failed read (the project being moved, a locked file) is tried again at the next poll.
    if (std::exchange(m_refreshOwed, false))
        refresh();
    else
        schedule();
}

void JobHistoryView::schedule()
{
    if (m_databasePath.isEmpty() || m_listWatcher.isRunning())
        return;
    // Hidden: nothing to keep current; showEvent() refreshes when it is shown again.
    if (!isVisible()) {
        m_poll.stop();
        return;
    }
    m_poll.start(m_busy || m_model->anyRunning() ? kBusyPollMs : kIdlePollMs);
}

void JobHistoryView::showDetails(int row)
{
    const jobs::JobListing *listing = m_model->job(row);
    if (!listing || m_detailsWatcher.isRunning())
        return;
    m_detailsJob = *listing;
    m_detailsWatcher.setFuture(QtConcurrent::run(&m_pool, [path = m_databasePath, id = listing->job.id,
                                                           total = listing->issueCount]() -> Result<QString> {
        Result<store::Database> db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            return db.takeError();
        Result<QList<jobs::JobIssue>> issues = jobs::jobIssues(*db, id, kIssuesShown);
        if (!issues)
            return issues.takeError();
        return jobs::issueReport(*issues, total, kIssuesShown);
    }));
}

} // namespace sieve::ui
