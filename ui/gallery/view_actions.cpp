#include "gallery/view_actions.h"

#include "session/project_session.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QWidget>

namespace sieve::ui {

namespace {

// Filters compare without their sort when the question is "which view is this?": the facet
// panel does not know the sort.
bool sameSelection(store::ImageFilter a, store::ImageFilter b)
{
    a.sort = b.sort;
    a.descending = b.descending;
    return a == b;
}

} // namespace

ViewActions::ViewActions(ProjectSession *session, QWidget *window, QObject *parent)
    : QObject(parent), m_session(session), m_window(window), m_save(new QAction(tr("Save &View…"), this)),
      m_menu(new QMenu(tr("Saved &Views")))
{
    m_save->setObjectName(QStringLiteral("saveView"));
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_save->setToolTip(tr("Save the current filters and sort under a name"));
    m_window->addAction(m_save);
    m_menu->setObjectName(QStringLiteral("savedViewsMenu"));
    connect(m_save, &QAction::triggered, this, &ViewActions::saveCurrentView);
    connect(m_session, &ProjectSession::viewsChanged, this, &ViewActions::rebuildMenu);
    rebuildMenu();
}

ViewActions::~ViewActions() { delete m_menu; }

void ViewActions::rebuildMenu()
{
    m_menu->clear();
    for (const store::SavedView &view : m_session->savedViews()) {
        QAction *entry = m_menu->addAction(view.name);
        connect(entry, &QAction::triggered, this, [this, id = view.id] { applyView(id); });
    }
    if (m_session->savedViews().isEmpty())
        m_menu->addAction(tr("(none saved yet)"))->setEnabled(false);
}

void ViewActions::applyView(std::int64_t id)
{
    for (const store::SavedView &view : m_session->savedViews())
        if (view.id == id)
            emit applyRequested(view.filter);
}

void ViewActions::saveCurrentView()
{
    const store::ImageFilter filter = m_filter ? m_filter() : store::ImageFilter{};
    QString suggestion;
    for (const store::SavedView &view : m_session->savedViews())
        if (sameSelection(view.filter, filter))
            suggestion = view.name;
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Save View"),
                                               tr("Save the current filters and sort as a view named:"),
                                               QLineEdit::Normal, suggestion, &ok)
                             .simplified();
    if (!ok || name.isEmpty())
        return;
    const std::optional<store::SavedView> existing = m_session->savedView(name);
    bool replace = false;
    if (existing) {
        if (existing->filter == filter && existing->name == name)
            return;   // saved already, nothing to ask
        const auto answer = QMessageBox::question(
            m_window, tr("Replace View"),
            tr("A view named “%1” exists already. Replace it with the current filters and sort?").arg(existing->name),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
        replace = true;
    }
    m_session->saveView(name, filter, replace);
}

void ViewActions::renameView(std::int64_t id)
{
    for (const store::SavedView &view : m_session->savedViews()) {
        if (view.id != id)
            continue;
        bool ok = false;
        const QString name = QInputDialog::getText(m_window, tr("Rename View"), tr("New name of the view “%1”:").arg(view.name),
                                                   QLineEdit::Normal, view.name, &ok)
                                 .simplified();
        if (!ok || name.isEmpty() || name == view.name)
            return;
        const std::optional<store::SavedView> taken = m_session->savedView(name);
        if (taken && taken->id != id) {
            QMessageBox::information(m_window, tr("Rename View"),
                                     tr("A view named “%1” exists already; choose another name or delete that view first.").arg(taken->name));
            return;
        }
        m_session->renameView(id, name);
        return;
    }
}

void ViewActions::deleteView(std::int64_t id)
{
    for (const store::SavedView &view : m_session->savedViews()) {
        if (view.id != id)
            continue;
        const auto answer = QMessageBox::question(m_window, tr("Delete View"),
                                                  tr("Delete the saved view “%1”? The images are not touched.").arg(view.name),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer == QMessageBox::Yes)
            m_session->deleteView(id);
        return;
    }
}

} // namespace sieve::ui
