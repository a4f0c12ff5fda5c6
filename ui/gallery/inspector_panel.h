#pragma once

#include <QWidget>

#include <cstdint>
#include <optional>

class QTextBrowser;

namespace sieve::ui {

class ProjectSession;

// The right panel: everything known about the current image — file, label and claimed label,
// review status, the active model's top-5 predictions with probability bars (the class that is
// the label marked), flags with notes, metadata attributes, an EXIF summary (identifying tags such
// as GPS and serial numbers stand out), duplicate copies, and the label history from the audit
// trail, newest first. Reads a handful of rows by primary key; GUI thread.
class InspectorPanel : public QWidget {
    Q_OBJECT

public:
    explicit InspectorPanel(ProjectSession *session, QWidget *parent = nullptr);

    void showImage(std::int64_t imageId);   // 0 shows nothing
    void showSelectionCount(int count);
    // The model whose top-5 predictions are shown (0: none); shows the current image again.
    void setPredictionModel(std::int64_t modelId);
    std::int64_t imageId() const { return m_imageId; }
    QString text() const;                    // plain text shown, for tests

private:
    ProjectSession *m_session;
    QTextBrowser *m_browser;
    QString predictionsHtml(std::int64_t imageId, const std::optional<std::int64_t> &label) const;

    std::int64_t m_imageId = 0;
    std::int64_t m_predictionModel = 0;
};

} // namespace sieve::ui
