#include "session/edit_queue.h"

#include "store/database.h"

#include <QCoreApplication>

namespace sieve::ui {

EditQueue::EditQueue(QString databasePath, QString actor, QObject *parent)
    : QObject(parent), m_databasePath(std::move(databasePath)), m_actor(std::move(actor))
{
    m_pool.setObjectName(QStringLiteral("sieve-edits"));
    // One thread, never retired: edits run strictly in order on one connection.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

EditQueue::~EditQueue() { m_pool.waitForDone(); }

void EditQueue::setActor(const QString &actor)
{
    m_pool.start([this, actor] {
        m_actor = actor;
        if (m_log)
            m_log->setActor(actor);
    });
}

void EditQueue::post(Edit edit, Done done)
{
    ++m_pending;
    m_pool.start([this, edit = std::move(edit), done = std::move(done)] {
        Outcome outcome = std::optional<store::ActionSummary>();
        UndoState state;
        if (!m_db) {
            Result<store::Database> db = store::Database::open(m_databasePath);
            if (db) {
                m_db = std::make_unique<store::Database>(std::move(*db));
                m_log = std::make_unique<store::EditLog>(*m_db, m_actor);
            } else {
                outcome = db.takeError();
            }
        }
        if (m_log) {
            outcome = edit(*m_log, *m_db);
            const auto undo = m_log->nextUndo();
            const auto redo = m_log->nextRedo();
            state.undo = undo && undo->has_value() ? (*undo)->description : QString();
            state.redo = redo && redo->has_value() ? (*redo)->description : QString();
        }
        QMetaObject::invokeMethod(this, [this, outcome, state, done] {
            --m_pending;
            done(outcome, state);
        }, Qt::QueuedConnection);
    });
}

void EditQueue::waitForIdle()
{
    m_pool.waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

} // namespace sieve::ui
