#include "store/project.h"

#include "base/clock.h"
#include "store/schema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace sieve::store {

namespace {

constexpr auto kDatabaseFile = "sieve.db";

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::store)
};

} // namespace

Project::Project(QString directory, Database db)
    : m_directory(std::move(directory)), m_db(std::move(db)), m_actor(defaultActor())
{
}

bool Project::exists(const QString &dir)
{
    return QFileInfo(QDir(dir).filePath(QString::fromLatin1(kDatabaseFile))).isFile();
}

Result<std::unique_ptr<Project>> Project::create(const QString &dir)
{
    const QString absolute = QDir(dir).absolutePath();
    if (exists(absolute))
        return fail(Tr::tr("%1 already holds a Sieve project.").arg(absolute));
    QDir directory(absolute);
    if (!directory.mkpath(QStringLiteral(".")) || !directory.mkpath(QStringLiteral("models"))
        || !directory.mkpath(QStringLiteral("runs")))
        return fail(Tr::tr("Cannot create the project folder %1 (check that the parent exists and "
                       "is writable).")
                        .arg(absolute));
    Result<Database> db = Database::open(directory.filePath(QString::fromLatin1(kDatabaseFile)));
    if (!db)
        return db.takeError();
    if (Status status = migrate(*db); !status)
        return status.takeError();
    std::unique_ptr<Project> project(new Project(absolute, std::move(*db)));
    if (Status status = project->setMeta(QStringLiteral("created_at"), nowIso()); !status)
        return status.takeError();
    return project;
}

Result<std::unique_ptr<Project>> Project::open(const QString &dir)
{
    const QString absolute = QDir(dir).absolutePath();
    if (!QFileInfo(absolute).isDir())
        return fail(Tr::tr("%1 does not exist or is not a folder.").arg(absolute));
    if (!exists(absolute))
        return fail(Tr::tr("%1 is not a Sieve project (it has no %2). Create one with "
                       "\"sieve-cli init\" or File > New Project.")
                        .arg(absolute, QString::fromLatin1(kDatabaseFile)));
    Result<Database> db = Database::open(QDir(absolute).filePath(QString::fromLatin1(kDatabaseFile)));
    if (!db)
        return db.takeError();
    if (Status status = migrate(*db); !status)
        return status.takeError();
    QDir(absolute).mkpath(QStringLiteral("models"));
    QDir(absolute).mkpath(QStringLiteral("runs"));
    return std::unique_ptr<Project>(new Project(absolute, std::move(*db)));
}

Result<std::unique_ptr<Project>> Project::openOrCreate(const QString &dir)
{
    return exists(dir) ? open(dir) : create(dir);
}

QString Project::name() const { return QFileInfo(m_directory).fileName(); }

QString Project::databasePath() const
{
    return QDir(m_directory).filePath(QString::fromLatin1(kDatabaseFile));
}

QString Project::thumbnailCachePath() const
{
    return QDir(m_directory).filePath(QStringLiteral("thumbs.db"));
}

QString Project::modelsDirectory() const { return QDir(m_directory).filePath(QStringLiteral("models")); }

QString Project::runsDirectory() const { return QDir(m_directory).filePath(QStringLiteral("runs")); }

Result<Database> Project::connect() const { return Database::open(databasePath()); }

Result<QString> Project::meta(const QString &key)
{
    Result<Statement> statement = m_db.prepare("SELECT value FROM project_meta WHERE key=?");
    if (!statement)
        return statement.takeError();
    statement->bind(1, key);
    Result<bool> row = statement->step();
    if (!row)
        return row.takeError();
    return *row ? statement->text(0) : QString();
}

Status Project::setMeta(const QString &key, const QString &value)
{
    Result<Statement> statement =
        m_db.prepare("INSERT INTO project_meta(key, value) VALUES(?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    if (!statement)
        return statement.takeError();
    statement->bind(1, key).bind(2, value);
    return statement->exec();
}

} // namespace sieve::store
