#include "dialogs/category_palette.h"

#include "base/fuzzy_match.h"
#include "session/project_session.h"
#include "widgets/swatch.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace sieve::ui {

namespace {

enum ItemRole { KindRole = Qt::UserRole + 1, IdRole, NameRole };

} // namespace

CategoryPalette::CategoryPalette(ProjectSession *session, int selectionCount, QWidget *parent)
    : QDialog(parent), m_session(session), m_search(new QLineEdit(this)), m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("categoryPalette"));
    setWindowTitle(tr("Set label"));
    setMinimumWidth(420);
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(tr("Label %n selected image(s) as:", nullptr, selectionCount), this);
    layout->addWidget(hint);
    m_search->setPlaceholderText(tr("Type to search categories…"));
    m_search->installEventFilter(this);
    layout->addWidget(m_search);
    m_list->setUniformItemSizes(true);
    m_list->setMinimumHeight(320);
    layout->addWidget(m_list);
    connect(m_search, &QLineEdit::textChanged, this, &CategoryPalette::updateList);
    connect(m_search, &QLineEdit::returnPressed, this, &CategoryPalette::acceptCurrent);
    connect(m_list, &QListWidget::itemActivated, this, &CategoryPalette::acceptCurrent);
    updateList();
    m_search->setFocus();
}

void CategoryPalette::updateList()
{
    m_list->clear();
    const QString query = m_search->text().simplified();
    struct Ranked {
        int score;
        int position;
        store::Category category;
    };
    QList<Ranked> ranked;
    bool exact = false;
    const QList<std::int64_t> pinned = m_session->pinnedCategories();
    for (const store::Category &category : m_session->activeCategories()) {
        const std::optional<int> score = fuzzyScore(query, category.name);
        if (!score)
            continue;
        exact = exact || foldForMatching(category.name) == foldForMatching(query);
        ranked.append({*score, category.position, category});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [&](const Ranked &a, const Ranked &b) {
        return query.isEmpty() ? a.position < b.position : a.score > b.score;
    });
    for (const Ranked &entry : ranked) {
        const qsizetype key = pinned.indexOf(entry.category.id);
        QString text = entry.category.name;
        if (key >= 0)
            text += QStringLiteral("    [%1]").arg(key == 9 ? 0 : key + 1);
        auto *item = new QListWidgetItem(colorSwatch(entry.category.color), text, m_list);
        item->setData(KindRole, int(Choice::Kind::Category));
        item->setData(IdRole, qint64(entry.category.id));
        item->setData(NameRole, entry.category.name);
    }
    if (!query.isEmpty() && !exact) {
        auto *item = new QListWidgetItem(tr("Create category “%1”").arg(query), m_list);
        item->setData(KindRole, int(Choice::Kind::Create));
        item->setData(NameRole, query);
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
    }
    if (query.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Remove label"), m_list);
        item->setData(KindRole, int(Choice::Kind::Unlabel));
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void CategoryPalette::acceptCurrent()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    Choice choice;
    choice.kind = Choice::Kind(item->data(KindRole).toInt());
    choice.categoryId = item->data(IdRole).toLongLong();
    choice.name = item->data(NameRole).toString();
    m_choice = choice;
    accept();
}

bool CategoryPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int row = m_list->currentRow();
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int next = std::clamp(row + (key->key() == Qt::Key_Down ? 1 : -1), 0, m_list->count() - 1);
            m_list->setCurrentRow(next);
            return true;
        }
        if (key->key() == Qt::Key_PageDown || key->key() == Qt::Key_PageUp) {
            const int next = std::clamp(row + (key->key() == Qt::Key_PageDown ? 10 : -10), 0, m_list->count() - 1);
            m_list->setCurrentRow(next);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace sieve::ui
