#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace sieve::cluster {

// How to reach one sieve-worker. A plain value; any thread.
struct WorkerEndpoint {
    QString address;          // HOST:PORT
    QByteArray token;         // its --token-file's content; empty for an --insecure-local worker
    QByteArray caPem;         // TLS: the CA (or self-signed certificate) to trust; empty: plaintext
    QByteArray clientCertPem; // TLS with --tls-ca on the worker: this client's certificate and key
    QByteArray clientKeyPem;
    // The protocol version sent; 0: this build's kProtocolVersion. Only tests set another.
    std::uint32_t protocolVersion = 0;
};

// The host of HOST:PORT ("[::1]:7431" → "::1"); ADDRESS whole when it has no port.
inline QString hostOfAddress(const QString &address)
{
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    QString host = colon < 0 ? address : address.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    return host;
}

} // namespace sieve::cluster
