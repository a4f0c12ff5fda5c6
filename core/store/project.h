#pragma once

#include "base/result.h"
#include "store/database.h"

#include <QString>

#include <memory>

namespace sieve::store {

// A Sieve project: a folder holding sieve.db (all state), thumbs.db (a disposable cache),
// models/ and runs/. Images are referenced, never copied.
//
// The Project owns one database connection for the thread that opened it. Other threads open
// their own with connect(). Not copyable; any thread may call the const accessors.
class Project {
public:
    // Creates DIR (and parents) and an empty, migrated project in it. Fails if DIR already
    // holds a project or cannot be written.
    static Result<std::unique_ptr<Project>> create(const QString &dir);
    // Opens the project in DIR, migrating an older schema forward. Fails, changing nothing,
    // when DIR holds no project, the database is damaged, or it was written by a newer Sieve.
    static Result<std::unique_ptr<Project>> open(const QString &dir);
    // Opens DIR, creating the project first when there is none.
    static Result<std::unique_ptr<Project>> openOrCreate(const QString &dir);
    static bool exists(const QString &dir);

    const QString &directory() const { return m_directory; }
    QString name() const;
    QString databasePath() const;
    QString thumbnailCachePath() const;
    QString modelsDirectory() const;
    QString runsDirectory() const;

    // The connection owned by the opening thread.
    Database &db() { return m_db; }
    // A new connection to the same project for another thread.
    Result<Database> connect() const;

    // Who edits are recorded under (the audit trail's actor).
    const QString &actor() const { return m_actor; }
    void setActor(const QString &actor) { m_actor = actor; }

    Result<QString> meta(const QString &key);
    Status setMeta(const QString &key, const QString &value);

private:
    Project(QString directory, Database db);

    QString m_directory;
    Database m_db;
    QString m_actor;
};

} // namespace sieve::store
