#include "demo/demo_words.h"

#include <span>

namespace sieve::demo {

QString piiTypeName(PiiType type)
{
    switch (type) {
    case PiiType::Name: return QStringLiteral("name");
    case PiiType::Phone: return QStringLiteral("phone");
    case PiiType::Email: return QStringLiteral("email");
    }
    return QString();
}

namespace {

struct Words {
    const char *language;
    std::span<const char *const> name, phone, email, promo, header, items;
};

const char *const kEnName[] = {"Name", "Name", "Customer", "Seller", "Contact", "Received by"};
const char *const kEnPhone[] = {"Tel", "Phone", "Mobile", "Tel.", "Call"};
const char *const kEnEmail[] = {"Email", "E-mail"};
const char *const kEnPromo[] = {"PROMO", "SALE", "2 FOR 1", "NEW", "SPECIAL OFFER", "BEST PRICE"};
const char *const kEnHeader[] = {"RECEIPT", "DELIVERY NOTE", "PRICE", "THANK YOU", "INVOICE"};
const char *const kEnItems[] = {"Sugar 1kg", "Rice 2kg", "Soap x2", "Cooking oil 1L", "Tea 100g", "Bread"};

const char *const kFrName[] = {"Nom", "Nom", "Client", "Vendeur", "Nom et prénom", "Reçu par"};
const char *const kFrPhone[] = {"Tél", "Tel", "Portable", "Tél.", "Mobile"};
const char *const kFrEmail[] = {"E-mail", "Courriel", "Mail"};
const char *const kFrPromo[] = {"PROMO", "SOLDES", "NOUVEAU", "OFFRE SPÉCIALE", "PRIX CHOC"};
const char *const kFrHeader[] = {"REÇU", "BON DE LIVRAISON", "PRIX", "MERCI", "FACTURE"};
const char *const kFrItems[] = {"Sucre 1kg", "Riz 2kg", "Savon x2", "Huile 1L", "Thé 100g", "Pain"};

const char *const kEsName[] = {"Nombre", "Nombre", "Cliente", "Vendedor", "Recibido por"};
const char *const kEsPhone[] = {"Cel", "Tel", "Celular", "Teléfono", "Cel."};
const char *const kEsEmail[] = {"Correo", "Email", "E-mail"};
const char *const kEsPromo[] = {"OFERTA", "PROMOCIÓN", "NUEVO", "2 X 1", "REBAJA"};
const char *const kEsHeader[] = {"RECIBO", "NOTA DE ENTREGA", "PRECIO", "GRACIAS", "BOLETA"};
const char *const kEsItems[] = {"Azúcar 1kg", "Arroz 2kg", "Jabón x2", "Aceite 1L", "Té 100g", "Pan"};

const char *const kPtName[] = {"Nome", "Nome", "Cliente", "Vendedor", "Recebido por"};
const char *const kPtPhone[] = {"Cel", "Tel", "Celular", "WhatsApp", "Fone"};
const char *const kPtEmail[] = {"E-mail", "Email"};
const char *const kPtPromo[] = {"OFERTA", "PROMOÇÃO", "NOVO", "LEVE 3 PAGUE 2", "LIQUIDAÇÃO"};
const char *const kPtHeader[] = {"RECIBO", "NOTA DE ENTREGA", "PREÇO", "OBRIGADO", "CUPOM"};
const char *const kPtItems[] = {"Açúcar 1kg", "Arroz 2kg", "Sabão x2", "Óleo 900ml", "Chá 100g", "Pão"};

const char *const kSwName[] = {"Jina", "Jina", "Mteja", "Muuzaji", "Jina kamili"};
const char *const kSwPhone[] = {"Simu", "Tel", "Namba ya simu", "Simu No."};
const char *const kSwEmail[] = {"Barua pepe", "Email"};
const char *const kSwPromo[] = {"OFA", "PUNGUZO", "MPYA", "BEI NAFUU", "OFA MAALUM"};
const char *const kSwHeader[] = {"RISITI", "BEI", "ASANTE", "ANKARA", "KARIBU"};
const char *const kSwItems[] = {"Sukari 1kg", "Mchele 2kg", "Sabuni x2", "Mafuta 1L", "Chai 100g", "Mkate"};

const char *const kIdName[] = {"Nama", "Nama", "Pelanggan", "Penjual", "Penerima"};
const char *const kIdPhone[] = {"HP", "Telp", "WA", "No. HP", "Telp."};
const char *const kIdEmail[] = {"Email", "Surel", "E-mail"};
const char *const kIdPromo[] = {"PROMO", "DISKON", "BARU", "HEMAT", "BELI 2 GRATIS 1"};
const char *const kIdHeader[] = {"NOTA", "HARGA", "TERIMA KASIH", "KWITANSI", "STRUK"};
const char *const kIdItems[] = {"Gula 1kg", "Beras 2kg", "Sabun x2", "Minyak 1L", "Teh 100g", "Roti"};

const Words kWords[] = {
    {"en", kEnName, kEnPhone, kEnEmail, kEnPromo, kEnHeader, kEnItems},
    {"fr", kFrName, kFrPhone, kFrEmail, kFrPromo, kFrHeader, kFrItems},
    {"es", kEsName, kEsPhone, kEsEmail, kEsPromo, kEsHeader, kEsItems},
    {"pt", kPtName, kPtPhone, kPtEmail, kPtPromo, kPtHeader, kPtItems},
    {"sw", kSwName, kSwPhone, kSwEmail, kSwPromo, kSwHeader, kSwItems},
    {"id", kIdName, kIdPhone, kIdEmail, kIdPromo, kIdHeader, kIdItems},
};

const Words &words(const QString &language)
{
    for (const Words &w : kWords) {
        if (language == QLatin1String(w.language))
            return w;
    }
    return kWords[0];
}

QString pickWord(Rng &rng, std::span<const char *const> list) { return QString::fromUtf8(rng.pick(list)); }

} // namespace

QString leadingWord(const QString &language, PiiType type, Rng &rng)
{
    const Words &w = words(language);
    switch (type) {
    case PiiType::Name: return pickWord(rng, w.name);
    case PiiType::Phone: return pickWord(rng, w.phone);
    case PiiType::Email: return pickWord(rng, w.email);
    }
    return QString();
}

QString promoWord(const QString &language, Rng &rng) { return pickWord(rng, words(language).promo); }

QString headerWord(const QString &language, Rng &rng) { return pickWord(rng, words(language).header); }

QString itemLine(const QString &language, Rng &rng) { return pickWord(rng, words(language).items); }

QString brandName(Rng &rng)
{
    const char *const brands[] = {"Golden Harvest", "Mama Safi", "Sunrise", "Délice", "Sabor Real",
                                  "Tamu Tamu", "Bora", "Maharani", "PureLife", "Estrella", "Sol de Oro",
                                  "Kilimo Bora", "Sari Murni", "Royal Gold", "Fresco", "Jua Kali",
                                  "Bonne Maman", "Doce Lar", "Nyota", "Pelangi"};
    return QString::fromUtf8(rng.pick(brands));
}

QString quantityText(Rng &rng)
{
    const char *const quantities[] = {"500 g", "1 kg", "2 kg", "5 kg", "250 ml", "500 ml", "1 L", "2 L",
                                      "100 g", "12 pcs", "400 g", "Net wt 200g"};
    return QString::fromUtf8(rng.pick(quantities));
}

QString expiryText(const QString &language, QDate collected, Rng &rng)
{
    const QDate date = collected.addDays(rng.range(120, 700));
    const QString monthYear = date.toString(QStringLiteral("MM/yyyy"));
    const QString full = date.toString(QStringLiteral("dd/MM/yyyy"));
    const int style = rng.range(0, 1);
    if (language == QLatin1String("fr"))
        return style ? QStringLiteral("À consommer avant le ") + full : QStringLiteral("DLUO ") + monthYear;
    if (language == QLatin1String("es"))
        return style ? QStringLiteral("Consumir antes de ") + monthYear : QStringLiteral("Cad. ") + monthYear;
    if (language == QLatin1String("pt"))
        return style ? QStringLiteral("Validade ") + full : QStringLiteral("Val. ") + monthYear;
    if (language == QLatin1String("id"))
        return style ? QStringLiteral("Baik digunakan sebelum ") + monthYear
                     : QStringLiteral("Exp ") + date.toString(Qt::ISODate);
    return style ? QStringLiteral("Best before ") + date.toString(QStringLiteral("dd.MM.yyyy"))
                 : QStringLiteral("EXP ") + monthYear;
}

QString lotText(Rng &rng)
{
    switch (rng.range(0, 2)) {
    case 0: return QStringLiteral("LOT %1%2%3").arg(rng.range(23, 26)).arg(QChar(u'A' + rng.range(0, 7))).arg(rng.range(10, 99));
    case 1: return QStringLiteral("L%1%2").arg(rng.range(2401, 2612)).arg(QChar(u'A' + rng.range(0, 5)));
    default: return QStringLiteral("Batch %1").arg(rng.range(100, 9999), 4, 10, QLatin1Char('0'));
    }
}

} // namespace sieve::demo
