#include "gallery/inspector_panel.h"

#include "session/project_session.h"
#include "store/image_query.h"
#include "store/models.h"
#include "store/predictions.h"
#include "store/project.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLocale>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sieve::ui {

namespace {

QString escape(const QString &text) { return text.toHtmlEscaped(); }

QString row(const QString &key, const QString &value, bool warn = false)
{
    return QStringLiteral("<tr><td class='k'>%1</td><td%3>%2</td></tr>")
        .arg(escape(key), value, warn ? QStringLiteral(" class='warn'") : QString());
}

QString localTime(const QString &iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat) : iso;
}

} // namespace

InspectorPanel::InspectorPanel(ProjectSession *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("inspector"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_browser->setOpenLinks(false);
    m_browser->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_browser);
    connect(m_session, &ProjectSession::imagesChanged, this, [this] { showImage(m_imageId); });
    showImage(0);
}

QString InspectorPanel::text() const { return m_browser->toPlainText(); }

void InspectorPanel::showSelectionCount(int count)
{
    if (count > 1) {
        m_imageId = 0;
        m_browser->setHtml(tr("<p style='color:gray'>%n images selected. Number keys, A, X and the flag keys "
                              "apply to all of them.</p>", nullptr, count));
    }
}

void InspectorPanel::setPredictionModel(std::int64_t modelId)
{
    if (modelId == m_predictionModel)
        return;
    m_predictionModel = modelId;
    if (m_imageId)
        showImage(m_imageId);
}

QString InspectorPanel::predictionsHtml(std::int64_t imageId, const std::optional<std::int64_t> &label) const
{
    if (m_predictionModel <= 0)
        return {};
    // One row by primary key, and the model's record.
    store::Database &db = m_session->project().db();
    Result<QList<store::PredictedClass>> classes = store::predictedClasses(db, imageId, m_predictionModel);
    Result<std::optional<store::ModelRecord>> model = store::findModel(db, m_predictionModel);
    const QString name = model && *model ? (*model)->name : tr("model %1").arg(m_predictionModel);
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("Prediction · %1").arg(escape(name)));
    if (!classes)
        return html + QStringLiteral("<div class='warn'>%1</div>").arg(escape(classes.error()));
    if (classes->isEmpty())
        return html + QStringLiteral("<div class='muted'>%1</div>").arg(tr("Not classified by this model yet (Model > Classify All…)."));
    const bool disagrees = label && classes->front().categoryId != label;
    if (disagrees)
        html += QStringLiteral("<div class='warn'>%1</div>").arg(tr("The model disagrees with the label."));
    html += QStringLiteral("<table width='100%' cellspacing='0'>");
    for (int i = 0; i < classes->size(); ++i) {
        const store::PredictedClass &c = classes->at(i);
        const bool isLabel = label && c.categoryId == label;
        const int percent = qBound(0, qRound(c.probability * 100), 100);
        const QString colour = isLabel ? QStringLiteral("#2e7d32") : i == 0 && disagrees ? QStringLiteral("#e65100") : QStringLiteral("#1565c0");
        QString title = escape(c.label);
        if (isLabel)
            title = QStringLiteral("<b>%1</b> <span style='color:#2e7d32'>✓ %2</span>").arg(title, tr("label"));
        // The bar: two cells of a full-width table, the coloured one as wide as the probability.
        const QString bar = percent == 0
            ? QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0'><tr><td bgcolor='#e6e6e6' style='font-size:3pt'>&nbsp;</td></tr></table>")
            : QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0'><tr><td width='%1%' bgcolor='%2' style='font-size:3pt'>&nbsp;</td>"
                             "<td bgcolor='#e6e6e6' style='font-size:3pt'>&nbsp;</td></tr></table>").arg(percent).arg(colour);
        html += QStringLiteral("<tr><td style='padding-top:3px'>%1</td><td align='right' style='padding-top:3px'>%2</td></tr>"
                               "<tr><td colspan='2' style='padding:0 0 2px 0'>%3</td></tr>")
                    .arg(title, QLocale().toString(c.probability * 100, 'f', 1) + QStringLiteral(" %"), bar);
    }
    return html + QStringLiteral("</table>");
}

void InspectorPanel::showImage(std::int64_t imageId)
{
    m_imageId = imageId;
    if (imageId == 0) {
        m_browser->setHtml(tr("<p style='color:gray'>Select an image to see its details and history.</p>"));
        return;
    }
    Result<store::ImageDetails> details = store::imageDetails(m_session->project().db(), imageId);
    if (!details) {
        m_browser->setHtml(QStringLiteral("<p>%1</p>").arg(escape(details.error())));
        return;
    }
    const store::ImageDetails &d = *details;
    const store::ImageRow &r = d.row;
    const QLocale locale;
    QString html = QStringLiteral(
        "<style>td{padding:1px 6px 1px 0;vertical-align:top} td.k{color:#666;white-space:nowrap} "
        ".warn{color:#b71c1c;font-weight:bold} h3{margin:10px 0 4px 0} .muted{color:#888}</style>");
    html += QStringLiteral("<h3>%1</h3><table>").arg(escape(r.path.section(QLatin1Char('/'), -1)));
    html += row(tr("Path"), escape(r.absolutePath));
    const bool swap = r.orientation >= 5;
    html += row(tr("Pixels"), QStringLiteral("%1 × %2 (%3 MP) · %4")
                                  .arg(swap ? r.height : r.width)
                                  .arg(swap ? r.width : r.height)
                                  .arg(double(r.width) * r.height / 1e6, 0, 'f', 1)
                                  .arg(r.format.toUpper()));
    html += row(tr("File"), locale.formattedDataSize(r.fileSize));
    if (r.missing)
        html += row(tr("Status"), tr("file missing on disk"), true);
    html += row(tr("Label"), r.label.isEmpty() ? QStringLiteral("<i>%1</i>").arg(tr("unlabeled")) : QStringLiteral("<b>%1</b>").arg(escape(r.label)));
    if (!d.claimedLabel.isEmpty() && d.claimedLabel.compare(r.label, Qt::CaseInsensitive) != 0)
        html += row(tr("Claimed"), escape(d.claimedLabel));
    html += row(tr("Review"), store::reviewStatusTitle(r.status));
    for (const QString &kind : r.flags) {
        const QString note = d.flagNotes.value(kind);
        html += row(tr("Flag"), escape(store::flagTitle(kind) + (note.isEmpty() ? QString() : QStringLiteral(": ") + note)), kind == QLatin1String("pii"));
    }
    for (auto it = d.suggestionNotes.cbegin(); it != d.suggestionNotes.cend(); ++it)
        html += row(tr("Suggested"), escape(store::flagTitle(it.key()) + (it.value().isEmpty() ? QString() : QStringLiteral(": ") + it.value()))
                                         + QStringLiteral(" <span class='muted'>(%1)</span>").arg(tr("confirm with its key, Shift+key dismisses")));
    html += QStringLiteral("</table>");
    html += predictionsHtml(imageId, r.categoryId);

    if (!d.quality.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><table>").arg(tr("Quality"));
        const std::pair<const char *, QString> scores[] = {
            {"sharpness", tr("Sharpness")}, {"mean", tr("Brightness")}, {"contrast", tr("Contrast")},
            {"dark_share", tr("Dark pixels")}, {"bright_share", tr("Bright pixels")}};
        for (const auto &[key, title] : scores) {
            if (!d.quality.contains(QLatin1String(key)))
                continue;
            const double value = d.quality.value(QLatin1String(key)).toDouble();
            html += row(title, QLatin1String(key).endsWith(QLatin1String("_share"))
                                   ? QStringLiteral("%1 %").arg(QLocale().toString(value * 100, 'f', 1))
                                   : QLocale().toString(value, 'f', 1));
        }
        const QStringList defects = d.quality.value(QStringLiteral("defects")).toVariant().toStringList();
        if (!defects.isEmpty())
            html += row(tr("Defects"), escape(defects.join(QStringLiteral(", "))), true);
        html += QStringLiteral("</table>");
    }
    if (!d.duplicates.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3>").arg(d.duplicateKeeper ? tr("Duplicates (this one is suggested to keep)")
                                                                   : tr("Duplicate of"));
        for (const QString &other : d.duplicates)
            html += QStringLiteral("<div class='muted'>%1</div>").arg(escape(other));
    }

    if (!d.attributes.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3><table>").arg(tr("Metadata"));
        for (const auto &[key, value] : d.attributes)
            html += row(key, escape(value));
        html += QStringLiteral("</table>");
    }

    html += QStringLiteral("<h3>%1</h3><table>").arg(tr("EXIF"));
    if (d.exif.isEmpty())
        html += QStringLiteral("<tr><td class='muted'>%1</td></tr>").arg(tr("none"));
    const QString camera = (d.exif.value(QStringLiteral("make")).toString() + QLatin1Char(' ') + d.exif.value(QStringLiteral("model")).toString()).trimmed();
    if (!camera.isEmpty())
        html += row(tr("Camera"), escape(camera));
    if (d.exif.contains(QStringLiteral("taken_at")))
        html += row(tr("Taken"), escape(d.exif.value(QStringLiteral("taken_at")).toString()));
    if (d.exif.contains(QStringLiteral("gps"))) {
        const QJsonObject gps = d.exif.value(QStringLiteral("gps")).toObject();
        html += row(tr("GPS"), QStringLiteral("%1, %2").arg(gps.value(QStringLiteral("lat")).toDouble(), 0, 'f', 5)
                                   .arg(gps.value(QStringLiteral("lon")).toDouble(), 0, 'f', 5), true);
    }
    const std::pair<const char *, QString> identifying[] = {
        {"serial", tr("Serial number")}, {"lens_serial", tr("Lens serial")}, {"owner", tr("Owner")},
        {"artist", tr("Artist")}, {"copyright", tr("Copyright")}, {"unique_id", tr("Image ID")}};
    for (const auto &[key, title] : identifying)
        if (d.exif.contains(QLatin1String(key)))
            html += row(title, escape(d.exif.value(QLatin1String(key)).toString()), true);
    if (d.exif.contains(QStringLiteral("software")))
        html += row(tr("Software"), escape(d.exif.value(QStringLiteral("software")).toString()));
    html += QStringLiteral("</table>");

    if (!d.copies.isEmpty()) {
        html += QStringLiteral("<h3>%1</h3>").arg(tr("Identical copies"));
        for (const QString &copy : d.copies)
            html += QStringLiteral("<div class='muted'>%1</div>").arg(escape(copy));
    }

    html += QStringLiteral("<h3>%1</h3>").arg(tr("History"));
    Result<QList<store::HistoryEntry>> history = m_session->history(imageId);
    if (!history || history->isEmpty()) {
        html += QStringLiteral("<div class='muted'>%1</div>").arg(
            d.claimedLabel.isEmpty() ? tr("No changes yet.") : tr("Imported with the label “%1”.").arg(escape(d.claimedLabel)));
    } else {
        html += QStringLiteral("<table>");
        for (const store::HistoryEntry &entry : *history) {
            QString what = QStringLiteral("%1 → %2").arg(escape(entry.oldText), escape(entry.newText));
            if (entry.field.startsWith(QLatin1String("region:")))
                what = tr("Region: %1").arg(what);
            else if (entry.field.startsWith(QLatin1String("flag:")))
                what = QStringLiteral("%1: %2").arg(escape(store::flagTitle(entry.field.mid(5))), what);
            if (entry.phase == QLatin1String("undo"))
                what += QStringLiteral(" <span class='muted'>(%1)</span>").arg(tr("undo"));
            else if (entry.phase == QLatin1String("redo"))
                what += QStringLiteral(" <span class='muted'>(%1)</span>").arg(tr("redo"));
            if (!entry.reason.isEmpty())
                what += QStringLiteral("<br><span class='muted'>%1</span>").arg(escape(entry.reason));
            html += QStringLiteral("<tr><td class='k'>%1<br>%2</td><td>%3</td></tr>")
                        .arg(escape(localTime(entry.at)), escape(entry.actor), what);
        }
        html += QStringLiteral("</table>");
        if (!d.claimedLabel.isEmpty())
            html += QStringLiteral("<div class='muted'>%1</div>").arg(tr("Imported with the label “%1”.").arg(escape(d.claimedLabel)));
    }
    m_browser->setHtml(html);
}

} // namespace sieve::ui
