#include "train/checkpoint.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QtEndian>

#include <xxhash.h>

#include <cstring>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

constexpr char kMagic[8] = {'S', 'I', 'E', 'V', 'E', 'C', 'K', 'P'};
constexpr quint32 kVersion = 1;
constexpr qint64 kHeaderSize = 8 + 4 + 4 + 8 * 4;
constexpr qint64 kChecksumSize = 16;

QByteArray digest(const char *data, std::size_t size)
{
    const XXH128_hash_t hash = XXH3_128bits(data, size);
    QByteArray bytes(16, Qt::Uninitialized);
    qToBigEndian<quint64>(hash.high64, bytes.data());
    qToBigEndian<quint64>(hash.low64, bytes.data() + 8);
    return bytes;
}

void appendLe64(QByteArray &bytes, quint64 value)
{
    char buffer[8];
    qToLittleEndian<quint64>(value, buffer);
    bytes.append(buffer, 8);
}

void appendFloats(QByteArray &bytes, const std::vector<float> &floats)
{
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "checkpoints store floats as they are in memory");
    bytes.append(reinterpret_cast<const char *>(floats.data()), qsizetype(floats.size() * sizeof(float)));
}

} // namespace

Status saveCheckpoint(const QString &path, const Checkpoint &checkpoint)
{
    const QByteArray json = QJsonDocument(checkpoint.info).toJson(QJsonDocument::Compact);
    QByteArray bytes;
    bytes.reserve(kHeaderSize + json.size()
                  + qsizetype((checkpoint.values.size() + checkpoint.state.size() + checkpoint.optimizerState.size())
                              * sizeof(float)) + kChecksumSize);
    bytes.append(kMagic, 8);
    char word[4];
    qToLittleEndian<quint32>(kVersion, word);
    bytes.append(word, 4);
    qToLittleEndian<quint32>(0, word);
    bytes.append(word, 4);
    appendLe64(bytes, quint64(json.size()));
    appendLe64(bytes, checkpoint.values.size());
    appendLe64(bytes, checkpoint.state.size());
    appendLe64(bytes, checkpoint.optimizerState.size());
    bytes.append(json);
    appendFloats(bytes, checkpoint.values);
    appendFloats(bytes, checkpoint.state);
    appendFloats(bytes, checkpoint.optimizerState);
    bytes.append(digest(bytes.constData(), std::size_t(bytes.size())));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(Tr::tr("%1: cannot write the checkpoint: %2").arg(path, file.errorString()));
    return {};
}

Result<Checkpoint> loadCheckpoint(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("%1: cannot read the checkpoint: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    const auto damaged = [&](const QString &why) {
        return fail(Tr::tr("%1: the checkpoint is damaged (%2); resume from another run or start again.").arg(path, why));
    };
    if (bytes.size() < kHeaderSize + kChecksumSize || std::memcmp(bytes.constData(), kMagic, 8) != 0)
        return fail(Tr::tr("%1: not a Sieve checkpoint.").arg(path));
    const quint32 version = qFromLittleEndian<quint32>(bytes.constData() + 8);
    if (version > kVersion)
        return fail(Tr::tr("%1: the checkpoint was written by a newer Sieve (version %2).").arg(path).arg(version));
    const char *at = bytes.constData() + 16;
    const quint64 jsonBytes = qFromLittleEndian<quint64>(at);
    const quint64 counts[3] = {qFromLittleEndian<quint64>(at + 8), qFromLittleEndian<quint64>(at + 16),
                               qFromLittleEndian<quint64>(at + 24)};
    const quint64 limit = quint64(bytes.size());
    if (jsonBytes > limit || counts[0] > limit || counts[1] > limit || counts[2] > limit
        || quint64(kHeaderSize) + jsonBytes + (counts[0] + counts[1] + counts[2]) * sizeof(float) + kChecksumSize != limit)
        return damaged(Tr::tr("its size does not match its header: truncated?"));
    if (digest(bytes.constData(), std::size_t(bytes.size() - kChecksumSize)) != bytes.right(kChecksumSize))
        return damaged(Tr::tr("its checksum does not match its content"));

    Checkpoint checkpoint;
    QJsonParseError error;
    const QJsonDocument info = QJsonDocument::fromJson(bytes.mid(kHeaderSize, qsizetype(jsonBytes)), &error);
    if (error.error != QJsonParseError::NoError || !info.isObject())
        return damaged(Tr::tr("its header is not valid JSON"));
    checkpoint.info = info.object();
    const char *floats = bytes.constData() + kHeaderSize + jsonBytes;
    std::vector<float> *targets[3] = {&checkpoint.values, &checkpoint.state, &checkpoint.optimizerState};
    for (int i = 0; i < 3; ++i) {
        targets[i]->resize(counts[i]);
        std::memcpy(targets[i]->data(), floats, counts[i] * sizeof(float));
        floats += counts[i] * sizeof(float);
    }
    return checkpoint;
}

} // namespace sieve::train
