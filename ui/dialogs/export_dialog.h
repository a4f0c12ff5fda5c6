#pragma once

#include "export/exporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sieve::ui {

// Asks how to export a cleaned dataset: the folder, which images (the gallery's current filter,
// optionally accepted ones only), layout, split and seed, redaction style and file names. Bad
// values are explained next to the fields and keep Export disabled.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    ExportDialog(const store::ImageFilter &galleryFilter, qint64 shownImages, QWidget *parent = nullptr);

    exporting::ExportOptions options() const;
    QLineEdit *folderField() const { return m_folder; }
    QLabel *problemLabel() const { return m_problem; }
    bool canExport() const;

private:
    void validate();

    store::ImageFilter m_galleryFilter;
    QLineEdit *m_folder;
    QCheckBox *m_useFilter;
    QCheckBox *m_acceptedOnly;
    QComboBox *m_layout;
    QDoubleSpinBox *m_train;
    QDoubleSpinBox *m_validation;
    QSpinBox *m_seed;
    QComboBox *m_redaction;
    QCheckBox *m_keepNames;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace sieve::ui
