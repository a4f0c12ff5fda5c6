#include "demo/demo_generator.h"

#include "base/check.h"
#include "demo/demo_manifest.h"
#include "demo/demo_photo.h"
#include "demo/demo_plan.h"
#include "demo/demo_products.h"
#include "demo/demo_text.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMutex>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>

namespace sieve::demo {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::demo)
};

const QString kImagesFolder = QStringLiteral("images");
const QString kMetadataFile = QStringLiteral("metadata.csv");
const QString kGroundTruthFile = QStringLiteral("ground_truth.json");

Status validate(const DemoOptions &o)
{
    if (o.outDir.isEmpty())
        return fail(Tr::tr("No output folder given for the demo dataset."));
    if (o.images < 1 || o.images > 1'000'000)
        return fail(Tr::tr("The demo dataset needs between 1 and 1,000,000 images (%1 asked).").arg(o.images));
    if (o.categories < 2 || o.categories > 40)
        return fail(Tr::tr("The demo dataset has between 2 and 40 categories (%1 asked).").arg(o.categories));
    if (o.firstCategory < 0 || std::size_t(o.firstCategory + o.categories) > categoryCatalog().size())
        return fail(Tr::tr("The demo catalogue has %1 products; categories %2 to %3 were asked for.")
                        .arg(categoryCatalog().size())
                        .arg(o.firstCategory + 1)
                        .arg(o.firstCategory + o.categories));
    if (!(o.minMegapixels >= 0.01) || !(o.maxMegapixels <= 50) || !(o.minMegapixels <= o.maxMegapixels))
        return fail(Tr::tr("Photo sizes must satisfy 0.01 <= minimum <= maximum <= 50 megapixels (%1 to %2 asked).")
                        .arg(o.minMegapixels)
                        .arg(o.maxMegapixels));
    if (o.threads < 0 || o.threads > 1024)
        return fail(Tr::tr("Thread count %1 is out of range (0 means one per core).").arg(o.threads));
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return fail(Tr::tr("Generating the demo dataset needs a QGuiApplication: its text is rendered with system fonts."));
    return {};
}

Status prepareFolder(const QString &outDir, bool &created)
{
    const QFileInfo info(outDir);
    created = !info.exists();
    if (info.exists() && !info.isDir())
        return fail(Tr::tr("%1 exists and is not a folder; choose a new or empty folder for the demo dataset.")
                        .arg(info.absoluteFilePath()));
    if (info.isDir()
        && !QDir(outDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System).isEmpty())
        return fail(Tr::tr("%1 is not empty; choose a new or empty folder for the demo dataset.").arg(info.absoluteFilePath()));
    if (!QDir().mkpath(outDir))
        return fail(Tr::tr("Cannot create the folder %1 (check that its parent exists and is writable).")
                        .arg(info.absoluteFilePath()));
    return {};
}

// Leaves the output folder as it was found: the caller can retry with the same options.
void removeOutput(const QString &outDir, bool created)
{
    const QDir dir(outDir);
    QDir(dir.filePath(kImagesFolder)).removeRecursively();
    QFile::remove(dir.filePath(kMetadataFile));
    QFile::remove(dir.filePath(kGroundTruthFile));
    if (created)
        QDir().rmdir(outDir);
}

Status writeImage(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return fail(Tr::tr("Cannot create %1: %2").arg(path, file.errorString()));
    const qint64 written = file.write(bytes);
    if (written != bytes.size() || !file.flush()) {
        // A full disk often shows as a short write with no error set.
        const QString reason = file.error() != QFileDevice::NoError
            ? file.errorString()
            : Tr::tr("only %1 of %2 bytes were written").arg(std::max<qint64>(written, 0)).arg(bytes.size());
        return fail(Tr::tr("Cannot write %1: %2 (is the disk full?)").arg(path, reason));
    }
    return {};
}

// The shared state of one run. Workers take whole groups (an original with its duplicates),
// so a near duplicate is cut from the original's pixels without rendering the scene twice.
class Run {
public:
    Run(const Plan &plan, std::span<const Category> categories, QString imagesDir,
        const std::function<bool(int, int)> &progress)
        : m_plan(plan), m_categories(categories), m_imagesDir(std::move(imagesDir)), m_progress(progress),
          m_fonts(demoFontFamilies()), m_text(plan.files.size()), m_faces(plan.files.size())
    {
    }

    void work()
    {
        for (;;) {
            if (m_stop.load())
                return;
            const int group = m_next.fetch_add(1);
            if (group >= int(m_plan.groups.size()))
                return;
            Status status;
            try {
                status = renderGroup(m_plan.groups[std::size_t(group)]);
            } catch (const std::exception &e) { // std::bad_alloc for huge photos on many threads
                status = fail(Tr::tr("Generating %1 failed: %2 (try fewer threads or smaller photos).")
                                  .arg(m_plan.files[std::size_t(m_plan.groups[std::size_t(group)].original)].path,
                                       QString::fromLocal8Bit(e.what())));
            }
            if (!status) {
                QMutexLocker lock(&m_mutex);
                if (!m_error)
                    m_error = status.takeError();
                m_stop.store(true);
                return;
            }
        }
    }

    const std::optional<Error> &error() const { return m_error; }
    const std::vector<QList<TextItem>> &text() const { return m_text; }
    const std::vector<QList<FaceItem>> &faces() const { return m_faces; }

private:
    Status renderGroup(const Group &group)
    {
        const FilePlan &original = m_plan.files[std::size_t(group.original)];
        const Photo photo = renderPhoto(original, m_categories, m_fonts);
        SIEVE_CHECK(photo.image.size() == original.displayed, return fail(Tr::tr("Internal error: wrong photo size.")));
        const Result<QByteArray> bytes = encodePhoto(photo, original, contributorOf(original));
        if (!bytes)
            return bytes.takeError();
        if (Status status = save(original, *bytes, photo); !status)
            return status;
        for (int index : group.copies) {
            if (m_stop.load())
                return {};
            const FilePlan &copy = m_plan.files[std::size_t(index)];
            if (copy.duplicate == Duplicate::Exact) {
                if (Status status = save(copy, *bytes, photo); !status)
                    return status;
                continue;
            }
            const Photo near = nearDuplicate(photo, copy);
            const Result<QByteArray> nearBytes = encodePhoto(near, copy, contributorOf(copy));
            if (!nearBytes)
                return nearBytes.takeError();
            if (Status status = save(copy, *nearBytes, near); !status)
                return status;
        }
        return {};
    }

    const Contributor &contributorOf(const FilePlan &file) const
    {
        return m_plan.contributors[std::size_t(file.contributor)];
    }

    Status save(const FilePlan &file, const QByteArray &bytes, const Photo &photo)
    {
        if (Status status = writeImage(QDir(m_imagesDir).filePath(file.path), bytes); !status)
            return status;
        m_text[std::size_t(file.index)] = photo.text; // each file has one writer
        m_faces[std::size_t(file.index)] = photo.faces;
        QMutexLocker lock(&m_mutex);
        ++m_done;
        if (m_progress && !m_stop.load() && !m_progress(m_done, int(m_plan.files.size())))
            return fail(QStringLiteral("cancelled"));
        return {};
    }

    const Plan &m_plan;
    std::span<const Category> m_categories;
    const QString m_imagesDir;
    const std::function<bool(int, int)> &m_progress;
    const QStringList m_fonts;
    std::vector<QList<TextItem>> m_text;
    std::vector<QList<FaceItem>> m_faces;
    std::atomic<int> m_next{0};
    std::atomic<bool> m_stop{false};
    QMutex m_mutex;                 // guards m_error, m_done and calls of m_progress
    std::optional<Error> m_error;
    int m_done = 0;
};

} // namespace

Result<DemoSummary> generateDemo(const DemoOptions &options, const std::function<bool(int done, int total)> &progress)
{
    if (Status status = validate(options); !status)
        return status.takeError();
    bool created = false;
    if (Status status = prepareFolder(options.outDir, created); !status)
        return status.takeError();

    const Plan plan = makePlan(options);
    const QDir out(options.outDir);
    const QString imagesDir = out.filePath(kImagesFolder);
    for (const QString &folder : plan.folders) {
        if (!QDir(imagesDir).mkpath(folder)) {
            removeOutput(options.outDir, created);
            return fail(Tr::tr("Cannot create the folder %1.").arg(QDir(imagesDir).filePath(folder)));
        }
    }

    Run run(plan, categoryCatalog().subspan(std::size_t(options.firstCategory), std::size_t(options.categories)), imagesDir, progress);
    const int threads = std::min(options.threads > 0 ? options.threads : QThread::idealThreadCount(),
                                 int(plan.groups.size()));
    QThreadPool pool;
    pool.setObjectName(QStringLiteral("sieve-demo"));
    pool.setMaxThreadCount(std::max(1, threads));
    for (int i = 0; i < std::max(1, threads); ++i)
        pool.start([&run] { run.work(); });
    pool.waitForDone();
    if (run.error()) {
        removeOutput(options.outDir, created);
        return *run.error();
    }

    const std::vector<int> order = manifestOrder(plan);
    Status written = writeMetadataCsv(out.filePath(kMetadataFile), plan, order);
    if (written)
        written = writeGroundTruth(out.filePath(kGroundTruthFile), options.seed, plan, order, run.text(), run.faces());
    if (!written) {
        removeOutput(options.outDir, created);
        return written.takeError();
    }

    DemoSummary summary;
    summary.images = options.images;
    summary.files = int(plan.files.size());
    for (const FilePlan &f : plan.files) {
        const QList<TextItem> &text = run.text()[std::size_t(f.index)];
        summary.withPii += std::any_of(text.begin(), text.end(), [](const TextItem &t) { return !t.piiType.isEmpty(); });
        summary.withFaces += !run.faces()[std::size_t(f.index)].isEmpty();
        summary.mislabeled += f.trueLabel != f.claimedLabel;
        summary.poorQuality += f.issue != Quality::Good;
        summary.exactDuplicates += f.duplicate == Duplicate::Exact;
        summary.nearDuplicates += f.duplicate == Duplicate::Near;
        summary.withGps += f.gps.has_value();
    }
    return summary;
}

} // namespace sieve::demo
