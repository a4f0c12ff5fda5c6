#include "collective.h"

#include "gloo_store.h"

#include <QCoreApplication>
#include <QStringList>

#include <gloo/allreduce.h>
#include <gloo/barrier.h>
#include <gloo/broadcast.h>
#include <gloo/common/error.h>
#include <gloo/common/logging.h>
#include <gloo/rendezvous/context.h>
#include <gloo/transport/tcp/device.h>
#include <gloo/transport/pair.h>

#include <csignal>
#include <mutex>
#include <optional>

namespace sieve::cluster {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::cluster)
};

template <typename T>
void addInto(void *out, const void *a, const void *b, std::size_t n)
{
    T *c = static_cast<T *>(out);
    const T *x = static_cast<const T *>(a);
    const T *y = static_cast<const T *>(b);
    for (std::size_t i = 0; i < n; ++i)
        c[i] = x[i] + y[i];
}

QString joined(const std::vector<std::string> &lines)
{
    QStringList list;
    for (const std::string &line : lines)
        list.append(QString::fromStdString(line));
    return list.join(QLatin1Char('\n'));
}

} // namespace

struct Collective::Impl {
    CollectiveOptions options;
    std::shared_ptr<gloo::rendezvous::Context> context; // null in a world of one
    // [j]: the address rank j listens on for its connection with this rank, as Gloo's error
    // messages print it; how a failure is traced to a peer.
    std::vector<std::string> peerAddresses;
    std::optional<Error> broken;
    std::uint64_t bytes = 0;
    std::uint32_t tag = 0;

    int left() const { return (options.rank + options.size - 1) % options.size; }
    int right() const { return (options.rank + 1) % options.size; }

    QString describe(const QString &operation, const QString &what) const
    {
        const int rank = options.rank, size = options.size;
        for (int j = 0; j < int(peerAddresses.size()); ++j) {
            if (j != rank && !peerAddresses[std::size_t(j)].empty()
                && what.contains(QString::fromStdString(peerAddresses[std::size_t(j)])))
                return Tr::tr("Gloo %1 failed on rank %2 of %3: the connection to rank %4 broke (that worker "
                              "stopped, lost its network, or gave up after a failure of its own). Gloo: %5")
                    .arg(operation).arg(rank).arg(size).arg(j).arg(what);
        }
        if (what.contains(QLatin1String("imed out"), Qt::CaseInsensitive)
            || what.contains(QLatin1String("timeout"), Qt::CaseInsensitive))
            return Tr::tr("Gloo %1 timed out on rank %2 of %3 after %4 s: no data came in time (this rank receives "
                          "from rank %5 and sends to rank %6); a worker has stopped answering or is far slower. Gloo: %7")
                .arg(operation).arg(rank).arg(size).arg(double(options.timeout.count()) / 1000.0)
                .arg(left()).arg(right()).arg(what);
        // Gloo prints the peer's advertised address only on the side that connected; the side
        // that accepted prints the peer's ephemeral port, which no rank can map.
        if (what.contains(QLatin1String("by peer")) || what.contains(QLatin1String("Read error"))
            || what.contains(QLatin1String("Write error")))
            return Tr::tr("Gloo %1 failed on rank %2 of %3: a connection to another rank broke (a worker has "
                          "probably stopped or lost its network). Gloo: %4")
                .arg(operation).arg(rank).arg(size).arg(what);
        return Tr::tr("Gloo %1 failed on rank %2 of %3: %4").arg(operation).arg(rank).arg(size).arg(what);
    }

    // Runs BODY, turning Gloo's exceptions into an Error that names OPERATION; the first failure
    // is kept and returned by every later call (Gloo's pairs are closed by then).
    template <typename Body>
    Status run(const QString &operation, Body &&body)
    {
        if (broken)
            return *broken;
        try {
            body();
            return {};
        } catch (const gloo::IoException &error) {
            broken = fail(describe(operation, QString::fromUtf8(error.what())));
        } catch (const gloo::EnforceNotMet &error) {
            broken = fail(describe(operation, QString::fromUtf8(error.what())));
        } catch (const std::exception &error) {
            broken = fail(describe(operation, QString::fromUtf8(error.what())));
        }
        return *broken;
    }

    template <typename T>
    Status allReduce(std::span<T> data)
    {
        if (options.size == 1 || data.empty())
            return {};
        Status done = run(Tr::tr("all-reduce of %1 values").arg(data.size()), [&] {
            gloo::AllreduceOptions opts(context);
            opts.setAlgorithm(gloo::AllreduceOptions::Algorithm::RING);
            opts.setOutput(data.data(), data.size());
            opts.setReduceFunction(&addInto<T>);
            opts.setTag(tag++);
            opts.setTimeout(options.timeout);
            gloo::allreduce(opts);
        });
        bytes += 2 * std::uint64_t(options.size - 1) * data.size_bytes() / std::uint64_t(options.size);
        return done;
    }

    template <typename T>
    Status broadcast(std::span<T> data, int root)
    {
        if (root < 0 || root >= options.size)
            return fail(Tr::tr("Broadcast from rank %1 in a world of %2.").arg(root).arg(options.size));
        if (options.size == 1 || data.empty())
            return {};
        return run(Tr::tr("broadcast from rank %1").arg(root), [&] {
            gloo::BroadcastOptions opts(context);
            opts.setOutput(data.data(), data.size());
            opts.setRoot(root);
            opts.setTag(tag++);
            opts.setTimeout(options.timeout);
            gloo::broadcast(opts);
        });
    }
};

Collective::Collective(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
Collective::~Collective() = default;

Result<std::unique_ptr<Collective>> Collective::connect(const CollectiveOptions &options, KeyValueStore &store)
{
    if (options.size < 1 || options.rank < 0 || options.rank >= options.size)
        return fail(Tr::tr("Rank %1 is not in a world of %2 ranks.").arg(options.rank).arg(options.size));
    if (options.timeout.count() <= 0)
        return fail(Tr::tr("The collective timeout must be positive."));
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    if (options.size == 1)
        return std::unique_ptr<Collective>(new Collective(std::move(impl)));
    // Gloo writes to its sockets without MSG_NOSIGNAL: a write to a peer that died raises SIGPIPE,
    // which would kill this process before the write's error could be reported.
    static std::once_flag ignorePipe;
    std::call_once(ignorePipe, [] { std::signal(SIGPIPE, SIG_IGN); });
    if (options.prefix.empty())
        return fail(Tr::tr("A rendezvous prefix is needed for a world of %1 ranks.").arg(options.size));
    const QString where = Tr::tr("rank %1 of %2, rendezvous “%3”")
                              .arg(options.rank).arg(options.size).arg(QString::fromStdString(options.prefix));
    try {
        gloo::transport::tcp::attr attr;
        attr.hostname = options.host;
        std::shared_ptr<gloo::transport::Device> device = gloo::transport::tcp::CreateDevice(attr);
        auto context = std::make_shared<gloo::rendezvous::Context>(options.rank, options.size);
        context->setTimeout(options.timeout);
        GlooStore glooStore(store, options.prefix + "/gloo/", options.timeout);
        context->connectFullMesh(glooStore, device);
        impl->context = std::move(context);
    } catch (const std::exception &error) {
        return fail(Tr::tr("Could not connect (%1) on %2: %3")
                        .arg(where, QString::fromStdString(options.host), QString::fromUtf8(error.what())));
    }
    // Each rank publishes the address it listens on for each peer, so that an error naming an
    // address can name the rank behind it.
    std::vector<std::string> mine(std::size_t(options.size));
    for (int j = 0; j < options.size; ++j) {
        if (j == options.rank)
            continue;
        if (const std::unique_ptr<gloo::transport::Pair> &pair = impl->context->getPair(j))
            mine[std::size_t(j)] = pair->address().str();
    }
    const QByteArray encoded = joined(mine).toUtf8();
    if (Status published = store.set(options.prefix + "/peers/" + std::to_string(options.rank),
                                     std::vector<char>(encoded.begin(), encoded.end()));
        !published)
        return fail(Tr::tr("Could not publish this rank's addresses (%1): %2").arg(where, published.error()));
    impl->peerAddresses.resize(std::size_t(options.size));
    for (int j = 0; j < options.size; ++j) {
        if (j == options.rank)
            continue;
        Result<std::vector<char>> theirs = store.get(options.prefix + "/peers/" + std::to_string(j), options.timeout);
        if (!theirs)
            return fail(Tr::tr("Rank %1 did not publish its addresses (%2): %3").arg(j).arg(where, theirs.error()));
        const QStringList lines = QString::fromUtf8(theirs->data(), qsizetype(theirs->size())).split(QLatin1Char('\n'));
        if (options.rank < lines.size())
            impl->peerAddresses[std::size_t(j)] = lines.at(options.rank).toStdString();
    }
    return std::unique_ptr<Collective>(new Collective(std::move(impl)));
}

int Collective::rank() const { return d->options.rank; }
int Collective::size() const { return d->options.size; }
std::chrono::milliseconds Collective::timeout() const { return d->options.timeout; }
std::uint64_t Collective::bytesSent() const { return d->bytes; }

Status Collective::allReduceSum(std::span<float> data) { return d->allReduce(data); }
Status Collective::allReduceSum(std::span<double> data) { return d->allReduce(data); }
Status Collective::broadcast(std::span<float> data, int root) { return d->broadcast(data, root); }
Status Collective::broadcast(std::span<double> data, int root) { return d->broadcast(data, root); }

Status Collective::barrier()
{
    if (d->options.size == 1)
        return {};
    return d->run(Tr::tr("barrier"), [&] {
        gloo::BarrierOptions opts(d->context);
        opts.setTag(d->tag++);
        opts.setTimeout(d->options.timeout);
        gloo::barrier(opts);
    });
}

Result<std::vector<double>> Collective::allGather(std::span<const double> mine)
{
    // Each rank writes its own slot of a zeroed buffer; the sum is every slot filled.
    std::vector<double> gathered(mine.size() * std::size_t(d->options.size), 0.0);
    std::copy(mine.begin(), mine.end(), gathered.begin() + std::ptrdiff_t(mine.size() * std::size_t(d->options.rank)));
    if (Status reduced = d->allReduce(std::span<double>(gathered)); !reduced)
        return reduced.takeError();
    return gathered;
}

Result<std::vector<int>> Collective::checksumMismatches(std::uint64_t checksum)
{
    // Two exact 32-bit halves: a double holds any integer below 2^53.
    const double halves[2] = {double(checksum >> 32), double(checksum & 0xffffffffu)};
    Result<std::vector<double>> all = allGather(halves);
    if (!all)
        return all.takeError();
    std::vector<int> differing;
    for (int r = 1; r < d->options.size; ++r)
        if ((*all)[std::size_t(2 * r)] != (*all)[0] || (*all)[std::size_t(2 * r + 1)] != (*all)[1])
            differing.push_back(r);
    return differing;
}

} // namespace sieve::cluster
