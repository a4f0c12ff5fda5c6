#pragma once

#include "base/result.h"

#include <QImage>
#include <QList>
#include <QRect>
#include <QSize>
#include <QString>

#include <memory>

namespace sieve::pii {

// The folder holding OpenCV's Haar cascades: $SIEVE_CASCADE_DIR if set, else where Debian's
// opencv-data package installs them.
QString defaultCascadeFolder();

// The cascades a FaceDetector loads from that folder.
inline constexpr const char *kFrontalCascade = "haarcascade_frontalface_default.xml";
inline constexpr const char *kProfileCascade = "haarcascade_profileface.xml";

// The name the detector's regions carry as their source.
inline constexpr const char *kFaceDetectorName = "faces";

// The longer side of the copy faces are looked for in. Measured on the demo photos: faces
// down to about 3 % of the shorter side are still found at this size, and a 12 MP photo takes
// a quarter of the time it takes at 1600 px.
inline constexpr int kFaceWorkingSide = 1000;

// The defaults were chosen on the demo photos (see tests/core/tst_faces.cpp): products with
// pairs of round shapes (egg trays, printed rings, polka dots) give the frontal cascade up to
// about 10 agreeing raw hits, real faces mostly 20 and more; the profile cascade finds fewer
// faces with fewer hits, so it needs a lower bar. A scale step of 1.2 for the profile cascade
// halves its time (two passes, mirrored) for a small loss.
struct FaceDetectorOptions {
    QString cascadeFolder;          // empty: defaultCascadeFolder()
    int minFaceSide = 22;           // in pixels of the working copy: smaller faces are not looked for
    double frontalScaleFactor = 1.1; // between the sizes the cascade is run at
    double profileScaleFactor = 1.2;
    double profileScale = 0.7;      // the profile cascade looks at a copy this much smaller
    int frontalMinNeighbors = 8;    // overlapping raw hits a face needs (more: fewer false faces)
    int profileMinNeighbors = 4;
    double enlarge = 0.3;           // a box grows by this share of its side (hair, chin, ears)
    double profileEnlarge = 0.5;    // the profile cascade's box ends above the chin and hairline
};

struct DetectedFace {
    QRect box;                 // enlarged, in the original's pixels, inside the image
    double confidence = 0;     // 0 … 1, from the raw hits that agree on the face
    int hits = 0;              // those raw hits (the cascade's neighbours), the best of merged boxes
    bool profile = false;      // found by the profile cascade only
};

// Finds faces with OpenCV's Haar cascades: the frontal one, and the profile one on the image
// and on its mirror (it only knows faces turned one way). Hits that overlap are merged into
// one box. Creating one loads the cascades (about 100 ms), so a scan keeps one per worker
// thread. A FaceDetector is used by one thread at a time; different ones run in parallel.
class FaceDetector {
public:
    // Fails when a cascade file is missing or unreadable, naming the file and the package that
    // installs it. The first call turns OpenCV's own worker threads off for the whole process
    // (callers run one image per thread). Any thread.
    static Result<std::unique_ptr<FaceDetector>> create(const FaceDetectorOptions &options = {});
    ~FaceDetector();
    FaceDetector(const FaceDetector &) = delete;
    FaceDetector &operator=(const FaceDetector &) = delete;

    // The faces in IMAGE, a working copy (any size and format; kFaceWorkingSide is meant) of an
    // oriented image whose full size is ORIGINAL; boxes are scaled to ORIGINAL. Fails only on an
    // OpenCV error (out of memory), with its message.
    Result<QList<DetectedFace>> detect(const QImage &image, QSize original);

    const FaceDetectorOptions &options() const;

private:
    struct Cascades;
    explicit FaceDetector(std::unique_ptr<Cascades> cascades, FaceDetectorOptions options);

    std::unique_ptr<Cascades> m_cascades;
    FaceDetectorOptions m_options;
};

} // namespace sieve::pii
