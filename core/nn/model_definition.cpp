#include "nn/model_definition.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace sieve::nn {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::nn)
};

constexpr auto kFormat = "sieve-model";
constexpr int kVersion = 1;

Result<int> positiveInt(const QJsonObject &object, const QString &key, const QString &where)
{
    const QJsonValue value = object.value(key);
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 1 || number > 1e6 || number != static_cast<int>(number))
        return fail(Tr::tr("%1: \"%2\" must be a positive integer").arg(where, key));
    return static_cast<int>(number);
}

Result<NodeDefinition> parseNode(const QJsonValue &value, int index)
{
    const QString where = Tr::tr("node %1").arg(index + 1);
    if (!value.isObject())
        return fail(Tr::tr("%1: not a JSON object").arg(where));
    const QJsonObject object = value.toObject();
    NodeDefinition node;
    node.name = object.value(QStringLiteral("name")).toString();
    if (node.name.isEmpty())
        return fail(Tr::tr("%1: \"name\" must be a non-empty string").arg(where));
    const QString named = Tr::tr("node '%1'").arg(node.name);
    node.op = object.value(QStringLiteral("op")).toString();
    if (node.op.isEmpty())
        return fail(Tr::tr("%1: \"op\" must be a non-empty string").arg(named));
    const QJsonValue inputs = object.value(QStringLiteral("inputs"));
    if (!inputs.isArray())
        return fail(Tr::tr("%1: \"inputs\" must be an array of node names").arg(named));
    for (const QJsonValue &input : inputs.toArray()) {
        if (!input.isString() || input.toString().isEmpty())
            return fail(Tr::tr("%1: \"inputs\" must be an array of node names").arg(named));
        node.inputs.append(input.toString());
    }
    const QJsonValue attributes = object.value(QStringLiteral("attributes"));
    if (!attributes.isUndefined() && !attributes.isObject())
        return fail(Tr::tr("%1: \"attributes\" must be a JSON object").arg(named));
    node.attributes = attributes.toObject();
    return node;
}

} // namespace

Result<ModelDefinition> ModelDefinition::fromJson(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Tr::tr("the model definition is not valid JSON (%1 at character %2)")
                        .arg(error.errorString())
                        .arg(error.offset));
    if (!document.isObject())
        return fail(Tr::tr("the model definition is not a JSON object"));
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        return fail(Tr::tr("not a Sieve model definition (\"format\" is not \"%1\")").arg(kFormat));
    const int version = root.value(QStringLiteral("version")).toInt(-1);
    if (version != kVersion)
        return fail(Tr::tr("model definition version %1 is not supported (this Sieve reads version %2)")
                        .arg(version)
                        .arg(kVersion));

    ModelDefinition definition;
    definition.name = root.value(QStringLiteral("name")).toString();

    const QJsonValue input = root.value(QStringLiteral("input"));
    if (!input.isObject())
        return fail(Tr::tr("the model definition has no \"input\" object"));
    const QJsonObject inputObject = input.toObject();
    definition.input.name = inputObject.value(QStringLiteral("name")).toString(QStringLiteral("data"));
    const QString inputWhere = Tr::tr("input");
    for (auto [key, field] : {std::pair{"channels", &InputDefinition::channels},
                              std::pair{"height", &InputDefinition::height},
                              std::pair{"width", &InputDefinition::width}}) {
        const Result<int> value = positiveInt(inputObject, QLatin1String(key), inputWhere);
        if (!value)
            return value.takeError();
        definition.input.*field = *value;
    }

    const QJsonValue groups = root.value(QStringLiteral("groups"));
    if (!groups.isUndefined() && !groups.isArray())
        return fail(Tr::tr("\"groups\" must be an array"));
    for (const QJsonValue &groupValue : groups.toArray()) {
        const QJsonObject group = groupValue.toObject();
        GroupDefinition parsed;
        parsed.name = group.value(QStringLiteral("name")).toString();
        if (parsed.name.isEmpty())
            return fail(Tr::tr("every parameter group needs a non-empty \"name\""));
        for (const GroupDefinition &existing : definition.groups) {
            if (existing.name == parsed.name)
                return fail(Tr::tr("parameter group '%1' is declared twice").arg(parsed.name));
        }
        const QJsonValue multiplier = group.value(QStringLiteral("lrMultiplier"));
        if (!multiplier.isUndefined() && (!multiplier.isDouble() || multiplier.toDouble() < 0))
            return fail(Tr::tr("parameter group '%1': \"lrMultiplier\" must be a number >= 0")
                            .arg(parsed.name));
        parsed.lrMultiplier = multiplier.toDouble(1.0);
        parsed.frozen = group.value(QStringLiteral("frozen")).toBool(false);
        definition.groups.append(parsed);
    }

    const QJsonValue nodes = root.value(QStringLiteral("nodes"));
    if (!nodes.isArray() || nodes.toArray().isEmpty())
        return fail(Tr::tr("the model definition has no \"nodes\""));
    const QJsonArray nodeArray = nodes.toArray();
    for (int i = 0; i < nodeArray.size(); ++i) {
        Result<NodeDefinition> node = parseNode(nodeArray.at(i), i);
        if (!node)
            return node.takeError();
        definition.nodes.append(std::move(*node));
    }
    return definition;
}

QByteArray ModelDefinition::toJson() const
{
    QJsonObject root;
    root.insert(QStringLiteral("format"), QLatin1String(kFormat));
    root.insert(QStringLiteral("version"), kVersion);
    root.insert(QStringLiteral("name"), name);
    root.insert(QStringLiteral("input"), QJsonObject{{QStringLiteral("name"), input.name},
                                                     {QStringLiteral("channels"), input.channels},
                                                     {QStringLiteral("height"), input.height},
                                                     {QStringLiteral("width"), input.width}});
    QJsonArray groupArray;
    for (const GroupDefinition &group : groups) {
        groupArray.append(QJsonObject{{QStringLiteral("name"), group.name},
                                      {QStringLiteral("lrMultiplier"), group.lrMultiplier},
                                      {QStringLiteral("frozen"), group.frozen}});
    }
    if (!groupArray.isEmpty())
        root.insert(QStringLiteral("groups"), groupArray);
    QJsonArray nodeArray;
    for (const NodeDefinition &node : nodes) {
        QJsonObject object{{QStringLiteral("name"), node.name},
                           {QStringLiteral("op"), node.op},
                           {QStringLiteral("inputs"), QJsonArray::fromStringList(node.inputs)}};
        if (!node.attributes.isEmpty())
            object.insert(QStringLiteral("attributes"), node.attributes);
        nodeArray.append(object);
    }
    root.insert(QStringLiteral("nodes"), nodeArray);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QList<GroupDefinition> ModelDefinition::effectiveGroups() const
{
    if (!groups.isEmpty())
        return groups;
    return {GroupDefinition{QStringLiteral("backbone"), 1.0, false}};
}

} // namespace sieve::nn
