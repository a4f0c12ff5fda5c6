#include "training/run_dialogs.h"

#include "training/run_list_model.h"
#include "training/run_metrics_source.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QInputDialog>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sieve::ui {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ui::TrainingPanel)
};

} // namespace

void askRenameRun(QWidget *parent, RunMetricsSource *source, const store::RunRecord &run)
{
    bool ok = false;
    const QString name = QInputDialog::getText(parent, Tr::tr("Rename run"), Tr::tr("New name of run %1:").arg(run.id),
                                               QLineEdit::Normal, run.name, &ok);
    if (ok && !name.trimmed().isEmpty())
        source->renameRun(run.id, name.trimmed());
}

void askDeleteRun(QWidget *parent, RunMetricsSource *source, const store::RunRecord &run, const QString &projectDirectory)
{
    if (run.status == QLatin1String("running")) {
        QMessageBox::information(parent, Tr::tr("Delete run"),
                                 Tr::tr("Run %1 is still running. Cancel it before deleting it.").arg(run.id));
        return;
    }
    const auto answer = QMessageBox::question(
        parent, Tr::tr("Delete run"),
        Tr::tr("Delete run %1 “%2”, its metrics and its folder %3 with its checkpoints? Models it produced stay. This cannot be undone.")
            .arg(run.id).arg(run.name, run.directory),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        source->deleteRun(run.id, projectDirectory);
}

QWidget *showRunConfiguration(QWidget *parent, const store::RunRecord &run)
{
    QString text = Tr::tr("Run %1: %2\nStatus: %3\nFolder: %4\nStarted: %5\nFinished: %6\n")
                       .arg(run.id).arg(run.name, RunListModel::statusTitle(run.status), run.directory, run.startedAt, run.finishedAt);
    if (!run.error.isEmpty())
        text += Tr::tr("Error: %1\n").arg(run.error);
    text += Tr::tr("\nConfiguration:\n") + QString::fromUtf8(QJsonDocument(run.config).toJson(QJsonDocument::Indented));
    text += Tr::tr("\nSummary:\n") + QString::fromUtf8(QJsonDocument(run.summary).toJson(QJsonDocument::Indented));
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("runConfigurationDialog"));
    dialog->setWindowTitle(Tr::tr("Run %1 — configuration").arg(run.id));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(dialog);
    auto *view = new QPlainTextEdit(text, dialog);
    view->setObjectName(QStringLiteral("runConfigurationText"));
    view->setReadOnly(true);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QPushButton *copy = buttons->addButton(Tr::tr("Copy All"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyConfiguration"));
    QObject::connect(copy, &QPushButton::clicked, dialog, [text] { QApplication::clipboard()->setText(text); });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(640, 560);
    dialog->open();
    return dialog;
}

} // namespace sieve::ui
