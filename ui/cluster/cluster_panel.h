#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace sieve::store {
class Database;
}

namespace sieve::ui {

class ClusterActivity;
class ClusterMonitor;

// The cluster view: the project's sieve-worker nodes and this window's local workers, live —
// whether each answers (and why not), its cores, ISA, free memory, cache, the run and rank it
// works for and its images/s — with Add Worker…, Edit… and Remove. GUI thread.
class ClusterPanel : public QWidget {
    Q_OBJECT

public:
    ClusterPanel(store::Database &db, ClusterActivity *activity, QWidget *parent = nullptr);

    ClusterMonitor *monitor() const { return m_monitor; }
    QTableWidget *table() const { return m_table; }
    QString summary() const;

    void addWorker();
    void editWorker(std::int64_t id);
    // Asks first unless CONFIRMED.
    void removeWorker(std::int64_t id, bool confirmed = false);

signals:
    // The project's worker list changed (added, edited, removed).
    void workersChanged();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showWorkers();
    std::int64_t selectedWorker() const;

    store::Database &m_db;
    ClusterMonitor *m_monitor;
    QLabel *m_summary;
    QLabel *m_problems;   // each worker that does not answer, and why
    QTableWidget *m_table;
    QPushButton *m_edit;
    QPushButton *m_remove;
};

} // namespace sieve::ui
