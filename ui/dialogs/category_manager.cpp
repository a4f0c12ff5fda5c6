#include "dialogs/category_manager.h"

#include "session/project_session.h"
#include "store/database.h"
#include "store/project.h"
#include "widgets/swatch.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace sieve::ui {

namespace {
enum Column { NameColumn, ImagesColumn, KeyColumn, StateColumn };
}

CategoryManager::CategoryManager(ProjectSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Categories"));
    resize(640, 520);
    auto *layout = new QHBoxLayout(this);
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Images"), tr("Key"), tr("State")});
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    layout->addWidget(m_table, 1);

    auto *buttons = new QVBoxLayout;
    auto button = [&](const QString &text, auto slot) {
        auto *b = new QPushButton(text, this);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        return b;
    };
    button(tr("Add…"), [this] {
        const QString name = QInputDialog::getText(this, tr("New category"), tr("Name:"));
        if (name.trimmed().isEmpty())
            return;
        Result<std::int64_t> id = m_session->addCategory(name);
        if (!id)
            QMessageBox::warning(this, tr("New category"), id.error());
    });
    button(tr("Rename…"), [this] {
        const auto category = m_session->category(currentId());
        if (!category)
            return;
        const QString name = QInputDialog::getText(this, tr("Rename category"), tr("Name:"), QLineEdit::Normal, category->name);
        if (!name.trimmed().isEmpty() && name != category->name)
            m_session->renameCategory(category->id, name);
    });
    button(tr("Colour…"), [this] {
        const auto category = m_session->category(currentId());
        if (!category)
            return;
        const QColor color = QColorDialog::getColor(category->color, this, tr("Colour of “%1”").arg(category->name));
        if (color.isValid())
            m_session->setCategoryColor(category->id, color);
    });
    button(tr("Merge Into…"), [this] {
        const auto from = current();
        if (!from)
            return;
        QStringList names;
        QList<std::int64_t> ids;
        for (const store::Category &category : m_session->activeCategories()) {
            if (category.id == from->id)
                continue;
            names.append(category.name);
            ids.append(category.id);
        }
        bool ok = false;
        const QString target = QInputDialog::getItem(this, tr("Merge categories"),
                                                     tr("Move the %n image(s) of “%1” into:", nullptr, int(from->imageCount)).arg(from->name),
                                                     names, 0, false, &ok);
        if (ok && names.contains(target))
            m_session->mergeCategories(from->id, ids[names.indexOf(target)]);
    });
    button(tr("Archive / Restore"), [this] {
        if (const auto category = m_session->category(currentId()))
            m_session->setCategoryArchived(category->id, !category->archived);
    });
    button(tr("Pin / Unpin Key"), [this] {
        const std::int64_t id = currentId();
        if (!id)
            return;
        QList<std::int64_t> pinned = m_session->pinnedCategories();
        if (pinned.contains(id))
            pinned.removeAll(id);
        else if (pinned.size() < 10)
            pinned.append(id);
        else
            QMessageBox::information(this, tr("Pin to a key"), tr("All ten keys are taken; unpin a category first."));
        m_session->setPinnedCategories(pinned);
    });
    buttons->addSpacing(16);
    button(tr("Import Taxonomy…"), [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Taxonomy file"), QString(),
                                                          tr("Category lists (*.csv *.txt *.tsv);;All files (*)"));
        if (!file.isEmpty())
            m_session->importTaxonomy(file);
    });
    buttons->addStretch(1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->addWidget(close);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_rebuilding || item->column() != NameColumn)
            return;
        const std::int64_t id = item->data(Qt::UserRole).toLongLong();
        const auto category = m_session->category(id);
        if (category && item->text() != category->name && !m_session->renameCategory(id, item->text()))
            rebuild();
    });
    connect(m_session, &ProjectSession::categoriesChanged, this, &CategoryManager::countImages);
    connect(&m_counting, &QFutureWatcher<QHash<std::int64_t, qint64>>::finished, this, [this] {
        m_counts = m_counting.result();
        rebuild();
    });
    rebuild();
    countImages();
}

CategoryManager::~CategoryManager() { m_counting.waitForFinished(); }

// Counting a million images takes a moment: the list shows at once, the counts follow.
void CategoryManager::countImages()
{
    rebuild();
    m_counting.setFuture(QtConcurrent::run([path = m_session->project().databasePath()] {
        QHash<std::int64_t, qint64> counts;
        Result<store::Database> db = store::Database::open(path, store::Database::Mode::ReadOnly);
        if (!db)
            return counts;
        Result<store::Statement> query = db->prepare("SELECT category_id, count(*) FROM images WHERE category_id IS NOT NULL GROUP BY category_id");
        if (query)
            (void)query->forEachRow([&] { counts.insert(query->int64(0), query->int64(1)); });
        return counts;
    }));
}

std::optional<store::Category> CategoryManager::current() const
{
    const std::int64_t id = currentId();
    for (const store::Category &category : m_categories)
        if (category.id == id)
            return category;
    return std::nullopt;
}

std::int64_t CategoryManager::currentId() const
{
    const int row = m_table->currentRow();
    return row >= 0 && m_table->item(row, NameColumn) ? m_table->item(row, NameColumn)->data(Qt::UserRole).toLongLong() : 0;
}

void CategoryManager::rebuild()
{
    m_rebuilding = true;
    const std::int64_t current = currentId();
    const QList<std::int64_t> pinned = m_session->pinnedCategories();
    m_categories = m_session->categories();
    for (store::Category &category : m_categories)
        category.imageCount = m_counts.value(category.id);
    const QList<store::Category> &categories = m_categories;
    m_table->setRowCount(int(categories.size()));
    for (int row = 0; row < categories.size(); ++row) {
        const store::Category &category = categories[row];
        auto *name = new QTableWidgetItem(category.name);
        name->setData(Qt::UserRole, qint64(category.id));
        name->setIcon(colorSwatch(category.color));
        m_table->setItem(row, NameColumn, name);
        auto readOnly = [](const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            return item;
        };
        m_table->setItem(row, ImagesColumn, readOnly(m_counting.isRunning() ? QStringLiteral("…") : QLocale().toString(category.imageCount)));
        const qsizetype key = pinned.indexOf(category.id);
        m_table->setItem(row, KeyColumn, readOnly(key < 0 ? QString() : QString::number(key == 9 ? 0 : key + 1)));
        m_table->setItem(row, StateColumn, readOnly(category.archived ? (category.mergedInto ? tr("merged") : tr("archived")) : QString()));
        if (category.id == current)
            m_table->setCurrentCell(row, NameColumn);
    }
    m_rebuilding = false;
}

} // namespace sieve::ui
