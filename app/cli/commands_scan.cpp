// sieve-cli scan

#include "cli.h"

#include "scan/scan_job.h"
#include "store/project.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sieve::cli {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::scan)
};

} // namespace

int runScan(const QStringList &args)
{
    Command command(QStringLiteral("scan"),
                    Tr::tr("Scans a project's images. quality: sharpness, exposure, contrast and size of every image "
                           "not yet measured, with a perceptual hash; images with defects get a suggested quality flag. "
                           "duplicates: groups identical and near-identical images (run quality first) and suggests a "
                           "duplicate flag on all but the best of each group. all: both. Flags you set or dismissed "
                           "are never changed."),
                    {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    command.parser().addPositionalArgument(QStringLiteral("WHAT"), Tr::tr("quality, duplicates or all."));
    command.parser().addOption({QStringLiteral("threads"), Tr::tr("Worker threads (default: one per core)."), QStringLiteral("N")});
    if (int code = command.parse(args, 2, 2); code >= 0)
        return code;
    const QString what = command.positional().at(1);
    if (what != QLatin1String("quality") && what != QLatin1String("duplicates") && what != QLatin1String("all"))
        return command.error(Tr::tr("WHAT must be quality, duplicates or all, not “%1”.").arg(what), Usage);
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    const int threads = command.parser().value(QStringLiteral("threads")).toInt();

    QJsonObject json;
    bool cancelled = false;
    qint64 failed = 0;
    if (what != QLatin1String("duplicates")) {
        scan::QualityScanOptions options;
        options.threads = threads;
        Result<scan::ScanSummary> summary = scan::runQualityScan((*project)->db(), options, command.context());
        command.finishProgress();
        if (!summary)
            return command.error(summary.error());
        const scan::ScanSummary &s = *summary;
        cancelled = s.cancelled;
        failed = s.failed;
        QJsonObject defects;
        QStringList defectText;
        for (auto it = s.defects.cbegin(); it != s.defects.cend(); ++it) {
            defects.insert(it.key(), it.value());
            defectText.append(QStringLiteral("%1 %2").arg(it.value()).arg(it.key()));
        }
        QJsonArray issues;
        for (const jobs::JobIssue &issue : s.issues)
            issues.append(QJsonObject{{QStringLiteral("path"), issue.path}, {QStringLiteral("reason"), issue.reason}});
        json.insert(QStringLiteral("quality"),
                    QJsonObject{{QStringLiteral("scanned"), s.scanned},
                                {QStringLiteral("failed"), s.failed},
                                {QStringLiteral("with_defects"), s.withDefects},
                                {QStringLiteral("defects"), defects},
                                {QStringLiteral("flags_suggested"), s.flagsSuggested},
                                {QStringLiteral("issues"), issues},
                                {QStringLiteral("cancelled"), s.cancelled}});
        if (!command.json()) {
            command.print(Tr::tr("Quality: %1 images scanned, %2 with defects (%3), %4 could not be read.")
                              .arg(s.scanned).arg(s.withDefects)
                              .arg(defectText.isEmpty() ? Tr::tr("none") : defectText.join(QStringLiteral(", ")))
                              .arg(s.failed));
            if (s.failed > 0) {
                QList<std::pair<QString, QString>> pairs;
                for (const jobs::JobIssue &issue : s.issues)
                    pairs.append({issue.path, issue.reason});
                command.print(issueReport(pairs, s.failed).trimmed());
            }
        }
    }
    if (!cancelled && what != QLatin1String("quality")) {
        scan::DuplicateScanOptions options;
        options.threads = threads;
        Result<scan::DuplicateSummary> summary = scan::runDuplicateScan((*project)->db(), options, command.context());
        command.finishProgress();
        if (!summary)
            return command.error(summary.error());
        const scan::DuplicateSummary &s = *summary;
        cancelled = s.cancelled;
        json.insert(QStringLiteral("duplicates"),
                    QJsonObject{{QStringLiteral("hashed"), s.hashed},
                                {QStringLiteral("groups"), s.groups},
                                {QStringLiteral("images_in_groups"), s.imagesInGroups},
                                {QStringLiteral("exact_groups"), s.exactGroups},
                                {QStringLiteral("copies"), s.copies},
                                {QStringLiteral("flags_suggested"), s.flagsSuggested},
                                {QStringLiteral("cancelled"), s.cancelled}});
        if (!command.json())
            command.print(Tr::tr("Duplicates: %1 groups holding %2 images (%3 of identical images) among %4 hashed images; "
                                 "%5 byte-identical copies recorded at import.")
                              .arg(s.groups).arg(s.imagesInGroups).arg(s.exactGroups).arg(s.hashed).arg(s.copies));
    }
    json.insert(QStringLiteral("cancelled"), cancelled);
    if (command.json())
        command.printJson(json);
    else if (cancelled)
        command.print(Tr::tr("Cancelled. What was scanned is kept; run the same command again to continue."));
    if (cancelled)
        return Interrupted;
    return failed > 0 ? Problems : Ok;
}

} // namespace sieve::cli
