#pragma once

#include "store/image_query.h"

#include <QObject>

#include <cstdint>
#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace sieve::ui {

class ProjectSession;

// The saved views as the user handles them: "Save View…" asks for a name (offering the view
// the gallery shows, if any) and asks before replacing a view of that name; rename and delete
// ask too. The views menu lists the views; choosing one asks to apply it. Dialogs are
// parented to WINDOW. Owned by the workspace; GUI thread only.
class ViewActions : public QObject {
    Q_OBJECT

public:
    ViewActions(ProjectSession *session, QWidget *window, QObject *parent = nullptr);
    ~ViewActions() override;

    // What "Save View…" saves: the gallery's filter and sort.
    void setFilterProvider(std::function<store::ImageFilter()> provider) { m_filter = std::move(provider); }

    QAction *saveAction() const { return m_save; }
    // "Saved Views": one entry per view, kept current; owned by this object.
    QMenu *menu() const { return m_menu; }

    void saveCurrentView();
    void renameView(std::int64_t id);
    void deleteView(std::int64_t id);
    // Asks to apply the view ID (applyRequested).
    void applyView(std::int64_t id);

signals:
    void applyRequested(const store::ImageFilter &filter);

private:
    void rebuildMenu();

    ProjectSession *m_session;
    QWidget *m_window;
    std::function<store::ImageFilter()> m_filter;
    QAction *m_save;
    QMenu *m_menu;
};

} // namespace sieve::ui
