// validateJobSpec, the pure check every StartJob passes before any work: a valid spec passes,
// and each malicious or broken one is refused with a message naming the field and the problem.

#include "proto_conversion.h"
#include "job_spec_validation.h"

#include "nn/model_zoo.h"

#include <QObject>
#include <QSet>
#include <QTest>

#include <functional>

using namespace sieve;

namespace {

const QString kHashA = QStringLiteral("0123456789abcdef0123456789abcdef");
const QString kHashB = QStringLiteral("fedcba9876543210fedcba9876543210");
const QString kAbsent = QStringLiteral("00000000000000000000000000000000");

cluster::JobSpec validSpec()
{
    cluster::JobSpec spec;
    spec.jobId = QStringLiteral("run-7_attempt-1");
    spec.modelDefinitionJson = nn::smallCnn(2).toJson();
    spec.classes = {QStringLiteral("cat"), QStringLiteral("dog")};
    spec.shard = {{kHashA, 0}, {kHashB, 1}};
    spec.validationShard = {{kHashB, 1}};
    spec.rank = 1;
    spec.worldSize = 2;
    spec.rendezvousAddress = QStringLiteral("10.0.0.5:7431");
    spec.rendezvousPrefix = QStringLiteral("run-7/attempt-1");
    return spec;
}

} // namespace

using Mutation = std::function<void(cluster::JobSpec &)>;
Q_DECLARE_METATYPE(Mutation)

class TestJobSpecValidation : public QObject {
    Q_OBJECT

private slots:
    void validSpecPasses();
    void refusals_data();
    void refusals();
    void reportsSeveralProblemsAtOnce();
};

static Result<nn::ModelDefinition> validate(const cluster::JobSpec &spec)
{
    cluster::v1::JobSpec proto;
    cluster::toProto(spec, &proto);
    const QSet<QString> present{kHashA, kHashB};
    return worker::validateJobSpec(proto, [&present](const QString &hash) { return present.contains(hash); });
}

void TestJobSpecValidation::validSpecPasses()
{
    auto model = validate(validSpec());
    QVERIFY2(model.ok(), qPrintable(model.ok() ? QString() : model.error()));
    QCOMPARE(model->name, nn::smallCnn(2).name);
    QCOMPARE(model->nodes.size(), nn::smallCnn(2).nodes.size());
}

void TestJobSpecValidation::refusals_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("expected");
    QTest::newRow("path as image hash") << Mutation([](cluster::JobSpec &s) { s.shard[1].hash = "../x"; })
                                        << "shard[1].hash \"../x\" is not a content hash";
    QTest::newRow("absolute path as hash") << Mutation([](cluster::JobSpec &s) { s.validationShard[0].hash = "/etc/passwd"; })
                                           << "validation_shard[0].hash \"/etc/passwd\" is not a content hash";
    QTest::newRow("upper-case hash") << Mutation([](cluster::JobSpec &s) { s.shard[0].hash = kHashA.toUpper(); })
                                     << "shard[0].hash";
    QTest::newRow("path as weights") << Mutation([](cluster::JobSpec &s) { s.initialWeightsHash = "../../model"; })
                                     << "initial_weights_hash \"../../model\" is not a content hash";
    QTest::newRow("path as job id") << Mutation([](cluster::JobSpec &s) { s.jobId = "../../etc"; })
                                    << "job_id \"../../etc\" must be 1 to 64 letters";
    QTest::newRow("image not uploaded") << Mutation([](cluster::JobSpec &s) { s.shard.append({kAbsent, 0}); })
                                        << "shard: 1 images are not in this worker's cache (first: " + kAbsent;
    QTest::newRow("weights not uploaded") << Mutation([](cluster::JobSpec &s) { s.initialWeightsHash = kAbsent; })
                                          << "initial_weights_hash " + kAbsent + " is not in this worker's cache";
    QTest::newRow("class index out of range") << Mutation([](cluster::JobSpec &s) { s.shard[0].classIndex = 2; })
                                              << "shard[0].class_index 2 is out of range: there are 2 classes";
    QTest::newRow("rank not below world size") << Mutation([](cluster::JobSpec &s) { s.rank = 2; })
                                               << "rank 2 must be less than world_size 2";
    QTest::newRow("absurd world size") << Mutation([](cluster::JobSpec &s) { s.worldSize = 1'000'000; })
                                       << "world_size 1000000 is outside 1..1024";
    QTest::newRow("absurd epochs") << Mutation([](cluster::JobSpec &s) { s.hyperParameters.epochs = 2'000'000'000; })
                                   << "hyper_parameters.epochs 2000000000 is outside 1..10000";
    QTest::newRow("absurd batch") << Mutation([](cluster::JobSpec &s) { s.hyperParameters.globalBatchSize = 10'000'000; })
                                  << "hyper_parameters.global_batch_size 10000000 is outside";
    QTest::newRow("NaN learning rate") << Mutation([](cluster::JobSpec &s) { s.hyperParameters.learningRate = qQNaN(); })
                                       << "hyper_parameters.learning_rate nan is outside (0, 10]";
    QTest::newRow("negative weight decay") << Mutation([](cluster::JobSpec &s) { s.hyperParameters.weightDecay = -1; })
                                           << "hyper_parameters.weight_decay -1 is outside [0, 1]";
    QTest::newRow("unknown optimizer") << Mutation([](cluster::JobSpec &s) { s.hyperParameters.optimizer = "lion"; })
                                       << "hyper_parameters.optimizer must be OPTIMIZER_SGD or OPTIMIZER_ADAMW";
    QTest::newRow("augmentation not JSON") << Mutation([](cluster::JobSpec &s) { s.hyperParameters.augmentationJson = "{flip"; })
                                           << "hyper_parameters.augmentation_json is not a JSON object";
    QTest::newRow("model JSON broken") << Mutation([](cluster::JobSpec &s) { s.modelDefinitionJson = "{\"format\": \"sieve-model\", "; })
                                       << "model_definition_json:";
    QTest::newRow("model JSON of something else") << Mutation([](cluster::JobSpec &s) { s.modelDefinitionJson = "[1, 2, 3]"; })
                                                  << "model_definition_json:";
    QTest::newRow("model JSON empty") << Mutation([](cluster::JobSpec &s) { s.modelDefinitionJson.clear(); })
                                      << "model_definition_json is empty";
    QTest::newRow("model JSON absurdly large") << Mutation([](cluster::JobSpec &s) { s.modelDefinitionJson = QByteArray(17 << 20, ' '); })
                                               << "model_definition_json has 17825792 bytes, more than 16777216";
    QTest::newRow("absurd input size") << Mutation([](cluster::JobSpec &s) {
        nn::ModelDefinition model = nn::smallCnn(2);
        model.input.height = 100'000;
        s.modelDefinitionJson = model.toJson();
    }) << "input 3×100000×32 is outside";
    QTest::newRow("one class") << Mutation([](cluster::JobSpec &s) { s.classes = {"cat"}; s.shard = {{kHashA, 0}}; s.validationShard.clear(); })
                               << "classes: 1 given; a classifier needs 2 to 100000";
    QTest::newRow("class twice") << Mutation([](cluster::JobSpec &s) { s.classes = {"cat", "cat"}; })
                                 << "classes[1] \"cat\" is listed twice";
    QTest::newRow("empty shard") << Mutation([](cluster::JobSpec &s) { s.shard.clear(); })
                                 << "shard is empty";
    QTest::newRow("no rendezvous") << Mutation([](cluster::JobSpec &s) { s.rendezvousAddress = "somewhere"; })
                                   << "rendezvous_address \"somewhere\" is not HOST:PORT";
    QTest::newRow("no rendezvous prefix") << Mutation([](cluster::JobSpec &s) { s.rendezvousPrefix.clear(); })
                                          << "rendezvous_prefix must have 1 to 256 bytes";
    QTest::newRow("head only without weights") << Mutation([](cluster::JobSpec &s) { s.hyperParameters.headOnly = true; })
                                               << "head_only needs initial weights";
    QTest::newRow("path as checkpoint") << Mutation([](cluster::JobSpec &s) { s.rank = 0; s.resumeCheckpointHash = "../jobs/x/checkpoint.sieveckpt"; })
                                        << "resume_checkpoint_hash \"../jobs/x/checkpoint.sieveckpt\" is not a content hash";
    QTest::newRow("checkpoint not uploaded") << Mutation([](cluster::JobSpec &s) { s.rank = 0; s.resumeCheckpointHash = kAbsent; })
                                             << "resume_checkpoint_hash " + kAbsent + " is not in this worker's cache";
    QTest::newRow("checkpoint for rank 1") << Mutation([](cluster::JobSpec &s) { s.resumeCheckpointHash = kHashA; })
                                           << "resume_checkpoint_hash is for rank 0 only";
    QTest::newRow("absurd collective timeout") << Mutation([](cluster::JobSpec &s) { s.collectiveTimeoutMs = 4'000'000'000u; })
                                               << "collective_timeout_ms 4000000000 is above 600000";
    QTest::newRow("absurd early-stop patience") << Mutation([](cluster::JobSpec &s) { s.hyperParameters.earlyStopPatience = 200'000; })
                                                << "hyper_parameters.early_stop_patience 200000 is above 100000";
}

void TestJobSpecValidation::refusals()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, expected);
    cluster::JobSpec spec = validSpec();
    mutate(spec);
    auto result = validate(spec);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().startsWith(QLatin1String("job spec refused: ")), qPrintable(result.error()));
    QVERIFY2(result.error().contains(expected), qPrintable(result.error()));
}

void TestJobSpecValidation::reportsSeveralProblemsAtOnce()
{
    cluster::JobSpec spec = validSpec();
    spec.rank = 5;
    spec.hyperParameters.epochs = 0;
    spec.shard[0].hash = QStringLiteral("../../../etc/shadow");
    auto result = validate(spec);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().contains(QLatin1String("rank 5")), qPrintable(result.error()));
    QVERIFY2(result.error().contains(QLatin1String("hyper_parameters.epochs 0")), qPrintable(result.error()));
    QVERIFY2(result.error().contains(QLatin1String("shard[0].hash")), qPrintable(result.error()));
}

QTEST_GUILESS_MAIN(TestJobSpecValidation)
#include "tst_job_spec_validation.moc"
