// sieve-cli scan

#include "cli.h"

#include "pii/face_scan.h"
#include "pii/ocr_engine.h"
#include "pii/pii_scan.h"
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
                           "duplicate flag on all but the best of each group. pii: reads the text of images that look "
                           "like they hold some (OCR) and marks phone numbers, e-mail addresses, card and ID numbers, "
                           "names and addresses as regions to review; EXIF GPS and serial numbers count too; images "
                           "with any get a suggested pii flag. faces: finds people's faces (OpenCV cascades, frontal "
                           "and profile) as regions to review; images with faces get a suggested pii flag too. all: "
                           "all four. Flags you set or dismissed are never changed."),
                    {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    command.parser().addPositionalArgument(QStringLiteral("WHAT"), Tr::tr("quality, duplicates, pii, faces or all."));
    command.parser().addOption({QStringLiteral("threads"), Tr::tr("Worker threads (default: one per core)."), QStringLiteral("N")});
    command.parser().addOption({QStringLiteral("languages"),
                                Tr::tr("OCR languages for pii, joined with + (default: %1; packs that are not "
                                       "installed are left out).")
                                    .arg(QString::fromLatin1(pii::kDefaultOcrLanguages)),
                                QStringLiteral("LANGS")});
    command.parser().addOption({QStringLiteral("all-languages"),
                                Tr::tr("Read every photo with all the OCR languages, not only those of its country "
                                       "attribute (slower; for projects whose country attributes are unreliable).")});
    if (int code = command.parse(args, 2, 2); code >= 0)
        return code;
    const QString what = command.positional().at(1);
    if (what != QLatin1String("quality") && what != QLatin1String("duplicates") && what != QLatin1String("pii")
        && what != QLatin1String("faces") && what != QLatin1String("all"))
        return command.error(Tr::tr("WHAT must be quality, duplicates, pii, faces or all, not “%1”.").arg(what), Usage);
    const bool all = what == QLatin1String("all");
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    const int threads = command.parser().value(QStringLiteral("threads")).toInt();

    QJsonObject json;
    bool cancelled = false;
    qint64 failed = 0;
    if (all || what == QLatin1String("quality")) {
        scan::QualityScanOptions options;
        options.threads = threads;
        Result<scan::ScanSummary> summary = scan::runQualityScan((*project)->db(), options, command.context());
        command.finishProgress();
        if (!summary)
            return command.error(summary.error());
        const scan::ScanSummary &s = *summary;
        cancelled = s.cancelled;
        failed = s.failed;
        json.insert(QStringLiteral("quality"),
                    QJsonObject{{QStringLiteral("scanned"), s.scanned},
                                {QStringLiteral("failed"), s.failed},
                                {QStringLiteral("with_defects"), s.withDefects},
                                {QStringLiteral("defects"), countsJson(s.defects)},
                                {QStringLiteral("flags_suggested"), s.flagsSuggested},
                                {QStringLiteral("issues"), issuesJson(s.issues)},
                                {QStringLiteral("cancelled"), s.cancelled}});
        if (!command.json()) {
            command.print(Tr::tr("Quality: %1 images scanned, %2 with defects (%3), %4 could not be read.")
                              .arg(s.scanned).arg(s.withDefects)
                              .arg(countsText(s.defects))
                              .arg(s.failed));
            if (s.failed > 0)
                command.print(jobs::issueReport(s.issues, s.failed, 50).trimmed());
        }
    }
    if (!cancelled && (all || what == QLatin1String("duplicates"))) {
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
    if (!cancelled && (all || what == QLatin1String("pii"))) {
        pii::PiiScanOptions options;
        options.threads = threads;
        options.languages = command.parser().value(QStringLiteral("languages"));
        options.languagesByRegion = !command.parser().isSet(QStringLiteral("all-languages"));
        Result<pii::PiiScanSummary> summary = pii::runPiiScan((*project)->db(), options, command.context());
        command.finishProgress();
        if (!summary)
            return command.error(summary.error());
        const pii::PiiScanSummary &s = *summary;
        cancelled = s.cancelled;
        failed += s.failed;
        json.insert(QStringLiteral("pii"),
                    QJsonObject{{QStringLiteral("languages"), s.languages},
                                {QStringLiteral("missing_languages"), QJsonArray::fromStringList(s.missingLanguages)},
                                {QStringLiteral("scanned"), s.scanned},
                                {QStringLiteral("skipped_by_prefilter"), s.scanned - s.ocred},
                                {QStringLiteral("ocred"), s.ocred},
                                {QStringLiteral("with_pii"), s.withPii},
                                {QStringLiteral("with_exif_pii"), s.withExifPii},
                                {QStringLiteral("regions"), countsJson(s.regions)},
                                {QStringLiteral("text_regions"), s.textRegions},
                                {QStringLiteral("flags_suggested"), s.flagsSuggested},
                                {QStringLiteral("failed"), s.failed},
                                {QStringLiteral("seconds_per_image"), s.scanned > 0 ? s.ocrSeconds / double(s.scanned) : 0.0},
                                {QStringLiteral("issues"), issuesJson(s.issues)},
                                {QStringLiteral("cancelled"), s.cancelled}});
        if (!command.json()) {
            if (!s.missingLanguages.isEmpty())
                command.print(Tr::tr("OCR languages not installed, left out: %1 (apt-get install tesseract-ocr-<code>).")
                                  .arg(s.missingLanguages.join(QStringLiteral(", "))));
            command.print(Tr::tr("PII: %1 images scanned (%2 without text skipped, %3 read with OCR in %4), %5 with "
                                 "personal information (%6 by EXIF); regions: %7; %8 could not be read.")
                              .arg(s.scanned).arg(s.scanned - s.ocred).arg(s.ocred).arg(s.languages).arg(s.withPii)
                              .arg(s.withExifPii)
                              .arg(countsText(s.regions))
                              .arg(s.failed));
            if (s.failed > 0)
                command.print(jobs::issueReport(s.issues, s.failed, 50).trimmed());
        }
    }
    if (!cancelled && (all || what == QLatin1String("faces"))) {
        pii::FaceScanOptions options;
        options.threads = threads;
        Result<pii::FaceScanSummary> summary = pii::runFaceScan((*project)->db(), options, command.context());
        command.finishProgress();
        if (!summary)
            return command.error(summary.error());
        const pii::FaceScanSummary &s = *summary;
        cancelled = s.cancelled;
        failed += s.failed;
        json.insert(QStringLiteral("faces"),
                    QJsonObject{{QStringLiteral("scanned"), s.scanned},
                                {QStringLiteral("with_faces"), s.withFaces},
                                {QStringLiteral("faces"), s.faces},
                                {QStringLiteral("flags_suggested"), s.flagsSuggested},
                                {QStringLiteral("failed"), s.failed},
                                {QStringLiteral("seconds_per_image"), s.scanned > 0 ? s.detectSeconds / double(s.scanned) : 0.0},
                                {QStringLiteral("issues"), issuesJson(s.issues)},
                                {QStringLiteral("cancelled"), s.cancelled}});
        if (!command.json()) {
            command.print(Tr::tr("Faces: %1 images scanned, %2 with faces, %3 face regions to review; %4 could not be read.")
                              .arg(s.scanned).arg(s.withFaces).arg(s.faces).arg(s.failed));
            if (s.failed > 0)
                command.print(jobs::issueReport(s.issues, s.failed, 50).trimmed());
        }
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
