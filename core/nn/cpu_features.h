#pragma once

#include <QString>

namespace sieve::nn {

// The instruction set oneDNN uses on this CPU, by oneDNN's name ("avx2", "avx512_core_bf16",
// "avx512_core_amx", …; lowered by the ONEDNN_MAX_CPU_ISA environment variable), for a worker's
// Info and for reports. Native bf16 is Network::bf16Supported(). Any thread.
QString cpuIsaName();

} // namespace sieve::nn
