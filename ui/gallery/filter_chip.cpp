#include "gallery/filter_chip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace sieve::ui {

FilterChip::FilterChip(QWidget *parent) : QFrame(parent), m_label(new QLabel(this)), m_remove(new QToolButton(this))
{
    setObjectName(QStringLiteral("filterChip"));
    // The palette's highlight, lightened: reads as "a filter is on" in light and dark themes.
    const QColor tint = palette().color(QPalette::Highlight);
    setStyleSheet(QStringLiteral("#filterChip { background: rgba(%1, %2, %3, 40); border: 1px solid rgba(%1, %2, %3, 140); "
                                 "border-radius: 6px; }")
                      .arg(tint.red()).arg(tint.green()).arg(tint.blue()));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_remove->setObjectName(QStringLiteral("filterChipRemove"));
    m_remove->setText(QStringLiteral("×"));
    m_remove->setAutoRaise(true);
    m_remove->setToolTip(tr("Remove this filter"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 2, 4);
    layout->setSpacing(4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_remove, 0, Qt::AlignTop);
    connect(m_remove, &QToolButton::clicked, this, &FilterChip::removeRequested);
}

void FilterChip::setText(const QString &text, const QString &toolTip)
{
    m_label->setText(text);
    setToolTip(toolTip);
    // All its lines, always: the filter panel is short when the training monitor takes the
    // window's lower part, and a squeezed chip would hide what narrows the gallery.
    const int lines = int(text.count(QLatin1Char('\n'))) + 1;
    m_label->setMinimumHeight(lines * m_label->fontMetrics().lineSpacing() + 2);
    setMinimumHeight(layout()->minimumSize().height());
}

QString FilterChip::text() const { return m_label->text(); }

} // namespace sieve::ui
