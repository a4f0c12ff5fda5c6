#include "dialogs/import_dialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace sieve::ui {

ImportDialog::ImportDialog(const QString &folder, QWidget *parent)
    : QDialog(parent), m_folder(new QLineEdit(this)), m_metadata(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import Images"));
    setMinimumWidth(560);
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Sieve imports every JPEG, PNG, WebP and TIFF image in the folder and its subfolders. "
                                "Images are referenced where they are, never copied or changed. Importing the same folder "
                                "again adds new files and finds moved ones."),
                             this);
    intro->setWordWrap(true);
    form->addRow(intro);

    auto row = [this](QLineEdit *edit, auto browse) {
        auto *box = new QWidget(this);
        auto *layout = new QHBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(edit, 1);
        auto *button = new QPushButton(tr("Browse…"), box);
        connect(button, &QPushButton::clicked, this, browse);
        layout->addWidget(button);
        return box;
    };
    form->addRow(tr("Image folder:"), row(m_folder, [this] {
        const QString chosen = QFileDialog::getExistingDirectory(this, tr("Folder of images"), m_folder->text());
        if (!chosen.isEmpty())
            m_folder->setText(chosen);
    }));
    m_metadata->setPlaceholderText(tr("optional: CSV or JSON lines with path, label, country, …"));
    form->addRow(tr("Metadata file:"), row(m_metadata, [this] {
        const QString chosen = QFileDialog::getOpenFileName(this, tr("Metadata file"), m_folder->text(),
                                                            tr("Metadata (*.csv *.tsv *.jsonl *.ndjson *.json);;All files (*)"));
        if (!chosen.isEmpty())
            m_metadata->setText(chosen);
    }));
    form->addRow(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_folder, &QLineEdit::textChanged, this, &ImportDialog::folderChanged);
    m_folder->setText(folder);
    folderChanged();
}

QString ImportDialog::folder() const { return m_folder->text().trimmed(); }

QString ImportDialog::metadataFile() const { return m_metadata->text().trimmed(); }

void ImportDialog::folderChanged()
{
    const QFileInfo info(folder());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!folder().isEmpty() && info.isDir());
    if (!m_metadata->text().isEmpty() || !info.isDir())
        return;
    for (const QString &candidate : {info.absoluteFilePath() + QStringLiteral("/metadata.csv"),
                                     info.absolutePath() + QStringLiteral("/metadata.csv")}) {
        if (QFileInfo(candidate).isFile()) {
            m_metadata->setText(QDir::cleanPath(candidate));
            break;
        }
    }
}

} // namespace sieve::ui
