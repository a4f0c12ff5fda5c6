#pragma once

// Assert-and-recover for states that should be impossible: log where it happened, then take
// the safe path given as the second argument. Never crashes a user's session.
//
//   SIEVE_CHECK(row < m_ids.size(), return QVariant());

namespace sieve {
void reportCheckFailure(const char *condition, const char *file, int line);
}

#define SIEVE_CHECK(condition, action)                                                             \
    if (condition) {                                                                               \
    } else {                                                                                       \
        ::sieve::reportCheckFailure(#condition, __FILE__, __LINE__);                               \
        action;                                                                                    \
    }                                                                                              \
    do {                                                                                           \
    } while (false)
