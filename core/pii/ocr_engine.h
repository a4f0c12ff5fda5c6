#pragma once

#include "base/result.h"
#include "pii/text_line.h"

#include <QImage>
#include <QList>
#include <QTransform>
#include <QSize>
#include <QString>
#include <QStringList>

namespace sieve::pii {

// The languages OCR reads unless told otherwise: those of the countries crowdsourced datasets
// come from most often (English, French, Spanish, Portuguese, Swahili, Indonesian).
inline constexpr const char *kDefaultOcrLanguages = "eng+fra+spa+por+swa+ind";

// Tesseract's folder of .traineddata files: $TESSDATA_PREFIX if set, else Debian's.
QString tessdataFolder();

// The languages of LANGUAGES ("eng+fra", empty = kDefaultOcrLanguages) that are installed,
// joined with '+'. A missing pack is left out and named in MISSING (if given), so a scan still
// runs on a machine without it; fails, naming the folder and the package to install, when not
// even English is installed. Any thread.
Result<QString> availableOcrLanguages(const QString &languages, QStringList *missing = nullptr);

// The longer side of the working copy OCR reads: enough for text of about 1 % of the image
// height, without the time Tesseract spends on full-size 12 MP photos.
constexpr int kOcrWorkingSide = 1600;

struct OcrOptions {
    QString languages;       // as returned by availableOcrLanguages()
    int deadlineMs = 3000;   // processor time per recognition; what was read by then is kept
    // scanImageForPii reads a photo with the languages of its country only (ocrLanguagesForRegion):
    // several times faster with many languages configured. Off: every photo with all of them.
    bool languagesByRegion = true;
    // Tesseract's binarisation: Sauvola (local; reads dark print on coloured backgrounds) or Otsu
    // (global; reads grainy photos Sauvola breaks into speckles). scanImageForPii reads an area
    // with Otsu again when Sauvola found nothing in it.
    enum class Binarisation { Sauvola, Otsu } binarisation = Binarisation::Sauvola;
};

// Reads the text of IMAGE, a copy of part of an oriented original image (scaled, cropped,
// turned) whose pixels TO_ORIGINAL maps into the original's, with a Tesseract engine owned by the calling thread, created on
// its first call (about 125 ms per language set) and kept until the thread ends. Sparse-text
// page segmentation and OPTIONS.binarisation (Otsu missed dark text on coloured backgrounds in
// about 2 of 3 test photos; Sauvola missed the print of grainy dark photos). Word boxes are mapped into the original's pixels (the bounding box
// of a turned word); confidences are
// Tesseract's 0…100. Lines come in Tesseract's reading order; words without visible characters
// are left out. Also turns off Tesseract's OpenMP threads for the calling thread: with several
// images OCRed at once they made each image 2.3 times slower. Any thread; fails when the engine
// cannot be initialised.
Result<QList<TextLine>> readText(const QImage &image, const QTransform &toOriginal, const OcrOptions &options);

} // namespace sieve::pii
