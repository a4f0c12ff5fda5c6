#include "moderation/moderation_actions.h"

#include "dialogs/category_palette.h"
#include "session/project_session.h"

#include <QAction>
#include <QInputDialog>
#include <QWidget>

namespace sieve::ui {

ModerationActions::ModerationActions(ProjectSession *session, QWidget *window)
    : QObject(window), m_session(session), m_window(window)
{
    auto make = [this](const QString &text, const QList<QKeySequence> &keys, auto slot) {
        // Owned by this object, shown in the window: when the project closes they go with it,
        // so the next project's actions are the only ones with these shortcuts.
        auto *action = new QAction(text, this);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        m_window->addAction(action);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };

    for (int key = 0; key < 10; ++key) {
        const int digit = key == 9 ? 0 : key + 1;
        QAction *action = make(QString(), {QKeySequence(Qt::Key_0 + digit)}, [this, key] { applyLabel(key); });
        action->setObjectName(QStringLiteral("labelKey%1").arg(digit));
        m_labelActions.append(action);
    }
    m_palette = make(tr("Set &Label…"), {QKeySequence(Qt::Key_L), QKeySequence(Qt::CTRL | Qt::Key_K)}, [this] { openPalette(); });
    m_unlabel = make(tr("&Remove Label"), {QKeySequence(Qt::Key_Backspace)}, [this] {
        afterDecision(m_session->setLabel(m_targets(), std::nullopt));
    });

    const struct {
        QString text;
        Qt::Key key;
        store::ReviewStatus status;
    } statuses[] = {{tr("&Accept"), Qt::Key_A, store::ReviewStatus::Accepted},
                    {tr("Re&ject"), Qt::Key_X, store::ReviewStatus::Rejected},
                    {tr("Mark &Unreviewed"), Qt::Key_U, store::ReviewStatus::Unreviewed}};
    for (const auto &status : statuses) {
        QAction *action = make(status.text, {QKeySequence(status.key)}, [this, s = status.status] {
            afterDecision(m_session->setReviewStatus(m_targets(), s));
        });
        action->setObjectName(QStringLiteral("status_") + store::reviewStatusName(status.status));
        m_statusActions.append(action);
    }

    const struct {
        QString text;
        Qt::Key key;
        QString kind;
    } flags[] = {{tr("Flag &Personal Information"), Qt::Key_P, QStringLiteral("pii")},
                 {tr("Flag Poor &Quality"), Qt::Key_Q, QStringLiteral("quality")},
                 {tr("Flag &Duplicate"), Qt::Key_D, QStringLiteral("duplicate")}};
    for (const auto &flag : flags) {
        QAction *action = make(flag.text, {QKeySequence(flag.key)}, [this, kind = flag.kind] {
            m_session->toggleFlag(m_targets(), kind);
        });
        action->setObjectName(QStringLiteral("flag_") + flag.kind);
        m_flagActions.append(action);
    }
    // A detector's suggestion is confirmed with its flag key (it becomes the analyst's flag) and
    // dismissed with Shift and the same key.
    const struct {
        QString text;
        Qt::Key key;
        QString kind;
    } dismissals[] = {{tr("Dismiss Suggested PII"), Qt::Key_P, QStringLiteral("pii")},
                      {tr("Dismiss Suggested Poor Quality"), Qt::Key_Q, QStringLiteral("quality")},
                      {tr("Dismiss Suggested Duplicate"), Qt::Key_D, QStringLiteral("duplicate")}};
    for (const auto &dismissal : dismissals) {
        QAction *action = make(dismissal.text, {QKeySequence(Qt::SHIFT | dismissal.key)}, [this, kind = dismissal.kind] {
            afterDecision(m_session->dismissSuggestion(m_targets(), kind));
        });
        action->setObjectName(QStringLiteral("dismiss_") + dismissal.kind);
        m_dismissActions.append(action);
    }
    QAction *other = make(tr("Flag &Other…"), {QKeySequence(Qt::Key_O)}, [this] {
        const QList<std::int64_t> targets = m_targets();
        if (targets.isEmpty())
            return;
        bool ok = false;
        const QString note = QInputDialog::getText(m_window, tr("Flag as other"),
                                                   tr("Why are these %n image(s) flagged?", nullptr, int(targets.size())),
                                                   QLineEdit::Normal, QString(), &ok);
        if (ok)
            m_session->toggleFlag(targets, QStringLiteral("other"), note.trimmed());
    });
    other->setObjectName(QStringLiteral("flag_other"));
    m_flagActions.append(other);

    m_undo = make(tr("&Undo"), {QKeySequence::Undo}, [this] { m_session->undo(); });
    m_redo = make(tr("&Redo"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)},
                  [this] { m_session->redo(); });
    m_autoAdvance = make(tr("Auto-&Advance After Labelling"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)}, [] {});
    m_autoAdvance->setCheckable(true);

    connect(m_session, &ProjectSession::categoriesChanged, this, &ModerationActions::updateLabelActions);
    connect(m_session, &ProjectSession::undoStateChanged, this, &ModerationActions::updateUndoActions);
    updateLabelActions();
    updateUndoActions();
}

QList<QAction *> ModerationActions::allActions() const
{
    QList<QAction *> actions = m_labelActions;
    actions << m_palette << m_unlabel;
    actions += m_statusActions;
    actions += m_flagActions;
    actions += m_dismissActions;
    actions << m_undo << m_redo << m_autoAdvance;
    return actions;
}

void ModerationActions::updateLabelActions()
{
    const QList<std::int64_t> pinned = m_session->pinnedCategories();
    for (int key = 0; key < 10; ++key) {
        QAction *action = m_labelActions[key];
        const int digit = key == 9 ? 0 : key + 1;
        if (key < pinned.size()) {
            const auto category = m_session->category(pinned[key]);
            action->setText(tr("Label as “%1”").arg(category ? category->name : QString()));
            action->setEnabled(true);
        } else {
            action->setText(tr("Label key %1 (no category pinned)").arg(digit));
            action->setEnabled(false);
        }
    }
}

void ModerationActions::updateUndoActions()
{
    // The texts follow the log; the actions stay enabled, because edits run on their own thread
    // and a quick Ctrl+Z, Ctrl+Shift+Z must not be lost to a state that is about to change.
    // Undoing with nothing to undo does nothing.
    const QString undo = m_session->undoText();
    const QString redo = m_session->redoText();
    m_undo->setText(undo.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(undo));
    m_redo->setText(redo.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(redo));
}

void ModerationActions::applyLabel(int key)
{
    const QList<std::int64_t> pinned = m_session->pinnedCategories();
    if (key >= pinned.size())
        return;
    afterDecision(m_session->setLabel(m_targets(), pinned[key]));
}

bool ModerationActions::openPalette()
{
    const QList<std::int64_t> targets = m_targets();
    if (targets.isEmpty())
        return false;
    CategoryPalette palette(m_session, int(targets.size()), m_window);
    if (palette.exec() != QDialog::Accepted || !palette.choice())
        return false;
    const CategoryPalette::Choice choice = *palette.choice();
    bool applied = false;
    switch (choice.kind) {
    case CategoryPalette::Choice::Kind::Category:
        applied = m_session->setLabel(targets, choice.categoryId);
        break;
    case CategoryPalette::Choice::Kind::Unlabel:
        applied = m_session->setLabel(targets, std::nullopt);
        break;
    case CategoryPalette::Choice::Kind::Create: {
        Result<std::int64_t> id = m_session->addCategory(choice.name);
        if (!id) {
            emit m_session->errorOccurred(id.error());
            return false;
        }
        applied = m_session->setLabel(targets, *id);
        break;
    }
    }
    afterDecision(applied);
    return applied;
}

void ModerationActions::afterDecision(bool applied)
{
    if (applied && m_autoAdvance->isChecked())
        emit advanceRequested();
}

} // namespace sieve::ui
