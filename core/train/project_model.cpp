#include "train/project_model.h"

#include "store/project.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace sieve::train {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::train)
};

// The checksum a .sievemodel ends with (XXH3-128, 16 bytes), as hex.
QString fileChecksum(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() < 16 || !file.seek(file.size() - 16))
        return {};
    return QString::fromLatin1(file.read(16).toHex());
}

} // namespace

Result<store::ModelRecord> addModelToProject(store::Project &project, const LoadedModel &model, const QString &source)
{
    const QDir models(project.modelsDirectory());
    const QFileInfo sourceInfo(source);
    if (sourceInfo.absoluteDir() == QDir(models.absolutePath()) && model.format == ModelFormat::Sieve) {
        Result<std::optional<store::ModelRecord>> known = store::findModelByFile(project.db(), sourceInfo.fileName());
        if (!known)
            return known.takeError();
        if (*known)
            return **known;
    }
    if (!models.exists() && !QDir().mkpath(models.absolutePath()))
        return fail(Tr::tr("cannot create the folder %1").arg(QDir::toNativeSeparators(models.absolutePath())));
    const QString base = sourceInfo.completeBaseName().isEmpty() ? QStringLiteral("model") : sourceInfo.completeBaseName();
    QString fileName = base + QStringLiteral(".sievemodel");
    for (int n = 2; models.exists(fileName); ++n)
        fileName = QStringLiteral("%1-%2.sievemodel").arg(base).arg(n);
    const QString path = models.filePath(fileName);
    nn::SieveModel saved = model.model;
    saved.metadata.insert(QStringLiteral("importedFrom"), sourceInfo.fileName());
    if (Status status = nn::saveModelFile(path, saved); !status)
        return status.takeError();

    // The same file imported again (classify run again after a kill, say) writes the same bytes:
    // reuse its record, so predictions continue under the same model.
    const QString checksum = fileChecksum(path);
    Result<QList<store::ModelRecord>> existing = store::listModels(project.db());
    if (!existing) {
        QFile::remove(path);
        return existing.takeError();
    }
    for (const store::ModelRecord &known : *existing) {
        if (!checksum.isEmpty() && known.checksum == checksum && known.origin == QLatin1String("imported") &&
            QFileInfo::exists(models.filePath(known.file))) {
            QFile::remove(path);
            return known;
        }
    }

    store::ModelRecord record;
    record.name = sourceInfo.fileName();
    record.file = fileName;
    record.architecture = model.architecture.isEmpty() ? model.model.definition.name : model.architecture;
    record.classes = model.model.classes;
    record.origin = QStringLiteral("imported");
    record.checksum = checksum;
    Result<std::int64_t> id = store::addModel(project.db(), record);
    if (!id) {
        QFile::remove(path);
        return id.takeError();
    }
    record.id = *id;
    Result<std::optional<store::ModelRecord>> stored = store::findModel(project.db(), *id);
    if (stored && *stored)
        return **stored;
    return record;
}

Result<LoadedModel> openProjectModel(store::Project &project, std::int64_t id)
{
    Result<std::optional<store::ModelRecord>> record = store::findModel(project.db(), id);
    if (!record)
        return record.takeError();
    if (!*record)
        return fail(Tr::tr("the project has no model %1 (see: sieve-cli models)").arg(id));
    const QString path = QDir(project.modelsDirectory()).filePath((*record)->file);
    Result<nn::SieveModel> model = nn::loadModelFile(path);
    if (!model)
        return model.takeError();
    LoadedModel loaded;
    loaded.format = ModelFormat::Sieve;
    loaded.architecture = (*record)->architecture;
    loaded.model = std::move(*model);
    return loaded;
}

} // namespace sieve::train
