// sieve-cli demo

#include "cli.h"

#include "demo/demo_generator.h"

#include <QCoreApplication>

namespace sieve::cli {

namespace {
// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cli)
};
} // namespace

int runDemo(const QStringList &args)
{
    Command command(QStringLiteral("demo"),
                    Tr::tr("Generates the deterministic synthetic demo dataset: photo-like images of products in K "
                       "categories with printed text and personal information, poor-quality shots, duplicates, "
                       "wrong labels and GPS tags, plus metadata.csv and ground_truth.json."),
                    {});
    command.parser().addOption({QStringLiteral("out"), Tr::tr("Folder to write (must be empty or absent)."), QStringLiteral("DIR")});
    command.parser().addOption({QStringLiteral("images"), Tr::tr("Number of images (default 2000)."), QStringLiteral("N")});
    command.parser().addOption({QStringLiteral("categories"), Tr::tr("Number of categories, 2 to 40 (default 12)."), QStringLiteral("K")});
    command.parser().addOption({QStringLiteral("first-category"),
                                Tr::tr("Start at this product of the catalogue of 53 (default 0): sets with different classes."),
                                QStringLiteral("N")});
    command.parser().addOption({QStringLiteral("seed"), Tr::tr("Random seed (default 1): the same seed gives the same files."), QStringLiteral("S")});
    command.parser().addOption({QStringLiteral("min-megapixels"), Tr::tr("Smallest photo size (default 1)."), QStringLiteral("MP")});
    command.parser().addOption({QStringLiteral("max-megapixels"), Tr::tr("Largest photo size (default 12)."), QStringLiteral("MP")});
    command.parser().addOption({QStringLiteral("threads"), Tr::tr("Worker threads (default: one per core)."), QStringLiteral("N")});
    if (int code = command.parse(args, 0, 0); code >= 0)
        return code;
    demo::DemoOptions options;
    options.outDir = command.parser().value(QStringLiteral("out"));
    if (options.outDir.isEmpty())
        return command.error(Tr::tr("--out DIR is required."), Usage);
    auto number = [&](const char *option, auto &target, double min, double max) -> bool {
        const QString name = QString::fromLatin1(option);
        if (!command.parser().isSet(name))
            return true;
        bool ok = false;
        const double value = command.parser().value(name).toDouble(&ok);
        if (!ok || value < min || value > max)
            return false;
        target = static_cast<std::remove_reference_t<decltype(target)>>(value);
        return true;
    };
    if (!number("images", options.images, 1, 10'000'000) || !number("categories", options.categories, 2, 40)
        || !number("first-category", options.firstCategory, 0, 51)
        || !number("seed", options.seed, 0, 9.0e15) || !number("min-megapixels", options.minMegapixels, 0.01, 50)
        || !number("max-megapixels", options.maxMegapixels, 0.01, 50) || !number("threads", options.threads, 0, 256))
        return command.error(Tr::tr("An option has a value out of range; see sieve-cli demo --help."), Usage);
    if (options.minMegapixels > options.maxMegapixels)
        return command.error(Tr::tr("--min-megapixels must not exceed --max-megapixels."), Usage);

    jobs::JobContext &context = command.context();
    context.setPhase(Tr::tr("Generating images"), options.images);
    Result<demo::DemoSummary> summary = demo::generateDemo(options, [&](int done, int total) {
        context.report(done, total);
        return !context.isCancelled();
    });
    command.finishProgress();
    if (!summary)
        return command.error(summary.error(), context.isCancelled() ? Interrupted : Failed);
    const demo::DemoSummary &s = *summary;
    if (command.json()) {
        command.printJson({{QStringLiteral("out"), options.outDir},
                           {QStringLiteral("images"), s.images},
                           {QStringLiteral("files"), s.files},
                           {QStringLiteral("with_pii"), s.withPii},
                           {QStringLiteral("with_faces"), s.withFaces},
                           {QStringLiteral("mislabeled"), s.mislabeled},
                           {QStringLiteral("poor_quality"), s.poorQuality},
                           {QStringLiteral("exact_duplicates"), s.exactDuplicates},
                           {QStringLiteral("near_duplicates"), s.nearDuplicates},
                           {QStringLiteral("with_gps"), s.withGps}});
    } else {
        command.print(Tr::tr("Wrote %1 images (%2 files) to %3: %4 with personal information, %5 with faces, "
                             "%6 mislabeled, %7 poor quality, %8 exact and %9 near duplicates, %10 with GPS.")
                          .arg(s.images).arg(s.files).arg(options.outDir).arg(s.withPii).arg(s.withFaces)
                          .arg(s.mislabeled).arg(s.poorQuality).arg(s.exactDuplicates).arg(s.nearDuplicates)
                          .arg(s.withGps));
        command.print(Tr::tr("Import it with: sieve-cli import PROJECT_DIR %1/images --metadata %1/metadata.csv").arg(options.outDir));
    }
    return Ok;
}

} // namespace sieve::cli
