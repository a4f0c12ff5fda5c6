#include "cli.h"

#include "base/clock.h"
#include "store/project.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace sieve::cli {

namespace {

jobs::JobContext *g_running = nullptr;

void onInterrupt(int)
{
    // Only an atomic store: safe in a signal handler.
    if (g_running)
        g_running->cancel();
}

QString formatDuration(double seconds)
{
    const qint64 s = qint64(seconds + 0.5);
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

Command::Command(QString name, QString summary, QString usage) : m_name(std::move(name))
{
    m_parser.setApplicationDescription(summary);
    m_parser.addHelpOption();
    m_parser.addOption({QStringLiteral("json"), QCoreApplication::translate("sieve::cli", "Print machine-readable JSON.")});
    Q_UNUSED(usage);

    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    m_context = std::make_unique<jobs::JobContext>([this, terminal, lastPlainMs = qint64(-10000),
                                                    lastPhase = QString()](const jobs::JobProgress &progress) mutable {
        if (m_json) {
            QJsonObject line{{QStringLiteral("phase"), progress.phase},
                             {QStringLiteral("done"), progress.done},
                             {QStringLiteral("total"), progress.total},
                             {QStringLiteral("eta_seconds"), progress.etaSeconds}};
            std::fprintf(stderr, "%s\n", QJsonDocument(QJsonObject{{QStringLiteral("progress"), line}}).toJson(QJsonDocument::Compact).constData());
            return;
        }
        const QString eta = progress.etaSeconds >= 0 ? QStringLiteral("  ETA %1").arg(formatDuration(progress.etaSeconds)) : QString();
        if (terminal) {
            QString text;
            if (progress.total > 0) {
                const double share = std::min(1.0, double(progress.done) / double(progress.total));
                const int width = 30;
                const int filled = int(share * width);
                text = QStringLiteral("\r%1 [%2%3] %4% %5/%6%7")
                           .arg(progress.phase, -26)
                           .arg(QString(filled, QLatin1Char('#')), QString(width - filled, QLatin1Char('.')))
                           .arg(int(share * 100), 3)
                           .arg(progress.done)
                           .arg(progress.total)
                           .arg(eta);
            } else {
                text = QStringLiteral("\r%1 %2").arg(progress.phase).arg(progress.done ? QString::number(progress.done) : QString());
            }
            std::fprintf(stderr, "%s\x1b[K", text.toLocal8Bit().constData());
            std::fflush(stderr);
            return;
        }
        const qint64 now = qint64(progress.elapsedSeconds * 1000);
        if (progress.phase != lastPhase || now - lastPlainMs >= 2000 || (progress.total && progress.done >= progress.total)) {
            lastPhase = progress.phase;
            lastPlainMs = now;
            if (progress.total > 0)
                std::fprintf(stderr, "%s: %lld/%lld (%d%%)%s\n", qPrintable(progress.phase), progress.done, progress.total,
                             int(100.0 * double(progress.done) / double(progress.total)), qPrintable(eta));
            else
                std::fprintf(stderr, "%s\n", qPrintable(progress.phase));
        }
    });
    g_running = m_context.get();
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

int Command::parse(const QStringList &args, int minPositional, int maxPositional)
{
    QStringList all = args;
    all.prepend(QStringLiteral("sieve-cli %1").arg(m_name));
    if (!m_parser.parse(all))
        return error(m_parser.errorText() + QStringLiteral("\n") + QCoreApplication::translate("sieve::cli", "See: sieve-cli %1 --help").arg(m_name), Usage);
    m_json = m_parser.isSet(QStringLiteral("json"));
    if (m_parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(m_parser.helpText()), stdout);
        return Ok;
    }
    const qsizetype count = m_parser.positionalArguments().size();
    if (count < minPositional || count > maxPositional)
        return error(QCoreApplication::translate("sieve::cli", "Wrong number of arguments.\n%1").arg(m_parser.helpText()), Usage);
    return -1;
}

Result<std::unique_ptr<store::Project>> Command::openProject(const QString &dir)
{
    Result<std::unique_ptr<store::Project>> project = store::Project::open(dir);
    if (project)
        (*project)->setActor(defaultActor());
    return project;
}

int Command::error(const QString &message, int code) const
{
    finishProgress();
    if (m_json)
        std::fprintf(stdout, "%s\n", QJsonDocument(QJsonObject{{QStringLiteral("error"), message}, {QStringLiteral("exit_code"), code}}).toJson(QJsonDocument::Compact).constData());
    std::fprintf(stderr, "sieve-cli %s: %s\n", qPrintable(m_name), qPrintable(message));
    return code;
}

void Command::printJson(const QJsonObject &object) const
{
    std::fprintf(stdout, "%s\n", QJsonDocument(object).toJson(QJsonDocument::Indented).constData());
}

void Command::print(const QString &text) const { std::fprintf(stdout, "%s\n", text.toLocal8Bit().constData()); }

void Command::finishProgress() const
{
    if (!m_json && ::isatty(STDERR_FILENO))
        std::fputs("\r\x1b[K", stderr);
}

QJsonArray issuesJson(const QList<jobs::JobIssue> &issues)
{
    QJsonArray array;
    for (const jobs::JobIssue &issue : issues)
        array.append(QJsonObject{{QStringLiteral("path"), issue.path}, {QStringLiteral("reason"), issue.reason}});
    return array;
}

QJsonObject countsJson(const QMap<QString, qint64> &counts)
{
    QJsonObject object;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QString countsText(const QMap<QString, qint64> &counts)
{
    QStringList parts;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        parts.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
    return parts.isEmpty() ? QCoreApplication::translate("sieve::cli", "none") : parts.join(QStringLiteral(", "));
}

} // namespace sieve::cli
