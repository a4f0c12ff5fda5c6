#pragma once

// Reference tensors written by the scripts in tests/data/nn (sieveref.py), how closely ours
// agree with them, and running those scripts at test time.

#include <QFile>
#include <QHash>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace sieve::nn::test {

struct RefTensor {
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};

// Reads the tensors a script wrote (format in sieveref.py); empty with *error set on failure.
inline QHash<QString, RefTensor> readTensors(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QByteArray bytes = file.readAll();
    qsizetype at = 0;
    const auto take = [&](void *out, qsizetype size) {
        if (size < 0 || at + size > bytes.size())
            return false;
        std::memcpy(out, bytes.constData() + at, std::size_t(size));
        at += size;
        return true;
    };
    char magic[8];
    std::uint32_t count = 0;
    if (!take(magic, 8) || std::memcmp(magic, "SIEVEREF", 8) != 0 || !take(&count, 4)) {
        *error = QStringLiteral("not a reference file");
        return {};
    }
    QHash<QString, RefTensor> tensors;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t length = 0, rank = 0;
        QByteArray name;
        RefTensor tensor;
        bool ok = take(&length, 4);
        name.resize(length);
        ok = ok && take(name.data(), length) && take(&rank, 4);
        tensor.shape.resize(rank);
        ok = ok && take(tensor.shape.data(), qsizetype(rank) * 8);
        std::int64_t elements = 1;
        for (std::int64_t d : tensor.shape)
            elements *= d;
        tensor.values.resize(std::size_t(elements));
        ok = ok && take(tensor.values.data(), elements * 4);
        if (!ok) {
            *error = QStringLiteral("truncated at tensor %1").arg(i);
            return {};
        }
        tensors.insert(QString::fromUtf8(name), std::move(tensor));
    }
    return tensors;
}

// Gradients that are zero in exact arithmetic (a convolution bias before batch norm) come out
// of both frameworks as rounding noise near 1e-8; differences below this floor are not compared
// relatively.
constexpr double kNoiseFloor = 1e-7;

// The largest absolute difference, and that divided by the largest magnitude in the reference
// (a per-element relative error is meaningless for values that PyTorch computes as ~1e-9).
struct Agreement {
    double maxAbsolute = 0;
    double relative = 0;

    bool within(double tolerance) const { return maxAbsolute < kNoiseFloor || relative < tolerance; }
};

inline Agreement compare(std::span<const float> ours, const std::vector<float> &reference)
{
    Agreement a;
    if (ours.size() != reference.size()) {
        a.maxAbsolute = a.relative = INFINITY;
        return a;
    }
    double scale = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        a.maxAbsolute = std::max(a.maxAbsolute, std::abs(double(ours[i]) - double(reference[i])));
        scale = std::max(scale, std::abs(double(reference[i])));
    }
    a.relative = scale > 0 ? a.maxAbsolute / scale : 0;
    return a;
}

// Debian's interpreter, where python3-torch installs; the one first on PATH may be another.
constexpr const char *kPython = "/usr/bin/python3";

enum class ScriptResult { Ran, Skip, Failed };

// Runs tests/data/nn/<script> with `arguments` under kPython. Skip when Python is missing or
// the script says a module it needs is (exit status 77); *message says why, or what failed.
inline ScriptResult runReferenceScript(const QString &script, const QStringList &arguments, QString *message)
{
    if (!QFile::exists(QLatin1String(kPython))) {
        *message = QStringLiteral("%1 is not installed").arg(QLatin1String(kPython));
        return ScriptResult::Skip;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QLatin1String(kPython),
                  QStringList{QStringLiteral(SIEVE_TEST_DATA_DIR "/nn/") + script} + arguments);
    if (!process.waitForFinished(300'000)) {
        *message = QStringLiteral("%1 did not finish: %2").arg(script, process.errorString());
        return ScriptResult::Failed;
    }
    const QString output = QString::fromUtf8(process.readAll()).trimmed();
    if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 77) {
        *message = QStringLiteral("the Python reference cannot run here: %1").arg(output);
        return ScriptResult::Skip;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *message = QStringLiteral("%1 failed: %2").arg(script, output);
        return ScriptResult::Failed;
    }
    *message = output;
    return ScriptResult::Ran;
}

} // namespace sieve::nn::test
