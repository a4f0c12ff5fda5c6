#pragma once

// A sieve-worker (or the scripted-runner worker) started by a test on 127.0.0.1 with the
// options the test chooses, so that tests can give wrong tokens, TLS files or bad options.

#include "worker_endpoint.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sieve::tests {

inline const QByteArray kTestToken = "test-token-0123456789abcdef";

inline cluster::WorkerEndpoint endpoint(const QString &address, const QByteArray &token, const QByteArray &caPem = {})
{
    cluster::WorkerEndpoint endpoint;
    endpoint.address = address;
    endpoint.token = token;
    endpoint.caPem = caPem;
    return endpoint;
}

class WorkerProcess {
public:
    // Starts EXECUTABLE with ARGS plus --port-file (and, unless ARGS has its own, a --cache-dir in
    // the test's folder and a --token-file with kTestToken). Call waitReady() next.
    WorkerProcess(const QString &executable, QStringList args, bool addToken = true)
    {
        m_cacheDir = m_dir.filePath(QStringLiteral("cache"));
        if (!args.contains(QStringLiteral("--cache-dir")))
            args << QStringLiteral("--cache-dir") << m_cacheDir;
        if (addToken && !args.contains(QStringLiteral("--token-file")) && !args.contains(QStringLiteral("--insecure-local"))) {
            QFile token(tokenFile());
            token.open(QIODevice::WriteOnly);
            token.write(kTestToken + '\n');
            token.close();
            args << QStringLiteral("--token-file") << tokenFile();
        }
        if (!args.contains(QStringLiteral("--listen")))
            args << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0");
        args << QStringLiteral("--port-file") << m_dir.filePath(QStringLiteral("port"));
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setStandardErrorFile(logFile());
        m_process.start(executable, args);
    }
    ~WorkerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Waits for the port file; false when the process exited first or after 20 s.
    bool waitReady()
    {
        QElapsedTimer timer;
        timer.start();
        QFile portFile(m_dir.filePath(QStringLiteral("port")));
        while (timer.elapsed() < 20'000) {
            if (portFile.open(QIODevice::ReadOnly)) {
                m_port = portFile.readAll().trimmed().toInt();
                if (m_port > 0)
                    return true;
                portFile.close();
            }
            if (m_process.state() == QProcess::NotRunning)
                return false;
            QThread::msleep(30);
        }
        return false;
    }
    // Waits for the process to exit; its exit code, or -1 (crashed, killed, still running).
    int waitExit(int milliseconds = 15'000)
    {
        if (!m_process.waitForFinished(milliseconds) && m_process.state() != QProcess::NotRunning)
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    void terminate() { m_process.terminate(); }

    int port() const { return m_port; }
    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString tokenFile() const { return m_dir.filePath(QStringLiteral("token")); }
    QString logFile() const { return m_dir.filePath(QStringLiteral("worker.log")); }
    QString log() const
    {
        QFile file(logFile());
        file.open(QIODevice::ReadOnly);
        return QString::fromUtf8(file.readAll());
    }
    QString cacheDir() const { return m_cacheDir; }
    QString dir() const { return m_dir.path(); }
    QProcess &process() { return m_process; }

private:
    QTemporaryDir m_dir;
    QString m_cacheDir;
    QProcess m_process;
    int m_port = 0;
};

// Whether a new server could listen on 127.0.0.1:PORT: no socket is bound to it any more.
// SO_REUSEADDR, as every server sets it (gRPC too), so that connections of the old process
// lingering in TIME_WAIT do not count, while a socket still listening does.
inline bool portIsFree(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool free = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 && ::listen(fd, 1) == 0;
    ::close(fd);
    return free;
}

} // namespace sieve::tests
