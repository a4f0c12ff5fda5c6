#include "cluster/worker_dialog.h"

#include "worker_registry.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace sieve::ui {

QString describeWorker(const cluster::WorkerInfo &info)
{
    const QLocale locale;
    QString text = WorkerDialog::tr("%1: Sieve %2, %3 cores (%4 threads), %5%6, %7 of %8 free")
                       .arg(info.hostname.isEmpty() ? WorkerDialog::tr("worker") : info.hostname, info.version)
                       .arg(info.cores).arg(info.threads).arg(info.isa, info.bf16 ? WorkerDialog::tr(" with bf16") : QString())
                       .arg(locale.formattedDataSize(qint64(info.memoryAvailableBytes)),
                            locale.formattedDataSize(qint64(info.memoryTotalBytes)));
    text += info.busy ? WorkerDialog::tr(", busy with job %1").arg(info.jobId) : WorkerDialog::tr(", idle");
    return text;
}

WorkerDialog::WorkerDialog(store::Database &db, const store::ClusterWorker &worker, QWidget *parent)
    : QDialog(parent), m_db(db), m_worker(worker)
{
    setObjectName(QStringLiteral("workerDialog"));
    setWindowTitle(worker.id == 0 ? tr("Add Worker") : tr("Edit Worker %1").arg(worker.address));

    auto *form = new QFormLayout;
    m_address = new QLineEdit(worker.address, this);
    m_address->setObjectName(QStringLiteral("workerAddress"));
    m_address->setPlaceholderText(tr("HOST:PORT, as the worker's --listen"));
    form->addRow(tr("&Address:"), m_address);
    m_name = new QLineEdit(worker.name, this);
    m_name->setObjectName(QStringLiteral("workerName"));
    m_name->setPlaceholderText(tr("optional, e.g. “lab GPU box”"));
    form->addRow(tr("&Name:"), m_name);

    auto *tokenBox = new QGroupBox(tr("Token"), this);
    auto *tokenLayout = new QFormLayout(tokenBox);
    const bool storedByUs = worker.tokenFile.isEmpty() || cluster::isStoredToken(worker.tokenFile);
    m_typed = new QRadioButton(worker.id == 0 ? tr("&Type it in (kept in a file only you can read)")
                                              : tr("&Type a new one (kept in a file only you can read)"), tokenBox);
    m_typed->setObjectName(QStringLiteral("typedToken"));
    m_token = new QLineEdit(tokenBox);
    m_token->setObjectName(QStringLiteral("workerToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(worker.id == 0 ? tr("the content of the worker's --token-file")
                                               : tr("leave empty to keep the stored token"));
    m_fromFile = new QRadioButton(tr("Read it from a &file"), tokenBox);
    m_fromFile->setObjectName(QStringLiteral("tokenFromFile"));
    QWidget *fileRow = nullptr;
    m_tokenFile = fileField(QStringLiteral("workerTokenFile"), tr("a file only you can read (chmod 600)"), tr("Token File"), &fileRow);
    if (!storedByUs)
        m_tokenFile->setText(worker.tokenFile);
    (storedByUs ? m_typed : m_fromFile)->setChecked(true);
    tokenLayout->addRow(m_typed);
    tokenLayout->addRow(QString(), m_token);
    tokenLayout->addRow(m_fromFile);
    tokenLayout->addRow(QString(), fileRow);
    const auto enableToken = [this] {
        m_token->setEnabled(m_typed->isChecked());
        m_tokenFile->parentWidget()->setEnabled(m_fromFile->isChecked());
    };
    connect(m_typed, &QRadioButton::toggled, this, enableToken);
    enableToken();

    auto *tlsBox = new QGroupBox(tr("TLS (when the worker has --tls-cert)"), this);
    auto *tlsForm = new QFormLayout(tlsBox);
    QWidget *row = nullptr;
    m_ca = fileField(QStringLiteral("workerCa"), tr("CA or self-signed certificate (PEM); empty: no TLS"), tr("Certificate Authority"), &row);
    m_ca->setText(worker.tlsCaFile);
    tlsForm->addRow(tr("&CA:"), row);
    m_cert = fileField(QStringLiteral("workerCert"), tr("only when the worker has --tls-ca"), tr("Client Certificate"), &row);
    m_cert->setText(worker.tlsCertFile);
    tlsForm->addRow(tr("Client certificate:"), row);
    m_key = fileField(QStringLiteral("workerKey"), tr("its key, readable only by you"), tr("Client Key"), &row);
    m_key->setText(worker.tlsKeyFile);
    tlsForm->addRow(tr("Client key:"), row);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("workerMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setMinimumHeight(m_message->fontMetrics().lineSpacing() * 2);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_test = buttons->addButton(tr("Test &Connection"), QDialogButtonBox::ActionRole);
    m_test->setObjectName(QStringLiteral("testConnection"));
    buttons->button(QDialogButtonBox::Ok)->setText(worker.id == 0 ? tr("Add") : tr("Save"));
    connect(m_test, &QPushButton::clicked, this, &WorkerDialog::test);
    connect(buttons, &QDialogButtonBox::accepted, this, &WorkerDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Result<cluster::WorkerInfo>>::finished, this, [this] {
        m_test->setEnabled(true);
        const Result<cluster::WorkerInfo> info = m_watcher.result();
        if (info)
            setMessage(QStringLiteral("✓ ") + describeWorker(*info), false);
        else
            setMessage(info.error(), true);
        emit tested(info.ok());
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(tokenBox);
    layout->addWidget(tlsBox);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(sizeHint().expandedTo(QSize(560, 0)));
}

// A running test ends within its deadline.
WorkerDialog::~WorkerDialog()
{
    m_watcher.waitForFinished();
}

QString WorkerDialog::message() const
{
    return m_message->text();
}

QLineEdit *WorkerDialog::fileField(const QString &name, const QString &placeholder, const QString &caption, QWidget **row)
{
    *row = new QWidget(this);
    auto *layout = new QHBoxLayout(*row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *edit = new QLineEdit(*row);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    auto *browse = new QPushButton(tr("Browse…"), *row);
    connect(browse, &QPushButton::clicked, this, [this, edit, caption] {
        const QString file = QFileDialog::getOpenFileName(this, caption, edit->text());
        if (!file.isEmpty())
            edit->setText(file);
    });
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return edit;
}

void WorkerDialog::setMessage(const QString &text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QStringLiteral("color: #2e7d32;"));
    m_message->setText(text);
}

Result<store::ClusterWorker> WorkerDialog::fromFields(QByteArray *typedToken) const
{
    Result<QString> address = store::validWorkerAddress(m_address->text());
    if (!address)
        return address.takeError();
    store::ClusterWorker worker = m_worker;
    worker.address = *address;
    worker.name = m_name->text().simplified();
    worker.tlsCaFile = m_ca->text().trimmed();
    worker.tlsCertFile = m_cert->text().trimmed();
    worker.tlsKeyFile = m_key->text().trimmed();
    if (worker.tlsCertFile.isEmpty() != worker.tlsKeyFile.isEmpty())
        return fail(tr("A client certificate needs its key, and a key its certificate."));
    if (!worker.tlsCertFile.isEmpty() && worker.tlsCaFile.isEmpty())
        return fail(tr("A client certificate is for TLS: choose the CA to trust as well."));
    *typedToken = {};
    if (m_typed->isChecked()) {
        *typedToken = m_token->text().trimmed().toUtf8();
        const bool keepStored = worker.id != 0 && cluster::isStoredToken(worker.tokenFile);
        if (typedToken->isEmpty() && !keepStored)
            return fail(tr("Type the worker's token (the content of its --token-file), or choose the file."));
        if (!keepStored)
            worker.tokenFile.clear();
    } else {
        worker.tokenFile = m_tokenFile->text().trimmed();
        if (worker.tokenFile.isEmpty())
            return fail(tr("Choose the file that holds the worker's token."));
    }
    return worker;
}

void WorkerDialog::test()
{
    QByteArray typed;
    Result<store::ClusterWorker> worker = fromFields(&typed);
    if (!worker) {
        setMessage(worker.error(), true);
        emit tested(false);
        return;
    }
    setMessage(tr("Asking %1…").arg(worker->address), false);
    m_test->setEnabled(false);
    m_watcher.setFuture(QtConcurrent::run([worker = *worker, typed]() -> Result<cluster::WorkerInfo> {
        Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(worker, typed);
        if (!endpoint)
            return endpoint.takeError();
        return cluster::WorkerClient(*endpoint, std::chrono::seconds(5)).info();
    }));
}

void WorkerDialog::save()
{
    QByteArray typed;
    Result<store::ClusterWorker> worker = fromFields(&typed);
    if (!worker) {
        setMessage(worker.error(), true);
        return;
    }
    // The files must be usable now: a token readable by others is refused here, not at the
    // first run.
    const QString previousToken = m_worker.tokenFile;
    QString storedNow;
    if (!typed.isEmpty()) {
        Result<QString> stored = cluster::storeWorkerToken(typed, worker->address);
        if (!stored) {
            setMessage(stored.error(), true);
            return;
        }
        storedNow = *stored;
        worker->tokenFile = storedNow;
    }
    if (Result<cluster::WorkerEndpoint> endpoint = cluster::endpointFor(*worker); !endpoint) {
        cluster::forgetStoredToken(storedNow);
        setMessage(endpoint.error(), true);
        return;
    }
    QString error;
    if (worker->id == 0) {
        Result<std::int64_t> added = store::addClusterWorker(m_db, *worker);
        if (added)
            worker->id = *added;
        else
            error = added.error();
    } else if (Status updated = store::updateClusterWorker(m_db, *worker); !updated) {
        error = updated.error();
    }
    if (!error.isEmpty()) {
        cluster::forgetStoredToken(storedNow);
        setMessage(error, true);
        return;
    }
    if (previousToken != worker->tokenFile)
        cluster::forgetStoredToken(previousToken);
    m_worker = *worker;
    accept();
}

} // namespace sieve::ui
