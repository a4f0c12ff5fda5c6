// sieve-cli export

#include "cli.h"

#include "export/exporter.h"
#include "store/project.h"
#include "store/views.h"

#include <QCoreApplication>

namespace sieve::cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cli)
};
} // namespace

int runExport(const QStringList &args)
{
    Command command(QStringLiteral("export"),
                    Tr::tr("Exports a cleaned dataset: chosen images with personal information redacted (every region not "
                           "rejected), re-encoded without metadata, split train/val/test, with a manifest (SHA-256), "
                           "exclusions.csv and DATASHEET.md. Rejected, unlabeled and missing images, images flagged "
                           "as poor quality or duplicates, and all but the suggested keeper of each duplicate group "
                           "not yet reviewed are left out and listed. Written to OUT_DIR.partial and renamed when "
                           "complete; run again to continue an interrupted export."),
                    {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    command.parser().addPositionalArgument(QStringLiteral("OUT_DIR"), Tr::tr("A new or empty folder."));
    command.parser().addOption({QStringLiteral("view"), Tr::tr("Only the images of the view saved under NAME in the project (default: all images)."), QStringLiteral("NAME")});
    command.parser().addOption({QStringLiteral("layout"), Tr::tr("imagefolder (split/category/file, default) or flat (images/ and the manifest)."), QStringLiteral("LAYOUT")});
    command.parser().addOption({QStringLiteral("manifest"), Tr::tr("csv (manifest.csv, default) or jsonl (manifest.jsonl, one JSON object per line)."), QStringLiteral("FORMAT")});
    command.parser().addOption({QStringLiteral("split"), Tr::tr("Train and validation shares, e.g. 0.8,0.1 (default); the rest is test."), QStringLiteral("T,V")});
    command.parser().addOption({QStringLiteral("seed"), Tr::tr("Seed of the split (default 1)."), QStringLiteral("S")});
    command.parser().addOption({QStringLiteral("accepted-only"), Tr::tr("Only images accepted in review.")});
    command.parser().addOption({QStringLiteral("keep-duplicates"), Tr::tr("Also export duplicates: every image of a duplicate group, and images flagged as duplicates.")});
    command.parser().addOption({QStringLiteral("keep-poor-quality"), Tr::tr("Also export images flagged as poor quality.")});
    command.parser().addOption({QStringLiteral("redaction"), Tr::tr("pixelate (default), blur or fill."), QStringLiteral("STYLE")});
    command.parser().addOption({QStringLiteral("no-redaction"), Tr::tr("Do not redact (only for data that holds no personal information).")});
    command.parser().addOption({QStringLiteral("keep-names"), Tr::tr("Keep the original file names (they may identify people).")});
    command.parser().addOption({QStringLiteral("threads"), Tr::tr("Worker threads (default: one per core)."), QStringLiteral("N")});
    if (int code = command.parse(args, 2, 2); code >= 0)
        return code;

    exporting::ExportOptions options;
    options.outDir = command.positional().at(1);
    const QString layout = command.parser().value(QStringLiteral("layout"));
    if (layout == QLatin1String("flat"))
        options.layout = exporting::ExportLayout::Flat;
    else if (!layout.isEmpty() && layout != QLatin1String("imagefolder"))
        return command.error(Tr::tr("--layout must be imagefolder or flat."), Usage);
    const QString manifest = command.parser().value(QStringLiteral("manifest"));
    if (manifest == QLatin1String("jsonl"))
        options.manifest = exporting::ManifestFormat::JsonLines;
    else if (!manifest.isEmpty() && manifest != QLatin1String("csv"))
        return command.error(Tr::tr("--manifest must be csv or jsonl."), Usage);
    if (command.parser().isSet(QStringLiteral("split"))) {
        const QStringList parts = command.parser().value(QStringLiteral("split")).split(QLatin1Char(','));
        bool okTrain = false, okValidation = false;
        options.trainShare = parts.value(0).toDouble(&okTrain);
        options.validationShare = parts.value(1).toDouble(&okValidation);
        if (parts.size() != 2 || !okTrain || !okValidation)
            return command.error(Tr::tr("--split takes two shares, e.g. 0.8,0.1."), Usage);
    }
    options.seed = command.parser().value(QStringLiteral("seed")).isEmpty() ? 1 : command.parser().value(QStringLiteral("seed")).toULongLong();
    options.acceptedOnly = command.parser().isSet(QStringLiteral("accepted-only"));
    options.onePerDuplicateGroup = !command.parser().isSet(QStringLiteral("keep-duplicates"));
    options.excludePoorQuality = !command.parser().isSet(QStringLiteral("keep-poor-quality"));
    const QString style = command.parser().value(QStringLiteral("redaction"));
    if (style == QLatin1String("blur"))
        options.redaction.style = imaging::RedactionStyle::Blur;
    else if (style == QLatin1String("fill"))
        options.redaction.style = imaging::RedactionStyle::Fill;
    else if (!style.isEmpty() && style != QLatin1String("pixelate"))
        return command.error(Tr::tr("--redaction must be pixelate, blur or fill."), Usage);
    options.redact = !command.parser().isSet(QStringLiteral("no-redaction"));
    options.anonymousNames = !command.parser().isSet(QStringLiteral("keep-names"));
    options.threads = command.parser().value(QStringLiteral("threads")).toInt();

    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    options.selection = Tr::tr("all images of the project");
    if (command.parser().isSet(QStringLiteral("view"))) {
        const QString name = command.parser().value(QStringLiteral("view"));
        Result<std::optional<store::SavedView>> view = store::findView((*project)->db(), name);
        if (!view)
            return command.error(view.error());
        if (!view->has_value()) {
            QStringList names;
            if (Result<QList<store::SavedView>> views = store::listViews((*project)->db()); views)
                for (const store::SavedView &saved : *views)
                    names.append(QStringLiteral("“%1”").arg(saved.name));
            return command.error(names.isEmpty() ? Tr::tr("The project has no saved view named “%1” (it has none; save one in the app "
                                                           "with View > Save View…).").arg(name)
                                                 : Tr::tr("The project has no saved view named “%1”; it has %2.").arg(name, names.join(QStringLiteral(", "))),
                                 Usage);
        }
        options.filter = (*view)->filter;
        options.selection = Tr::tr("saved view “%1”").arg((*view)->name);
    }
    if (options.acceptedOnly)
        options.selection = Tr::tr("%1, accepted in review only").arg(options.selection);
    Result<exporting::ExportSummary> summary = exporting::exportDataset((*project)->db(), options, command.context());
    command.finishProgress();
    if (!summary)
        return command.error(summary.error());
    const exporting::ExportSummary &s = *summary;
    if (command.json()) {
        command.printJson({{QStringLiteral("directory"), s.directory},
                           {QStringLiteral("exported"), s.exported},
                           {QStringLiteral("excluded"), s.excluded},
                           {QStringLiteral("redacted_images"), s.redactedImages},
                           {QStringLiteral("redacted_regions"), s.redactedRegions},
                           {QStringLiteral("failed"), s.failed},
                           {QStringLiteral("cancelled"), s.cancelled}});
    } else if (s.cancelled) {
        command.print(Tr::tr("Cancelled after %1 images; run the same command again to continue.").arg(s.exported));
    } else {
        command.print(Tr::tr("Exported %1 images to %2 (%3 regions redacted in %4 images, %5 could not be read); "
                             "see DATASHEET.md and exclusions.csv.")
                          .arg(s.exported).arg(s.directory).arg(s.redactedRegions).arg(s.redactedImages).arg(s.failed));
    }
    if (s.cancelled)
        return Interrupted;
    return s.failed > 0 ? Problems : Ok;
}

} // namespace sieve::cli
