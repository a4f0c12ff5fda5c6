#include "demo/demo_generator.h"
#include "demo/demo_locale.h"
#include "demo/demo_photo.h"

#include <libexif/exif-data.h>

#include <QBuffer>
#include <QDirIterator>
#include <QPainter>
#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

using namespace sieve;
using namespace sieve::demo;

namespace {

// Small photos keep the three generated datasets under a few seconds; everything the test
// checks (files, EXIF, boxes, shares) does not depend on the size.
DemoOptions smallOptions(const QString &dir, quint64 seed, int threads)
{
    DemoOptions options;
    options.outDir = dir;
    options.images = 60;
    options.categories = 4;
    options.seed = seed;
    options.minMegapixels = 0.05;
    options.maxMegapixels = 0.2;
    options.threads = threads;
    return options;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(dir).relativeFilePath(it.next());
    files.sort();
    return files;
}

// RFC 4180: fields separated by commas, quoted when they hold commas or quotes.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += c;
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
        } else if (c == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

QJsonObject groundTruth(const QString &dir)
{
    return QJsonDocument::fromJson(contents(QDir(dir).filePath("ground_truth.json"))).object();
}

QList<QJsonObject> images(const QJsonObject &truth)
{
    QList<QJsonObject> list;
    for (const QJsonValue &value : truth.value("images").toArray())
        list << value.toObject();
    return list;
}

QRect boxOf(const QJsonValue &value)
{
    const QJsonArray box = value.toObject().value("box").toArray();
    return QRect(box[0].toInt(), box[1].toInt(), box[2].toInt(), box[3].toInt());
}

struct ExifDataDeleter {
    void operator()(ExifData *data) const { exif_data_unref(data); }
};
using ExifPointer = std::unique_ptr<ExifData, ExifDataDeleter>;

std::optional<double> exifDegrees(ExifData *data, ExifTag tag, ExifTag refTag)
{
    ExifEntry *entry = exif_content_get_entry(data->ifd[EXIF_IFD_GPS], tag);
    ExifEntry *ref = exif_content_get_entry(data->ifd[EXIF_IFD_GPS], refTag);
    if (!entry || !ref || entry->format != EXIF_FORMAT_RATIONAL || entry->components != 3 || !ref->data)
        return std::nullopt;
    const ExifByteOrder order = exif_data_get_byte_order(data);
    double degrees = 0;
    double unit = 1;
    for (int i = 0; i < 3; ++i) {
        const ExifRational r = exif_get_rational(entry->data + 8 * i, order);
        degrees += double(r.numerator) / r.denominator / unit;
        unit *= 60;
    }
    return ref->data[0] == 'S' || ref->data[0] == 'W' ? -degrees : degrees;
}

QString exifText(ExifData *data, ExifIfd ifd, ExifTag tag)
{
    ExifEntry *entry = exif_content_get_entry(data->ifd[ifd], tag);
    if (!entry || entry->format != EXIF_FORMAT_ASCII || !entry->data)
        return QString();
    return QString::fromUtf8(reinterpret_cast<const char *>(entry->data), qsizetype(qstrnlen(
        reinterpret_cast<const char *>(entry->data), entry->size)));
}

QImageIOHandler::Transformations transformationFor(int orientation)
{
    switch (orientation) {
    case 3: return QImageIOHandler::TransformationRotate180;
    case 6: return QImageIOHandler::TransformationRotate90;
    case 8: return QImageIOHandler::TransformationRotate270;
    default: return QImageIOHandler::TransformationNone;
    }
}

// Luminance spread inside `box`: printed glyphs on a card give a dark and a light population.
int inkContrast(const QImage &image, const QRect &box)
{
    QList<int> levels;
    for (int y = box.top(); y <= box.bottom(); ++y)
        for (int x = box.left(); x <= box.right(); ++x)
            levels << qGray(image.pixel(x, y));
    std::sort(levels.begin(), levels.end());
    return levels[levels.size() * 9 / 10] - levels[levels.size() / 10];
}

// National significant number rules of the mobile ranges the generator uses: length and
// leading digits, after the country code or the trunk prefix 0.
bool plausibleMobile(const QString &country, const QString &printed)
{
    struct Plan {
        const char *country;
        const char *code;
        bool trunkZero;
        const char *pattern;
    };
    const Plan plans[] = {
        {"KE", "254", true, "7\\d{8}"},      {"TZ", "255", true, "[67]\\d{8}"},
        {"FR", "33", true, "[67]\\d{8}"},    {"SN", "221", false, "7[05-8]\\d{7}"},
        {"MX", "52", false, "(55|33|81)\\d{8}"}, {"PE", "51", false, "9\\d{8}"},
        {"BR", "55", false, "[1-9]{2}9[6-9]\\d{7}"}, {"ID", "62", true, "8[1-35-9]\\d{7,10}"},
        {"US", "1", false, "[2-9]\\d{2}[2-9]\\d{6}"}, {"GB", "44", true, "7\\d{9}"},
    };
    QString digits = printed;
    digits.remove(QRegularExpression("[^0-9]"));
    for (const Plan &plan : plans) {
        if (country != QLatin1String(plan.country))
            continue;
        if (printed.startsWith('+')) {
            if (!digits.startsWith(QLatin1String(plan.code)))
                return false;
            digits = digits.mid(qstrlen(plan.code));
        } else if (plan.trunkZero) {
            if (!digits.startsWith('0'))
                return false;
            digits = digits.mid(1);
        }
        return QRegularExpression(QStringLiteral("^(%1)$").arg(QLatin1String(plan.pattern))).match(digits).hasMatch();
    }
    return false;
}

} // namespace

class TestDemoGenerator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        // The same seed with one and with two threads, and another seed: the determinism
        // tests compare them; the other tests read the first.
        for (auto [name, seed, threads] : {std::tuple{"a", 7, 1}, std::tuple{"b", 7, 2}, std::tuple{"c", 8, 2}}) {
            auto summary = generateDemo(smallOptions(m_root.filePath(name), quint64(seed), threads));
            QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error()));
            m_summaries << *summary;
        }
        m_dir = m_root.filePath("a");
        m_truth = groundTruth(m_dir);
        QVERIFY(!images(m_truth).isEmpty());
    }

    void sameSeedGivesIdenticalFilesWhateverTheThreads()
    {
        const QString other = m_root.filePath("b");
        const QStringList files = filesUnder(m_dir);
        QCOMPARE(filesUnder(other), files);
        for (const QString &file : files)
            QVERIFY2(contents(QDir(m_dir).filePath(file)) == contents(QDir(other).filePath(file)), qPrintable(file));
    }

    void anotherSeedGivesAnotherDataset()
    {
        const QString other = m_root.filePath("c");
        QVERIFY(contents(QDir(m_dir).filePath("metadata.csv")) != contents(QDir(other).filePath("metadata.csv")));
        QVERIFY(contents(QDir(m_dir).filePath("ground_truth.json"))
                != contents(QDir(other).filePath("ground_truth.json")));
    }

    void metadataRowsNameExistingFiles()
    {
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(contents(QDir(m_dir).filePath("metadata.csv"))));
        QVERIFY(!rows.isEmpty());
        QCOMPARE(rows[0], QStringList({"path", "label", "country", "contributor", "collected_at", "price", "currency"}));
        QCOMPARE(rows.size() - 1, m_summaries[0].files);
        QStringList categories;
        for (const QJsonValue &name : m_truth.value("categories").toArray())
            categories << name.toString();
        QCOMPARE(categories.size(), 4);
        QStringList listed;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QStringList &row = rows[i];
            QCOMPARE(row.size(), 7);
            QVERIFY2(QFileInfo(QDir(m_dir).filePath("images/" + row[0])).isFile(), qPrintable(row[0]));
            QVERIFY2(categories.contains(row[1]), qPrintable(row[1]));
            QVERIFY(QRegularExpression("^[A-Z]{2}$").match(row[2]).hasMatch());
            QVERIFY(QRegularExpression("^c\\d{3}$").match(row[3]).hasMatch());
            QVERIFY(QDate::fromString(row[4], Qt::ISODate).isValid());
            bool number = false;
            QVERIFY(row[5].toDouble(&number) > 0 && number);
            QVERIFY(QRegularExpression("^[A-Z]{3}$").match(row[6]).hasMatch());
            listed << "images/" + row[0];
        }
        // Nothing under images/ that the metadata does not list.
        listed.sort();
        QStringList onDisk = filesUnder(m_dir);
        onDisk.removeAll("metadata.csv");
        onDisk.removeAll("ground_truth.json");
        QCOMPARE(onDisk, listed);
    }

    void groundTruthMatchesTheFiles()
    {
        const QList<QJsonObject> list = images(m_truth);
        QCOMPARE(list.size(), m_summaries[0].files);
        int rotated = 0;
        for (const QJsonObject &image : list) {
            const QString path = QDir(m_dir).filePath("images/" + image.value("path").toString());
            QImageReader reader(path);
            reader.setAutoTransform(true);
            QCOMPARE(QString::fromLatin1(reader.format()), image.value("format").toString());
            QCOMPARE(reader.transformation(), transformationFor(image.value("orientation").toInt()));
            const QImage decoded = reader.read();
            QVERIFY2(!decoded.isNull(), qPrintable(path + ": " + reader.errorString()));
            QCOMPARE(decoded.size(), QSize(image.value("width").toInt(), image.value("height").toInt()));
            rotated += image.value("orientation").toInt() != 1;
            QCOMPARE(image.value("mislabeled").toBool(),
                     image.value("true_label").toString() != image.value("claimed_label").toString());
            QVERIFY(image.value("faces").isArray());
            for (const QJsonValue &face : image.value("faces").toArray()) {
                const QRect box = boxOf(face);
                QVERIFY(!box.isEmpty());
                QVERIFY2(QRect(QPoint(0, 0), decoded.size()).contains(box), qPrintable(image.value("path").toString()));
                QVERIFY(QStringList({"frontal", "left", "right"}).contains(face.toObject().value("pose").toString()));
            }
        }
        QVERIFY(rotated > 0);
    }

    void exifAgreesWithGroundTruth()
    {
        int withGps = 0;
        for (const QJsonObject &image : images(m_truth)) {
            const QString path = QDir(m_dir).filePath("images/" + image.value("path").toString());
            ExifPointer data(exif_data_new_from_file(QFile::encodeName(path).constData()));
            const QJsonObject exif = image.value("exif").toObject();
            if (image.value("exif").isNull()) {
                QVERIFY2(!data || !exif_content_get_entry(data->ifd[EXIF_IFD_0], EXIF_TAG_MAKE), qPrintable(path));
                QVERIFY(image.value("gps").isNull());
                continue;
            }
            QVERIFY2(data, qPrintable(path));
            QCOMPARE(exifText(data.get(), EXIF_IFD_0, EXIF_TAG_MAKE), exif.value("make").toString());
            QCOMPARE(exifText(data.get(), EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL).size(), 19);
            QCOMPARE(exifText(data.get(), EXIF_IFD_EXIF, EXIF_TAG_BODY_SERIAL_NUMBER),
                     exif.value("body_serial_number").toString());
            const auto latitude = exifDegrees(data.get(), ExifTag(EXIF_TAG_GPS_LATITUDE), ExifTag(EXIF_TAG_GPS_LATITUDE_REF));
            const auto longitude = exifDegrees(data.get(), ExifTag(EXIF_TAG_GPS_LONGITUDE), ExifTag(EXIF_TAG_GPS_LONGITUDE_REF));
            if (image.value("gps").isNull()) {
                QVERIFY2(!latitude && !longitude, qPrintable(path));
                continue;
            }
            ++withGps;
            QVERIFY2(latitude && longitude, qPrintable(path));
            const QJsonObject gps = image.value("gps").toObject();
            QVERIFY(std::abs(*latitude - gps.value("lat").toDouble()) < 1e-5);
            QVERIFY(std::abs(*longitude - gps.value("lon").toDouble()) < 1e-5);
        }
        QCOMPARE(withGps, m_summaries[0].withGps);
        QVERIFY(withGps > 0);
    }

    void textBoxesAreInsideTheImageAndHoldPrintedGlyphs()
    {
        // Boxes are in displayed coordinates: on a photo stored rotated, a box only lands on
        // the glyphs if the decoder's EXIF rotation and the generator's agree.
        int checked = 0;
        int checkedRotated = 0;
        for (const QJsonObject &image : images(m_truth)) {
            QJsonArray items = image.value("pii").toArray();
            for (const QJsonValue &text : image.value("text").toArray())
                items.append(text);
            if (items.isEmpty())
                continue;
            const QSize size(image.value("width").toInt(), image.value("height").toInt());
            QImageReader reader(QDir(m_dir).filePath("images/" + image.value("path").toString()));
            reader.setAutoTransform(true);
            const QImage decoded = reader.read();
            const bool clean = image.value("quality").toArray().isEmpty();
            for (const QJsonValue &item : items) {
                const QRect box = boxOf(item);
                QVERIFY(!box.isEmpty());
                QVERIFY2(QRect(QPoint(0, 0), size).contains(box), qPrintable(image.value("path").toString()));
                QVERIFY(!item.toObject().value("text").toString().isEmpty());
                if (!clean)
                    continue;
                const int contrast = inkContrast(decoded, box);
                QVERIFY2(contrast > 60, qPrintable(QStringLiteral("%1: \"%2\" contrast %3")
                                                       .arg(image.value("path").toString(),
                                                            item.toObject().value("text").toString())
                                                       .arg(contrast)));
                ++checked;
                checkedRotated += image.value("orientation").toInt() != 1;
            }
        }
        QVERIFY(checked > 10);
        QVERIFY2(checkedRotated > 0, "no rotated photo with text in this dataset: pick another seed");
    }

    void storedOrientationDisplaysAsRendered_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::newRow("1 upright") << 1;
        QTest::newRow("3 upside down") << 3;
        QTest::newRow("6 turned right") << 6;
        QTest::newRow("8 turned left") << 8;
    }

    void storedOrientationDisplaysAsRendered()
    {
        // The datasets above hold too few rotated photos with text to catch a rotation in the
        // wrong direction, so the encoder is checked directly: an asymmetric picture stored
        // with each orientation must decode, EXIF applied, to the picture as rendered.
        QFETCH(int, orientation);
        Photo photo;
        photo.image = QImage(120, 80, QImage::Format_RGB32);
        photo.image.fill(Qt::white);
        {
            QPainter painter(&photo.image);
            painter.fillRect(QRect(0, 0, 40, 20), Qt::red);      // top left
            painter.fillRect(QRect(100, 60, 20, 20), Qt::blue);  // bottom right
        }
        FilePlan file;
        file.path = QStringLiteral("test.jpg");
        file.format = Format::Jpeg;
        file.quality = 95;
        file.exif = true;
        file.orientation = orientation;
        file.country = &countries()[0];
        file.taken = QDateTime(QDate(2026, 3, 12), QTime(10, 15, 22));
        const Device device{"samsung", "SM-A125F", "", Device::Samsung};
        Contributor contributor;
        contributor.device = &device;
        auto bytes = encodePhoto(photo, file, contributor);
        QVERIFY(bytes.ok());
        QBuffer buffer(&*bytes);
        QImageReader reader(&buffer, "jpeg");
        reader.setAutoTransform(true);
        QCOMPARE(reader.transformation(), transformationFor(orientation));
        const QImage shown = reader.read();
        QCOMPARE(shown.size(), photo.image.size());
        auto near = [](QRgb a, QRgb b) {
            return std::abs(qRed(a) - qRed(b)) < 40 && std::abs(qGreen(a) - qGreen(b)) < 40 && std::abs(qBlue(a) - qBlue(b)) < 40;
        };
        QVERIFY(near(shown.pixel(10, 8), qRgb(255, 0, 0)));
        QVERIFY(near(shown.pixel(110, 70), qRgb(0, 0, 255)));
        QVERIFY(near(shown.pixel(110, 8), qRgb(255, 255, 255)));
        QVERIFY(near(shown.pixel(10, 70), qRgb(255, 255, 255)));
    }

    void piiIsWellFormed()
    {
        int phones = 0;
        for (const QJsonObject &image : images(m_truth)) {
            for (const QJsonValue &value : image.value("pii").toArray()) {
                const QJsonObject pii = value.toObject();
                const QString type = pii.value("type").toString();
                const QString text = pii.value("text").toString();
                QVERIFY(QStringList({"name", "phone", "email"}).contains(type));
                QVERIFY(QStringList({"en", "fr", "es", "pt", "sw", "id"}).contains(pii.value("language").toString()));
                QVERIFY(pii.contains("leading_word"));
                if (type == "phone") {
                    ++phones;
                    QVERIFY2(plausibleMobile(image.value("country").toString(), text),
                             qPrintable(image.value("country").toString() + " " + text));
                }
                if (type == "email")
                    QVERIFY2(QRegularExpression("^[a-z0-9._]+@[a-z0-9.]+\\.[a-z]+$").match(text).hasMatch(), qPrintable(text));
            }
        }
        QVERIFY(phones > 0);
    }

    void sharesAreAsConfigured()
    {
        const DemoSummary &s = m_summaries[0];
        QCOMPARE(s.images, 60);
        QCOMPARE(s.files, s.images + s.exactDuplicates);
        const double files = s.files;
        QVERIFY2(s.withPii / files >= 0.12 && s.withPii / files <= 0.32, qPrintable(QString::number(s.withPii)));
        QVERIFY2(s.mislabeled >= 1 && s.mislabeled / files <= 0.1, qPrintable(QString::number(s.mislabeled)));
        QVERIFY2(s.poorQuality >= 2 && s.poorQuality / files <= 0.16, qPrintable(QString::number(s.poorQuality)));
        QVERIFY(s.exactDuplicates >= 1 && s.exactDuplicates <= 4);
        QVERIFY(s.nearDuplicates >= 1 && s.nearDuplicates <= 5);
        QVERIFY2(s.withGps / files >= 0.2 && s.withGps / files <= 0.4, qPrintable(QString::number(s.withGps)));
        QVERIFY2(s.withFaces >= 2 && s.withFaces / files <= 0.16, qPrintable(QString::number(s.withFaces)));

        // The summary counts what the ground truth records.
        int pii = 0, faces = 0, mislabeled = 0, poor = 0, exact = 0, near = 0;
        for (const QJsonObject &image : images(m_truth)) {
            pii += !image.value("pii").toArray().isEmpty();
            faces += !image.value("faces").toArray().isEmpty();
            mislabeled += image.value("mislabeled").toBool();
            poor += !image.value("quality").toArray().isEmpty();
            exact += image.value("duplicate_kind").toString() == "exact";
            near += image.value("duplicate_kind").toString() == "near";
        }
        QCOMPARE(pii, s.withPii);
        QCOMPARE(faces, s.withFaces);
        QCOMPARE(mislabeled, s.mislabeled);
        QCOMPARE(poor, s.poorQuality);
        QCOMPARE(exact, s.exactDuplicates);
        QCOMPARE(near, s.nearDuplicates);
    }

    void duplicatesPointAtTheirOriginals()
    {
        for (const QJsonObject &image : images(m_truth)) {
            const QString kind = image.value("duplicate_kind").toString();
            if (kind.isEmpty()) {
                QVERIFY(image.value("duplicate_of").isNull());
                continue;
            }
            const QByteArray copy = contents(QDir(m_dir).filePath("images/" + image.value("path").toString()));
            const QByteArray original = contents(QDir(m_dir).filePath("images/" + image.value("duplicate_of").toString()));
            QVERIFY(!original.isEmpty());
            if (kind == "exact")
                QVERIFY(copy == original);
            else
                QVERIFY(copy != original);
        }
    }

    void refusesAFolderThatIsNotEmpty()
    {
        QTemporaryDir dir;
        QFile keep(dir.filePath("keep.txt"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("mine");
        keep.close();
        auto result = generateDemo(smallOptions(dir.path(), 1, 1));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(QDir(dir.path()).absolutePath()), qPrintable(result.error()));
        QVERIFY(result.error().contains("not empty"));
        QCOMPARE(filesUnder(dir.path()), QStringList{"keep.txt"});
    }

    void cancellingLeavesNothingBehind()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("demo");
        int calls = 0;
        auto result = generateDemo(smallOptions(out, 3, 2), [&](int done, int total) {
            ++calls;
            return done < 5 && total > 0;
        });
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), QStringLiteral("cancelled"));
        QVERIFY(calls >= 5);
        QVERIFY(!QFileInfo::exists(out));
    }

    void firstCategoryGivesDisjointClasses()
    {
        // Transfer-learning experiments pretrain on one set and fine-tune on another whose
        // classes the network has never seen.
        QTemporaryDir dir;
        DemoOptions first = smallOptions(dir.filePath("a"), 1, 1);
        first.images = 6;
        DemoOptions second = smallOptions(dir.filePath("b"), 1, 1);
        second.images = 6;
        second.firstCategory = first.categories;
        QVERIFY(generateDemo(first).ok());
        QVERIFY(generateDemo(second).ok());
        const auto categoriesOf = [&](const QString &out) {
            QFile file(out + QStringLiteral("/ground_truth.json"));
            file.open(QIODevice::ReadOnly);
            QStringList names;
            for (const QJsonValue &name : QJsonDocument::fromJson(file.readAll()).object().value("categories").toArray())
                names << name.toString();
            return names;
        };
        const QStringList a = categoriesOf(dir.filePath("a")), b = categoriesOf(dir.filePath("b"));
        QCOMPARE(a.size(), first.categories);
        QCOMPARE(b.size(), second.categories);
        for (const QString &name : b)
            QVERIFY2(!a.contains(name), qPrintable(name));
    }

    void rejectsInvalidOptions_data()
    {
        QTest::addColumn<int>("images");
        QTest::addColumn<int>("categories");
        QTest::addColumn<double>("minMegapixels");
        QTest::addColumn<double>("maxMegapixels");
        QTest::addColumn<int>("firstCategory");
        QTest::newRow("one category") << 10 << 1 << 0.05 << 0.1 << 0;
        QTest::newRow("41 categories") << 10 << 41 << 0.05 << 0.1 << 0;
        QTest::newRow("no images") << 0 << 4 << 0.05 << 0.1 << 0;
        QTest::newRow("min above max") << 10 << 4 << 0.5 << 0.1 << 0;
        QTest::newRow("past the catalogue's end") << 10 << 4 << 0.05 << 0.1 << 50;
    }

    void rejectsInvalidOptions()
    {
        QFETCH(int, images);
        QFETCH(int, categories);
        QFETCH(double, minMegapixels);
        QFETCH(double, maxMegapixels);
        QFETCH(int, firstCategory);
        QTemporaryDir dir;
        DemoOptions options = smallOptions(dir.filePath("out"), 1, 1);
        options.firstCategory = firstCategory;
        options.images = images;
        options.categories = categories;
        options.minMegapixels = minMegapixels;
        options.maxMegapixels = maxMegapixels;
        auto result = generateDemo(options);
        QVERIFY(!result.ok());
        QVERIFY(!QFileInfo::exists(dir.filePath("out")));
    }

private:
    QTemporaryDir m_root;
    QString m_dir;
    QJsonObject m_truth;
    QList<DemoSummary> m_summaries;
};

QTEST_MAIN(TestDemoGenerator)
#include "tst_demo_generator.moc"
