#include "base/clock.h"

#include <QDateTime>

namespace sieve {

QString nowIso() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

QString defaultActor()
{
    for (const char *variable : {"SIEVE_ACTOR", "USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(variable).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("analyst");
}

} // namespace sieve
