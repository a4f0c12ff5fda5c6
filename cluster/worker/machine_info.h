#pragma once

#include <QString>

#include <cstdint>

namespace sieve::worker {

// What Info reports about this node. Any thread.
struct MachineInfo {
    unsigned cores = 0;              // logical processors
    std::uint64_t memoryTotal = 0;   // bytes; 0 when /proc/meminfo cannot be read
    std::uint64_t memoryAvailable = 0;
    QString isa;                     // oneDNN's name for the instruction set
    bool bf16 = false;
    QString hostname;
    double loadAverage = -1;         // 1-minute load average; -1 when /proc/loadavg cannot be read

    static MachineInfo current();
};

} // namespace sieve::worker
