#include "demo/demo_locale.h"

#include <QStringList>

#include <cmath>

namespace sieve::demo {

namespace {

const City kKenya[] = {{"Nairobi", -1.2864, 36.8172}, {"Mombasa", -4.0435, 39.6682},
                       {"Kisumu", -0.0917, 34.7680}, {"Nakuru", -0.3031, 36.0800}};
const City kTanzania[] = {{"Dar es Salaam", -6.7924, 39.2083}, {"Arusha", -3.3869, 36.6830},
                          {"Mwanza", -2.5164, 32.9175}};
const City kFrance[] = {{"Paris", 48.8566, 2.3522}, {"Lyon", 45.7640, 4.8357},
                        {"Marseille", 43.2965, 5.3698}, {"Lille", 50.6292, 3.0573}};
const City kSenegal[] = {{"Dakar", 14.7167, -17.4677}, {"Thies", 14.7910, -16.9359},
                         {"Saint-Louis", 16.0326, -16.4818}};
const City kMexico[] = {{"Mexico City", 19.4326, -99.1332}, {"Guadalajara", 20.6597, -103.3496},
                        {"Monterrey", 25.6866, -100.3161}};
const City kPeru[] = {{"Lima", -12.0464, -77.0428}, {"Cusco", -13.5319, -71.9675},
                      {"Arequipa", -16.4090, -71.5375}};
const City kBrazil[] = {{"Sao Paulo", -23.5505, -46.6333}, {"Rio de Janeiro", -22.9068, -43.1729},
                        {"Salvador", -12.9777, -38.5016}, {"Recife", -8.0476, -34.8770}};
const City kIndonesia[] = {{"Jakarta", -6.2088, 106.8456}, {"Surabaya", -7.2575, 112.7521},
                           {"Bandung", -6.9175, 107.6191}, {"Medan", 3.5952, 98.6722}};
const City kUnitedStates[] = {{"San Francisco", 37.7749, -122.4194}, {"New York", 40.7128, -74.0060},
                              {"Chicago", 41.8781, -87.6298}, {"Houston", 29.7604, -95.3698}};
const City kUnitedKingdom[] = {{"London", 51.5074, -0.1278}, {"Manchester", 53.4808, -2.2426},
                               {"Birmingham", 52.4862, -1.8904}};

const Country kCountries[] = {
    {"KE", "KES", 130, 0.18, "en", "sw", 0.4, "+03:00", kKenya},
    {"TZ", "TZS", 2600, 0.08, "sw", "en", 0.25, "+03:00", kTanzania},
    {"FR", "EUR", 0.92, 0.08, "fr", "fr", 0, "+01:00", kFrance},
    {"SN", "XOF", 600, 0.08, "fr", "fr", 0, "+00:00", kSenegal},
    {"MX", "MXN", 17, 0.10, "es", "es", 0, "-06:00", kMexico},
    {"PE", "PEN", 3.7, 0.06, "es", "es", 0, "-05:00", kPeru},
    {"BR", "BRL", 5, 0.12, "pt", "pt", 0, "-03:00", kBrazil},
    {"ID", "IDR", 15600, 0.14, "id", "id", 0, "+07:00", kIndonesia},
    {"US", "USD", 1, 0.08, "en", "es", 0.1, "-08:00", kUnitedStates},
    {"GB", "GBP", 0.79, 0.08, "en", "en", 0, "+00:00", kUnitedKingdom},
};

struct NamePool {
    const char *country;
    std::span<const char *const> first;
    std::span<const char *const> last;
};

const char *const kKenyaFirst[] = {"Grace", "Baraka", "Wanjiru", "Achieng", "Kevin", "Njeri", "Faith",
                                   "Brian", "Mercy", "Kiprono", "Akinyi", "Cynthia", "Otieno", "Wambui"};
const char *const kKenyaLast[] = {"Wanjiru", "Otieno", "Kamau", "Odhiambo", "Mwangi", "Kiprotich", "Wambui",
                                  "Ochieng", "Mutua", "Njoroge", "Chebet", "Kariuki", "Onyango"};
const char *const kTanzaniaFirst[] = {"Neema", "Juma", "Rehema", "Baraka", "Zawadi", "Amani", "Halima",
                                      "Salim", "Upendo", "Imani", "Saidi", "Mwanaisha"};
const char *const kTanzaniaLast[] = {"Mushi", "Mwakyusa", "Kimaro", "Massawe", "Mrema", "Hassani", "Lyimo",
                                     "Mollel", "Shirima", "Mbwambo"};
const char *const kFranceFirst[] = {"Amélie", "Luc", "Chloé", "Théo", "Zoé", "François", "Hélène",
                                    "Jérôme", "Léa", "Noël", "Inès", "Maël", "Camille", "Benoît"};
const char *const kFranceLast[] = {"Durand", "Moreau", "Lefèvre", "Girard", "Bérenger", "Rousseau", "Fontaine",
                                   "Chevalier", "Lemaître", "Dubois", "Faure", "Mercier", "Benoît"};
const char *const kSenegalFirst[] = {"Aminata", "Mamadou", "Fatou", "Cheikh", "Awa", "Ousmane", "Mariama",
                                     "Ibrahima", "Ndèye", "Abdoulaye", "Khady", "Moussa"};
const char *const kSenegalLast[] = {"Diop", "Ndiaye", "Sow", "Fall", "Diallo", "Ba", "Gueye", "Sarr",
                                    "Cissé", "Mbaye", "Faye", "Thiam"};
const char *const kMexicoFirst[] = {"Lucía", "José", "María", "Andrés", "Sofía", "Jesús", "Valentina",
                                    "Ramón", "Ximena", "Héctor", "Guadalupe", "Iván"};
const char *const kMexicoLast[] = {"Fernández", "Hernández", "García", "López", "Martínez", "Ramírez",
                                   "Núñez", "Gutiérrez", "Pérez", "Sánchez", "Ordóñez"};
const char *const kPeruFirst[] = {"Rosa", "Luis", "Carmen", "Jorge", "Milagros", "Percy", "Yesenia",
                                  "Wilber", "Flor", "Julián", "Maribel"};
const char *const kPeruLast[] = {"Quispe", "Mamani", "Huamán", "Flores", "Condori", "Chávez", "Ramos",
                                 "Vásquez", "Ccori", "Apaza"};
const char *const kBrazilFirst[] = {"João", "Ana", "Conceição", "Thiago", "Luíza", "Júlia", "Mateus",
                                    "Beatriz", "Antônio", "Letícia", "Caio", "Vitória"};
const char *const kBrazilLast[] = {"Silva", "Souza", "Oliveira", "Conceição", "Araújo", "Gonçalves",
                                   "Magalhães", "Pereira", "Assunção", "Brandão", "Simões"};
const char *const kIndonesiaFirst[] = {"Siti", "Budi", "Dewi", "Agus", "Rina", "Wahyu", "Putri", "Eko",
                                       "Ayu", "Hendra", "Sutrisno", "Nur"};
const char *const kIndonesiaLast[] = {"Rahayu", "Santoso", "Lestari", "Wijaya", "Saputra", "Kurniawan",
                                      "Hidayat", "Setiawan", "Purnama", "Susanti", "Nugroho"};
const char *const kUsFirst[] = {"Emily", "Michael", "Jessica", "Tyler", "Ashley", "Jordan", "Megan",
                                "Brandon", "Kayla", "Marcus", "Destiny"};
const char *const kUsLast[] = {"Johnson", "Williams", "Brown", "Miller", "Davis", "Garcia", "Rodriguez",
                               "Wilson", "Anderson", "Thompson", "Nguyen"};
const char *const kUkFirst[] = {"Oliver", "Amelia", "Harry", "Isla", "George", "Olivia", "Jack", "Poppy",
                                "Aisha", "Callum", "Siobhan"};
const char *const kUkLast[] = {"Smith", "Jones", "Taylor", "Evans", "Hughes", "Wright", "O'Brien", "Patel",
                               "Khan", "Roberts", "MacLeod"};

const NamePool kNamePools[] = {
    {"KE", kKenyaFirst, kKenyaLast},         {"TZ", kTanzaniaFirst, kTanzaniaLast},
    {"FR", kFranceFirst, kFranceLast},       {"SN", kSenegalFirst, kSenegalLast},
    {"MX", kMexicoFirst, kMexicoLast},       {"PE", kPeruFirst, kPeruLast},
    {"BR", kBrazilFirst, kBrazilLast},       {"ID", kIndonesiaFirst, kIndonesiaLast},
    {"US", kUsFirst, kUsLast},               {"GB", kUkFirst, kUkLast},
};

bool is(const Country &country, const char *code) { return qstrcmp(country.code, code) == 0; }

QString digits(Rng &rng, int count)
{
    QString text;
    for (int i = 0; i < count; ++i)
        text += QChar(u'0' + rng.range(0, 9));
    return text;
}

template <std::size_t N>
QString pickText(Rng &rng, const char *const (&items)[N])
{
    return QString::fromUtf8(rng.pick(items));
}

// Splits `number` into groups of the given sizes, joined by `separator`.
QString group(const QString &number, std::initializer_list<int> sizes, const QString &separator)
{
    QStringList parts;
    int at = 0;
    for (int size : sizes) {
        parts << number.mid(at, size);
        at += size;
    }
    if (at < number.size())
        parts << number.mid(at);
    return parts.join(separator);
}

const QString kSpace = QStringLiteral(" ");
const QString kDash = QStringLiteral("-");

// The national significant number (no trunk prefix) of a mobile line, and how it is written.
QString kenyaPhone(Rng &rng)
{
    const QString n = QStringLiteral("7") + digits(rng, 8);
    switch (rng.range(0, 3)) {
    case 0: return QStringLiteral("+254 ") + group(n, {3, 3, 3}, kSpace);
    case 1: return QStringLiteral("0") + group(n, {3, 6}, kSpace);
    case 2: return QStringLiteral("0") + group(n, {3, 3, 3}, kSpace);
    default: return QStringLiteral("+254") + n;
    }
}

QString tanzaniaPhone(Rng &rng)
{
    const char *const prefixes[] = {"65", "67", "68", "69", "71", "74", "75", "76", "77", "78"};
    const QString prefix = pickText(rng, prefixes);
    const QString n = prefix + digits(rng, 7);
    switch (rng.range(0, 2)) {
    case 0: return QStringLiteral("+255 ") + group(n, {3, 3, 3}, kSpace);
    case 1: return QStringLiteral("0") + group(n, {3, 3, 3}, kSpace);
    default: return QStringLiteral("0") + n;
    }
}

QString francePhone(Rng &rng)
{
    const char *const prefixes[] = {"60", "61", "62", "64", "65", "66", "67", "68", "75", "76", "77", "78"};
    const QString prefix = pickText(rng, prefixes);
    const QString n = prefix + digits(rng, 7);
    switch (rng.range(0, 3)) {
    case 0: return QStringLiteral("0") + group(n, {1, 2, 2, 2, 2}, kSpace);
    case 1: return QStringLiteral("+33 ") + group(n, {1, 2, 2, 2, 2}, kSpace);
    case 2: return QStringLiteral("0") + group(n, {1, 2, 2, 2, 2}, QStringLiteral("."));
    default: return QStringLiteral("0") + n;
    }
}

QString senegalPhone(Rng &rng)
{
    const char *const prefixes[] = {"70", "75", "76", "77", "78"};
    const QString prefix = pickText(rng, prefixes);
    const QString n = prefix + digits(rng, 7);
    switch (rng.range(0, 2)) {
    case 0: return group(n, {2, 3, 2, 2}, kSpace);
    case 1: return QStringLiteral("+221 ") + group(n, {2, 3, 2, 2}, kSpace);
    default: return n;
    }
}

QString mexicoPhone(Rng &rng)
{
    const char *const areas[] = {"55", "33", "81"};
    const QString area = pickText(rng, areas);
    const QString local = digits(rng, 8);
    switch (rng.range(0, 2)) {
    case 0: return area + kSpace + group(local, {4, 4}, kSpace);
    case 1: return QStringLiteral("+52 ") + area + kSpace + group(local, {4, 4}, kSpace);
    default: return QStringLiteral("(") + area + QStringLiteral(") ") + group(local, {4, 4}, kDash);
    }
}

QString peruPhone(Rng &rng)
{
    const QString n = QStringLiteral("9") + digits(rng, 8);
    switch (rng.range(0, 2)) {
    case 0: return group(n, {3, 3, 3}, kSpace);
    case 1: return QStringLiteral("+51 ") + group(n, {3, 3, 3}, kSpace);
    default: return group(n, {3, 3, 3}, kDash);
    }
}

QString brazilPhone(Rng &rng)
{
    const char *const areas[] = {"11", "19", "21", "27", "31", "41", "51", "61", "71", "81", "85"};
    const QString area = pickText(rng, areas);
    const QChar second(u'0' + rng.range(6, 9));
    const QString local = QStringLiteral("9") + second + digits(rng, 7);
    switch (rng.range(0, 2)) {
    case 0: return QStringLiteral("(") + area + QStringLiteral(") ") + group(local, {5, 4}, kDash);
    case 1: return QStringLiteral("+55 ") + area + kSpace + group(local, {5, 4}, kDash);
    default: return area + kSpace + group(local, {5, 4}, kDash);
    }
}

QString indonesiaPhone(Rng &rng)
{
    const char *const prefixes[] = {"811", "812", "813", "821", "822", "852", "853",
                                    "856", "857", "877", "878", "895", "896"};
    const bool longForm = rng.chance(0.7);
    const QString prefix = pickText(rng, prefixes);
    const QString n = prefix + digits(rng, longForm ? 8 : 7);
    const int style = rng.range(0, 2);
    const QString &separator = style == 2 ? kSpace : kDash;
    const QString grouped = longForm ? group(n, {3, 4, 4}, separator) : group(n, {3, 3, 4}, separator);
    return (style == 1 ? QStringLiteral("+62 ") : QStringLiteral("0")) + grouped;
}

QString unitedStatesPhone(Rng &rng)
{
    const char *const areas[] = {"212", "415", "650", "312", "617", "206", "303", "404", "512", "702"};
    const QString area = pickText(rng, areas);
    QString exchange;
    do {
        const QChar first(u'0' + rng.range(2, 9));
        exchange = first + digits(rng, 2);
    } while (exchange == QLatin1String("555") || exchange.endsWith(QLatin1String("11")));
    const QString line = digits(rng, 4);
    switch (rng.range(0, 3)) {
    case 0: return QStringLiteral("(%1) %2-%3").arg(area, exchange, line);
    case 1: return QStringLiteral("+1 %1-%2-%3").arg(area, exchange, line);
    case 2: return QStringLiteral("%1-%2-%3").arg(area, exchange, line);
    default: return QStringLiteral("%1.%2.%3").arg(area, exchange, line);
    }
}

QString unitedKingdomPhone(Rng &rng)
{
    // Mobile ranges that are allocated (07400-07449 and so on), not the drama range 07700 900.
    const char *const prefixes[] = {"710", "723", "734", "740", "743", "747", "751", "756",
                                    "771", "775", "780", "784", "790", "794", "798"};
    const QString prefix = pickText(rng, prefixes);
    const QString n = prefix + digits(rng, 7);
    switch (rng.range(0, 2)) {
    case 0: return QStringLiteral("0") + group(n, {4, 6}, kSpace);
    case 1: return QStringLiteral("+44 ") + group(n, {4, 6}, kSpace);
    default: return QStringLiteral("0") + group(n, {4, 3, 3}, kSpace);
    }
}

QString foldToAscii(const QString &text)
{
    QString folded;
    for (QChar c : text.normalized(QString::NormalizationForm_D)) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            folded += c.toLower();
    }
    return folded;
}

double localAmount(double usd, const Country &country)
{
    const double amount = usd * country.perUsd;
    const QLatin1String currency(country.currency);
    double step = 0.01;
    if (currency == QLatin1String("IDR"))
        step = 500;
    else if (currency == QLatin1String("TZS"))
        step = 50;
    else if (currency == QLatin1String("XOF"))
        step = 25;
    else if (currency == QLatin1String("KES"))
        step = 5;
    if (step >= 1)
        return std::max(step, std::round(amount / step) * step);
    // Shop prices end in .49, .50, .95 or .99 more often than not.
    const double whole = std::floor(amount);
    const double cents[] = {0.25, 0.49, 0.50, 0.75, 0.95, 0.99};
    const double fraction = amount - whole;
    double best = cents[0];
    for (double c : cents) {
        if (std::abs(c - fraction) < std::abs(best - fraction))
            best = c;
    }
    return whole + best;
}

bool wholeCurrency(const Country &country)
{
    const QLatin1String currency(country.currency);
    return currency == QLatin1String("IDR") || currency == QLatin1String("TZS")
        || currency == QLatin1String("XOF") || currency == QLatin1String("KES");
}

QString thousands(qint64 value, QChar separator)
{
    QString text = QString::number(value);
    for (int at = text.size() - 3; at > 0; at -= 3)
        text.insert(at, separator);
    return text;
}

QString decimals(double value, QChar point)
{
    QString text = QString::number(value, 'f', 2);
    text.replace(QLatin1Char('.'), point);
    return text;
}

} // namespace

std::span<const Country> countries() { return kCountries; }

PersonName personName(const Country &country, Rng &rng)
{
    for (const NamePool &pool : kNamePools) {
        if (!is(country, pool.country))
            continue;
        PersonName name{QString::fromUtf8(rng.pick(pool.first)), QString::fromUtf8(rng.pick(pool.last))};
        // Many Indonesians go by a single name.
        if (is(country, "ID") && rng.chance(0.15))
            name.last.clear();
        return name;
    }
    return {QStringLiteral("Alex"), QStringLiteral("Morgan")};
}

QString phoneNumber(const Country &country, Rng &rng)
{
    if (is(country, "KE")) return kenyaPhone(rng);
    if (is(country, "TZ")) return tanzaniaPhone(rng);
    if (is(country, "FR")) return francePhone(rng);
    if (is(country, "SN")) return senegalPhone(rng);
    if (is(country, "MX")) return mexicoPhone(rng);
    if (is(country, "PE")) return peruPhone(rng);
    if (is(country, "BR")) return brazilPhone(rng);
    if (is(country, "ID")) return indonesiaPhone(rng);
    if (is(country, "GB")) return unitedKingdomPhone(rng);
    return unitedStatesPhone(rng);
}

QString emailAddress(const PersonName &name, const Country &country, Rng &rng)
{
    const QString first = foldToAscii(name.first);
    const QString last = foldToAscii(name.last);
    QString local;
    switch (last.isEmpty() ? 3 : rng.range(0, 3)) {
    case 0: local = first + QLatin1Char('.') + last; break;
    case 1: local = first.left(1) + last; break;
    case 2: local = first + QLatin1Char('_') + last + QString::number(rng.range(1, 99)); break;
    default: local = first + last + QString::number(rng.range(70, 2005)); break;
    }
    const QString tld = QString::fromLatin1(country.code).toLower();
    const QString national = is(country, "US") ? QStringLiteral("example.com")
        : is(country, "GB")                    ? QStringLiteral("example.co.uk")
        : is(country, "BR") || is(country, "MX") ? QStringLiteral("example.com.") + tld
        : is(country, "KE") || is(country, "TZ") || is(country, "ID") ? QStringLiteral("example.co.") + tld
                                                 : QStringLiteral("example.") + tld;
    const char *const reserved[] = {"example.com", "example.org", "example.net", "mail.example"};
    const QString domain = rng.chance(0.55) ? national : QString::fromLatin1(rng.pick(reserved));
    return local + QLatin1Char('@') + domain;
}

QString csvPrice(double usd, const Country &country)
{
    const double amount = localAmount(usd, country);
    return wholeCurrency(country) ? QString::number(qint64(amount)) : QString::number(amount, 'f', 2);
}

QString printedPrice(double usd, const Country &country, Rng &rng)
{
    const double amount = localAmount(usd, country);
    const qint64 whole = qint64(amount);
    const QLatin1String currency(country.currency);
    const int style = rng.range(0, 2);
    if (currency == QLatin1String("KES")) {
        const QString n = thousands(whole, QLatin1Char(','));
        return style == 0 ? QStringLiteral("KSh ") + n : style == 1 ? QStringLiteral("Ksh ") + n + QStringLiteral("/=")
                                                                   : QStringLiteral("KES ") + n;
    }
    if (currency == QLatin1String("TZS")) {
        const QString n = thousands(whole, QLatin1Char(','));
        return style == 0 ? QStringLiteral("TSh ") + n : style == 1 ? QStringLiteral("TZS ") + n : n + QStringLiteral("/=");
    }
    if (currency == QLatin1String("XOF")) {
        const QString n = thousands(whole, QLatin1Char(' '));
        return style == 0 ? n + QStringLiteral(" FCFA") : style == 1 ? QStringLiteral("CFA ") + n : n + QStringLiteral(" F");
    }
    if (currency == QLatin1String("IDR")) {
        const QString n = thousands(whole, QLatin1Char('.'));
        return style == 0 ? QStringLiteral("Rp ") + n : style == 1 ? QStringLiteral("Rp") + n + QStringLiteral(",-")
                                                                   : QStringLiteral("IDR ") + n;
    }
    if (currency == QLatin1String("EUR"))
        return style == 0 ? decimals(amount, QLatin1Char(',')) + QStringLiteral(" €")
                          : QStringLiteral("€") + decimals(amount, style == 1 ? QLatin1Char(',') : QLatin1Char('.'));
    if (currency == QLatin1String("BRL"))
        return (style == 0 ? QStringLiteral("R$ ") : QStringLiteral("R$")) + decimals(amount, QLatin1Char(','));
    if (currency == QLatin1String("PEN"))
        return (style == 0 ? QStringLiteral("S/ ") : QStringLiteral("S/. ")) + decimals(amount, QLatin1Char('.'));
    if (currency == QLatin1String("GBP"))
        return QStringLiteral("£") + decimals(amount, QLatin1Char('.'));
    if (currency == QLatin1String("MXN") && style == 2)
        return QStringLiteral("MXN ") + decimals(amount, QLatin1Char('.'));
    return QStringLiteral("$") + decimals(amount, QLatin1Char('.'));
}

} // namespace sieve::demo
