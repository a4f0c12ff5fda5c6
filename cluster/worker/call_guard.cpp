#include "call_guard.h"

#include "worker_log.h"

#include "sieve/cluster/protocol.h"

#include <QCoreApplication>
#include <QString>

namespace sieve::worker {
namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::worker::CallGuard)
};

std::string_view metadata(const grpc::CallbackServerContext *context, std::string_view key, bool *found)
{
    const auto &entries = context->client_metadata();
    const auto it = entries.find(grpc::string_ref(key.data(), key.size()));
    *found = it != entries.end();
    return *found ? std::string_view(it->second.data(), it->second.size()) : std::string_view();
}

} // namespace

CallGuard::CallGuard(QByteArray token) : m_token(std::move(token)) {}

bool CallGuard::constantTimeEquals(std::string_view a, std::string_view b)
{
    // Every byte of B is compared with some byte of A (or a zero), and the length difference is
    // folded into the same accumulator: no early exit.
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < b.size(); ++i) {
        const unsigned char left = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        difference |= static_cast<unsigned char>(left ^ static_cast<unsigned char>(b[i]));
    }
    return difference == 0;
}

grpc::Status CallGuard::check(const grpc::CallbackServerContext *context, const char *method) const
{
    if (!m_token.isEmpty()) {
        bool found = false;
        const std::string_view header = metadata(context, cluster::kAuthorizationKey, &found);
        const std::string_view prefix = cluster::kBearerPrefix;
        const bool bearer = found && header.substr(0, prefix.size()) == prefix;
        const std::string_view token = bearer ? header.substr(prefix.size()) : std::string_view();
        if (!bearer || !constantTimeEquals(token, std::string_view(m_token.constData(), std::size_t(m_token.size())))) {
            const QString why = !found ? Tr::tr("no token") : !bearer ? Tr::tr("not a bearer token") : Tr::tr("wrong token");
            log::warning(Tr::tr("refused %1 from %2: %3").arg(QLatin1String(method), QString::fromStdString(context->peer()), why));
            return {grpc::StatusCode::UNAUTHENTICATED,
                    Tr::tr("%1: send the worker's token as \"authorization: Bearer <token>\"").arg(why).toStdString()};
        }
    }
    bool found = false;
    const std::string_view version = metadata(context, cluster::kProtocolVersionKey, &found);
    const std::string expected = std::to_string(cluster::kProtocolVersion);
    if (version != expected) {
        const QString theirs = found ? QString::fromUtf8(version.data(), qsizetype(std::min<std::size_t>(version.size(), 20)))
                                     : Tr::tr("none");
        log::warning(Tr::tr("refused %1 from %2: protocol version %3, this worker speaks %4")
                         .arg(QLatin1String(method), QString::fromStdString(context->peer()), theirs)
                         .arg(cluster::kProtocolVersion));
        return {grpc::StatusCode::FAILED_PRECONDITION,
                Tr::tr("protocol version mismatch: the client speaks sieve.cluster protocol version %1, this worker "
                       "speaks version %2; use the same Sieve release on both sides")
                    .arg(theirs)
                    .arg(cluster::kProtocolVersion)
                    .toStdString()};
    }
    return grpc::Status::OK;
}

} // namespace sieve::worker
