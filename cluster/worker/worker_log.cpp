#include "worker_log.h"

#include <QDateTime>

#include <cstdio>
#include <mutex>

namespace sieve::worker::log {
namespace {

std::mutex g_mutex;

void write(const char *level, const QString &text)
{
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' + level + ' '
                            + text.toUtf8() + '\n';
    const std::lock_guard lock(g_mutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

void info(const QString &text) { write("INFO", text); }
void warning(const QString &text) { write("WARN", text); }
void error(const QString &text) { write("ERROR", text); }

} // namespace sieve::worker::log
