#pragma once

#include <QDialog>

class QAction;

namespace sieve::ui {

// Lists every keyboard shortcut of the window, read from its actions, so the list is never out
// of date; plus the keys the grid and viewer handle themselves.
class ShortcutsDialog : public QDialog {
    Q_OBJECT

public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
};

} // namespace sieve::ui
