#include "nn/cpu_features.h"

#include <oneapi/dnnl/dnnl.hpp>

namespace sieve::nn {

QString cpuIsaName()
{
    try {
        switch (dnnl::get_effective_cpu_isa()) {
        case dnnl::cpu_isa::sse41: return QStringLiteral("sse41");
        case dnnl::cpu_isa::avx: return QStringLiteral("avx");
        case dnnl::cpu_isa::avx2: return QStringLiteral("avx2");
        case dnnl::cpu_isa::avx2_vnni: return QStringLiteral("avx2_vnni");
        case dnnl::cpu_isa::avx512_mic: return QStringLiteral("avx512_mic");
        case dnnl::cpu_isa::avx512_mic_4ops: return QStringLiteral("avx512_mic_4ops");
        case dnnl::cpu_isa::avx512_core: return QStringLiteral("avx512_core");
        case dnnl::cpu_isa::avx512_core_vnni: return QStringLiteral("avx512_core_vnni");
        case dnnl::cpu_isa::avx512_core_bf16: return QStringLiteral("avx512_core_bf16");
        case dnnl::cpu_isa::avx512_core_amx: return QStringLiteral("avx512_core_amx");
        default: return QStringLiteral("generic");
        }
    } catch (const dnnl::error &) {
        return QStringLiteral("unknown");
    }
}

} // namespace sieve::nn
