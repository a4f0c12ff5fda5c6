#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace sieve::cluster {

// One training image of a rank's shard: the content hash of its bytes in the worker's cache
// (ingest::contentHash, images.hash) and its index in JobSpec::classes.
struct ShardImage {
    QString hash;
    int classIndex = 0;
};

// The hyper-parameters of a data-parallel job (train::TrainOptions' names and defaults).
struct HyperParameters {
    int epochs = 10;
    int globalBatchSize = 32;         // images per step over all ranks
    QString optimizer = QStringLiteral("sgd"); // sgd or adamw
    double learningRate = 0.05;
    double momentum = 0.9;
    double weightDecay = 5e-4;
    QString schedule = QStringLiteral("cosine"); // constant, cosine or step
    std::uint64_t warmupSteps = 0;
    double clipNorm = 0;
    std::uint64_t seed = 1;
    QString precision = QStringLiteral("auto"); // auto, fp32 or bf16
    QByteArray augmentationJson;      // train::Augmentation::toJson(); empty: none
    double backboneLrMultiplier = 1.0;
    bool headOnly = false;
    // Stop after this many epochs without a better earlyStopMetric (0: never), as a local run.
    int earlyStopPatience = 0;
    QString earlyStopMetric = QStringLiteral("val/top1"); // or val/loss
};

// What one rank of a job gets (sieve.cluster.v1.JobSpec as a plain value, so that code without
// gRPC headers can build it). The worker validates it (validateJobSpec) before any work.
struct JobSpec {
    QString jobId;                    // [A-Za-z0-9_-], 1..64 characters; fresh per attempt
    QByteArray modelDefinitionJson;   // nn::ModelDefinition::toJson()
    QString initialWeightsHash;       // a blob uploaded first (a .sievemodel or checkpoint); empty: from the seed
    HyperParameters hyperParameters;
    QStringList classes;
    QList<ShardImage> shard;          // this rank's training images
    QList<ShardImage> validationShard; // this rank's part of the validation images
    int rank = 0;
    int worldSize = 1;
    QString rendezvousAddress;        // HOST:PORT of the worker holding the KV store (rank 0's)
    QString rendezvousPrefix;         // fresh per rendezvous
    QByteArray rendezvousToken;       // that worker's token
    QByteArray rendezvousCaPem;       // its CA; empty: plaintext
    QString glooHost;                 // where this rank's Gloo transport binds and is reached
    std::uint64_t checkpointIntervalSteps = 0; // 0: at epoch ends only
    std::uint64_t startStep = 0;      // > 0: resuming from a checkpoint
    QString resumeCheckpointHash;     // rank 0 of a restart: the checkpoint blob to continue from
    std::uint32_t collectiveTimeoutMs = 0; // bound on the rendezvous and each collective; 0: 60 s
};

} // namespace sieve::cluster
