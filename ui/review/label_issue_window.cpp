#include "review/label_issue_window.h"

#include "gallery/thumbnail_loader.h"
#include "jobs/jobs_panel.h"
#include "review/label_issue_model.h"
#include "review/label_issue_ranking_bar.h"
#include "review/label_noise_table.h"
#include "session/project_session.h"
#include "store/database.h"
#include "store/project.h"
#include "viewer/image_viewer.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace sieve::ui {

namespace {

// Tall enough rows to judge a photo from its thumbnail.
constexpr int kThumbnailSide = 112;

QString percent(double probability) { return QStringLiteral("%1 %").arg(QLocale().toString(100.0 * probability, 'f', 1)); }

} // namespace

LabelIssueWindow::LabelIssueWindow(ProjectSession *session, JobsPanel *jobs, QWidget *parent)
    : QWidget(parent, Qt::Window), m_session(session),
      m_thumbnails(new ThumbnailLoader(session->project().thumbnailCachePath(), this)),
      m_model(new LabelIssueModel(session->project().db(), m_thumbnails, this)),
      m_bar(new LabelIssueRankingBar(session, jobs, this)), m_ranking(new QLabel(this)), m_counts(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_view(new QTableView(this)), m_noise(new LabelNoiseTable(this)), m_noiseSummary(new QLabel(this)),
      m_preview(new ImageViewer(this)), m_details(new QLabel(this)), m_message(new QLabel(this)),
      m_accept(new QPushButton(tr("Accept Suggestion (Y)"), this)), m_keep(new QPushButton(tr("Keep Label (N)"), this)),
      m_skip(new QPushButton(tr("Skip (Space)"), this))
{
    setObjectName(QStringLiteral("labelIssueWindow"));
    setWindowTitle(tr("Likely Mislabeled — %1").arg(session->name()));
    resize(1280, 800);
    m_thumbnails->setSide(kThumbnailSide);

    m_view->setModel(m_model);
    m_view->setObjectName(QStringLiteral("labelIssueQueue"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setIconSize(QSize(kThumbnailSide, kThumbnailSide));
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(kThumbnailSide + 8);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->resizeSection(LabelIssueModel::ImageColumn, kThumbnailSide + 12);
    m_view->horizontalHeader()->resizeSection(LabelIssueModel::LabelColumn, 130);
    m_view->horizontalHeader()->resizeSection(LabelIssueModel::SuggestedColumn, 130);
    m_view->horizontalHeader()->resizeSection(LabelIssueModel::ScoreColumn, 64);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_tabs->addTab(m_view, tr("Queue"));
    auto *noisePage = new QWidget(this);
    auto *noiseLayout = new QVBoxLayout(noisePage);
    m_noiseSummary->setWordWrap(true);
    noiseLayout->addWidget(m_noiseSummary);
    noiseLayout->addWidget(m_noise, 1);
    m_tabs->addTab(noisePage, tr("Noise per Category"));

    m_preview->setFocusPolicy(Qt::NoFocus);   // the keys belong to the queue
    m_preview->setRegionEditing(false);
    m_preview->setMinimumSize(360, 300);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("labelIssueMessage"));
    m_message->setStyleSheet(QStringLiteral("color: #b71c1c"));
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_preview, 1);
    rightLayout->addWidget(m_details);
    rightLayout->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    m_accept->setToolTip(tr("Relabel the image with the model's suggestion (undo: Ctrl+Z)."));
    m_keep->setToolTip(tr("The label is right: record that and take the image out of the queue for good."));
    m_skip->setToolTip(tr("Decide later: go to the next image."));
    buttons->addWidget(m_accept);
    buttons->addWidget(m_keep);
    buttons->addWidget(m_skip);
    auto *keyHint = new QLabel(tr("↑/↓ move · Ctrl+Z undo"), this);
    keyHint->setStyleSheet(QStringLiteral("color: palette(placeholder-text)"));
    buttons->addWidget(keyHint);
    buttons->addStretch(1);
    rightLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({620, 660});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_bar);
    auto *status = new QHBoxLayout;
    m_ranking->setStyleSheet(QStringLiteral("color: palette(placeholder-text)"));
    m_counts->setObjectName(QStringLiteral("labelIssueCounts"));
    status->addWidget(m_counts);
    status->addStretch(1);
    status->addWidget(m_ranking);
    layout->addLayout(status);
    layout->addWidget(splitter, 1);

    auto shortcut = [this](const QList<QKeySequence> &keys, auto slot) {
        auto *action = new QAction(this);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
    };
    shortcut({QKeySequence(Qt::Key_Y)}, [this] { acceptSuggestion(); });
    shortcut({QKeySequence(Qt::Key_N)}, [this] { keepLabel(); });
    shortcut({QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_S)}, [this] { skip(); });
    shortcut({QKeySequence::Undo}, [this] { m_session->undo(); });
    shortcut({QKeySequence::Redo}, [this] { m_session->redo(); });

    connect(m_accept, &QPushButton::clicked, this, &LabelIssueWindow::acceptSuggestion);
    connect(m_keep, &QPushButton::clicked, this, &LabelIssueWindow::keepLabel);
    connect(m_skip, &QPushButton::clicked, this, &LabelIssueWindow::skip);
    connect(m_bar, &LabelIssueRankingBar::modelChanged, this, &LabelIssueWindow::modelChanged);
    connect(m_bar, &LabelIssueRankingBar::rankingFinished, this, [this](bool ok, const QString &message) {
        m_message->setText(message);
        reloadQueue();
        emit rankingFinished(ok);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LabelIssueWindow::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LabelIssueWindow::showCurrent);
    // A training run or an import may have added a model.
    connect(jobs, &JobsPanel::jobFinished, this, [this] {
        const std::int64_t before = modelId();
        m_bar->reloadModels();
        if (modelId() != before)
            modelChanged();
    });
    connect(m_session, &ProjectSession::imagesChanged, this, &LabelIssueWindow::imagesChanged);
    m_countPool.setObjectName(QStringLiteral("sieve-label-issue-counts"));
    m_countPool.setMaxThreadCount(1);
    connect(&m_countWatcher, &QFutureWatcherBase::finished, this, &LabelIssueWindow::countsArrived);
    // A decision that failed (the image was deleted meanwhile, ...) is not pending any more; the
    // queue is read again so it shows what is stored. The session reports the error itself.
    connect(m_session, &ProjectSession::errorOccurred, this, [this] {
        if (!m_pending.isEmpty()) {
            m_pending.clear();
            imagesChanged({});
        }
    });
    connect(m_session, &ProjectSession::categoriesChanged, this, &LabelIssueWindow::showCurrent);
    reloadModels();
    m_view->setFocus();
}

LabelIssueWindow::~LabelIssueWindow() = default;

std::int64_t LabelIssueWindow::modelId() const { return m_bar->modelId(); }

QComboBox *LabelIssueWindow::modelBox() const { return m_bar->modelBox(); }

QRadioButton *LabelIssueWindow::crossValidationButton() const { return m_bar->crossValidationButton(); }

QSpinBox *LabelIssueWindow::foldsBox() const { return m_bar->foldsBox(); }

QPushButton *LabelIssueWindow::findButton() const { return m_bar->findButton(); }

void LabelIssueWindow::reloadModels()
{
    const QSignalBlocker blocker(m_bar);
    const QString error = m_bar->reloadModels();
    modelChanged();
    if (!error.isEmpty())
        m_message->setText(error);
    else if (modelId() == 0)
        m_ranking->setText(tr("No models yet: train one (Train > New Training Run…) or import one."));
}

void LabelIssueWindow::modelChanged()
{
    m_message->clear();
    reloadQueue();
    m_view->setFocus();
}

void LabelIssueWindow::reloadQueue()
{
    const std::int64_t id = modelId();
    if (Status loaded = m_model->setModelId(id); !loaded)
        m_message->setText(loaded.error());
    Result<QList<store::LabelNoiseRow>> noise = store::labelNoise(m_session->project().db(), id);
    m_noise->setRows(noise ? *noise : QList<store::LabelNoiseRow>());
    double wrong = 0;
    qint64 labelled = 0;
    for (const store::LabelNoiseRow &row : noise ? *noise : QList<store::LabelNoiseRow>()) {
        wrong += row.estimated;
        labelled += row.labelled;
    }
    m_noiseSummary->setText(labelled == 0 ? tr("Rank the images with this model to estimate how many labels are wrong.")
                                          : tr("About <b>%1</b> of the %2 ranked labels (%3) are estimated wrong, by confident "
                                               "learning on the model's last ranking. Categories with a high rate deserve a look "
                                               "at their images; click a header to sort.")
                                                .arg(std::lround(wrong)).arg(labelled).arg(percent(wrong / double(labelled))));
    Result<std::optional<store::LabelIssueRanking>> ranking = store::lastLabelIssueRanking(m_session->project().db(), id);
    if (ranking && *ranking) {
        const QDateTime at = QDateTime::fromString((*ranking)->finishedAt, Qt::ISODateWithMs).toLocalTime();
        m_ranking->setText((*ranking)->folds > 0 ? tr("Ranked %1 with %2-fold cross-validation").arg(QLocale().toString(at, QLocale::ShortFormat)).arg((*ranking)->folds)
                                                 : tr("Ranked %1 with the model's own probabilities").arg(QLocale().toString(at, QLocale::ShortFormat)));
    } else if (id != 0) {
        m_ranking->setText(tr("Not ranked with this model yet: choose how and press Find Likely Mislabeled."));
    }
    refreshCounts();
    selectRow(0);
}

void LabelIssueWindow::refreshCounts()
{
    if (m_countWatcher.isRunning()) {
        m_recountAgain = true;
        return;
    }
    m_countWatcher.setFuture(QtConcurrent::run(&m_countPool, [path = m_session->project().databasePath(), id = modelId()]()
                                                                 -> Result<store::LabelIssueCounts> {
        Result<store::Database> db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            return db.takeError();
        return store::labelIssueCounts(*db, id);
    }));
}

void LabelIssueWindow::countsArrived()
{
    if (m_recountAgain) {
        m_recountAgain = false;
        refreshCounts();
        return;
    }
    Result<store::LabelIssueCounts> counts = m_countWatcher.result();
    if (!counts) {
        m_message->setText(counts.error());
        return;
    }
    m_countsNow = *counts;
    // Decisions still on the edit queue were not in the database the count read.
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        --m_countsNow.remaining;
        ++(it.value() ? m_countsNow.accepted : m_countsNow.kept);
    }
    m_countsNow.remaining = std::max<qint64>(0, m_countsNow.remaining);
    showCounts();
    if (m_model->rowCount() == 0)
        showCurrent();   // whether anything was ever flagged
    emit countsChanged();
}

void LabelIssueWindow::showCounts()
{
    m_counts->setText(tr("<b>%1</b> to review · <b>%2</b> relabelled as suggested · <b>%3</b> labels kept")
                          .arg(m_countsNow.remaining).arg(m_countsNow.accepted).arg(m_countsNow.kept));
}

void LabelIssueWindow::selectRow(int row)
{
    if (m_model->rowCount() == 0) {
        showCurrent();
        return;
    }
    row = std::clamp(row, 0, m_model->rowCount() - 1);
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(m_model->index(row, 0));
}

void LabelIssueWindow::showCurrent()
{
    const int row = m_view->currentIndex().row();
    const bool any = row >= 0 && row < m_model->rowCount();
    m_accept->setEnabled(any);
    m_keep->setEnabled(any);
    m_skip->setEnabled(any);
    if (!any) {
        m_preview->clear();
        m_details->setText(m_countsNow.ranked > 0 ? tr("Nothing left to review for this model: every image it flagged is decided.")
                           : m_model->modelId() != 0 ? tr("Press Find Likely Mislabeled to rank the labelled images with this model.")
                                                     : tr("No model to rank with."));
        return;
    }
    const store::LabelIssueRow &issue = m_model->issue(row);
    m_preview->showImage(issue.absolutePath, m_thumbnails->pixmap(issue.hash, issue.absolutePath), issue.path);
    QString details = tr("Labelled <b>%1</b> (p %2) · the model suggests <b>%3</b> (p %4) · score %5")
                          .arg(issue.label.toHtmlEscaped(), percent(issue.givenProbability), issue.suggested.toHtmlEscaped(),
                               percent(issue.suggestedProbability), QLocale().toString(issue.score, 'f', 3));
    m_details->setText(details);
    if (categoryFor(issue.suggested) == 0) {
        m_message->setText(tr("The model's class “%1” is not an active category of this project (the model was imported, or the "
                              "category was renamed or archived), so the suggestion cannot be applied. Add the category in "
                              "Label > Categories…, or keep the label (N).").arg(issue.suggested));
        m_accept->setEnabled(false);
    } else {
        m_message->clear();
    }
}

std::int64_t LabelIssueWindow::categoryFor(const QString &name) const
{
    for (const store::Category &category : m_session->categories()) {
        if (category.name.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (category.mergedInto)
            return m_session->category(*category.mergedInto) ? *category.mergedInto : 0;
        return category.archived ? 0 : category.id;
    }
    return 0;
}

void LabelIssueWindow::acceptSuggestion()
{
    const int row = m_view->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount())
        return;
    const store::LabelIssueRow issue = m_model->issue(row);
    const std::int64_t category = categoryFor(issue.suggested);
    if (category == 0) {
        showCurrent();   // says why
        return;
    }
    const QString reason = tr("likely mislabeled: model %1 suggests “%2” (p=%3)")
                               .arg(m_bar->modelName(), issue.suggested, QString::number(issue.suggestedProbability, 'f', 3));
    m_pending.insert(issue.imageId, true);
    m_session->setLabel({issue.imageId}, category, reason);
    m_model->removeImage(issue.imageId);
    m_countsNow.remaining = std::max<qint64>(0, m_countsNow.remaining - 1);
    ++m_countsNow.accepted;
    showCounts();
    selectRow(row);
}

void LabelIssueWindow::keepLabel()
{
    const int row = m_view->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount())
        return;
    const store::LabelIssueRow issue = m_model->issue(row);
    const QString reason = tr("label checked: model %1 suggested “%2” (p=%3)")
                               .arg(m_bar->modelName(), issue.suggested, QString::number(issue.suggestedProbability, 'f', 3));
    m_pending.insert(issue.imageId, false);
    m_session->keepLabel(issue.imageId, modelId(), reason);
    m_model->removeImage(issue.imageId);
    m_countsNow.remaining = std::max<qint64>(0, m_countsNow.remaining - 1);
    ++m_countsNow.kept;
    showCounts();
    selectRow(row);
}

void LabelIssueWindow::skip()
{
    const int row = m_view->currentIndex().row();
    if (row + 1 < m_model->rowCount() || m_model->canFetchMore({})) {
        if (row + 1 >= m_model->rowCount())
            m_model->fetchMore({});
        selectRow(row + 1);
    }
}

void LabelIssueWindow::imagesChanged(const QList<std::int64_t> &images)
{
    bool ours = !images.isEmpty();
    for (std::int64_t id : images)
        ours = m_pending.remove(id) && ours;
    if (ours) {
        refreshCounts();
        return;
    }
    // An undo, or an edit made elsewhere: the queue may have gained or lost images. Keep the
    // current image, or select one that came back (undo).
    const std::int64_t current = m_view->currentIndex().isValid() ? m_model->issue(m_view->currentIndex().row()).imageId : 0;
    QSet<std::int64_t> before;
    for (int row = 0; row < m_model->rowCount(); ++row)
        before.insert(m_model->issue(row).imageId);
    if (Status loaded = m_model->setModelId(modelId(), m_model->rowCount() + 1); !loaded)
        m_message->setText(loaded.error());
    refreshCounts();
    int select = m_model->rowOf(current);
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (!before.contains(m_model->issue(row).imageId)) {
            select = row;
            break;
        }
    selectRow(std::max(select, 0));
}

} // namespace sieve::ui
