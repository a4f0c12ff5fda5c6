#pragma once

#include "base/result.h"
#include "demo/demo_face.h"
#include "demo/demo_plan.h"
#include "demo/demo_products.h"
#include "demo/demo_text.h"

#include <QImage>

#include <span>

namespace sieve::demo {

// A rendered photo as it is displayed (EXIF orientation already applied), with the text and
// the faces on it.
struct Photo {
    QImage image;
    QList<TextItem> text;
    QList<FaceItem> faces;
};

// Renders the scene of `file`: scene at a working resolution of at most 1280 px (the products
// are soft shapes; the cost stays flat), scaled to full size, its people (file.faces) and the
// printed text at full resolution (so that OCR sees crisp glyphs; cards keep off the faces),
// then the camera: defocus, exposure, vignette and noise.
// `categories` are the dataset's (distractors come from them). Any thread.
Photo renderPhoto(const FilePlan &file, std::span<const Category> categories, const QStringList &fonts);

// The near duplicate `file` made from the original's photo: cropped and resized; the text and
// face boxes follow (a face the crop cuts keeps the part left, with its visible share reduced).
Photo nearDuplicate(const Photo &original, const FilePlan &file);

// The bytes of `file`: stored turned against its EXIF orientation, encoded in its format, with
// an EXIF segment from `contributor`'s phone for camera JPEGs. Fails when the encoder does.
Result<QByteArray> encodePhoto(const Photo &photo, const FilePlan &file, const Contributor &contributor);

} // namespace sieve::demo
