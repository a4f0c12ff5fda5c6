#include "store/cluster_workers.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QDir>

namespace sieve::store {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::store)
};

Result<ClusterWorker> checked(Database &db, const ClusterWorker &worker)
{
    Result<QString> address = validWorkerAddress(worker.address);
    if (!address)
        return address.takeError();
    ClusterWorker clean = worker;
    clean.address = *address;
    clean.name = worker.name.simplified();
    if (clean.tokenFile.trimmed().isEmpty())
        return fail(Tr::tr("Worker %1 needs its token (the content of its --token-file).").arg(clean.address));
    for (QString *path : {&clean.tokenFile, &clean.tlsCaFile, &clean.tlsCertFile, &clean.tlsKeyFile})
        if (!path->isEmpty())
            *path = QDir::cleanPath(QDir(path->trimmed()).absolutePath());
    if (clean.tlsCertFile.isEmpty() != clean.tlsKeyFile.isEmpty())
        return fail(Tr::tr("Worker %1: a client certificate needs its key, and a key its certificate.").arg(clean.address));
    Result<QList<ClusterWorker>> existing = listClusterWorkers(db);
    if (!existing)
        return existing.takeError();
    for (const ClusterWorker &other : *existing)
        if (other.id != worker.id && other.address.compare(clean.address, Qt::CaseInsensitive) == 0)
            return fail(Tr::tr("The project has worker %1 already.").arg(other.address));
    return clean;
}

} // namespace

Result<QString> validWorkerAddress(const QString &address)
{
    const QString trimmed = address.trimmed();
    const qsizetype colon = trimmed.lastIndexOf(QLatin1Char(':'));
    const QString host = colon > 0 ? trimmed.left(colon) : QString();
    bool isNumber = false;
    const int port = colon > 0 ? trimmed.mid(colon + 1).toInt(&isNumber) : 0;
    const bool bracketed = host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')) && host.size() > 2;
    const bool hostOk = bracketed || (!host.isEmpty() && !host.contains(QLatin1Char(':')) && !host.contains(QLatin1Char(' ')));
    if (!hostOk || !isNumber || port < 1 || port > 65535)
        return fail(Tr::tr("“%1” is not a worker address: write HOST:PORT (e.g. 10.0.0.5:50051, [fe80::1]:50051), "
                           "the address the worker's --listen names.").arg(trimmed));
    return trimmed;
}

Result<QList<ClusterWorker>> listClusterWorkers(Database &db)
{
    Result<Statement> query = db.prepare(
        "SELECT id, address, name, token_file, tls_ca_file, tls_cert_file, tls_key_file FROM cluster_workers ORDER BY id");
    if (!query)
        return query.takeError();
    QList<ClusterWorker> workers;
    Status read = query->forEachRow([&] {
        workers.append({query->int64(0), query->text(1), query->text(2), query->text(3), query->text(4), query->text(5),
                        query->text(6)});
    });
    if (!read)
        return read.takeError();
    return workers;
}

Result<std::int64_t> addClusterWorker(Database &db, const ClusterWorker &worker)
{
    ClusterWorker fresh = worker;
    fresh.id = 0;
    Result<ClusterWorker> clean = checked(db, fresh);
    if (!clean)
        return clean.takeError();
    Result<Statement> insert = db.prepare(
        "INSERT INTO cluster_workers(address, name, token_file, tls_ca_file, tls_cert_file, tls_key_file) VALUES(?,?,?,?,?,?)");
    if (!insert)
        return insert.takeError();
    insert->bind(1, clean->address).bind(2, clean->name).bind(3, clean->tokenFile).bind(4, clean->tlsCaFile)
        .bind(5, clean->tlsCertFile).bind(6, clean->tlsKeyFile);
    if (Status status = insert->exec(); !status)
        return status.takeError();
    return db.lastInsertId();
}

Status updateClusterWorker(Database &db, const ClusterWorker &worker)
{
    Result<ClusterWorker> clean = checked(db, worker);
    if (!clean)
        return clean.takeError();
    Result<Statement> update = db.prepare(
        "UPDATE cluster_workers SET address=?, name=?, token_file=?, tls_ca_file=?, tls_cert_file=?, tls_key_file=? WHERE id=?");
    if (!update)
        return update.takeError();
    update->bind(1, clean->address).bind(2, clean->name).bind(3, clean->tokenFile).bind(4, clean->tlsCaFile)
        .bind(5, clean->tlsCertFile).bind(6, clean->tlsKeyFile).bind(7, worker.id);
    if (Status status = update->exec(); !status)
        return status;
    if (db.changes() == 0)
        return fail(Tr::tr("There is no worker %1 in this project.").arg(worker.id));
    return {};
}

Status removeClusterWorker(Database &db, std::int64_t id)
{
    Result<Statement> remove = db.prepare("DELETE FROM cluster_workers WHERE id=?");
    if (!remove)
        return remove.takeError();
    remove->bind(1, id);
    return remove->exec();
}

} // namespace sieve::store
