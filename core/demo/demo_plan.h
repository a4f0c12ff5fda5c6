#pragma once

#include <QDateTime>
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace sieve::demo {

struct DemoOptions;
struct Category;
struct Country;

enum class Format { Jpeg, Png, WebP, Tiff };
enum class Quality { Good, Blur, Dark, Overexposed, Tiny };
enum class Duplicate { None, Exact, Near };

struct Device {
    const char *make;
    const char *model;
    const char *software;
    enum Naming { Android, Samsung, Pixel, IPhone } naming;
};

struct Contributor {
    QString id; // "c017"
    const Country *country = nullptr;
    const Device *device = nullptr;
    int folderStyle = 0;
    QString serialNumber; // written to EXIF by this contributor's phone; empty for most
    QString artist;       // the owner's name set in the camera app; empty for most
};

// Everything about one file that can be decided before drawing it. The plan is made on one
// thread from the seed alone, so it is the same whatever the number of worker threads.
struct FilePlan {
    int index = 0;
    QString path; // relative to images/, '/' separators
    int contributor = 0;
    const Country *country = nullptr;
    QString language;
    int trueLabel = 0;
    int claimedLabel = 0;
    QDateTime taken; // local time
    double priceUsd = 1;
    Format format = Format::Jpeg;
    int quality = 85; // JPEG / WebP quality
    bool exif = false;
    bool thumbnail = false;
    int orientation = 1;
    std::optional<QPointF> gps; // (latitude, longitude)
    Quality issue = Quality::Good;
    QSize displayed;
    bool pii = false;
    int cards = 0;
    int faces = 0; // people in the photo (seller, customer, a poster or an ID card)
    Duplicate duplicate = Duplicate::None;
    int duplicateOf = -1;
    QRectF nearCrop; // for a near duplicate: the kept part of the original, as fractions
    quint64 seed = 0;
};

// The files rendered from one scene: an original, then its near duplicates and exact copies.
struct Group {
    int original = 0;
    std::vector<int> copies;
};

struct Plan {
    QStringList categories;
    std::vector<Contributor> contributors;
    std::vector<FilePlan> files;
    std::vector<Group> groups;
    QStringList folders; // every folder under images/, parents first
};

// Precondition: options validated (see generateDemo).
Plan makePlan(const DemoOptions &options);

QString formatName(Format format);
QString qualityName(Quality quality);

} // namespace sieve::demo
