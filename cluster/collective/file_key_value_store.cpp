#include "file_key_value_store.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringList>

#include <thread>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPoll{10};

} // namespace

FileKeyValueStore::FileKeyValueStore(QString directory) : m_directory(std::move(directory)) {}

QString FileKeyValueStore::pathOf(const std::string &key) const
{
    // Percent-encoding keeps every key a single, safe file name ('/' and '.' included).
    const QByteArray name = QByteArray::fromStdString(key).toPercentEncoding(QByteArray(), QByteArray("._"));
    return QDir(m_directory).filePath(QStringLiteral("kv-") + QString::fromLatin1(name));
}

Status FileKeyValueStore::set(const std::string &key, const std::vector<char> &value)
{
    if (!QDir().mkpath(m_directory))
        return fail(Tr::tr("%1: the rendezvous folder cannot be created.").arg(m_directory));
    QSaveFile file(pathOf(key));
    if (!file.open(QIODevice::WriteOnly) || file.write(value.data(), qint64(value.size())) != qint64(value.size())
        || !file.commit())
        return fail(Tr::tr("%1: cannot be written: %2").arg(file.fileName(), file.errorString()));
    return {};
}

Result<std::vector<char>> FileKeyValueStore::get(const std::string &key, std::chrono::milliseconds timeout)
{
    if (Status ready = wait({key}, timeout); !ready)
        return ready.takeError();
    QFile file(pathOf(key));
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("%1: cannot be read: %2").arg(file.fileName(), file.errorString()));
    const QByteArray bytes = file.readAll();
    return std::vector<char>(bytes.begin(), bytes.end());
}

Status FileKeyValueStore::wait(const std::vector<std::string> &keys, std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        QStringList missing;
        for (const std::string &key : keys)
            if (!QFileInfo::exists(pathOf(key)))
                missing.append(QString::fromStdString(key));
        if (missing.isEmpty())
            return {};
        if (Clock::now() >= deadline)
            return fail(Tr::tr("The rendezvous timed out after %1 ms waiting for %2 in %3.")
                            .arg(timeout.count()).arg(missing.join(QStringLiteral(", ")), m_directory));
        std::this_thread::sleep_for(kPoll);
    }
}

} // namespace sieve::cluster
