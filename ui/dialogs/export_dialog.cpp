#include "dialogs/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace sieve::ui {

namespace {

// What the images field's entries hold: a kind, and for saved views an index into m_views.
enum Source { WholeProject = -2, Gallery = -1 };

} // namespace

ExportDialog::ExportDialog(const store::ImageFilter &galleryFilter, qint64 shownImages, const QList<store::SavedView> &views,
                           QWidget *parent)
    : QDialog(parent), m_galleryFilter(galleryFilter), m_views(views), m_folder(new QLineEdit(this)),
      m_images(new QComboBox(this)), m_acceptedOnly(new QCheckBox(tr("Only images accepted in review"), this)),
      m_onePerGroup(new QCheckBox(tr("One image per duplicate group (the suggested keeper where you have not chosen)"), this)),
      m_skipPoorQuality(new QCheckBox(tr("Leave out images flagged as poor quality"), this)), m_layout(new QComboBox(this)),
      m_manifest(new QComboBox(this)), m_train(new QDoubleSpinBox(this)), m_validation(new QDoubleSpinBox(this)), m_seed(new QSpinBox(this)),
      m_redaction(new QComboBox(this)), m_keepNames(new QCheckBox(tr("Keep the original file names (they may identify people)"), this)),
      m_problem(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export a Cleaned Dataset"));
    setMinimumWidth(640);
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Rejected, unlabeled and missing images, and those the options below leave out, are listed "
                                "in exclusions.csv. Personal information is redacted in every region you did not reject; "
                                "every file is re-encoded, so no EXIF or GPS survives."),
                             this);
    intro->setWordWrap(true);
    form->addRow(intro);
    auto *folderRow = new QWidget(this);
    auto *folderLayout = new QHBoxLayout(folderRow);
    folderLayout->setContentsMargins(0, 0, 0, 0);
    folderLayout->addWidget(m_folder, 1);
    auto *browse = new QPushButton(tr("Browse…"), folderRow);
    folderLayout->addWidget(browse);
    form->addRow(tr("New folder:"), folderRow);
    m_images->setObjectName(QStringLiteral("exportImages"));
    m_images->addItem(tr("All images of the project"), int(WholeProject));
    if (galleryFilter.restricts()) {
        m_images->addItem(tr("The images the gallery shows now (%1)").arg(QLocale().toString(shownImages)), int(Gallery));
        m_images->setCurrentIndex(1);
    }
    for (int i = 0; i < m_views.size(); ++i)
        m_images->addItem(tr("Saved view: %1").arg(m_views[i].name), i);
    m_images->setToolTip(tr("Save a filter as a view with View > Save View…"));
    form->addRow(tr("Images:"), m_images);
    form->addRow(QString(), m_acceptedOnly);
    m_onePerGroup->setChecked(true);
    m_onePerGroup->setToolTip(tr("Groups found by Scan > Find Duplicates that you have not reviewed keep only the image "
                                 "the scan suggests (most pixels, then largest file); the others are listed in exclusions.csv."));
    form->addRow(QString(), m_onePerGroup);
    m_skipPoorQuality->setChecked(true);
    form->addRow(QString(), m_skipPoorQuality);
    m_layout->addItem(tr("One folder per split and category (ImageFolder)"), int(exporting::ExportLayout::ImageFolder));
    m_layout->addItem(tr("Flat: all images in one folder, described by the manifest"), int(exporting::ExportLayout::Flat));
    form->addRow(tr("Layout:"), m_layout);
    m_manifest->addItem(tr("CSV (manifest.csv)"), int(exporting::ManifestFormat::Csv));
    m_manifest->addItem(tr("JSON lines (manifest.jsonl)"), int(exporting::ManifestFormat::JsonLines));
    m_manifest->setToolTip(tr("Every exported file with its split, label, country and SHA-256 checksum."));
    form->addRow(tr("Manifest:"), m_manifest);
    for (QDoubleSpinBox *share : {m_train, m_validation}) {
        share->setRange(0, 1);
        share->setSingleStep(0.05);
        share->setDecimals(2);
    }
    m_train->setValue(0.8);
    m_validation->setValue(0.1);
    auto *splitRow = new QWidget(this);
    auto *splitLayout = new QHBoxLayout(splitRow);
    splitLayout->setContentsMargins(0, 0, 0, 0);
    splitLayout->addWidget(new QLabel(tr("train"), splitRow));
    splitLayout->addWidget(m_train);
    splitLayout->addWidget(new QLabel(tr("validation"), splitRow));
    splitLayout->addWidget(m_validation);
    splitLayout->addStretch(1);
    form->addRow(tr("Split:"), splitRow);
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setValue(1);
    form->addRow(tr("Seed:"), m_seed);
    m_redaction->addItem(tr("Pixelate"), int(imaging::RedactionStyle::Pixelate));
    m_redaction->addItem(tr("Blur"), int(imaging::RedactionStyle::Blur));
    m_redaction->addItem(tr("Black box"), int(imaging::RedactionStyle::Fill));
    form->addRow(tr("Redaction:"), m_redaction);
    form->addRow(QString(), m_keepNames);
    m_problem->setStyleSheet(QStringLiteral("color: #b71c1c"));
    m_problem->setWordWrap(true);
    form->addRow(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    form->addRow(m_buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getSaveFileName(this, tr("New folder for the export"), m_folder->text());
        if (!chosen.isEmpty())
            m_folder->setText(chosen);
    });
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::validate);
    connect(m_train, &QDoubleSpinBox::valueChanged, this, &ExportDialog::validate);
    connect(m_validation, &QDoubleSpinBox::valueChanged, this, &ExportDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void ExportDialog::validate()
{
    QString problem;
    const QString folder = m_folder->text().trimmed();
    const QFileInfo info(folder);
    if (folder.isEmpty())
        problem = tr("Choose a new or empty folder.");
    else if (info.exists() && !info.isDir())
        problem = tr("%1 is a file.").arg(folder);
    else if (info.isDir() && !QDir(folder).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        problem = tr("%1 is not empty; an export needs a new or empty folder.").arg(folder);
    else if (!QFileInfo(info.absolutePath()).isDir())
        problem = tr("The folder %1 does not exist.").arg(info.absolutePath());
    else if (m_train->value() + m_validation->value() > 1.0 + 1e-9)
        problem = tr("Train and validation together cannot exceed 1 (the rest is the test set).");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

bool ExportDialog::canExport() const { return m_buttons->button(QDialogButtonBox::Ok)->isEnabled(); }

bool ExportDialog::chooseView(const QString &name)
{
    for (int row = 0; row < m_images->count(); ++row) {
        const int source = m_images->itemData(row).toInt();
        if (source >= 0 && m_views[source].name.compare(name, Qt::CaseInsensitive) == 0) {
            m_images->setCurrentIndex(row);
            return true;
        }
    }
    return false;
}

exporting::ExportOptions ExportDialog::options() const
{
    exporting::ExportOptions options;
    options.outDir = m_folder->text().trimmed();
    const int source = m_images->currentData().toInt();
    if (source == Gallery) {
        options.filter = m_galleryFilter;
        options.selection = tr("the gallery's filter");
    } else if (source >= 0 && source < m_views.size()) {
        options.filter = m_views[source].filter;
        options.selection = tr("saved view “%1”").arg(m_views[source].name);
    } else {
        options.selection = tr("all images of the project");
    }
    options.acceptedOnly = m_acceptedOnly->isChecked();
    if (options.acceptedOnly)
        options.selection = tr("%1, accepted in review only").arg(options.selection);
    options.onePerDuplicateGroup = m_onePerGroup->isChecked();
    options.excludePoorQuality = m_skipPoorQuality->isChecked();
    options.layout = exporting::ExportLayout(m_layout->currentData().toInt());
    options.manifest = exporting::ManifestFormat(m_manifest->currentData().toInt());
    options.trainShare = m_train->value();
    options.validationShare = m_validation->value();
    options.seed = quint64(m_seed->value());
    options.redaction.style = imaging::RedactionStyle(m_redaction->currentData().toInt());
    options.anonymousNames = !m_keepNames->isChecked();
    return options;
}

} // namespace sieve::ui
