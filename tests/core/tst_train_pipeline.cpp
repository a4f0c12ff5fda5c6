#include "jobs/job_context.h"
#include "train/augmentation.h"
#include "train/batch_loader.h"
#include "train/image_cache.h"
#include "train/trainer.h"
#include "train/training_set.h"

#include <QFile>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using sieve::train::Batch;

namespace {

// IMAGES JPEGs of varied sizes and colours in DIR; returns their paths.
QStringList writeImages(const QTemporaryDir &dir, int images)
{
    QStringList paths;
    for (int i = 0; i < images; ++i) {
        QImage image(60 + 7 * i, 50 + 3 * i, QImage::Format_RGB888);
        image.fill(QColor::fromHsv((i * 37) % 360, 200, 220));
        for (int y = 0; y < image.height(); y += 6)
            for (int x = 0; x < image.width(); ++x)
                image.setPixelColor(x, y, Qt::black);
        const QString path = dir.filePath(QStringLiteral("img%1.jpg").arg(i));
        image.save(path, "JPEG", 90);
        paths.append(path);
    }
    return paths;
}

// Every batch of EPOCHS epochs, as the trainer would take them.
std::vector<Batch> allBatches(const train::ImageCache &cache, int threads, std::uint64_t seed, int epochs)
{
    const int size = 24;
    std::vector<int> labels(std::size_t(cache.count()));
    for (std::size_t i = 0; i < labels.size(); ++i)
        labels[i] = int(i % 3);
    const nn::Normalization normalization;
    train::BatchLoader loader(labels, std::size_t(3 * size * size), {4, true, true, seed, threads, 2},
                              [&](std::size_t sample, std::int64_t epoch, std::span<float> out) {
                                  train::makeInput(cache.image(qsizetype(sample)), cache.side(), size, {},
                                                   train::sampleSeed(seed, epoch, std::int64_t(sample)), normalization, out);
                              });
    std::vector<Batch> batches;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        loader.startEpoch(epoch);
        for (int b = 0; b < loader.batchesPerEpoch(); ++b)
            batches.push_back(loader.next());
    }
    return batches;
}

} // namespace


class TestTrainPipeline : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_paths = writeImages(m_dir, 10);
        jobs::JobContext context;
        auto cache = train::ImageCache::create(m_paths.size(), 28, m_dir.filePath("cache.bin"));
        QVERIFY(cache.ok());
        m_cache = std::move(*cache);
        QVERIFY(m_cache->fill(m_paths, 2, context).isEmpty());
    }

    void batchesAreFixedBySeedWhateverTheThreads()
    {
        const auto one = allBatches(*m_cache, 1, 5, 2);
        const auto three = allBatches(*m_cache, 3, 5, 2);
        QCOMPARE(one.size(), std::size_t(4)); // 10 images, batches of 4, the partial one dropped: 2 per epoch
        for (std::size_t b = 0; b < one.size(); ++b) {
            QCOMPARE(one[b].labels, three[b].labels);
            QVERIFY(one[b].inputs == three[b].inputs);
        }
        // Epochs differ from each other (shuffle and augmentation), and another seed differs.
        QVERIFY(one[0].inputs != one[2].inputs);
        const auto other = allBatches(*m_cache, 2, 6, 2);
        QVERIFY(other[0].inputs != one[0].inputs);
    }

    void epochsServeFromTheCacheWithoutDecoding()
    {
        // initTestCase decoded each image once; two epochs of batches decode nothing more.
        QCOMPARE(m_cache->decodes(), qint64(m_paths.size()));
        allBatches(*m_cache, 2, 1, 2);
        QCOMPARE(m_cache->decodes(), qint64(m_paths.size()));
        QVERIFY(!m_cache->onDisk());
    }

    void augmentationStaysInBounds()
    {
        // Identity normalisation: the network input is then the pixel values, 0..1.
        nn::Normalization identity;
        identity.mean = {0, 0, 0};
        identity.std = {1, 1, 1};
        const int size = 20;
        std::vector<float> out(std::size_t(3 * size * size));
        for (int draw = 0; draw < 200; ++draw) {
            train::Augmentation strong;
            strong.jitter = 0.4;
            train::makeInput(m_cache->image(draw % 10), m_cache->side(), size, strong, train::sampleSeed(3, 0, draw),
                             identity, out);
            for (float value : out)
                QVERIFY2(value >= 0.0f && value <= 1.0f, qPrintable(QString::number(value)));
        }
        // Without augmentation: the centre crop, pixel for pixel, at whole-pixel offsets as
        // inference takes it (28 − 20 is even; 28 − 21 is odd).
        const int odd = 21;
        std::vector<float> crop(std::size_t(3 * odd * odd));
        train::Augmentation off;
        off.enabled = false;
        train::makeInput(m_cache->image(1), m_cache->side(), odd, off, 0, identity, crop);
        const int at = (m_cache->side() - odd) / 2;
        QCOMPARE(crop[0], m_cache->image(1)[(at * m_cache->side() + at) * 3] / 255.0f);
        train::Augmentation none;
        none.enabled = false;
        train::makeInput(m_cache->image(0), m_cache->side(), size, none, 0, identity, out);
        const unsigned char *pixels = m_cache->image(0);
        const int offset = (m_cache->side() - size) / 2;
        for (int y : {0, 7, 19})
            for (int x : {0, 11, 19})
                for (int c = 0; c < 3; ++c)
                    QCOMPARE(out[std::size_t(c * size * size + y * size + x)],
                             pixels[((y + offset) * m_cache->side() + x + offset) * 3 + c] / 255.0f);
    }

    void corruptImageIsSkippedAndNamed()
    {
        QTemporaryDir dir;
        QStringList paths = writeImages(dir, 3);
        const QString broken = dir.filePath("broken.jpg");
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\xFF\xD8\xFF\xE0 not really a JPEG");
        file.close();
        paths.insert(1, broken);
        // A budget of one image forces the cache into its file: the same results from disk.
        auto cache = train::ImageCache::create(paths.size(), 28, dir.filePath("cache.bin"), 28 * 28 * 3);
        QVERIFY(cache.ok());
        QVERIFY((*cache)->onDisk());
        jobs::JobContext context;
        const auto issues = (*cache)->fill(paths, 2, context);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().path, broken);
        QVERIFY(issues.first().reason.contains(broken));
        QVERIFY(!(*cache)->isValid(1));
        QVERIFY((*cache)->isValid(0) && (*cache)->isValid(2) && (*cache)->isValid(3));
        QVERIFY(std::equal(m_cache->image(0), m_cache->image(0) + 28 * 28 * 3, (*cache)->image(0)));
    }

    void stratifiedSplitKeepsEveryClassInBothParts()
    {
        train::LabelledImages images;
        images.classes = {"cat", "dog", "rare", "owl"};
        images.categoryIds = {10, 20, 30, 40};
        const int counts[] = {50, 12, 3, 7};
        std::int64_t id = 1;
        for (int c = 0; c < 4; ++c)
            for (int i = 0; i < counts[c]; ++i)
                images.samples.push_back({id++, QStringLiteral("/p/%1.jpg").arg(id), c});
        auto split = train::splitStratified(images, {0.2, 5, 9});
        QVERIFY(split.ok());
        QCOMPARE(split->classes, QStringList({"cat", "dog", "owl"}));
        QCOMPARE(split->excluded.size(), 1);
        QVERIFY(split->excluded.first().contains("rare"));
        int train[3] = {}, validation[3] = {};
        for (const auto &s : split->train)
            ++train[s.label];
        for (const auto &s : split->validation)
            ++validation[s.label];
        QCOMPARE(validation[0], 10);
        QCOMPARE(train[0], 40);
        QCOMPARE(validation[1], 2);
        QCOMPARE(validation[2], 1);
        QCOMPARE(train[2], 6);
        // The same seed gives the same split; another seed another one.
        auto again = train::splitStratified(images, {0.2, 5, 9});
        QCOMPARE(again->validation.size(), split->validation.size());
        for (std::size_t i = 0; i < split->validation.size(); ++i)
            QCOMPARE(again->validation[i].imageId, split->validation[i].imageId);
        auto other = train::splitStratified(images, {0.2, 5, 10});
        QSet<std::int64_t> a, b;
        for (const auto &s : split->validation)
            a.insert(s.imageId);
        for (const auto &s : other->validation)
            b.insert(s.imageId);
        QVERIFY(a != b);
        // Fewer than two usable classes is an error that says why.
        images.samples.resize(50);
        auto tooFew = train::splitStratified(images, {0.2, 5, 9});
        QVERIFY(!tooFew.ok());
        QVERIFY(tooFew.error().contains("two classes"));
    }

    void keepCategoriesRestrictsAndRenumbers()
    {
        train::LabelledImages images;
        images.classes = {"cat", "dog", "owl"};
        images.categoryIds = {10, 20, 30};
        for (int i = 0; i < 9; ++i)
            images.samples.push_back({i + 1, QStringLiteral("/p/%1.jpg").arg(i), i % 3});
        train::LabelledImages all = images;
        train::keepCategories(all, {});
        QCOMPARE(all.samples.size(), std::size_t(9));
        // 99 has no images: ignored. Dog is left out, owl becomes class 1.
        train::keepCategories(images, {30, 10, 99});
        QCOMPARE(images.classes, QStringList({"cat", "owl"}));
        QCOMPARE(images.categoryIds, std::vector<std::int64_t>({10, 30}));
        QCOMPARE(images.samples.size(), std::size_t(6));
        for (const auto &s : images.samples)
            QCOMPARE(s.label, (s.imageId - 1) % 3 == 0 ? 0 : 1);
        // The choice is part of the run's configuration and survives a round trip.
        train::TrainOptions options;
        options.categories = {30, 10};
        QCOMPARE(train::TrainOptions::fromJson(options.toJson()).categories, QList<qint64>({30, 10}));
        options.categories = {30};
        QVERIFY(!options.validate().ok());
        QVERIFY(options.validate().error().contains("two categories"));
    }

private:
    QTemporaryDir m_dir;
    QStringList m_paths;
    std::unique_ptr<train::ImageCache> m_cache;
};

QTEST_GUILESS_MAIN(TestTrainPipeline)
#include "tst_train_pipeline.moc"
