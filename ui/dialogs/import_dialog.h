#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;

namespace sieve::ui {

// Asks for a folder of images and an optional metadata file (CSV or JSON lines). A
// metadata.csv beside or inside the folder is proposed. OK is enabled once the folder exists.
class ImportDialog : public QDialog {
    Q_OBJECT

public:
    explicit ImportDialog(const QString &folder = {}, QWidget *parent = nullptr);

    QString folder() const;
    QString metadataFile() const;

private:
    void folderChanged();

    QLineEdit *m_folder;
    QLineEdit *m_metadata;
    QDialogButtonBox *m_buttons;
};

} // namespace sieve::ui
