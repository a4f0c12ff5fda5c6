#pragma once

#include "job_spec.h"
#include "worker_client.h"

#include "sieve/cluster/v1/worker.pb.h"

#include <grpcpp/support/status.h>

namespace sieve::cluster {

// Between the client's plain values and sieve.cluster.v1's messages. Private to the client.

// JobSpec to its wire form. Unknown optimizer, schedule or precision names become
// UNSPECIFIED, which the worker refuses by name.
void toProto(const JobSpec &spec, v1::JobSpec *out);
JobState fromProto(v1::JobState state);
JobEvent fromProto(const v1::JobEvent &event);
// "UNAUTHENTICATED", "UNAVAILABLE", …: the code as gRPC documents it, for messages.
const char *statusCodeName(grpc::StatusCode code);

} // namespace sieve::cluster
