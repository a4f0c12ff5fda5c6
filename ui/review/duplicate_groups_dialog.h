#pragma once

#include "scan/group_query.h"

#include <QDialog>

class QButtonGroup;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QPushButton;

namespace sieve::ui {

class ProjectSession;
class ThumbnailLoader;

// Reviews the duplicate scan's groups: a list of groups on the left, the selected group's
// images side by side on the right with resolution, file size and how close they are, the
// scan's suggestion of which to keep preselected. "Flag the others" flags every other member
// as a duplicate in one undoable action and moves to the next group.
class DuplicateGroupsDialog : public QDialog {
    Q_OBJECT

public:
    DuplicateGroupsDialog(ProjectSession *session, ThumbnailLoader *thumbnails, QWidget *parent = nullptr);

    QListWidget *groupList() const { return m_groups; }
    QPushButton *flagOthersButton() const { return m_flagOthers; }
    // The image chosen to keep in the shown group (0 when none is shown).
    std::int64_t keeper() const;
    void chooseKeeper(std::int64_t imageId);

private:
    void load();
    void showGroup(int row);
    void flagOthers();
    void refreshThumbnails();

    ProjectSession *m_session;
    ThumbnailLoader *m_thumbnails;
    QList<scan::DuplicateGroup> m_loaded;
    QListWidget *m_groups;
    QLabel *m_summary;
    QWidget *m_cards;
    QHBoxLayout *m_cardLayout;
    QButtonGroup *m_keep;
    QPushButton *m_flagOthers;
    QList<QLabel *> m_pictures;   // of the shown group, in member order
};

} // namespace sieve::ui
