#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QHash>

#include "store/categories.h"

#include <cstdint>
#include <optional>

class QTableWidget;

namespace sieve::ui {

class ProjectSession;

// Manages the project's categories: add, rename (edit the name), colour, merge one into
// another (relabels its images; undoable), archive and restore, pin to the number keys, and
// import a taxonomy from CSV. Every change is applied at once.
class CategoryManager : public QDialog {
    Q_OBJECT

public:
    explicit CategoryManager(ProjectSession *session, QWidget *parent = nullptr);
    ~CategoryManager() override;

    QTableWidget *table() const { return m_table; }

private:
    void rebuild();
    void countImages();
    std::int64_t currentId() const;
    std::optional<store::Category> current() const;

    ProjectSession *m_session;
    QList<store::Category> m_categories;   // with image counts once counted
    QHash<std::int64_t, qint64> m_counts;
    QFutureWatcher<QHash<std::int64_t, qint64>> m_counting;
    QTableWidget *m_table;
    bool m_rebuilding = false;
};

} // namespace sieve::ui
