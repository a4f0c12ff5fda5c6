#pragma once

#include "base/result.h"
#include "store/cluster_workers.h"
#include "worker_client.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace sieve::ui {

// Adds a sieve-worker to the project, or edits one: its address (as its --listen), a label,
// its token (typed in, then kept in a file only the user can read, or the worker's own token
// file), TLS files. Test Connection asks the worker's Info off the GUI thread and says what
// answered or why nothing did. OK checks the fields (each problem in words beside the
// buttons) and saves. GUI thread.
class WorkerDialog : public QDialog {
    Q_OBJECT

public:
    // WORKER.id == 0: a new worker.
    WorkerDialog(store::Database &db, const store::ClusterWorker &worker, QWidget *parent = nullptr);
    ~WorkerDialog() override;

    // The worker as saved (after accept()).
    const store::ClusterWorker &worker() const { return m_worker; }
    QString message() const;

    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *tokenEdit() const { return m_token; }
    QRadioButton *typedTokenChoice() const { return m_typed; }
    QPushButton *testButton() const { return m_test; }

signals:
    // A Test Connection answer arrived (its text is in the dialog).
    void tested(bool ok);

private:
    // The fields as a worker, with the typed token kept separately; a message when they do not
    // make one.
    Result<store::ClusterWorker> fromFields(QByteArray *typedToken) const;
    void test();
    void save();
    void setMessage(const QString &text, bool error);
    QLineEdit *fileField(const QString &name, const QString &placeholder, const QString &caption, QWidget **row);

    store::Database &m_db;
    store::ClusterWorker m_worker;
    QLineEdit *m_address;
    QLineEdit *m_name;
    QRadioButton *m_typed;
    QRadioButton *m_fromFile;
    QLineEdit *m_token;
    QLineEdit *m_tokenFile;
    QLineEdit *m_ca;
    QLineEdit *m_cert;
    QLineEdit *m_key;
    QLabel *m_message;
    QPushButton *m_test;
    QFutureWatcher<Result<cluster::WorkerInfo>> m_watcher;
};

// One line saying what a worker is: host, version, cores and threads, ISA, memory, job.
QString describeWorker(const cluster::WorkerInfo &info);

} // namespace sieve::ui
