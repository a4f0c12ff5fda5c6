#pragma once

// A small labelled project from the demo generator, shared by the training tests: generating
// and importing it once per test executable keeps each test inside its time budget.

#include "demo/demo_generator.h"
#include "ingest/importer.h"
#include "jobs/job_context.h"
#include "store/project.h"

#include <QString>

#include <memory>

namespace sieve::test {

// Generates IMAGES demo photos of CATEGORIES categories at about 0.01–0.02 MP into DIR/demo
// and imports them, with their labels, into a project at DIR/project.
inline Result<std::unique_ptr<store::Project>> makeTrainingProject(const QString &dir, int images, int categories)
{
    demo::DemoOptions options;
    options.outDir = dir + QStringLiteral("/demo");
    options.images = images;
    options.categories = categories;
    options.seed = 7;
    options.minMegapixels = 0.01;
    options.maxMegapixels = 0.02;
    Result<demo::DemoSummary> generated = demo::generateDemo(options);
    if (!generated)
        return generated.takeError();
    Result<std::unique_ptr<store::Project>> project = store::Project::create(dir + QStringLiteral("/project"));
    if (!project)
        return project.takeError();
    jobs::JobContext context;
    ingest::ImportOptions import;
    import.imagesDirectory = options.outDir + QStringLiteral("/images");
    import.metadataFile = options.outDir + QStringLiteral("/metadata.csv");
    Result<ingest::ImportSummary> imported = ingest::importImages((*project)->db(), import, context);
    if (!imported)
        return imported.takeError();
    return project;
}

} // namespace sieve::test
