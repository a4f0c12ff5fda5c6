// sieve-cli views: list, save, rename and delete saved views (named filters) from a terminal.

#include "cli.h"

#include "store/categories.h"
#include "store/edit_log.h"
#include "store/project.h"
#include "store/views.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sieve::cli {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cli)
};

// The filter the --category, --unlabeled, --status, --flag, --attribute and --text options
// describe. Fails naming the first value that is not a category, a review status or KEY=VALUE.
Result<store::ImageFilter> filterFromOptions(store::Database &db, const QCommandLineParser &parser)
{
    store::ImageFilter filter;
    const QStringList names = parser.values(QStringLiteral("category"));
    if (!names.isEmpty()) {
        Result<QList<store::Category>> categories = store::listCategories(db, true, false);
        if (!categories)
            return categories.takeError();
        for (const QString &name : names) {
            auto it = std::find_if(categories->cbegin(), categories->cend(), [&](const store::Category &c) {
                return c.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0;
            });
            if (it == categories->cend())
                return fail(Tr::tr("There is no category \"%1\".").arg(name));
            filter.categories.append(it->id);
        }
    }
    filter.unlabeled = parser.isSet(QStringLiteral("unlabeled"));
    for (const QString &name : parser.values(QStringLiteral("status"))) {
        bool known = false;
        for (store::ReviewStatus status : {store::ReviewStatus::Unreviewed, store::ReviewStatus::Accepted, store::ReviewStatus::Rejected}) {
            if (store::reviewStatusName(status) == name.trimmed().toLower()) {
                filter.statuses.append(status);
                known = true;
            }
        }
        if (!known)
            return fail(Tr::tr("--status %1: use unreviewed, accepted or rejected.").arg(name));
    }
    for (const QString &flag : parser.values(QStringLiteral("flag"))) {
        if (!store::flagKinds().contains(flag.trimmed().toLower()))
            return fail(Tr::tr("--flag %1: use one of %2.").arg(flag, store::flagKinds().join(QStringLiteral(", "))));
        filter.flags.append(flag.trimmed().toLower());
    }
    for (const QString &pair : parser.values(QStringLiteral("attribute"))) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return fail(Tr::tr("--attribute %1: write KEY=VALUE, e.g. country=KE.").arg(pair));
        filter.attributes[pair.left(equals).trimmed()].append(pair.mid(equals + 1).trimmed());
    }
    filter.text = parser.value(QStringLiteral("text"));
    return filter;
}

Result<store::SavedView> namedView(store::Database &db, const QString &name)
{
    Result<std::optional<store::SavedView>> view = store::findView(db, name);
    if (!view)
        return view.takeError();
    if (!view->has_value())
        return fail(Tr::tr("There is no view named \"%1\".").arg(name));
    return **view;
}

} // namespace

int runViews(const QStringList &args)
{
    Command command(QStringLiteral("views"),
                    Tr::tr("Lists the project's saved views (named filters the gallery, export and training use) with "
                           "the number of images each selects; or saves, renames or deletes one."),
                    {});
    command.parser().addPositionalArgument(QStringLiteral("PROJECT_DIR"), Tr::tr("The project."));
    command.parser().addOption({QStringLiteral("save"), Tr::tr("Save a view under this name, with the filter the options below describe."), QStringLiteral("NAME")});
    command.parser().addOption({QStringLiteral("replace"), Tr::tr("With --save: overwrite a view of that name.")});
    command.parser().addOption({QStringLiteral("category"), Tr::tr("With --save: images labelled with this category (repeatable)."), QStringLiteral("NAME")});
    command.parser().addOption({QStringLiteral("unlabeled"), Tr::tr("With --save: images without a label.")});
    command.parser().addOption({QStringLiteral("status"), Tr::tr("With --save: review status unreviewed, accepted or rejected (repeatable)."), QStringLiteral("S")});
    command.parser().addOption({QStringLiteral("flag"), Tr::tr("With --save: images with this flag, e.g. pii, quality, duplicate (repeatable)."), QStringLiteral("F")});
    command.parser().addOption({QStringLiteral("attribute"), Tr::tr("With --save: images with this metadata value, e.g. country=KE (repeatable)."), QStringLiteral("KEY=VALUE")});
    command.parser().addOption({QStringLiteral("text"), Tr::tr("With --save: images whose path or metadata contains this text."), QStringLiteral("TEXT")});
    command.parser().addOption({QStringLiteral("rename"), Tr::tr("Rename this view (with --to)."), QStringLiteral("NAME")});
    command.parser().addOption({QStringLiteral("to"), Tr::tr("The new name for --rename."), QStringLiteral("NAME")});
    command.parser().addOption({QStringLiteral("delete"), Tr::tr("Delete this view (the images stay as they are)."), QStringLiteral("NAME")});
    if (int code = command.parse(args, 1, 1); code >= 0)
        return code;
    const QCommandLineParser &parser = command.parser();
    const int actions = int(parser.isSet(QStringLiteral("save"))) + int(parser.isSet(QStringLiteral("rename")))
                        + int(parser.isSet(QStringLiteral("delete")));
    if (actions > 1)
        return command.error(Tr::tr("Use one of --save, --rename and --delete at a time."), Usage);
    if (parser.isSet(QStringLiteral("rename")) != parser.isSet(QStringLiteral("to")))
        return command.error(Tr::tr("--rename NAME needs --to NEW_NAME, and --to needs --rename."), Usage);
    Result<std::unique_ptr<store::Project>> project = command.openProject(command.positional().at(0));
    if (!project)
        return command.error(project.error(), ProjectError);
    store::Database &db = (*project)->db();

    if (parser.isSet(QStringLiteral("save"))) {
        Result<store::ImageFilter> filter = filterFromOptions(db, parser);
        if (!filter)
            return command.error(filter.error(), Usage);
        const auto ifExists = parser.isSet(QStringLiteral("replace")) ? store::IfViewExists::Replace : store::IfViewExists::Fail;
        Result<std::int64_t> id = store::saveView(db, parser.value(QStringLiteral("save")), *filter, ifExists);
        if (!id)
            return command.error(id.error());
    } else if (parser.isSet(QStringLiteral("rename"))) {
        Result<store::SavedView> view = namedView(db, parser.value(QStringLiteral("rename")));
        if (!view)
            return command.error(view.error());
        if (Status renamed = store::renameView(db, view->id, parser.value(QStringLiteral("to"))); !renamed)
            return command.error(renamed.error());
    } else if (parser.isSet(QStringLiteral("delete"))) {
        Result<store::SavedView> view = namedView(db, parser.value(QStringLiteral("delete")));
        if (!view)
            return command.error(view.error());
        if (Status deleted = store::deleteView(db, view->id); !deleted)
            return command.error(deleted.error());
    }

    Result<QList<store::SavedView>> views = store::listViews(db);
    if (!views)
        return command.error(views.error());
    QJsonArray list;
    QStringList lines;
    for (const store::SavedView &view : *views) {
        Result<std::vector<std::int64_t>> ids = store::queryImageIds(db, view.filter);
        if (!ids)
            return command.error(ids.error());
        list.append(QJsonObject{{QStringLiteral("id"), qint64(view.id)},
                                {QStringLiteral("name"), view.name},
                                {QStringLiteral("images"), qint64(ids->size())},
                                {QStringLiteral("filter"), view.filter.toJson()}});
        lines << Tr::tr("%1  %2 images").arg(view.name, -30).arg(ids->size());
    }
    if (command.json()) {
        command.printJson({{QStringLiteral("views"), list}});
    } else if (lines.isEmpty()) {
        command.print(Tr::tr("No saved views."));
    } else {
        for (const QString &line : lines)
            command.print(line);
    }
    return Ok;
}

} // namespace sieve::cli
