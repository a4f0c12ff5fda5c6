#pragma once

#include <QStringList>
#include <QWidget>

#include <vector>

namespace sieve::ui {

// A confusion matrix as a heat map: rows are the true classes, columns the predicted ones,
// each cell shaded by its share of its row (so small classes read as well as big ones) and
// labelled with its count. Clicking a cell reports it. GUI thread only.
class ConfusionMatrixView : public QWidget {
    Q_OBJECT

public:
    explicit ConfusionMatrixView(QWidget *parent = nullptr);

    // COUNTS[t][p]: validation images of class t predicted as p. Empty shows a placeholder.
    void setMatrix(const QStringList &classes, const std::vector<std::vector<double>> &counts);
    const std::vector<std::vector<double>> &counts() const { return m_counts; }
    // The cell under POSITION as (true, predicted); (-1, -1) outside.
    QPoint cellAt(QPoint position) const;
    QRect cellRect(int trueClass, int predicted) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void cellClicked(int trueClass, int predicted);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QRect gridRect() const;
    int labelWidth() const;

    QStringList m_classes;
    std::vector<std::vector<double>> m_counts;
    QPoint m_hover{-1, -1};
};

} // namespace sieve::ui
