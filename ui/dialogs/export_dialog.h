#pragma once

#include "export/exporter.h"
#include "store/views.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sieve::ui {

// Asks how to export a cleaned dataset: the folder, which images (the whole project, the
// gallery's current filter or a saved view; optionally accepted ones only; one per duplicate
// group; without poor-quality ones), layout and manifest format, split and seed, redaction
// style and file names. Bad values are explained next to the fields and keep Export disabled.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    ExportDialog(const store::ImageFilter &galleryFilter, qint64 shownImages, const QList<store::SavedView> &views,
                 QWidget *parent = nullptr);

    exporting::ExportOptions options() const;
    QLineEdit *folderField() const { return m_folder; }
    QComboBox *imagesField() const { return m_images; }
    QComboBox *manifestField() const { return m_manifest; }
    QLabel *problemLabel() const { return m_problem; }
    bool canExport() const;
    // Chooses the saved view NAME as the images to export; false when there is none.
    bool chooseView(const QString &name);

private:
    void validate();

    store::ImageFilter m_galleryFilter;
    QList<store::SavedView> m_views;
    QLineEdit *m_folder;
    QComboBox *m_images;
    QCheckBox *m_acceptedOnly;
    QCheckBox *m_onePerGroup;
    QCheckBox *m_skipPoorQuality;
    QComboBox *m_layout;
    QComboBox *m_manifest;
    QDoubleSpinBox *m_train;
    QDoubleSpinBox *m_validation;
    QSpinBox *m_seed;
    QComboBox *m_redaction;
    QCheckBox *m_keepNames;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace sieve::ui
