#include "pii/ocr_engine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <leptonica/allheaders.h>
#include <omp.h>

#include <algorithm>
#include <memory>
#include <vector>

#include <time.h>

namespace sieve::pii {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::pii)
};

struct ThreadEngine {
    QString languages;
    std::unique_ptr<tesseract::TessBaseAPI> api;
};

std::int64_t threadCpuNanoseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::int64_t(now.tv_sec) * 1000000000 + now.tv_nsec;
}

struct CpuBudget {
    std::int64_t end;   // thread CPU time, ns
};

// The engines of the calling thread, one per language set it read with lately: photos of
// different countries are read with different sets (ocrLanguagesForRegion), and loading a set
// costs about 125 ms, so a few are kept.
constexpr std::size_t kEnginesPerThread = 4;

Result<tesseract::TessBaseAPI *> engineForThisThread(const QString &languages)
{
    thread_local std::vector<ThreadEngine> engines;   // most recently used last
    for (auto it = engines.begin(); it != engines.end(); ++it)
        if (it->languages == languages) {
            std::rotate(it, it + 1, engines.end());
            return engines.back().api.get();
        }
    // Tesseract parallelises inside one image with OpenMP; our pool already runs one image per
    // core, and the two together were 2.3 times slower per image than one thread each.
    omp_set_num_threads(1);
    omp_set_max_active_levels(0);
    // Leptonica reports what it clips while Tesseract analyses a small area ("box outside
    // rectangle") on stderr; nothing is wrong, and users of the CLI should not see it.
    setMsgSeverity(L_SEVERITY_NONE);
    if (engines.size() >= kEnginesPerThread)
        engines.erase(engines.begin());
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    const QByteArray folder = QFile::encodeName(tessdataFolder());
    const QByteArray langs = languages.toLatin1();
    if (api->Init(folder.constData(), langs.constData(), tesseract::OEM_LSTM_ONLY) != 0)
        return fail(Tr::tr("Tesseract could not load the languages %1 from %2. Install the language packs "
                           "(apt-get install tesseract-ocr-eng …) or choose other languages.")
                        .arg(languages, tessdataFolder()));
    api->SetPageSegMode(tesseract::PSM_SPARSE_TEXT);
    api->SetVariable("debug_file", "/dev/null");    // no "Estimating resolution" chatter
    engines.push_back(ThreadEngine{languages, std::move(api)});
    return engines.back().api.get();
}

} // namespace

QString tessdataFolder()
{
    const QString prefix = qEnvironmentVariable("TESSDATA_PREFIX");
    if (!prefix.isEmpty())
        return QDir::cleanPath(prefix);
    return QStringLiteral("/usr/share/tesseract-ocr/5/tessdata");
}

Result<QString> availableOcrLanguages(const QString &languages, QStringList *missing)
{
    const QString wanted = languages.trimmed().isEmpty() ? QString::fromLatin1(kDefaultOcrLanguages) : languages;
    const QDir folder(tessdataFolder());
    QStringList found;
    for (const QString &code : wanted.split(QLatin1Char('+'), Qt::SkipEmptyParts)) {
        const QString name = code.trimmed();
        if (QFileInfo::exists(folder.filePath(name + QStringLiteral(".traineddata"))))
            found.append(name);
        else if (missing)
            missing->append(name);
    }
    if (found.isEmpty()) {
        if (!QFileInfo::exists(folder.filePath(QStringLiteral("eng.traineddata"))))
            return fail(Tr::tr("No OCR language is installed in %1 (not even English). Install one with "
                               "apt-get install tesseract-ocr-eng, or set TESSDATA_PREFIX to the folder holding "
                               "the .traineddata files.")
                            .arg(folder.path()));
        found.append(QStringLiteral("eng"));
    }
    return found.join(QLatin1Char('+'));
}

Result<QList<TextLine>> readText(const QImage &image, const QTransform &toOriginal, const OcrOptions &options)
{
    Result<tesseract::TessBaseAPI *> engine = engineForThisThread(options.languages);
    if (!engine)
        return engine.takeError();
    tesseract::TessBaseAPI *api = *engine;
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    api->SetVariable("thresholding_method", options.binarisation == OcrOptions::Binarisation::Otsu ? "0" : "2");
    api->SetImage(gray.constBits(), gray.width(), gray.height(), 1, int(gray.bytesPerLine()));
    api->SetSourceResolution(300);
    tesseract::ETEXT_DESC monitor;
    // The deadline counts this thread's processor time, not the clock: on a busy machine (other
    // scans, other programs) the clock ran out before legible areas were read, and the result
    // depended on the load. The clock still stops a recognition after ten times the budget.
    CpuBudget budget{threadCpuNanoseconds() + std::int64_t(options.deadlineMs) * 1000000};
    monitor.cancel = [](void *data, int) { return threadCpuNanoseconds() > static_cast<CpuBudget *>(data)->end; };
    monitor.cancel_this = &budget;
    monitor.set_deadline_msecs(10 * options.deadlineMs);
    // A recognition stopped by the deadline still leaves the words read so far.
    (void)api->Recognize(&monitor);

    QList<TextLine> lines;
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    if (it && !it->Empty(tesseract::RIL_WORD)) {
        do {
            if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || lines.isEmpty())
                lines.append(TextLine{});
            std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
            const QString word = QString::fromUtf8(text.get()).trimmed();
            int left = 0, top = 0, right = 0, bottom = 0;
            if (word.isEmpty() || !it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom))
                continue;
            const QRect box = toOriginal.mapRect(QRectF(left, top, right - left, bottom - top)).toAlignedRect();
            lines.last().words.append(TextWord{word, box, it->Confidence(tesseract::RIL_WORD)});
        } while (it->Next(tesseract::RIL_WORD));
    }
    api->Clear();
    lines.removeIf([](const TextLine &line) { return line.words.isEmpty(); });
    return lines;
}

} // namespace sieve::pii
