#pragma once

#include <QDialog>

#include <cstdint>
#include <optional>

class QLineEdit;
class QListWidget;

namespace sieve::ui {

class ProjectSession;

// Type-to-search over the project's categories (real projects have 150+): fuzzy, accent- and
// case-insensitive, best match first; Up/Down choose, Enter applies, Escape cancels. Offers to
// create a category when the text names none, and to remove the label.
class CategoryPalette : public QDialog {
    Q_OBJECT

public:
    CategoryPalette(ProjectSession *session, int selectionCount, QWidget *parent = nullptr);

    struct Choice {
        enum class Kind { Category, Unlabel, Create } kind = Kind::Category;
        std::int64_t categoryId = 0;
        QString name;   // for Create
    };
    std::optional<Choice> choice() const { return m_choice; }

    QLineEdit *searchField() const { return m_search; }
    QListWidget *list() const { return m_list; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateList();
    void acceptCurrent();

    ProjectSession *m_session;
    QLineEdit *m_search;
    QListWidget *m_list;
    std::optional<Choice> m_choice;
};

} // namespace sieve::ui
