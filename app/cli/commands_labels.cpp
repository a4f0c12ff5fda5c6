// sieve-cli label | export-labels

#include "cli.h"

#include "ingest/label_file.h"
#include "store/edit_log.h"
#include "store/project.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sieve::cli {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cli)
};

} // namespace

int runLabel(const QStringList &args)
{
    Command command(QStringLiteral("label"),
                    Tr::tr("Sets labels in bulk from a CSV (or JSON-lines) file with a path column and a label column. "
                       "All changes are one undoable action in the audit trail; an empty label removes the label."),
                    {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    command.parser().addOption({QStringLiteral("csv"), Tr::tr("The file of path,label rows."), QStringLiteral("FILE")});
    command.parser().addOption({QStringLiteral("create-categories"), Tr::tr("Create categories for unknown labels instead of reporting them.")});
    command.parser().addOption({QStringLiteral("reason"), Tr::tr("Reason recorded with every change."), QStringLiteral("TEXT")});
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    const QString file = command.parser().value(QStringLiteral("csv"));
    if (file.isEmpty())
        return command.error(Tr::tr("--csv FILE is required."), Usage);
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    store::EditLog log((*project)->db(), (*project)->actor());
    ingest::LabelFileOptions options;
    options.createCategories = command.parser().isSet(QStringLiteral("create-categories"));
    options.reason = command.parser().value(QStringLiteral("reason"));
    Result<ingest::LabelFileSummary> summary = ingest::applyLabelFile((*project)->db(), log, file, options);
    if (!summary)
        return command.error(summary.error());
    const ingest::LabelFileSummary &s = *summary;
    if (command.json()) {
        command.printJson({{QStringLiteral("rows"), s.rows},
                           {QStringLiteral("changed"), s.changed},
                           {QStringLiteral("unchanged"), s.unchanged},
                           {QStringLiteral("created_categories"), QJsonArray::fromStringList(s.createdCategories)},
                           {QStringLiteral("problems"), QJsonArray::fromStringList(s.problems)},
                           {QStringLiteral("action"), qint64(s.actionId)}});
    } else {
        command.print(Tr::tr("%1 rows: %2 labels changed, %3 already so.").arg(s.rows).arg(s.changed).arg(s.unchanged));
        if (!s.createdCategories.isEmpty())
            command.print(Tr::tr("New categories: %1").arg(s.createdCategories.join(QStringLiteral(", "))));
        for (const QString &problem : s.problems)
            command.print(QStringLiteral("  ") + problem);
    }
    return s.problems.isEmpty() ? Ok : Problems;
}

int runExportLabels(const QStringList &args)
{
    Command command(QStringLiteral("export-labels"),
                    Tr::tr("Writes every image's path, label, claimed label, review status, flags and attributes to a CSV file."),
                    {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    command.parser().addPositionalArgument(QStringLiteral("OUT_CSV"), Tr::tr("The file to write (replaced atomically)."));
    if (int code = command.parse(args, 2, 2); code >= 0)
        return code;
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    const QString out = command.positional().at(1);
    Result<qint64> rows = ingest::exportLabels((*project)->db(), out);
    if (!rows)
        return command.error(rows.error());
    if (command.json())
        command.printJson({{QStringLiteral("rows"), *rows}, {QStringLiteral("file"), out}});
    else
        command.print(Tr::tr("Wrote %1 rows to %2").arg(*rows).arg(out));
    return Ok;
}

} // namespace sieve::cli
