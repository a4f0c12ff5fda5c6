#include "base/check.h"

#include <QtGlobal>

namespace sieve {

void reportCheckFailure(const char *condition, const char *file, int line)
{
    qWarning("Sieve: internal check \"%s\" failed at %s:%d; recovering.", condition, file, line);
}

} // namespace sieve
