#pragma once

#include "base/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sieve::worker {

// sieve-worker's command line, with the files it names already read.
struct WorkerOptions {
    QString listenAddress;   // HOST:PORT as given (default 127.0.0.1:7431); port 0 picks a free one
    QByteArray token;        // from --token-file, surrounding whitespace removed; empty with --insecure-local
    bool insecureLocal = false;
    QByteArray tlsCertPem;   // --tls-cert and --tls-key: serve TLS with this certificate
    QByteArray tlsKeyPem;
    QByteArray tlsCaPem;     // --tls-ca: also require client certificates signed by this CA
    QString cacheDir;        // absolute
    int threads = 0;         // threads a job gets; 0: one per core
    QString portFile;        // --port-file: the bound port is written there once serving
    bool help = false;       // --help: usage printed, nothing else to do
    QStringList warnings;    // worth logging, not worth refusing to start (a token file others can read)
};

inline constexpr char kDefaultListenAddress[] = "127.0.0.1:7431";
// A shorter token is refused: it could be guessed.
inline constexpr int kMinTokenLength = 16;

// Parses ARGS (without the program name) and reads the token, certificate and key files. Fails
// with a message naming the option or file and what is wrong: unknown option, missing
// --cache-dir, a certificate without its key, no token without --insecure-local, or
// --insecure-local on an address that is not loopback.
Result<WorkerOptions> parseWorkerOptions(const QStringList &args);

// The usage text --help prints.
QString workerUsage();

// Whether HOST of HOST:PORT is a loopback address (127.0.0.0/8, ::1, localhost).
bool isLoopbackAddress(const QString &listenAddress);

} // namespace sieve::worker
