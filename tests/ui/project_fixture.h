#pragma once

#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "store/categories.h"
#include "store/project.h"
#include "test_images.h"

#include <QTemporaryDir>

// A project with COUNT small images imported and the categories Rice, Soap, Tea.
inline QString makeUiProject(const QTemporaryDir &dir, int count)
{
    const QString project = dir.filePath("project");
    sieve::test::writeImageFolder(dir.filePath("images"), count);
    auto created = sieve::store::Project::create(project);
    sieve::jobs::JobContext context;
    sieve::ingest::ImportOptions options;
    options.imagesDirectory = dir.filePath("images");
    (void)sieve::ingest::importImages((*created)->db(), options, context);
    for (const char *name : {"Rice", "Soap", "Tea"})
        (void)sieve::store::addCategory((*created)->db(), QString::fromLatin1(name));
    return project;
}
