#pragma once

#include "store/image_query.h"

#include <QTimer>
#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace sieve::ui {

class FilterChip;
class PredictionFilterBox;
class ProjectSession;

// The left panel: a text search, the saved views (a click applies one; right-click renames or
// deletes it) and checkable facets with counts — categories, review status, flags, missing
// files, the active model's predictions and each metadata attribute with few distinct values.
// Within a facet the checked values are alternatives; facets narrow each other. A restriction
// no facet shows (the images of a training run's confusion-matrix cell) is named in a chip
// above the facets. Emits the filter it describes.
class FacetPanel : public QWidget {
    Q_OBJECT

public:
    explicit FacetPanel(ProjectSession *session, QWidget *parent = nullptr);

    // Shows FACETS' counts, keeping what is checked.
    void setFacets(const store::Facets &facets);
    // Checks what FILTER selects (sort fields are ignored).
    void setFilter(const store::ImageFilter &filter);
    store::ImageFilter filter() const;
    void focusSearch();
    void clear();

    QTreeWidget *tree() const { return m_tree; }
    // The model choice and confidence range; the predicted classes and "disagrees with label"
    // are tree entries under "Predictions".
    PredictionFilterBox *predictions() const { return m_predictions; }
    // Names the confusion-matrix cell the filter keeps (hidden without one); × removes it.
    FilterChip *validationChip() const { return m_chip; }

signals:
    void filterChanged(const store::ImageFilter &filter);
    void viewChosen(std::int64_t id);
    void viewRenameRequested(std::int64_t id);
    void viewDeleteRequested(std::int64_t id);

private:
    void rebuild();
    void onItemChanged(QTreeWidgetItem *item);
    void onItemClicked(QTreeWidgetItem *item);
    // Bold and ticked: the saved view whose filter the panel shows.
    void markShownView();
    void showContextMenu(const QPoint &position);
    void updateChip();

    ProjectSession *m_session;
    QLineEdit *m_search;
    PredictionFilterBox *m_predictions;
    QTreeWidget *m_tree;
    FilterChip *m_chip;
    QTimer m_searchDelay;
    store::Facets m_facets;
    store::ImageFilter m_filter;
    bool m_rebuilding = false;
};

} // namespace sieve::ui
