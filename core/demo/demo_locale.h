#pragma once

#include "demo/demo_random.h"

#include <QDate>
#include <QString>

#include <span>

// The people and places of the demo dataset: countries with their currency, languages, cities
// and phone numbering plans, and personal names. Pure data plus functions of an Rng; any thread.

namespace sieve::demo {

struct City {
    const char *name;
    double latitude;
    double longitude;
};

struct Country {
    const char *code;     // ISO 3166-1 alpha-2
    const char *currency; // ISO 4217
    double perUsd;        // rough exchange rate, for plausible prices
    double weight;        // share of contributors
    const char *language; // main language of printed text (en fr es pt sw id)
    const char *secondLanguage;
    double secondLanguageShare;
    const char *utcOffset; // for EXIF OffsetTimeOriginal
    std::span<const City> cities;
};

std::span<const Country> countries();

struct PersonName {
    QString first;
    QString last;
    QString full() const { return last.isEmpty() ? first : first + QLatin1Char(' ') + last; }
};

PersonName personName(const Country &country, Rng &rng);

// A mobile number that libphonenumber accepts as valid for the country, written in one of the
// local or international styles people use there ("+254 712 345 678", "0712 345678").
QString phoneNumber(const Country &country, Rng &rng);

// An address at a reserved example domain, derived from the name (accents folded).
QString emailAddress(const PersonName &name, const Country &country, Rng &rng);

// A price of about `usd` dollars in the country's currency: the number for metadata.csv
// ("250", "3.99") and the way a price tag prints it ("KSh 250", "3,99 €").
QString csvPrice(double usd, const Country &country);
QString printedPrice(double usd, const Country &country, Rng &rng);

} // namespace sieve::demo
