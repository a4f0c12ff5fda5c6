#include "review/duplicate_groups_dialog.h"

#include "gallery/thumbnail_loader.h"
#include "session/project_session.h"
#include "store/project.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace sieve::ui {

namespace {
constexpr int kMaxGroups = 1000;
}

DuplicateGroupsDialog::DuplicateGroupsDialog(ProjectSession *session, ThumbnailLoader *thumbnails, QWidget *parent)
    : QDialog(parent), m_session(session), m_thumbnails(thumbnails), m_groups(new QListWidget(this)),
      m_summary(new QLabel(this)), m_cards(new QWidget), m_cardLayout(new QHBoxLayout(m_cards)),
      m_keep(new QButtonGroup(this)), m_flagOthers(new QPushButton(tr("Flag the Others as Duplicates"), this))
{
    setObjectName(QStringLiteral("duplicateGroups"));
    setWindowTitle(tr("Duplicate Groups"));
    resize(1100, 560);
    auto *layout = new QHBoxLayout(this);
    m_groups->setMinimumWidth(230);
    m_groups->setMaximumWidth(300);
    m_groups->setTextElideMode(Qt::ElideMiddle);
    m_groups->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_groups);

    auto *right = new QVBoxLayout;
    m_summary->setWordWrap(true);
    right->addWidget(m_summary);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_cards);
    m_cardLayout->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    right->addWidget(scroll, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_flagOthers->setToolTip(tr("Flag every image of this group except the one chosen to keep (D in the grid does the same per image)."));
    buttons->addButton(m_flagOthers, QDialogButtonBox::ActionRole);
    right->addWidget(buttons);
    layout->addLayout(right, 1);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_groups, &QListWidget::currentRowChanged, this, &DuplicateGroupsDialog::showGroup);
    connect(m_flagOthers, &QPushButton::clicked, this, &DuplicateGroupsDialog::flagOthers);
    connect(m_thumbnails, &ThumbnailLoader::thumbnailsReady, this, &DuplicateGroupsDialog::refreshThumbnails);
    load();
}

void DuplicateGroupsDialog::load()
{
    Result<QList<scan::DuplicateGroup>> groups = scan::duplicateGroups(m_session->project().db(), 0, kMaxGroups);
    Result<qint64> total = scan::duplicateGroupCount(m_session->project().db());
    m_loaded = groups ? *groups : QList<scan::DuplicateGroup>();
    m_groups->clear();
    for (const scan::DuplicateGroup &group : m_loaded) {
        int exact = 0;
        for (const scan::DuplicateMember &member : group.members)
            exact += member.kind == QLatin1String("exact") ? 1 : 0;
        const QString name = group.members.isEmpty() ? QString() : group.members.first().path.section(QLatin1Char('/'), -1);
        auto *item = new QListWidgetItem(tr("%1 images · %2").arg(group.members.size()).arg(name), m_groups);
        item->setToolTip(exact ? tr("%1 byte-identical").arg(exact) : tr("near duplicates"));
    }
    if (!groups)
        m_summary->setText(groups.error());
    else if (m_loaded.isEmpty())
        m_summary->setText(tr("No duplicate groups. Run Scan > Scan Image Quality, then Scan > Find Duplicates."));
    else if (total && *total > m_loaded.size())
        m_summary->setText(tr("Showing the first %1 of %2 groups.").arg(m_loaded.size()).arg(*total));
    m_flagOthers->setEnabled(!m_loaded.isEmpty());
    if (!m_loaded.isEmpty())
        m_groups->setCurrentRow(0);
}

void DuplicateGroupsDialog::showGroup(int row)
{
    qDeleteAll(m_cards->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_pictures.clear();
    for (QAbstractButton *button : m_keep->buttons())
        m_keep->removeButton(button);
    if (row < 0 || row >= m_loaded.size())
        return;
    const scan::DuplicateGroup &group = m_loaded[row];
    const QLocale locale;
    for (const scan::DuplicateMember &member : group.members) {
        auto *card = new QWidget(m_cards);
        auto *cardLayout = new QVBoxLayout(card);
        auto *picture = new QLabel(card);
        picture->setFixedSize(m_thumbnails->side() + 8, m_thumbnails->side() + 8);
        picture->setAlignment(Qt::AlignCenter);
        picture->setStyleSheet(QStringLiteral("background: palette(window); border-radius: 4px"));
        cardLayout->addWidget(picture);
        auto *keep = new QRadioButton(member.keep ? tr("Keep (suggested)") : tr("Keep"), card);
        keep->setChecked(member.keep);
        m_keep->addButton(keep);
        keep->setProperty("imageId", qint64(member.imageId));
        cardLayout->addWidget(keep);
        QString text = QStringLiteral("<b>%1 × %2</b> · %3<br>%4")
                           .arg(member.width)
                           .arg(member.height)
                           .arg(locale.formattedDataSize(member.fileSize), member.path.toHtmlEscaped());
        if (!member.keep)
            text += QStringLiteral("<br><span style='color:gray'>%1</span>")
                        .arg(member.kind == QLatin1String("exact") ? tr("identical bytes") : tr("near, %1 bits apart").arg(member.distance));
        if (member.flaggedDuplicate)
            text += QStringLiteral("<br><span style='color:#6a1b9a'>%1</span>").arg(tr("flagged as duplicate"));
        auto *label = new QLabel(text, card);
        label->setWordWrap(true);
        label->setMaximumWidth(m_thumbnails->side() + 40);
        cardLayout->addWidget(label);
        cardLayout->addStretch(1);
        m_cardLayout->addWidget(card);
        m_pictures.append(picture);
    }
    refreshThumbnails();
}

void DuplicateGroupsDialog::refreshThumbnails()
{
    const int row = m_groups->currentRow();
    if (row < 0 || row >= m_loaded.size())
        return;
    const QList<scan::DuplicateMember> &members = m_loaded[row].members;
    for (int i = 0; i < members.size() && i < m_pictures.size(); ++i) {
        const QPixmap pixmap = m_thumbnails->pixmap(members[i].hash, members[i].absolutePath);
        if (!pixmap.isNull())
            m_pictures[i]->setPixmap(pixmap);
        else if (m_thumbnails->failed(members[i].hash))
            m_pictures[i]->setText(tr("Cannot be shown"));
    }
}

std::int64_t DuplicateGroupsDialog::keeper() const
{
    QAbstractButton *checked = m_keep->checkedButton();
    return checked ? checked->property("imageId").toLongLong() : 0;
}

void DuplicateGroupsDialog::chooseKeeper(std::int64_t imageId)
{
    for (QAbstractButton *button : m_keep->buttons())
        if (button->property("imageId").toLongLong() == imageId)
            button->setChecked(true);
}

void DuplicateGroupsDialog::flagOthers()
{
    const int row = m_groups->currentRow();
    if (row < 0 || row >= m_loaded.size())
        return;
    const std::int64_t keep = keeper();
    QList<std::int64_t> others;
    for (scan::DuplicateMember &member : m_loaded[row].members) {
        if (member.imageId != keep) {
            others.append(member.imageId);
            member.flaggedDuplicate = true;
        }
    }
    if (m_session->setFlag(others, QStringLiteral("duplicate")))
        m_groups->item(row)->setForeground(palette().color(QPalette::PlaceholderText));
    if (row + 1 < m_groups->count())
        m_groups->setCurrentRow(row + 1);
    else
        showGroup(row);
}

} // namespace sieve::ui
