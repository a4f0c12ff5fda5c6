#include "pii/given_names.h"

#include "base/fuzzy_match.h"

#include <QCoreApplication>
#include <QFile>

namespace sieve::pii {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::pii)
};

} // namespace

GivenNames GivenNames::fromText(const QString &text)
{
    GivenNames names;
    for (QString line : text.split(QLatin1Char('\n'))) {
        const qsizetype comment = line.indexOf(QLatin1Char('#'));
        if (comment >= 0)
            line.truncate(comment);
        line = line.trimmed();
        if (!line.isEmpty())
            names.m_names.insert(foldForMatching(line));
    }
    return names;
}

Result<GivenNames> GivenNames::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(Tr::tr("Cannot read the list of given names %1: %2.").arg(path, file.errorString()));
    return fromText(QString::fromUtf8(file.readAll()));
}

const GivenNames &GivenNames::builtIn()
{
    static const GivenNames names = [] {
        Result<GivenNames> loaded = load(QStringLiteral(":/sieve/pii/given_names.txt"));
        if (!loaded) {
            qWarning().noquote() << loaded.error();
            return GivenNames();
        }
        return std::move(loaded).value();
    }();
    return names;
}

bool GivenNames::contains(const QString &word) const
{
    return m_names.contains(foldForMatching(word));
}

} // namespace sieve::pii
