#include "nn/model_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>

#include <xxhash.h>

#include <bit>
#include <cstring>
#include <limits>

namespace sieve::nn {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

static_assert(std::endian::native == std::endian::little, "model files are little-endian; so must the host be");

constexpr char kMagic[8] = {'S', 'I', 'E', 'V', 'E', 'M', 'D', 'L'};
constexpr qint64 kHeaderSize = 32;
constexpr qint64 kChecksumSize = 16;
constexpr qint64 kAlignment = 64;
// Far beyond any manifest (GoogLeNet's is about 60 kB); a bound so a damaged size cannot ask
// for gigabytes.
constexpr quint64 kMaxManifest = 64u << 20;

struct Header {
    char magic[8];
    std::uint32_t version;
    std::uint32_t reserved;
    std::uint64_t manifestSize;
    std::uint64_t dataSize;
};
static_assert(sizeof(Header) == kHeaderSize);

qint64 aligned(qint64 offset) { return (offset + kAlignment - 1) / kAlignment * kAlignment; }

QString shown(const QString &path) { return QDir::toNativeSeparators(path); }

QByteArray checksumBytes(XXH128_hash_t hash)
{
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, hash);
    return QByteArray(reinterpret_cast<const char *>(canonical.digest), sizeof(canonical.digest));
}

QJsonArray numbers(const QList<double> &values)
{
    QJsonArray array;
    for (double v : values)
        array.append(v);
    return array;
}

// Writes and hashes what it writes; remembers the first failure.
class HashingWriter {
public:
    explicit HashingWriter(QSaveFile &file) : m_file(file), m_state(XXH3_createState())
    {
        if (m_state)
            XXH3_128bits_reset(m_state);
    }
    ~HashingWriter() { XXH3_freeState(m_state); }
    HashingWriter(const HashingWriter &) = delete;
    HashingWriter &operator=(const HashingWriter &) = delete;

    bool ok() const { return m_state && m_ok; }
    qint64 position() const { return m_position; }

    void write(const void *data, qint64 size)
    {
        if (!ok() || size == 0)
            return;
        XXH3_128bits_update(m_state, data, std::size_t(size));
        m_ok = m_file.write(static_cast<const char *>(data), size) == size;
        m_position += size;
    }
    void padTo(qint64 offset)
    {
        static constexpr char zeros[kAlignment] = {};
        write(zeros, offset - m_position);
    }
    QByteArray digest() const { return checksumBytes(XXH3_128bits_digest(m_state)); }

private:
    QSaveFile &m_file;
    XXH3_state_t *m_state;
    bool m_ok = true;
    qint64 m_position = 0;
};

Result<QList<double>> parseNumbers(const QJsonValue &value, int count, const char *key)
{
    const QJsonArray array = value.toArray();
    QList<double> numbers;
    for (const QJsonValue &v : array) {
        if (!v.isDouble())
            break;
        numbers.append(v.toDouble());
    }
    if (!value.isArray() || numbers.size() != array.size() || numbers.size() != count)
        return fail(Tr::tr("normalization \"%1\" must be %2 numbers, one per input channel").arg(QLatin1String(key)).arg(count));
    return numbers;
}

// The manifest and tensor data of a file whose size and checksum have been checked.
Result<SieveModel> parseContent(const QByteArray &manifestBytes, const char *data, quint64 dataSize)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(manifestBytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(Tr::tr("its manifest is not a JSON object"));
    const QJsonObject manifest = document.object();

    SieveModel model;
    Result<ModelDefinition> definition =
        ModelDefinition::fromJson(QJsonDocument(manifest.value(QStringLiteral("architecture")).toObject()).toJson());
    if (!definition)
        return fail(Tr::tr("its architecture is not valid: %1").arg(definition.error()));
    model.definition = std::move(*definition);

    const QJsonValue classes = manifest.value(QStringLiteral("classes"));
    if (!classes.isArray())
        return fail(Tr::tr("it has no class list"));
    for (const QJsonValue &name : classes.toArray()) {
        if (!name.isString())
            return fail(Tr::tr("its class list holds something other than names"));
        model.classes.append(name.toString());
    }

    const QJsonObject normalization = manifest.value(QStringLiteral("normalization")).toObject();
    const int channels = model.definition.input.channels;
    Result<QList<double>> mean = parseNumbers(normalization.value(QStringLiteral("mean")), channels, "mean");
    if (!mean)
        return mean.takeError();
    Result<QList<double>> std = parseNumbers(normalization.value(QStringLiteral("std")), channels, "std");
    if (!std)
        return std.takeError();
    for (double s : *std) {
        if (!(s > 0))
            return fail(Tr::tr("normalization \"std\" must be positive"));
    }
    const QJsonValue resize = normalization.value(QStringLiteral("resize"));
    if (!resize.isDouble() || resize.toInt(-1) < 0)
        return fail(Tr::tr("normalization \"resize\" must be a whole number >= 0"));
    model.normalization = Normalization{*mean, *std, resize.toInt()};

    const QJsonValue metadata = manifest.value(QStringLiteral("metadata"));
    if (!metadata.isUndefined() && !metadata.isObject())
        return fail(Tr::tr("its metadata is not a JSON object"));
    model.metadata = metadata.toObject();

    const QJsonArray tensors = manifest.value(QStringLiteral("tensors")).toArray();
    QSet<QString> names;
    for (const QJsonValue &value : tensors) {
        const QJsonObject object = value.toObject();
        NamedTensor tensor;
        tensor.name = object.value(QStringLiteral("name")).toString();
        if (tensor.name.isEmpty() || names.contains(tensor.name))
            return fail(Tr::tr("a tensor is unnamed or named twice ('%1')").arg(tensor.name));
        names.insert(tensor.name);
        quint64 count = 1;
        for (const QJsonValue &d : object.value(QStringLiteral("shape")).toArray()) {
            const double extent = d.toDouble(-1);
            if (!d.isDouble() || extent < 0 || extent > 1e12 || extent != double(qint64(extent)))
                return fail(Tr::tr("tensor '%1' has an invalid shape").arg(tensor.name));
            tensor.shape.push_back(std::int64_t(extent));
            count *= quint64(extent);
            if (count > dataSize / sizeof(float))
                return fail(Tr::tr("tensor '%1' lies outside the file's data").arg(tensor.name));
        }
        const double offset = object.value(QStringLiteral("offset")).toDouble(-1);
        if (offset < 0 || offset != double(qint64(offset)) || qint64(offset) % qint64(sizeof(float)) != 0 ||
            quint64(offset) > dataSize || count * sizeof(float) > dataSize - quint64(offset))
            return fail(Tr::tr("tensor '%1' lies outside the file's data").arg(tensor.name));
        tensor.values.resize(count);
        std::memcpy(tensor.values.data(), data + qint64(offset), count * sizeof(float));
        model.weights.tensors.push_back(std::move(tensor));
    }
    return model;
}

} // namespace

Status saveModelFile(const QString &path, const SieveModel &model)
{
    const QString file = shown(path);
    QJsonArray tensorIndex;
    qint64 dataSize = 0;
    for (const NamedTensor &tensor : model.weights.tensors) {
        QJsonArray shape;
        for (std::int64_t d : tensor.shape)
            shape.append(qint64(d));
        tensorIndex.append(QJsonObject{{QStringLiteral("name"), tensor.name},
                                       {QStringLiteral("shape"), shape},
                                       {QStringLiteral("offset"), dataSize}});
        dataSize = aligned(dataSize + qint64(tensor.values.size() * sizeof(float)));
    }
    const QJsonObject manifest{
        {QStringLiteral("architecture"), QJsonDocument::fromJson(model.definition.toJson()).object()},
        {QStringLiteral("classes"), QJsonArray::fromStringList(model.classes)},
        {QStringLiteral("normalization"),
         QJsonObject{{QStringLiteral("mean"), numbers(model.normalization.mean)},
                     {QStringLiteral("std"), numbers(model.normalization.std)},
                     {QStringLiteral("resize"), model.normalization.resize}}},
        {QStringLiteral("metadata"), model.metadata},
        {QStringLiteral("tensors"), tensorIndex}};
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Compact);

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(Tr::tr("cannot write model file '%1': %2").arg(file, out.errorString()));
    HashingWriter writer(out);
    Header header{};
    std::memcpy(header.magic, kMagic, sizeof kMagic);
    header.version = kModelFileVersion;
    header.manifestSize = quint64(manifestBytes.size());
    header.dataSize = quint64(dataSize);
    writer.write(&header, sizeof header);
    writer.write(manifestBytes.constData(), manifestBytes.size());
    const qint64 dataStart = aligned(writer.position());
    writer.padTo(dataStart);
    for (const NamedTensor &tensor : model.weights.tensors) {
        writer.write(tensor.values.data(), qint64(tensor.values.size() * sizeof(float)));
        writer.padTo(aligned(writer.position() - dataStart) + dataStart);
    }
    const QByteArray checksum = writer.digest();
    if (!writer.ok() || out.write(checksum) != checksum.size()) {
        const QString reason = out.errorString();
        out.cancelWriting();
        return fail(Tr::tr("cannot write model file '%1': %2").arg(file, reason));
    }
    if (!out.commit())
        return fail(Tr::tr("cannot write model file '%1': %2").arg(file, out.errorString()));
    return {};
}

Result<SieveModel> loadModelFile(const QString &path)
{
    const QString file = shown(path);
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return fail(Tr::tr("cannot open model file '%1': %2").arg(file, in.errorString()));
    const qint64 size = in.size();
    const auto truncated = [&] {
        return fail(Tr::tr("model file '%1' is truncated (%2 bytes): it was not written completely or was cut off")
                        .arg(file)
                        .arg(size));
    };
    const auto damaged = [&](const QString &what) {
        return fail(Tr::tr("model file '%1' is damaged: %2").arg(file, what));
    };
    Header header{};
    const qint64 headerRead = in.read(reinterpret_cast<char *>(&header), sizeof header);
    if (headerRead < 0)
        return fail(Tr::tr("cannot read model file '%1': %2").arg(file, in.errorString()));
    const qint64 magicRead = std::min<qint64>(headerRead, sizeof kMagic);
    if (std::memcmp(header.magic, kMagic, std::size_t(magicRead)) != 0)
        return fail(Tr::tr("'%1' is not a Sieve model file").arg(file));
    if (headerRead < kHeaderSize)
        return truncated();
    if (header.version > std::uint32_t(kModelFileVersion))
        return fail(Tr::tr("model file '%1' was written by a newer version of Sieve (model format %2; this "
                           "version reads format %3 and older): update Sieve to open it")
                        .arg(file)
                        .arg(header.version)
                        .arg(kModelFileVersion));
    if (header.version == 0)
        return damaged(Tr::tr("its format version is 0"));
    if (header.manifestSize > kMaxManifest || header.dataSize > quint64(std::numeric_limits<qint64>::max() / 2))
        return damaged(Tr::tr("its header gives impossible sizes"));
    const qint64 dataStart = aligned(kHeaderSize + qint64(header.manifestSize));
    const qint64 expected = dataStart + qint64(header.dataSize) + kChecksumSize;
    if (size < expected)
        return truncated();
    if (size > expected)
        return damaged(Tr::tr("%1 bytes follow its end").arg(size - expected));

    QByteArray bytes;
    try {
        in.seek(0);
        bytes = in.read(size);
    } catch (const std::bad_alloc &) {
        return fail(Tr::tr("not enough memory to read model file '%1' (%2 bytes)").arg(file).arg(size));
    }
    if (bytes.size() != size)
        return fail(Tr::tr("cannot read model file '%1': %2").arg(file, in.errorString()));
    const QByteArray stored = bytes.right(kChecksumSize);
    if (checksumBytes(XXH3_128bits(bytes.constData(), std::size_t(size - kChecksumSize))) != stored)
        return damaged(Tr::tr("its checksum does not match its content"));

    Result<SieveModel> model = parseContent(bytes.mid(kHeaderSize, qsizetype(header.manifestSize)),
                                            bytes.constData() + dataStart, header.dataSize);
    if (!model)
        return damaged(model.error());
    return model;
}

Result<std::unique_ptr<Network>> createNetwork(const SieveModel &model, const NetworkOptions &options)
{
    Result<std::unique_ptr<Network>> network = Network::create(model.definition, options);
    if (!network)
        return network;
    if (model.classes.size() != (*network)->classCount())
        return fail(Tr::tr("the model names %1 classes but its network has %2 outputs")
                        .arg(model.classes.size())
                        .arg((*network)->classCount()));
    if (Status status = restoreWeights((*network)->parameters(), model.weights); !status)
        return status.takeError();
    return network;
}

} // namespace sieve::nn
