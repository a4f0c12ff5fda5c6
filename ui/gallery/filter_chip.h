#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace sieve::ui {

// A rounded label naming a restriction of the gallery that no facet shows (a confusion-matrix
// cell of a training run), with a × that asks to remove it. GUI thread only.
class FilterChip : public QFrame {
    Q_OBJECT

public:
    explicit FilterChip(QWidget *parent = nullptr);

    void setText(const QString &text, const QString &toolTip = {});
    QString text() const;
    QToolButton *removeButton() const { return m_remove; }

signals:
    void removeRequested();

private:
    QLabel *m_label;
    QToolButton *m_remove;
};

} // namespace sieve::ui
