#pragma once

#include "base/result.h"
#include "store/edit_log.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace sieve::store {
class Database;
}

namespace sieve::ui {

// Runs the project's edits one after another on a thread of their own, with their own
// database connection, so that relabelling fifty thousand images never freezes the window.
// Edits run in the order they were posted (undo after the label it undoes); each result comes
// back on the GUI thread with the undo and redo descriptions as they are after it. Destroying
// the queue waits for the edits already posted: what the user did is committed.
class EditQueue : public QObject {
    Q_OBJECT

public:
    using Outcome = Result<std::optional<store::ActionSummary>>;
    // Runs on the edit thread. nullopt: nothing to record (an undo with nothing to undo).
    using Edit = std::function<Outcome(store::EditLog &log, store::Database &db)>;
    struct UndoState {
        QString undo;
        QString redo;
    };
    // Runs on the GUI thread.
    using Done = std::function<void(const Outcome &outcome, const UndoState &state)>;

    EditQueue(QString databasePath, QString actor, QObject *parent = nullptr);
    ~EditQueue() override;

    void setActor(const QString &actor);
    void post(Edit edit, Done done);
    int pending() const { return m_pending; }
    // Blocks until every posted edit has run and its result was delivered (tests, shutdown).
    void waitForIdle();

private:
    QString m_databasePath;
    QThreadPool m_pool;
    int m_pending = 0;   // GUI thread
    // Edit thread only: created on the first edit.
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<store::EditLog> m_log;
    QString m_actor;
};

} // namespace sieve::ui
