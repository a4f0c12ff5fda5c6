// sieve-cli init | import | info | thumbnails

#include "cli.h"

#include "imaging/thumbnail_job.h"
#include "ingest/importer.h"
#include "jobs/job_store.h"
#include "store/categories.h"
#include "store/database.h"
#include "store/edit_log.h"
#include "store/image_query.h"
#include "store/project.h"
#include "store/schema.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sieve::cli {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cli)
};

} // namespace

int runInit(const QStringList &args)
{
    Command command(QStringLiteral("init"), Tr::tr("Creates an empty Sieve project in PROJECT_DIR."), {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("Folder for the new project (created if needed)."));
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    const QString dir = command.positional().at(0);
    Result<std::unique_ptr<store::Project>> project = store::Project::create(dir);
    if (!project)
        return command.error(project.error(), ProjectError);
    if (command.json())
        command.printJson({{QStringLiteral("project"), (*project)->directory()}});
    else
        command.print(Tr::tr("Created project %1").arg((*project)->directory()));
    return Ok;
}

int runImport(const QStringList &args)
{
    Command command(QStringLiteral("import"),
                    Tr::tr("Imports a folder of images (JPEG, PNG, WebP, TIFF, recognised by content) into a project, "
                       "recursively, with an optional metadata file. Running it again is incremental: new files are "
                       "added, moved files re-linked by content, vanished files marked missing."),
                    {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project (created if it does not exist)."));
    command.parser().addPositionalArgument(QStringLiteral("IMAGES_DIR"), Tr::tr("The folder of images."));
    command.parser().addOption({QStringLiteral("metadata"), Tr::tr("CSV or JSON-lines file naming images by relative path or file name; "
                                                                 "a “label” column and any other columns (country, contributor, ...)."),
                                QStringLiteral("FILE")});
    command.parser().addOption({QStringLiteral("threads"), Tr::tr("Reader threads (default: one per core)."), QStringLiteral("N")});
    if (int code = command.parse(args, 2, 2); code >= 0)
        return code;
    Result<std::unique_ptr<store::Project>> project = store::Project::openOrCreate(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);

    ingest::ImportOptions options;
    options.imagesDirectory = command.positional().at(1);
    options.metadataFile = command.parser().value(QStringLiteral("metadata"));
    options.threads = command.parser().value(QStringLiteral("threads")).toInt();
    Result<ingest::ImportSummary> summary = ingest::importImages((*project)->db(), options, command.context());
    command.finishProgress();
    if (!summary)
        return command.error(summary.error());
    const ingest::ImportSummary &s = *summary;
    if (command.json()) {
        command.printJson({{QStringLiteral("job"), qint64(s.jobId)},
                           {QStringLiteral("files"), s.files},
                           {QStringLiteral("added"), s.added},
                           {QStringLiteral("unchanged"), s.unchanged},
                           {QStringLiteral("updated"), s.updated},
                           {QStringLiteral("relinked"), s.relinked},
                           {QStringLiteral("duplicates"), s.duplicates},
                           {QStringLiteral("failed"), s.failed},
                           {QStringLiteral("other_files"), s.otherFiles},
                           {QStringLiteral("missing"), s.missing},
                           {QStringLiteral("restored"), s.restored},
                           {QStringLiteral("metadata_rows"), s.metadataRows},
                           {QStringLiteral("metadata_matched"), s.metadataMatched},
                           {QStringLiteral("labels_set"), s.labelsSet},
                           {QStringLiteral("issue_count"), s.issueCount},
                           {QStringLiteral("issues"), issuesJson(s.issues)},
                           {QStringLiteral("cancelled"), s.cancelled}});
    } else {
        command.print(Tr::tr("Imported %1 new images from %2 files (%3 unchanged, %4 updated, %5 moved and re-linked, "
                         "%6 duplicate copies, %7 not imported, %8 other files skipped, %9 now missing).")
                          .arg(s.added).arg(s.files).arg(s.unchanged).arg(s.updated).arg(s.relinked)
                          .arg(s.duplicates).arg(s.failed).arg(s.otherFiles).arg(s.missing));
        if (!command.parser().value(QStringLiteral("metadata")).isEmpty())
            command.print(Tr::tr("Metadata: %1 rows, %2 matched an image, %3 labels set.")
                              .arg(s.metadataRows).arg(s.metadataMatched).arg(s.labelsSet));
        if (s.issueCount > 0)
            command.print(Tr::tr("Problems (%1):\n%2").arg(s.issueCount).arg(jobs::issueReport(s.issues, s.issueCount, 50)).trimmed());
        if (s.cancelled)
            command.print(Tr::tr("Cancelled. What was read is kept; run the same command again to continue."));
    }
    if (s.cancelled)
        return Interrupted;
    return s.issueCount > 0 ? Problems : Ok;
}

int runInfo(const QStringList &args)
{
    Command command(QStringLiteral("info"), Tr::tr("Prints the counts of a project: images, categories, labels, "
                                               "review status, flags, missing files, import errors."), {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    store::Database &db = (*project)->db();
    Result<store::Facets> facets = store::countFacets(db);
    Result<QList<store::Category>> categories = store::listCategories(db);
    Result<std::int64_t> importErrors = db.queryInt(
        "SELECT count(*) FROM job_issues WHERE job_id IN (SELECT max(id) FROM jobs WHERE kind='import' "
        "GROUP BY json_extract(params, '$.images'))");
    Result<std::int64_t> copies = db.queryInt("SELECT count(*) FROM image_copies");
    if (!facets || !categories || !importErrors || !copies)
        return command.error(db.lastError());

    const store::Facets &f = *facets;
    const qint64 labeled = f.total - f.unlabeled;
    QJsonObject review, flags, perCategory;
    for (int i = 0; i < 3; ++i)
        review.insert(store::reviewStatusName(store::ReviewStatus(i)), f.statuses.value(i));
    for (const QString &kind : store::flagKinds())
        flags.insert(kind, f.flags.value(kind));
    int active = 0;
    for (const store::Category &category : *categories) {
        if (!category.archived) {
            ++active;
            perCategory.insert(category.name, category.imageCount);
        }
    }
    if (command.json()) {
        command.printJson({{QStringLiteral("project"), (*project)->directory()},
                           {QStringLiteral("schema_version"), store::latestSchemaVersion()},
                           {QStringLiteral("images"), f.total},
                           {QStringLiteral("categories"), active},
                           {QStringLiteral("labeled"), labeled},
                           {QStringLiteral("unlabeled"), f.unlabeled},
                           {QStringLiteral("review"), review},
                           {QStringLiteral("flags"), flags},
                           {QStringLiteral("missing"), f.missing},
                           {QStringLiteral("duplicate_copies"), qint64(*copies)},
                           {QStringLiteral("import_errors"), qint64(*importErrors)},
                           {QStringLiteral("per_category"), perCategory}});
        return Ok;
    }
    command.print(Tr::tr("Project:     %1").arg((*project)->directory()));
    command.print(Tr::tr("Images:      %1 (%2 labeled, %3 unlabeled, %4 missing, %5 duplicate copies recorded)")
                      .arg(f.total).arg(labeled).arg(f.unlabeled).arg(f.missing).arg(*copies));
    command.print(Tr::tr("Categories:  %1").arg(active));
    command.print(Tr::tr("Review:      %1 unreviewed, %2 accepted, %3 rejected")
                      .arg(f.statuses.value(0)).arg(f.statuses.value(1)).arg(f.statuses.value(2)));
    QStringList flagText;
    for (const QString &kind : store::flagKinds())
        flagText.append(QStringLiteral("%1 %2").arg(f.flags.value(kind)).arg(store::flagTitle(kind).toLower()));
    command.print(Tr::tr("Flags:       %1").arg(flagText.join(QStringLiteral(", "))));
    command.print(Tr::tr("Import errors (latest import of each folder): %1").arg(*importErrors));
    return Ok;
}

int runThumbnails(const QStringList &args)
{
    Command command(QStringLiteral("thumbnails"), Tr::tr("Builds the thumbnail cache (thumbs.db) for every image, "
                                                     "on all cores. Images already cached are skipped."), {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    command.parser().addOption({QStringLiteral("size"), Tr::tr("Longest side in pixels (default 256)."), QStringLiteral("N")});
    command.parser().addOption({QStringLiteral("threads"), Tr::tr("Worker threads (default: one per core)."), QStringLiteral("N")});
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    bool sizeOk = true;
    const int size = command.parser().isSet(QStringLiteral("size")) ? command.parser().value(QStringLiteral("size")).toInt(&sizeOk) : 0;
    if (!sizeOk || size < 0 || size > 2048)
        return command.error(Tr::tr("--size must be a number of pixels from 16 to 2048."), Usage);
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    imaging::ThumbnailOptions options;
    options.cachePath = (*project)->thumbnailCachePath();
    options.size = size;
    options.threads = command.parser().value(QStringLiteral("threads")).toInt();
    Result<imaging::ThumbnailSummary> summary = imaging::buildThumbnails((*project)->db(), options, command.context());
    command.finishProgress();
    if (!summary)
        return command.error(summary.error());
    const imaging::ThumbnailSummary &s = *summary;
    if (command.json()) {
        command.printJson({{QStringLiteral("images"), s.images},
                           {QStringLiteral("made"), s.made},
                           {QStringLiteral("cached"), s.cached},
                           {QStringLiteral("failed"), s.failed},
                           {QStringLiteral("issues"), issuesJson(s.issues)},
                           {QStringLiteral("cancelled"), s.cancelled}});
    } else {
        command.print(Tr::tr("Thumbnails: %1 made, %2 already cached, %3 failed.").arg(s.made).arg(s.cached).arg(s.failed));
        if (s.failed > 0)
            command.print(jobs::issueReport(s.issues, s.failed, 50).trimmed());
    }
    if (s.cancelled)
        return Interrupted;
    return s.failed > 0 ? Problems : Ok;
}

} // namespace sieve::cli
