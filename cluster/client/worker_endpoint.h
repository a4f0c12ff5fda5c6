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

} // namespace sieve::cluster
