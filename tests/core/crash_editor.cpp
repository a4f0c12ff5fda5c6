// Test helper for tst_crash_safety: edits a project as fast as it can and prints the id of each
// action once it is committed ("done N"), until it is killed.

#include "store/edit_log.h"
#include "store/project.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    auto project = sieve::store::Project::open(QString::fromLocal8Bit(argv[1]));
    if (!project)
        return 3;
    sieve::store::EditLog log((*project)->db(), "crash-test");
    for (int i = 0;; ++i) {
        // Each pass over the 50 images flips every value, so no edit is a no-op.
        const std::int64_t image = 1 + i % 50;
        const int pass = (i / 50) % 2;
        auto applied = i % 3 == 0 ? log.setLabel({image, 1 + (image + 7) % 50}, 1 + pass)
                       : i % 3 == 1 ? log.setReviewStatus({image}, sieve::store::ReviewStatus(1 + pass))
                                    : log.setFlag({image}, "pii", pass == 0);
        if (!applied)
            return 4;
        if (applied->id) {
            std::printf("done %lld\n", static_cast<long long>(applied->id));
            std::fflush(stdout);
        }
    }
}
