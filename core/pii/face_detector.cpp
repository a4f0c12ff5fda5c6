#include "pii/face_detector.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <vector>

namespace sieve::pii {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::pii)
};

struct Hit {
    QRectF box;      // working-copy pixels, not yet enlarged
    int neighbours = 0;
    bool profile = false;
};

// Raw hits per face grow with the face's size and sharpness; a count at the acceptance
// threshold is a doubtful face (confidence about 0.1), three times as many a clear one (0.8).
double confidenceOf(int neighbours, int minNeighbors)
{
    const double excess = std::max(0, neighbours - minNeighbors + 1);
    return std::clamp(1.0 - std::exp(-excess / std::max(2.0, 1.2 * minNeighbors)), 0.05, 0.99);
}

// Two hits are the same face when they overlap by more than half the smaller one.
bool sameFace(const QRectF &a, const QRectF &b)
{
    const QRectF common = a.intersected(b);
    if (common.isEmpty())
        return false;
    const double smaller = std::min(a.width() * a.height(), b.width() * b.height());
    return common.width() * common.height() > 0.5 * smaller;
}

} // namespace

struct FaceDetector::Cascades {
    cv::CascadeClassifier frontal;
    cv::CascadeClassifier profile;
};

QString defaultCascadeFolder()
{
    const QString folder = qEnvironmentVariable("SIEVE_CASCADE_DIR");
    if (!folder.isEmpty())
        return QDir::cleanPath(folder);
    return QStringLiteral("/usr/share/opencv4/haarcascades");
}

FaceDetector::FaceDetector(std::unique_ptr<Cascades> cascades, FaceDetectorOptions options)
    : m_cascades(std::move(cascades)), m_options(std::move(options))
{
}

FaceDetector::~FaceDetector() = default;

const FaceDetectorOptions &FaceDetector::options() const { return m_options; }

Result<std::unique_ptr<FaceDetector>> FaceDetector::create(const FaceDetectorOptions &options)
{
    // Scans run one image per core already; OpenCV's own threads on top of that only compete.
    static std::once_flag oneThread;
    std::call_once(oneThread, [] { cv::setNumThreads(1); });
    FaceDetectorOptions resolved = options;
    if (resolved.cascadeFolder.isEmpty())
        resolved.cascadeFolder = defaultCascadeFolder();
    auto cascades = std::make_unique<Cascades>();
    const QDir folder(resolved.cascadeFolder);
    for (auto [name, cascade] : {std::pair{kFrontalCascade, &cascades->frontal}, std::pair{kProfileCascade, &cascades->profile}}) {
        const QString path = folder.filePath(QString::fromLatin1(name));
        if (!QFileInfo(path).isFile())
            return fail(Tr::tr("The face detector's cascade %1 is missing. Install it with apt-get install "
                               "opencv-data, or set SIEVE_CASCADE_DIR to the folder holding OpenCV's Haar cascades.")
                            .arg(QDir::toNativeSeparators(path)));
        bool loaded = false;
        try {
            loaded = cascade->load(QFile::encodeName(path).toStdString());
        } catch (const cv::Exception &) {
            loaded = false;
        }
        if (!loaded || cascade->empty())
            return fail(Tr::tr("The face detector's cascade %1 cannot be read (damaged?). Reinstall it with "
                               "apt-get install --reinstall opencv-data.")
                            .arg(QDir::toNativeSeparators(path)));
    }
    return std::unique_ptr<FaceDetector>(new FaceDetector(std::move(cascades), std::move(resolved)));
}

Result<QList<DetectedFace>> FaceDetector::detect(const QImage &image, QSize original)
{
    QList<DetectedFace> faces;
    if (image.isNull() || image.width() < m_options.minFaceSide || image.height() < m_options.minFaceSide)
        return faces;
    if (!original.isValid())
        original = image.size();
    const QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    std::vector<Hit> hits;
    try {
        const cv::Mat view(grey.height(), grey.width(), CV_8UC1, const_cast<uchar *>(grey.constBits()),
                           std::size_t(grey.bytesPerLine()));
        // Equalised: dark and hazy photos give the cascades the contrast they were trained on.
        cv::Mat equalised;
        cv::equalizeHist(view, equalised);
        auto run = [&](cv::CascadeClassifier &cascade, const cv::Mat &in, bool profile, bool mirrored, double scale) {
            std::vector<cv::Rect> found;
            std::vector<int> neighbours;
            const int side = std::max(1, int(std::lround(m_options.minFaceSide * scale)));
            cascade.detectMultiScale(in, found, neighbours, profile ? m_options.profileScaleFactor : m_options.frontalScaleFactor,
                                     profile ? m_options.profileMinNeighbors : m_options.frontalMinNeighbors, 0,
                                     cv::Size(side, side));
            for (std::size_t i = 0; i < found.size(); ++i) {
                const cv::Rect &r = found[i];
                const double x = mirrored ? in.cols - r.x - r.width : r.x;
                hits.push_back({QRectF(x / scale, r.y / scale, r.width / scale, r.height / scale), neighbours[i], profile});
            }
        };
        run(m_cascades->frontal, equalised, false, false, 1.0);
        // The profile cascade runs on a smaller copy: it is the slower of the two (twice, for
        // both directions) and small profiles are rarely found anyway.
        const double scale = m_options.profileScale;
        cv::Mat smaller;
        cv::resize(equalised, smaller, cv::Size(), scale, scale, cv::INTER_AREA);
        run(m_cascades->profile, smaller, true, false, scale);
        cv::Mat mirror;
        cv::flip(smaller, mirror, 1);
        run(m_cascades->profile, mirror, true, true, scale);
    } catch (const cv::Exception &e) {
        return fail(Tr::tr("Face detection failed: %1").arg(QString::fromStdString(e.msg)));
    } catch (const std::bad_alloc &) {
        return fail(Tr::tr("Face detection failed: out of memory."));
    }

    // Merge hits of one face (frontal and profile, or both profile directions): the union of
    // their boxes, with the best count of agreeing raw hits.
    std::sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) { return a.neighbours > b.neighbours; });
    struct Merged {
        QRectF box;
        int neighbours = 0;
        bool frontal = false;
        double confidence = 0;
    };
    std::vector<Merged> merged;
    for (const Hit &hit : hits) {
        auto same = std::find_if(merged.begin(), merged.end(), [&](const Merged &m) { return sameFace(m.box, hit.box); });
        const double confidence = confidenceOf(hit.neighbours, hit.profile ? m_options.profileMinNeighbors
                                                                           : m_options.frontalMinNeighbors);
        if (same == merged.end()) {
            merged.push_back({hit.box, hit.neighbours, !hit.profile, confidence});
            continue;
        }
        same->box = same->box.united(hit.box);
        same->frontal = same->frontal || !hit.profile;
        same->neighbours = std::max(same->neighbours, hit.neighbours);
        // Two cascades or directions agreeing make a face more certain than either alone.
        same->confidence = 1 - (1 - same->confidence) * (1 - confidence);
    }
    const double sx = double(original.width()) / image.width();
    const double sy = double(original.height()) / image.height();
    const QRect bounds(QPoint(0, 0), original);
    for (const Merged &m : merged) {
        const double grow = (m.frontal ? m_options.enlarge : m_options.profileEnlarge) / 2;
        const QRectF enlarged = m.box.adjusted(-m.box.width() * grow, -m.box.height() * grow, m.box.width() * grow,
                                               m.box.height() * grow);
        const QRectF scaled(enlarged.x() * sx, enlarged.y() * sy, enlarged.width() * sx, enlarged.height() * sy);
        DetectedFace face;
        face.box = scaled.toAlignedRect().intersected(bounds);
        face.confidence = std::min(0.99, m.confidence);
        face.hits = m.neighbours;
        face.profile = !m.frontal;
        if (!face.box.isEmpty())
            faces.append(face);
    }
    return faces;
}

} // namespace sieve::pii
