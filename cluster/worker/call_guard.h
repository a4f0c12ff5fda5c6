#pragma once

#include <grpcpp/grpcpp.h>

#include <QByteArray>

#include <string_view>

namespace sieve::worker {

// The one check every sieve.cluster.v1 call passes before it does anything: the bearer token
// (compared in constant time) and the client's protocol version. Refusals are logged with the
// peer's address. Any thread.
class CallGuard {
public:
    // TOKEN empty: no token is required (--insecure-local on loopback).
    explicit CallGuard(QByteArray token);

    // OK, UNAUTHENTICATED (token wrong or missing) or FAILED_PRECONDITION (protocol version
    // missing or not this worker's, both versions named).
    grpc::Status check(const grpc::CallbackServerContext *context, const char *method) const;

    // Whether A equals B, in time that depends only on B's length (the secret's), so that
    // timing does not tell how much of a guess was right.
    static bool constantTimeEquals(std::string_view a, std::string_view b);

private:
    QByteArray m_token;
};

} // namespace sieve::worker
