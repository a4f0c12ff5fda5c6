#include "dialogs/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sieve::ui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    resize(560, 640);
    auto *layout = new QVBoxLayout(this);
    auto *tree = new QTreeWidget(this);
    tree->setObjectName(QStringLiteral("shortcuts"));
    tree->setColumnCount(2);
    tree->setHeaderLabels({tr("Key"), tr("Action")});
    tree->setRootIsDecorated(false);
    tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    for (const QAction *action : actions) {
        if (action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        QString text = action->text();
        text.remove(QLatin1Char('&'));
        new QTreeWidgetItem(tree, {keys.join(QStringLiteral(", ")), text});
    }
    const std::pair<QString, QString> builtIn[] = {
        {tr("Arrows, Home, End, PgUp, PgDn"), tr("Move in the grid (Shift extends the selection)")},
        {tr("Ctrl+click, Shift+click, drag"), tr("Select several images")},
        {tr("Enter, double-click"), tr("Open the image in the viewer")},
        {tr("Ctrl+wheel, Ctrl++ / Ctrl+-"), tr("Thumbnail size")},
        {tr("Right, Space / Left (viewer)"), tr("Next / previous image")},
        {tr("F, Z, wheel, drag (viewer)"), tr("Fit, actual pixels, zoom, pan (drag an empty spot, or middle-drag)")},
        {tr("Tab / Shift+Tab, click (viewer)"), tr("Select a region")},
        {tr("Y / N, right-click (viewer)"), tr("Accept (redact) / reject the selected region; the menu also sets a drawn region's type")},
        {tr("Drag a region, its edges or corners (viewer)"), tr("Move or resize it (Escape cancels the drag)")},
        {tr("B, Shift+drag (viewer)"), tr("Draw a region over personal information (B toggles drawing mode)")},
        {tr("Delete (viewer)"), tr("Remove a drawn region (a detected one is rejected)")},
        {tr("R (viewer)"), tr("Redaction preview")},
        {tr("Escape (viewer)"), tr("Back to the grid")},
    };
    for (const auto &[key, text] : builtIn)
        new QTreeWidgetItem(tree, {key, text});
    layout->addWidget(tree);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace sieve::ui
