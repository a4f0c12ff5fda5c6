// ScalarChart's exports: the image (PNG, SVG), the data (CSV) and the menu that offers them.

#include "training/scalar_chart.h"

#include "training/chart_view.h"
#include "training/run_metrics_source.h"

#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QSvgGenerator>

namespace sieve::ui {

namespace {

QString number(double value) { return QString::number(value, 'g', 17); }

} // namespace

bool ScalarChart::exportImage(const QString &path)
{
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(m_view->size());
        generator.setViewBox(QRect(QPoint(0, 0), m_view->size()));
        generator.setTitle(m_title);
        QPainter painter;
        if (!painter.begin(&generator))
            return false;
        m_view->render(&painter);
        return painter.end();
    }
    return m_view->grab().save(path, "PNG");
}

QString ScalarChart::csv() const
{
    QString text = QStringLiteral("run,tag,step,wall_time,value,smoothed\n");
    for (int i = 0; i < m_lines.size(); ++i) {
        const store::MetricSeries *series = m_source->series(m_lines[i].runId, m_lines[i].tag);
        if (!series)
            continue;
        const std::vector<double> smoothed = smoothTensorBoard(series->values, m_weight);
        for (std::size_t p = 0; p < series->size(); ++p)
            text += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                        .arg(m_lines[i].runId)
                        .arg(m_lines[i].tag)
                        .arg(series->steps[p])
                        .arg(number(series->wallTimes[p]), number(series->values[p]), number(smoothed[p]));
    }
    return text;
}

bool ScalarChart::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        return false;
    return file.write(csv().toUtf8()) >= 0 && file.flush();
}

void ScalarChart::showMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.addAction(tr("Reset Zoom"), this, &ScalarChart::resetZoom);
    menu.addSeparator();
    menu.addAction(tr("Export Image (PNG or SVG)…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), m_title + QStringLiteral(".png"),
                                                          tr("PNG image (*.png);;SVG drawing (*.svg)"));
        if (!path.isEmpty() && !exportImage(path))
            m_readout->setText(tr("Cannot write %1.").arg(path.toHtmlEscaped()));
    });
    menu.addAction(tr("Export Data as CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart data"), m_title + QStringLiteral(".csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty() && !exportCsv(path))
            m_readout->setText(tr("Cannot write %1.").arg(path.toHtmlEscaped()));
    });
    menu.exec(m_view->mapToGlobal(position));
}

} // namespace sieve::ui
