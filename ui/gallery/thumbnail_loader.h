#pragma once

#include <QCache>
#include <QImage>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <deque>
#include <mutex>
#include <vector>

namespace sieve::ui {

// Loads gallery thumbnails off the GUI thread: from the project's thumbs.db, or made from the
// image (scaled decode) and stored there when missing. Requests are served newest first, so
// the tiles just painted come before older ones; dropPending() forgets requests that have not
// started (the user scrolled on). Finished thumbnails are batched into one thumbnailsReady
// signal. Pixmaps live in an LRU cache on the GUI thread.
//
// GUI thread only, except for its own workers. The destructor cancels and waits.
class ThumbnailLoader : public QObject {
    Q_OBJECT

public:
    explicit ThumbnailLoader(const QString &cachePath, QObject *parent = nullptr);
    ~ThumbnailLoader() override;

    // The thumbnail scaled to fit SIDE×SIDE if ready; otherwise a null pixmap, and it is
    // requested. failed() tells whether it never will be.
    QPixmap pixmap(const QString &hash, const QString &path);
    bool failed(const QString &hash) const { return m_failed.contains(hash); }

    int side() const { return m_side; }
    void setSide(int side);
    void dropPending();

    // For tests and benchmarks: requests not yet finished.
    int pendingCount() const;

signals:
    void thumbnailsReady(const QStringList &hashes);

private:
    struct Request {
        QString hash;
        QString path;
    };
    struct Finished {
        QString hash;
        QImage image;
    };

    void work();
    void flush();

    QString m_cachePath;
    QThreadPool m_pool;
    std::atomic<bool> m_stopping{false};

    mutable std::mutex m_mutex;       // guards the four members below
    std::deque<Request> m_pending;
    QSet<QString> m_queued;           // hashes pending or being loaded
    std::vector<Finished> m_finished;
    bool m_flushScheduled = false;

    int m_side = 160;                 // GUI thread
    QCache<QString, QPixmap> m_pixmaps;
    QSet<QString> m_failed;
};

} // namespace sieve::ui
