#pragma once

// Shared by the data-parallel tests: a small demo image set written as the "class<TAB>path"
// lists dp_rank_main reads, and real dp_rank_main processes started on 127.0.0.1.

#include "base/result.h"
#include "demo/demo_generator.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QStringList>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <vector>

namespace sieve::test {

struct ImageLists {
    QString train;      // list files
    QString validation;
    int classes = 0;
};

// IMAGES demo photos of CATEGORIES categories (tiny, so decoding is instant) under DIR/demo,
// every fifth image to validation, the rest to training.
inline Result<ImageLists> makeImageLists(const QString &dir, int images, int categories)
{
    demo::DemoOptions options;
    options.outDir = dir + QStringLiteral("/demo");
    options.images = images;
    options.categories = categories;
    options.seed = 11;
    options.minMegapixels = 0.01;
    options.maxMegapixels = 0.02;
    if (Result<demo::DemoSummary> generated = demo::generateDemo(options); !generated)
        return generated.takeError();
    QFile csv(options.outDir + QStringLiteral("/metadata.csv"));
    if (!csv.open(QIODevice::ReadOnly | QIODevice::Text))
        return fail(csv.fileName() + QStringLiteral(": cannot be read"));
    csv.readLine(); // header
    std::vector<std::pair<QString, QString>> rows; // path, label
    while (!csv.atEnd()) {
        const QStringList fields = QString::fromUtf8(csv.readLine()).trimmed().split(QLatin1Char(','));
        if (fields.size() >= 2 && !fields[0].startsWith(QLatin1Char('"')) && !fields[1].startsWith(QLatin1Char('"')))
            rows.emplace_back(QDir(options.outDir + QStringLiteral("/images")).filePath(fields[0]), fields[1]);
    }
    QStringList labels;
    for (const auto &row : rows)
        if (!labels.contains(row.second))
            labels.append(row.second);
    labels.sort();
    ImageLists lists{dir + QStringLiteral("/train.txt"), dir + QStringLiteral("/validation.txt"), int(labels.size())};
    QFile train(lists.train), validation(lists.validation);
    if (!train.open(QIODevice::WriteOnly) || !validation.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("cannot write the image lists in ") + dir);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const QByteArray line = QByteArray::number(labels.indexOf(rows[i].second)) + '\t' + rows[i].first.toUtf8() + '\n';
        (i % 5 == 4 ? validation : train).write(line);
    }
    return lists;
}

// One dp_rank_main process; killed (SIGKILL) if still running when destroyed.
struct RankProcess {
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QString out;     // --out
    QString metrics; // --metrics

    ~RankProcess()
    {
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        }
    }
    QString errors() const { return QString::fromUtf8(process->readAllStandardError()); }
    QByteArray weights() const
    {
        QFile file(out);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    QJsonObject summary() const
    {
        QFile file(out + QStringLiteral(".json"));
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    }
    // The metrics lines rank 0 has written so far.
    std::vector<QJsonObject> metricLines() const
    {
        std::vector<QJsonObject> lines;
        QFile file(metrics);
        if (file.open(QIODevice::ReadOnly))
            for (const QByteArray &line : file.readAll().split('\n'))
                if (!line.isEmpty())
                    lines.push_back(QJsonDocument::fromJson(line).object());
        return lines;
    }
    std::int64_t lastStep() const
    {
        const std::vector<QJsonObject> lines = metricLines();
        return lines.empty() ? 0 : lines.back().value(QStringLiteral("step")).toInteger();
    }
};

// Starts WORLD ranks of one job in DIR/NAME (store, outputs), each with ARGUMENTS added, and
// rank r with PERRANK[r] too where given.
inline std::vector<std::unique_ptr<RankProcess>> startRanks(const QString &program, const QString &dir, const QString &name,
                                                            int world, const ImageLists &lists, const QStringList &arguments,
                                                            const std::vector<QStringList> &perRank = {})
{
    const QString base = dir + QLatin1Char('/') + name;
    QDir().mkpath(base);
    std::vector<std::unique_ptr<RankProcess>> ranks;
    for (int r = 0; r < world; ++r) {
        auto rank = std::make_unique<RankProcess>();
        rank->out = QStringLiteral("%1/weights-%2.bin").arg(base).arg(r);
        rank->metrics = QStringLiteral("%1/metrics-%2.jsonl").arg(base).arg(r);
        QStringList args{QStringLiteral("--rank"), QString::number(r), QStringLiteral("--size"), QString::number(world),
                         QStringLiteral("--store"), base + QStringLiteral("/store"), QStringLiteral("--prefix"), name,
                         QStringLiteral("--train"), lists.train, QStringLiteral("--validation"), lists.validation,
                         QStringLiteral("--classes"), QString::number(lists.classes),
                         QStringLiteral("--output-dir"), QStringLiteral("%1/rank%2").arg(base).arg(r),
                         QStringLiteral("--out"), rank->out, QStringLiteral("--metrics"), rank->metrics};
        rank->process->start(program, args + arguments + (std::size_t(r) < perRank.size() ? perRank[std::size_t(r)] : QStringList()));
        ranks.push_back(std::move(rank));
    }
    return ranks;
}

inline float maxAbsDifference(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return 1e30f;
    const auto *x = reinterpret_cast<const float *>(a.constData());
    const auto *y = reinterpret_cast<const float *>(b.constData());
    float worst = 0;
    for (qsizetype i = 0; i < a.size() / qsizetype(sizeof(float)); ++i)
        worst = std::max(worst, std::abs(x[i] - y[i]));
    return worst;
}

} // namespace sieve::test
