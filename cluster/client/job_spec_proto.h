#pragma once

#include "job_spec.h"

#include "sieve/cluster/v1/worker.pb.h"

namespace sieve::cluster {

// JobSpec to its wire form. Unknown optimizer, schedule or precision names become
// UNSPECIFIED, which the worker refuses by name.
void toProto(const JobSpec &spec, v1::JobSpec *out);

} // namespace sieve::cluster
