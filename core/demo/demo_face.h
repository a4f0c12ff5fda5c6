#pragma once

#include "demo/demo_locale.h"
#include "demo/demo_random.h"

#include <QList>
#include <QRect>
#include <QString>

class QImage;

namespace sieve::demo {

// One face painted on a photo.
struct FaceItem {
    // The face as a redaction must cover it, in the image's displayed pixels, clipped to the
    // image: hairline to chin, and cheek to cheek (frontal) or ear to nose tip (profile).
    QRect box;
    QString setting; // seller (behind the stall), customer (at the edge of the frame), poster, id_card
    QString pose;    // frontal, left or right: where the face looks, as shown
    double visible = 1; // share of the face inside the frame (a customer can be cut by it)
    int skinTone = 0;   // 0 (deepest) … 11 (lightest): to measure a detector across skin tones
};

// Paints COUNT people on IMAGE (the full-resolution photo as displayed, before the camera
// effects): a seller behind the stall, a customer half in the frame, a face on a poster or on an
// ID card lying on the table. Skin tones are drawn from those of COUNTRY's population; sizes
// run from about 3 % to 30 % of the photo's shorter side. The drawing follows the shading a
// real face has (eye sockets and brows darker than cheeks and forehead, a lit nose bridge, a
// darker mouth, hair, light from one side, soft edges) so that real face detectors respond to
// it. Returns what was painted; `covered` gets, per face, the area it took (poster, card or
// person), for the text layer to avoid. Any thread (needs a QGuiApplication).
QList<FaceItem> paintFaces(QImage &image, int count, const Country &country, Rng &rng, QList<QRectF> *covered = nullptr);

} // namespace sieve::demo
