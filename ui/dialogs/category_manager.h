#pragma once

#include <QDialog>

#include <cstdint>

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

    QTableWidget *table() const { return m_table; }

private:
    void rebuild();
    std::int64_t currentId() const;

    ProjectSession *m_session;
    QTableWidget *m_table;
    bool m_rebuilding = false;
};

} // namespace sieve::ui
