#pragma once

#include <QList>
#include <QObject>

#include <cstdint>
#include <functional>

class QAction;
class QWidget;

namespace sieve::ui {

class ProjectSession;

// The moderation keys, as window-wide actions so that they work the same in the grid and in
// the viewer: 1–9, 0 label with the pinned categories; L (or Ctrl+K) opens the category
// palette; Backspace removes the label; A accepts, X rejects, U marks unreviewed; P, Q, D
// toggle the PII, poor-quality and duplicate flags (confirming a detector's suggestion), Shift
// with the same key dismisses the suggestion; O sets the "other" flag with a note;
// Ctrl+Z / Ctrl+Shift+Z undo and redo. Each applies to the images the target provider returns
// (the selection, or the image in the viewer). With auto-advance on, labelling or reviewing
// asks the window to move to the next image.
class ModerationActions : public QObject {
    Q_OBJECT

public:
    ModerationActions(ProjectSession *session, QWidget *window);

    void setTargetProvider(std::function<QList<std::int64_t>()> provider) { m_targets = std::move(provider); }

    const QList<QAction *> &labelActions() const { return m_labelActions; }
    QAction *paletteAction() const { return m_palette; }
    QAction *unlabelAction() const { return m_unlabel; }
    const QList<QAction *> &statusActions() const { return m_statusActions; }
    const QList<QAction *> &flagActions() const { return m_flagActions; }
    const QList<QAction *> &dismissActions() const { return m_dismissActions; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *autoAdvanceAction() const { return m_autoAdvance; }
    QList<QAction *> allActions() const;

    // Opens the palette for the current targets; returns whether a label was applied.
    bool openPalette();

signals:
    void advanceRequested();

private:
    void updateLabelActions();
    void updateUndoActions();
    void applyLabel(int key);
    void afterDecision(bool applied);

    ProjectSession *m_session;
    QWidget *m_window;
    std::function<QList<std::int64_t>()> m_targets;
    QList<QAction *> m_labelActions;
    QList<QAction *> m_statusActions;
    QList<QAction *> m_flagActions;
    QList<QAction *> m_dismissActions;
    QAction *m_palette = nullptr;
    QAction *m_unlabel = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_autoAdvance = nullptr;
};

} // namespace sieve::ui
