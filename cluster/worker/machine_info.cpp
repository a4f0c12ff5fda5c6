#include "machine_info.h"

#include "nn/cpu_features.h"
#include "nn/network.h"

#include <QFile>
#include <QSysInfo>

#include <thread>

namespace sieve::worker {

MachineInfo MachineInfo::current()
{
    MachineInfo info;
    info.cores = std::max(1u, std::thread::hardware_concurrency());
    info.isa = nn::cpuIsaName();
    info.bf16 = nn::Network::bf16Supported();
    info.hostname = QSysInfo::machineHostName();
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (meminfo.open(QIODevice::ReadOnly)) {
        // Lines like "MemTotal:       131891816 kB".
        for (const QByteArray &line : meminfo.readAll().split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() < 2)
                continue;
            const std::uint64_t bytes = fields.at(1).toULongLong() * 1024;
            if (fields.at(0) == "MemTotal:")
                info.memoryTotal = bytes;
            else if (fields.at(0) == "MemAvailable:")
                info.memoryAvailable = bytes;
        }
    }
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (loadavg.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const double load = loadavg.readLine().split(' ').value(0).toDouble(&ok);
        if (ok)
            info.loadAverage = load;
    }
    return info;
}

} // namespace sieve::worker
