#include "gallery/facet_panel.h"

#include "gallery/filter_chip.h"
#include "gallery/prediction_filter_box.h"
#include "session/project_session.h"
#include "store/project.h"
#include "store/runs.h"
#include "widgets/swatch.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLineEdit>
#include <QMenu>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include <utility>
#include <QVBoxLayout>

namespace sieve::ui {

namespace {

enum ItemData { KindRole = Qt::UserRole + 1, ValueRole, KeyRole };

enum class Kind { Group, Category, Unlabeled, Status, Flag, Suggestion, UndecidedRegions, Missing, Attribute, View, ViewHint,
                  Disagrees, Predicted };

QString countText(qint64 count) { return QLocale().toString(count); }

} // namespace

FacetPanel::FacetPanel(ProjectSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_search(new QLineEdit(this)), m_predictions(new PredictionFilterBox(this)),
      m_tree(new QTreeWidget(this)), m_chip(new FilterChip(this))
{
    setObjectName(QStringLiteral("facets"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    m_search->setObjectName(QStringLiteral("facetSearch"));
    m_search->setPlaceholderText(tr("Search paths and metadata…"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    layout->addWidget(m_predictions);
    m_chip->hide();
    layout->addWidget(m_chip);
    connect(m_chip, &FilterChip::removeRequested, this, [this] {
        m_filter.validationCell = {};
        updateChip();
        markShownView();
        emit filterChanged(m_filter);
    });
    m_tree->setColumnCount(2);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree, 1);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(m_search, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(&m_searchDelay, &QTimer::timeout, this, [this] {
        m_filter.text = m_search->text();
        markShownView();
        emit filterChanged(filter());
    });
    connect(m_predictions, &PredictionFilterBox::modelChosen, this, [this](std::int64_t id) {
        m_filter.predictionModel = id;
        rebuild();
        emit filterChanged(filter());
    });
    connect(m_predictions, &PredictionFilterBox::confidenceChanged, this, [this](double minimum, double maximum) {
        m_filter.minConfidence = minimum;
        m_filter.maxConfidence = maximum;
        markShownView();
        emit filterChanged(filter());
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, &FacetPanel::onItemChanged);
    connect(m_tree, &QTreeWidget::itemClicked, this, &FacetPanel::onItemClicked);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QTreeWidget::customContextMenuRequested, this, &FacetPanel::showContextMenu);
    connect(m_session, &ProjectSession::categoriesChanged, this, &FacetPanel::rebuild);
    connect(m_session, &ProjectSession::viewsChanged, this, &FacetPanel::rebuild);
}

store::ImageFilter FacetPanel::filter() const { return m_filter; }

void FacetPanel::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void FacetPanel::clear()
{
    const store::ImageSort sort = m_filter.sort;
    const bool descending = m_filter.descending;
    const std::int64_t model = m_filter.predictionModel;   // a display choice, not a filter
    m_filter = {};
    m_filter.sort = sort;
    m_filter.descending = descending;
    m_filter.predictionModel = model;
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    rebuild();
    emit filterChanged(m_filter);
}

void FacetPanel::setFacets(const store::Facets &facets)
{
    m_facets = facets;
    rebuild();
}

void FacetPanel::setFilter(const store::ImageFilter &filter)
{
    m_filter = filter;
    m_search->blockSignals(true);
    m_search->setText(filter.text);
    m_search->blockSignals(false);
    rebuild();
}

void FacetPanel::rebuild()
{
    m_rebuilding = true;
    m_predictions->showChoice(m_filter.predictionModel, m_filter.minConfidence, m_filter.maxConfidence);
    QSet<QString> collapsed;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (!m_tree->topLevelItem(i)->isExpanded())
            collapsed.insert(m_tree->topLevelItem(i)->text(0));
    m_tree->clear();

    auto group = [&](const QString &title) {
        auto *item = new QTreeWidgetItem(m_tree, {title});
        item->setData(0, KindRole, int(Kind::Group));
        QFont font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        item->setFlags(Qt::ItemIsEnabled);
        item->setExpanded(!collapsed.contains(title));
        return item;
    };
    auto entry = [&](QTreeWidgetItem *parent, Kind kind, const QString &text, qint64 count, bool checked,
                     const QVariant &value = {}, const QString &key = {}) {
        auto *item = new QTreeWidgetItem(parent, {text, countText(count)});
        item->setData(0, KindRole, int(kind));
        item->setData(0, ValueRole, value);
        item->setData(0, KeyRole, key);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setForeground(1, palette().color(QPalette::PlaceholderText));
        return item;
    };

    QTreeWidgetItem *views = group(tr("Saved views"));
    for (const store::SavedView &view : m_session->savedViews()) {
        auto *item = new QTreeWidgetItem(views, {view.name});
        item->setData(0, KindRole, int(Kind::View));
        item->setData(0, ValueRole, qint64(view.id));
        item->setFlags(Qt::ItemIsEnabled);
        item->setToolTip(0, tr("Click to show this view; right-click to rename or delete it."));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    if (m_session->savedViews().isEmpty()) {
        auto *hint = new QTreeWidgetItem(views, {tr("View > Save View… keeps these filters")});
        hint->setData(0, KindRole, int(Kind::ViewHint));
        hint->setFlags(Qt::ItemIsEnabled);
        hint->setForeground(0, palette().color(QPalette::PlaceholderText));
        QFont font = hint->font(0);
        font.setItalic(true);
        hint->setFont(0, font);
    }

    QTreeWidgetItem *categories = group(tr("Categories"));
    for (const store::Category &category : m_session->categories()) {
        if (category.archived && !m_filter.categories.contains(category.id))
            continue;
        QTreeWidgetItem *item = entry(categories, Kind::Category, category.name, m_facets.categories.value(category.id),
                                      m_filter.categories.contains(category.id), qint64(category.id));
        item->setIcon(0, colorSwatch(category.color));
    }
    entry(categories, Kind::Unlabeled, tr("(unlabeled)"), m_facets.unlabeled, m_filter.unlabeled);

    QTreeWidgetItem *review = group(tr("Review"));
    for (int i = 0; i < 3; ++i) {
        const auto status = store::ReviewStatus(i);
        entry(review, Kind::Status, store::reviewStatusTitle(status), m_facets.statuses.value(i),
              m_filter.statuses.contains(status), i);
    }

    QTreeWidgetItem *flags = group(tr("Flags"));
    for (const QString &kind : store::flagKinds())
        entry(flags, Kind::Flag, store::flagTitle(kind), m_facets.flags.value(kind), m_filter.flags.contains(kind), kind);
    entry(flags, Kind::Flag, tr("No flag"), m_facets.flags.value(QStringLiteral("none")),
          m_filter.flags.contains(QStringLiteral("none")), QStringLiteral("none"));

    if (!m_facets.suggestions.isEmpty() || !m_filter.suggestions.isEmpty() || m_facets.undecidedRegions > 0
        || m_filter.undecidedRegions) {
        QTreeWidgetItem *suggested = group(tr("Suggested by scans"));
        for (const QString &kind : store::flagKinds())
            if (m_facets.suggestions.contains(kind) || m_filter.suggestions.contains(kind))
                entry(suggested, Kind::Suggestion, store::flagTitle(kind), m_facets.suggestions.value(kind),
                      m_filter.suggestions.contains(kind), kind);
        if (m_facets.undecidedRegions > 0 || m_filter.undecidedRegions)
            entry(suggested, Kind::UndecidedRegions, tr("Regions to review"), m_facets.undecidedRegions, m_filter.undecidedRegions);
    }

    if (m_filter.predictionModel > 0) {
        QTreeWidgetItem *model = group(tr("Model predictions"));
        entry(model, Kind::Disagrees, tr("Disagrees with label"), m_facets.disagreements, m_filter.disagreesWithLabel)
            ->setToolTip(0, tr("Labelled images the model puts in another category"));
        QTreeWidgetItem *predicted = group(tr("Predicted as"));
        for (const store::Category &category : m_session->categories()) {
            const qint64 count = m_facets.predictedCategories.value(category.id);
            if (count == 0 && !m_filter.predictedCategories.contains(category.id))
                continue;
            QTreeWidgetItem *item = entry(predicted, Kind::Predicted, category.name, count,
                                          m_filter.predictedCategories.contains(category.id), qint64(category.id));
            item->setIcon(0, colorSwatch(category.color));
            item->setToolTip(0, tr("Images the model predicts as %1").arg(category.name));
        }
    }

    QTreeWidgetItem *files = group(tr("Files"));
    entry(files, Kind::Missing, tr("Missing on disk"), m_facets.missing, m_filter.missingOnly);

    for (auto it = m_facets.attributes.cbegin(); it != m_facets.attributes.cend(); ++it) {
        QString title = it.key();
        title.replace(QLatin1Char('_'), QLatin1Char(' '));
        if (!title.isEmpty())
            title[0] = title[0].toUpper();
        QTreeWidgetItem *attribute = group(title);
        const QStringList chosen = m_filter.attributes.value(it.key());
        for (const store::FacetValue &value : it.value())
            entry(attribute, Kind::Attribute, value.value, value.count, chosen.contains(value.value), value.value, it.key());
    }
    m_rebuilding = false;
    markShownView();
    updateChip();
}

void FacetPanel::updateChip()
{
    const store::ValidationCell &cell = m_filter.validationCell;
    m_chip->setVisible(cell.isSet());
    if (!cell.isSet())
        return;
    // One row of a few: read here. A deleted run still names its number and the indices.
    QString run = tr("run %1").arg(cell.runId);
    QString trueName = QString::number(cell.trueIndex), predictedName = QString::number(cell.predictedIndex);
    if (Result<std::optional<store::RunRecord>> found = store::findRun(m_session->project().db(), cell.runId); found && *found) {
        run = tr("run %1 “%2”").arg(cell.runId).arg((*found)->name);
        const QJsonArray classes = (*found)->config.value(QStringLiteral("classes")).toArray();
        if (cell.trueIndex < classes.size())
            trueName = classes.at(cell.trueIndex).toString();
        if (cell.predictedIndex < classes.size())
            predictedName = classes.at(cell.predictedIndex).toString();
    }
    // Two short lines: a wrapped label in the panel's layout would not get the height it needs.
    m_chip->setText(tr("Validation of run %1, epoch %2:\n“%3” predicted as “%4”")
                        .arg(cell.runId).arg(cell.epoch).arg(trueName, predictedName),
                    tr("The validation images of %1 at epoch %2 whose label is “%3” and that the model predicted as "
                       "“%4” (from the training monitor's confusion matrix). Other filters narrow these further.")
                        .arg(run).arg(cell.epoch).arg(trueName, predictedName));
}

void FacetPanel::markShownView()
{
    const bool rebuilding = std::exchange(m_rebuilding, true);
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        QTreeWidgetItem *item = *it;
        if (Kind(item->data(0, KindRole).toInt()) != Kind::View)
            continue;
        const std::int64_t id = item->data(0, ValueRole).toLongLong();
        bool shown = false;
        for (const store::SavedView &view : m_session->savedViews()) {
            if (view.id != id)
                continue;
            // The panel does not know the sort: compared without it.
            store::ImageFilter current = m_filter;
            current.sort = view.filter.sort;
            current.descending = view.filter.descending;
            if (view.filter.predictionModel == 0)   // saved without a model: shown with any
                current.predictionModel = 0;
            shown = current == view.filter;
        }
        QFont font = item->font(0);
        font.setBold(shown);
        item->setFont(0, font);
        item->setText(1, shown ? QStringLiteral("✓") : QString());
    }
    m_rebuilding = rebuilding;
}

void FacetPanel::onItemChanged(QTreeWidgetItem *item)
{
    if (m_rebuilding)
        return;
    const bool on = item->checkState(0) == Qt::Checked;
    const QVariant value = item->data(0, ValueRole);
    auto toggle = [on](auto &list, const auto &element) {
        if (on && !list.contains(element))
            list.append(element);
        if (!on)
            list.removeAll(element);
    };
    switch (Kind(item->data(0, KindRole).toInt())) {
    case Kind::Category:
        toggle(m_filter.categories, std::int64_t(value.toLongLong()));
        break;
    case Kind::Unlabeled:
        m_filter.unlabeled = on;
        break;
    case Kind::Status:
        toggle(m_filter.statuses, store::ReviewStatus(value.toInt()));
        break;
    case Kind::Flag:
        toggle(m_filter.flags, value.toString());
        break;
    case Kind::Suggestion:
        toggle(m_filter.suggestions, value.toString());
        break;
    case Kind::UndecidedRegions:
        m_filter.undecidedRegions = on;
        break;
    case Kind::Missing:
        m_filter.missingOnly = on;
        break;
    case Kind::Disagrees:
        m_filter.disagreesWithLabel = on;
        break;
    case Kind::Predicted:
        toggle(m_filter.predictedCategories, std::int64_t(value.toLongLong()));
        break;
    case Kind::Attribute: {
        const QString key = item->data(0, KeyRole).toString();
        QStringList values = m_filter.attributes.value(key);
        toggle(values, value.toString());
        if (values.isEmpty())
            m_filter.attributes.remove(key);
        else
            m_filter.attributes.insert(key, values);
        break;
    }
    case Kind::Group:
    case Kind::View:
    case Kind::ViewHint:
        return;
    }
    markShownView();
    emit filterChanged(m_filter);
}

void FacetPanel::onItemClicked(QTreeWidgetItem *item)
{
    if (item && Kind(item->data(0, KindRole).toInt()) == Kind::View)
        emit viewChosen(item->data(0, ValueRole).toLongLong());
}

void FacetPanel::showContextMenu(const QPoint &position)
{
    QTreeWidgetItem *item = m_tree->itemAt(position);
    if (!item || Kind(item->data(0, KindRole).toInt()) != Kind::View)
        return;
    const std::int64_t id = item->data(0, ValueRole).toLongLong();
    QMenu menu(this);
    menu.addAction(tr("Show"), this, [this, id] { emit viewChosen(id); });
    menu.addAction(tr("Rename…"), this, [this, id] { emit viewRenameRequested(id); });
    menu.addAction(tr("Delete…"), this, [this, id] { emit viewDeleteRequested(id); });
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

} // namespace sieve::ui
