#include "pii/card.h"
#include "pii/email.h"
#include "pii/iban.h"
#include "pii/national_id.h"
#include "pii/ocr_languages.h"
#include "pii/ocr_normalise.h"
#include "pii/phone.h"
#include "pii/pii_finder.h"

#include <QTest>

using namespace sieve::pii;

namespace {

// Lays words out as OCR would report them: 10 px per character, a 10 px gap, 20 px per line.
TextLine lineOf(const QString &text, int row = 0, float confidence = 95)
{
    TextLine line;
    int x = 0;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        line.words << TextWord{word, QRect(x, row * 20, int(word.size()) * 10, 15), confidence};
        x += int(word.size()) * 10 + 10;
    }
    return line;
}

QList<TextLine> linesOf(const QStringList &texts)
{
    QList<TextLine> lines;
    for (const QString &text : texts)
        lines << lineOf(text, int(lines.size()));
    return lines;
}

QStringList spanTexts(const QString &text, const QList<TextSpan> &spans)
{
    QStringList texts;
    for (const TextSpan &span : spans)
        texts << text.mid(span.start, span.length);
    return texts;
}

QString describe(const QList<PiiMatch> &matches)
{
    QStringList parts;
    for (const PiiMatch &m : matches)
        parts << QStringLiteral("%1=%2%3").arg(piiTypeName(m.type), m.text, m.needsReview ? QStringLiteral(" (review)") : QString());
    return parts.join(QLatin1String(" | "));
}

} // namespace

class TestPiiRecognizers : public QObject {
    Q_OBJECT

private slots:
    void normalisesLookAlikesOnlyInNumericRuns_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("leading O") << "O712 345 6781" << "0712 345 6781";
        QTest::newRow("l and S in a number") << "Tel: +254 7l2 34S 678" << "Tel: +254 712 345 678";
        QTest::newRow("word stays") << "BOSS" << "BOSS";
        QTest::newRow("letters outnumber digits") << "SOS 12" << "SOS 12";
        QTest::newRow("quantity stays") << "Sugar 1kg" << "Sugar 1kg";
        QTest::newRow("Z and B") << "2B4 999 111 Z12" << "284 999 111 212";
    }
    void normalisesLookAlikesOnlyInNumericRuns()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        const QString result = normaliseOcrDigits(text);
        QCOMPARE(result, normalised);
        // Positions map one to one, so a span of the result boxes the same words.
        QCOMPARE(result.size(), text.size());
    }

    void findsPhoneNumbersAndRejectsOtherNumbers_data()
    {
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("phones");
        QTest::newRow("KE local") << "KE" << "Simu: 0712 345 678" << QStringList{"0712 345 678"};
        QTest::newRow("KE international") << "KE" << "+254 712 345 678" << QStringList{"+254 712 345 678"};
        QTest::newRow("KE look-alike O") << "KE" << "O712 345 678" << QStringList{"O712 345 678"};
        QTest::newRow("KE look-alike l") << "KE" << "Tel +254 7l2 345 678" << QStringList{"+254 7l2 345 678"};
        QTest::newRow("FR local") << "FR" << "Tél : 06 12 34 56 78" << QStringList{"06 12 34 56 78"};
        QTest::newRow("FR international") << "FR" << "+33 6 12 34 56 78" << QStringList{"+33 6 12 34 56 78"};
        QTest::newRow("ID local") << "ID" << "HP 0812-3456-7890" << QStringList{"0812-3456-7890"};
        QTest::newRow("ID international") << "ID" << "+62 812 3456 7890" << QStringList{"+62 812 3456 7890"};
        QTest::newRow("BR local") << "BR" << "Cel: (11) 91234-5678" << QStringList{"(11) 91234-5678"};
        QTest::newRow("BR international") << "BR" << "+55 11 91234-5678" << QStringList{"+55 11 91234-5678"};
        QTest::newRow("MX local") << "MX" << "Cel 55 1234 5678" << QStringList{"55 1234 5678"};
        QTest::newRow("MX international") << "MX" << "+52 55 1234 5678" << QStringList{"+52 55 1234 5678"};
        QTest::newRow("US local") << "US" << "Call (650) 253-0000" << QStringList{"(650) 253-0000"};
        QTest::newRow("US international") << "US" << "+1 650 253 0000" << QStringList{"+1 650 253 0000"};
        QTest::newRow("international, no region") << "" << "+254 712 345 678" << QStringList{"+254 712 345 678"};
        QTest::newRow("foreign number, other region") << "FR" << "WhatsApp +254 712 345 678" << QStringList{"+254 712 345 678"};
        QTest::newRow("+ read as 4") << "SN" << "Mobile 4221 77 215 31 63" << QStringList{"4221 77 215 31 63"};
        QTest::newRow("+ read as 1") << "TZ" << "1255 670 992 117" << QStringList{"1255 670 992 117"};
        QTest::newRow("4 that is a digit stays") << "KE" << "Code 4712 2026" << QStringList{};
        QTest::newRow("two numbers") << "KE" << "0712 345 678 / 0733 123 456" << QStringList{"0712 345 678", "0733 123 456"};
        QTest::newRow("price KSh") << "KE" << "KSh 2500" << QStringList{};
        QTest::newRow("price with dot") << "FR" << "Total 12.500" << QStringList{};
        QTest::newRow("price with decimals") << "MX" << "$ 1500.00" << QStringList{};
        QTest::newRow("ISO date") << "KE" << "2026-03-12" << QStringList{};
        QTest::newRow("date with slashes") << "FR" << "12/03/2026" << QStringList{};
        QTest::newRow("quantity") << "US" << "Rice 1 kg" << QStringList{};
        QTest::newRow("receipt line") << "KE" << "Sugar 1kg 2 x 120.00" << QStringList{};
        QTest::newRow("national number, no region") << "" << "0712 345 678" << QStringList{};
    }
    void findsPhoneNumbersAndRejectsOtherNumbers()
    {
        QFETCH(QString, region);
        QFETCH(QString, text);
        QFETCH(QStringList, phones);
        // Spans of the normalised text are spans of the original text.
        QCOMPARE(spanTexts(text, findPhones(normaliseOcrDigits(text), region)), phones);
    }

    void phoneDetailNamesRegionAndKind()
    {
        const QList<TextSpan> spans = findPhones(QStringLiteral("0712 345 678"), QStringLiteral("KE"));
        QCOMPARE(spans.size(), 1);
        QCOMPARE(spans[0].detail, QStringLiteral("KE mobile"));
    }

    void findsEmailsSplitByOcr_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("emails");
        QTest::newRow("plain") << "Email: amelie.durand@example.fr" << QStringList{"amelie.durand@example.fr"};
        QTest::newRow("spaces around @ and .") << "amelie . durand @ example.fr" << QStringList{"amelie . durand @ example.fr"};
        QTest::newRow("space before domain dot") << "Correo: juan@correo .mx gracias" << QStringList{"juan@correo .mx"};
        QTest::newRow("(at)") << "budi.santoso(at)mail.co.id" << QStringList{"budi.santoso(at)mail.co.id"};
        QTest::newRow("[at] with spaces") << "wanjiku [at] example.ke" << QStringList{"wanjiku [at] example.ke"};
        QTest::newRow("two") << "a@b.com c@d.org" << QStringList{"a@b.com", "c@d.org"};
        QTest::newRow("space inside the domain") << "wambui622@exam ple.com 2.5." << QStringList{"wambui622@exam ple.com"};
        QTest::newRow("word after an address") << "a@b.com thanks" << QStringList{"a@b.com"};
        QTest::newRow("@ read as Q") << "grace wanjirul6Qexample.co.ke" << QStringList{"grace wanjirul6Qexample.co.ke"};
        QTest::newRow("@ read as ©") << "Email: juan©correo.mx" << QStringList{"juan©correo.mx"};
        QTest::newRow("@ read as 0 after a digit") << "putripurnama13970example.co.id"
                                                  << QStringList{"putripurnama13970example.co.id"};
        QTest::newRow("@ read as G") << "yi nonyangoGekample.co.ke" << QStringList{"yi nonyangoGekample.co.ke"};
        QTest::newRow("G of a name in capitals is no @") << "Visit KenyaGrocers.co.ke" << QStringList{};
        QTest::newRow("a web address is no e-mail") << "www.shop10online.com" << QStringList{};
        QTest::newRow("0 after a letter is no @") << "tomato0example.com" << QStringList{};
        QTest::newRow("Q in a word is no @") << "IQ test at Quick.Shop today" << QStringList{};
        QTest::newRow("local part broken by a space") << "amani lyimo48@example.co.tz" << QStringList{"amani lyimo48@example.co.tz"};
        QTest::newRow("words before an address stay out") << "write to me at amani@example.co.tz"
                                                         << QStringList{"amani@example.co.tz"};
        QTest::newRow("top-level domain cut at the line's end") << "yquispe@example.p" << QStringList{"yquispe@example.p"};
        QTest::newRow("one-letter domain inside a line") << "a@example.p and more" << QStringList{};
        QTest::newRow("no domain") << "name@localhost" << QStringList{};
        QTest::newRow("sentence with dots") << "Thank you. Come again." << QStringList{};
        QTest::newRow("at as a word") << "Meet at the shop" << QStringList{};
    }
    void findsEmailsSplitByOcr()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, emails);
        QCOMPARE(spanTexts(text, findEmails(text)), emails);
    }

    void findsPaymentCardsThatPassLuhn_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("cards");
        QTest::newRow("visa spaced") << "Card 4111 1111 1111 1111" << QStringList{"4111 1111 1111 1111"};
        QTest::newRow("mastercard dashed") << "5500-0000-0000-0004" << QStringList{"5500-0000-0000-0004"};
        QTest::newRow("amex") << "378282246310005" << QStringList{"378282246310005"};
        QTest::newRow("look-alike") << "4111 1111 1111 IIII" << QStringList{"4111 1111 1111 IIII"};
        QTest::newRow("luhn fails") << "4111 1111 1111 1112" << QStringList{};
        QTest::newRow("too short") << "4111 1111 111" << QStringList{};
        QTest::newRow("too long") << "4111 1111 1111 1111 1111" << QStringList{};
    }
    void findsPaymentCardsThatPassLuhn()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, cards);
        QCOMPARE(spanTexts(text, findPaymentCards(normaliseOcrDigits(text))), cards);
    }

    void findsIbansWithValidChecksum_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("ibans");
        QTest::newRow("GB spaced") << "IBAN: GB82 WEST 1234 5698 7654 32" << QStringList{"GB82 WEST 1234 5698 7654 32"};
        QTest::newRow("DE spaced") << "DE89 3704 0044 0532 0130 00" << QStringList{"DE89 3704 0044 0532 0130 00"};
        QTest::newRow("DE compact") << "DE89370400440532013000" << QStringList{"DE89370400440532013000"};
        QTest::newRow("FR, word after") << "FR14 2004 1010 0505 0001 3M02 606 PAID" << QStringList{"FR14 2004 1010 0505 0001 3M02 606"};
        QTest::newRow("lower case") << "gb82 west 1234 5698 7654 32" << QStringList{"gb82 west 1234 5698 7654 32"};
        QTest::newRow("wrong check digits") << "GB83 WEST 1234 5698 7654 32" << QStringList{};
        QTest::newRow("wrong BBAN digit") << "DE89 3704 0044 0532 0130 01" << QStringList{};
        QTest::newRow("too short") << "DE89 3704 0044 0532 0130" << QStringList{};
        QTest::newRow("unknown country") << "XX82 WEST 1234 5698 7654 32" << QStringList{};
    }
    void findsIbansWithValidChecksum()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, ibans);
        QCOMPARE(spanTexts(text, findIbans(normaliseOcrDigits(text))), ibans);
    }

    void findsNationalIdsOnlyAfterTheirKeyword_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("CPF") << "CPF: 529.982.247-25" << QStringList{"529.982.247-25"};
        QTest::newRow("CPF compact") << "CPF 52998224725" << QStringList{"52998224725"};
        QTest::newRow("CPF bad check digit") << "CPF: 529.982.247-26" << QStringList{};
        QTest::newRow("CPF all same digits") << "CPF: 111.111.111-11" << QStringList{};
        QTest::newRow("NIK") << "NIK : 3201012345678901" << QStringList{"3201012345678901"};
        QTest::newRow("KE ID No.") << "ID No. 23456789" << QStringList{"23456789"};
        QTest::newRow("KE ID Number") << "ID Number: 1234567" << QStringList{"1234567"};
        QTest::newRow("NIN") << "NIN: 12345678901" << QStringList{"12345678901"};
        QTest::newRow("CURP") << "CURP: GODE561231HDFRRN09" << QStringList{"GODE561231HDFRRN09"};
        QTest::newRow("no keyword") << "Order 23456789" << QStringList{};
        QTest::newRow("bare 16 digits") << "3201012345678901" << QStringList{};
        QTest::newRow("ID too long") << "ID 1234567890" << QStringList{};
    }
    void findsNationalIdsOnlyAfterTheirKeyword()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, ids);
        QCOMPARE(spanTexts(text, findNationalIds(normaliseOcrDigits(text))), ids);
    }

    void builtInLexiconCoversEveryLanguage()
    {
        const Lexicon &lexicon = Lexicon::builtIn();
        QVERIFY(lexicon.size() > 50);
        for (const char *word : {"Name", "Full name", "Customer", "Nom", "Prénom", "Nombre", "Apellido", "Nome", "Jina",
                                 "Nama", "Tel", "Tél", "Téléphone", "Teléfono", "Telefone", "Cel", "Celular", "HP",
                                 "Mobile", "Simu", "Address", "Adresse", "Dirección", "Endereço", "Anwani", "Alamat",
                                 "Email", "Correo"}) {
            const TextLine line = lineOf(QString::fromUtf8(word));
            QVERIFY2(lexicon.match(line.words, 0).has_value(), word);
        }
    }

    // "WA" (WhatsApp, Indonesia) is "of" in Swahili and "HP" a brand: read as "Wa" or "hp" in a
    // sentence they must not mark the next line as a phone number.
    void strictLeadingWordsCountOnlyAsWrittenOrWithAColon_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("leads");
        QTest::newRow("WA as written") << "WA 0812 3456 7890" << true;
        QTest::newRow("Wa with colon") << "Wa: 0812 3456 7890" << true;
        QTest::newRow("Wa in Swahili") << "Wa" << false;
        QTest::newRow("wa lower") << "wa" << false;
        QTest::newRow("HP as written") << "HP 0812 3456 7890" << true;
        QTest::newRow("Hp brand") << "Hp" << false;
        QTest::newRow("Tel any case") << "TEL" << true;
    }
    void strictLeadingWordsCountOnlyAsWrittenOrWithAColon()
    {
        QFETCH(QString, text);
        QFETCH(bool, leads);
        const TextLine line = lineOf(text);
        QCOMPARE(Lexicon::builtIn().match(line.words, 0).has_value(), leads);
        // And in a whole photo's lines: a Swahili "Wa" above a word is not a phone label.
        if (!leads)
            QVERIFY(findPii(linesOf({text, QStringLiteral("Royal Gold")}), QStringLiteral("TZ")).isEmpty());
    }
    // Even as written, a strict word leads only digits: "WA" in Swahili capitals is "of".
    void strictLeadingWordsLeadOnlyDigitsWithoutAColon()
    {
        QVERIFY(findPii(linesOf({QStringLiteral("MAZIWA YA WA KULIMA")}), QStringLiteral("TZ")).isEmpty());
        QVERIFY(findPii(linesOf({QStringLiteral("WA"), QStringLiteral("eee")}), QStringLiteral("TZ")).isEmpty());
        QVERIFY(findPii(linesOf({QStringLiteral("WA")}), QStringLiteral("TZ")).isEmpty());
        const QList<PiiMatch> below = findPii(linesOf({QStringLiteral("WA"), QStringLiteral("0812 3456 7890")}),
                                              QStringLiteral("ID"));
        QCOMPARE(below.size(), 1);
        QCOMPARE(below[0].type, PiiType::Phone);
        // With its colon it still leads whatever follows, for a person to check.
        QVERIFY(!findPii(linesOf({QStringLiteral("WA: Budi")}), QStringLiteral("ID")).isEmpty());
    }

    // OCR put a space inside the leading word: "Cust omer: Njeri Njoroge".
    void aLeadingWordSplitByOcrStillLeads()
    {
        TextLine line;
        line.words << TextWord{QStringLiteral("Cust"), QRect(0, 0, 40, 15), 90}
                   << TextWord{QStringLiteral("omer:"), QRect(43, 0, 50, 15), 90}
                   << TextWord{QStringLiteral("Njeri"), QRect(103, 0, 50, 15), 90}
                   << TextWord{QStringLiteral("Njoroge"), QRect(163, 0, 70, 15), 90};
        const QList<PiiMatch> matches = findPii({line}, QStringLiteral("KE"));
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches[0].type, PiiType::Name);
        QCOMPARE(matches[0].text, QStringLiteral("Njeri Njoroge"));
        // Two words far apart are two words: "Cust" and "omer" a column apart lead nothing.
        line.words[1].box.moveLeft(80);
        QVERIFY(!Lexicon::builtIn().match(line.words, 0).has_value());
    }

    void ocrLanguagesFollowTheCountry_data()
    {
        QTest::addColumn<QString>("configured");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("expected");
        const QString six = QStringLiteral("eng+fra+spa+por+swa+ind");
        QTest::newRow("Kenya: English first, then Swahili") << six << "KE" << "eng+swa";
        QTest::newRow("Tanzania: Swahili first") << six << "TZ" << "swa+eng";
        QTest::newRow("Peru") << six << "pe" << "spa+eng";
        QTest::newRow("Senegal") << six << "SN" << "fra+eng";
        QTest::newRow("Indonesia") << six << "ID" << "ind+eng";
        QTest::newRow("Nigeria") << six << "NG" << "eng";
        QTest::newRow("no country") << six << "" << six;
        QTest::newRow("unknown code") << six << "XX" << six;
        QTest::newRow("Viet Nam, vie not configured") << six << "VN" << six;
        QTest::newRow("without English") << "fra+spa" << "PE" << "spa";
        QTest::newRow("Belgium, two of three") << "eng+nld+fra" << "BE" << "fra+nld+eng";
    }
    void ocrLanguagesFollowTheCountry()
    {
        QFETCH(QString, configured);
        QFETCH(QString, region);
        QFETCH(QString, expected);
        QCOMPARE(ocrLanguagesForRegion(configured, region), expected);
    }

    void lexiconRejectsMalformedFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{") << "not valid JSON";
        QTest::newRow("no words") << QByteArray("{}") << "\"words\"";
        QTest::newRow("no text") << QByteArray(R"({"words":[{"type":"name"}]})") << "without \"text\"";
        QTest::newRow("unknown type") << QByteArray(R"({"words":[{"text":"Nom","type":"shoe"}]})") << "\"shoe\"";
    }
    void lexiconRejectsMalformedFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        const sieve::Result<Lexicon> lexicon = Lexicon::fromJson(json, QStringLiteral("my.json"));
        QVERIFY(!lexicon.ok());
        QVERIFY2(lexicon.error().contains(mentions), qPrintable(lexicon.error()));
        QVERIFY2(lexicon.error().contains(QLatin1String("my.json")), qPrintable(lexicon.error()));
    }

    void leadingWordsMarkTheValueBesideOrBelow_data()
    {
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("expected");
        QTest::newRow("en same line") << QStringList{"Name: John Smith"} << "US" << "name=John Smith";
        QTest::newRow("en two-word label") << QStringList{"Full name: Mary Jones"} << "US" << "name=Mary Jones";
        QTest::newRow("fr with space colon") << QStringList{"Nom : Amélie Durand"} << "FR" << "name=Amélie Durand";
        QTest::newRow("fr no colon, line start") << QStringList{"NOM Amélie Durand"} << "FR" << "name=Amélie Durand";
        QTest::newRow("fr prénom") << QStringList{"Prenom: Amélie"} << "FR" << "name=Amélie";
        QTest::newRow("es same line") << QStringList{"Nombre: Juan Pérez"} << "MX" << "name=Juan Pérez";
        QTest::newRow("pt same line") << QStringList{"Nome: João Silva"} << "BR" << "name=João Silva";
        QTest::newRow("sw same line") << QStringList{"Jina: Wanjiku Kamau"} << "KE" << "name=Wanjiku Kamau";
        QTest::newRow("id same line") << QStringList{"Nama: Budi Santoso"} << "ID" << "name=Budi Santoso";
        QTest::newRow("en below") << QStringList{"Customer", "John Smith"} << "US" << "name=John Smith";
        QTest::newRow("fr below") << QStringList{"Nom :", "Amélie Durand"} << "FR" << "name=Amélie Durand";
        QTest::newRow("es below") << QStringList{"NOMBRE", "Juan Pérez"} << "MX" << "name=Juan Pérez";
        QTest::newRow("pt below") << QStringList{"Nome:", "João Silva"} << "BR" << "name=João Silva";
        QTest::newRow("sw below") << QStringList{"Jina", "Otieno Ochieng"} << "KE" << "name=Otieno Ochieng";
        QTest::newRow("id below") << QStringList{"Nama:", "Siti Rahayu"} << "ID" << "name=Siti Rahayu";
        QTest::newRow("address") << QStringList{"Alamat: Jl. Merdeka 10"} << "ID" << "address=Jl. Merdeka 10";
        QTest::newRow("address es") << QStringList{"Dirección: Calle 5 de Mayo"} << "MX" << "address=Calle 5 de Mayo";
        QTest::newRow("two labels on a line") << QStringList{"Nom: Amélie Tél: 06 12 34 56 78"} << "FR"
                                              << "name=Amélie | phone=06 12 34 56 78";
        QTest::newRow("phone label, phone found") << QStringList{"Simu: 0712 345 678"} << "KE" << "phone=0712 345 678";
        QTest::newRow("phone label below") << QStringList{"Celular", "(11) 91234-5678"} << "BR" << "phone=(11) 91234-5678";
        QTest::newRow("phone label, number not valid") << QStringList{"Tel: 12345"} << "KE" << "phone=12345 (review)";
        QTest::newRow("label mid-line without colon") << QStringList{"Best Mobile prices"} << "KE" << "";
        QTest::newRow("no label, a given name") << QStringList{"Amélie Durand"} << "FR" << "name=Amélie Durand";
        QTest::newRow("no label, accents lost") << QStringList{"Salim Mollel", "5,100/="} << "TZ" << "name=Salim Mollel";
        QTest::newRow("noise before a name") << QStringList{"DEN! Fatou Sow", "Mobile +221 77 215 31 63"} << "SN"
                                             << "name=Fatou Sow | phone=+221 77 215 31 63";
        QTest::newRow("given name, case slip") << QStringList{"Khady saridi"} << "SN" << "name=Khady saridi";
        QTest::newRow("lower case without a given name") << QStringList{"Kamene saridi"} << "KE" << "";
        QTest::newRow("no label, no given name") << QStringList{"Golden Rice"} << "KE" << "";
        QTest::newRow("a given name inside a product") << QStringList{"Fresh Grace Bakery"} << "KE" << "";
        QTest::newRow("number repeated beside a phone") << QStringList{"089530279423   89530279423"} << "ID"
                                                        << "phone=089530279423 89530279423";
        QTest::newRow("price beside a phone stays out") << QStringList{"0712 345 678 KSh 120"} << "KE" << "phone=0712 345 678";
        QTest::newRow("name above a phone") << QStringList{"Faith Otieno", "0777 395 152"} << "KE"
                                            << "name=Faith Otieno | phone=0777 395 152";
        QTest::newRow("name below an e-mail") << QStringList{"kdavis@example.com", "Kayla Davis"} << "US"
                                              << "email=kdavis@example.com | name=Kayla Davis";
        QTest::newRow("name with a particle") << QStringList{"María de la Cruz", "Tel: 55 1234 5678"} << "MX"
                                              << "name=María de la Cruz | phone=55 1234 5678";
        QTest::newRow("capitals over a phone are no name") << QStringList{"BEST PRICE", "0777 395 152"} << "KE"
                                                           << "phone=0777 395 152";
        QTest::newRow("product over a phone is no name") << QStringList{"Sugar 1kg", "0777 395 152"} << "KE"
                                                         << "phone=0777 395 152";
        QTest::newRow("title case far from a phone") << QStringList{"Fresh Bread", "", "", "", "0777 395 152"} << "KE"
                                                     << "phone=0777 395 152";
        QTest::newRow("one-word name over a labelled phone") << QStringList{"Ayu", "WA +62 812-0158-7384"} << "ID"
                                                             << "name=Ayu | phone=+62 812-0158-7384";
        QTest::newRow("one word over a bare phone is no name") << QStringList{"Sugar", "0777 395 152"} << "KE"
                                                               << "phone=0777 395 152";
        QTest::newRow("e-mail split by OCR after its label") << QStringList{"E-mail: luizagoncalves12 49@example.net"} << "BR"
                                                             << "email=luizagoncalves12 49@example.net";
        QTest::newRow("label below is a label") << QStringList{"Nom", "Tél: 06 12 34 56 78"} << "FR"
                                                << "labelled_value= (review) | phone=06 12 34 56 78";
    }
    void leadingWordsMarkTheValueBesideOrBelow()
    {
        QFETCH(QStringList, lines);
        QFETCH(QString, region);
        QFETCH(QString, expected);
        QCOMPARE(describe(findPii(linesOf(lines), region)), expected);
    }

    void givenNamesIgnoreCaseAccentsAndComments()
    {
        const GivenNames names = GivenNames::fromText(QStringLiteral("# a comment\nAmélie\n  Juma  # East Africa\n\n"));
        QCOMPARE(names.size(), 2);
        QVERIFY(names.contains(QStringLiteral("AMELIE")));
        QVERIFY(names.contains(QStringLiteral("juma")));
        QVERIFY(!names.contains(QStringLiteral("comment")));
        QVERIFY(GivenNames::builtIn().size() > 200);
        QVERIFY(!GivenNames::load(QStringLiteral("/nonexistent/names.txt")).ok());
    }

    void theLineBelowIsFoundWhereverOcrListedIt()
    {
        // Two OCR areas read one after the other: the label's line is followed in the list by a
        // line of another area, and the name printed under the label comes last.
        TextLine label{{TextWord{"Muuzaji:", QRect(100, 100, 80, 20), 90}}};
        TextLine elsewhere{{TextWord{"Sukari", QRect(600, 400, 60, 20), 90}, TextWord{"Bora", QRect(670, 400, 40, 20), 90}}};
        TextLine name{{TextWord{"Achieng", QRect(98, 128, 70, 20), 90}, TextWord{"Otieno", QRect(178, 128, 60, 20), 90}}};
        QCOMPARE(describe(findPii({label, elsewhere, name}, QStringLiteral("KE"))), QStringLiteral("name=Achieng Otieno"));
        // A line far below is not the label's value (and this one starts with no given name).
        name.words[0].text = QStringLiteral("Kamene");
        name.words[0].box.moveTop(300);
        name.words[1].box.moveTop(300);
        QCOMPARE(describe(findPii({label, elsewhere, name}, QStringLiteral("KE"))), QStringLiteral("labelled_value= (review)"));
    }

    void piecesOfOnePrintedLineAreJoined()
    {
        // "Muuzaji: Wambui" and "Onyango" on one row, OCR'd as two lines; a line below stays apart.
        TextLine label{{TextWord{"Muuzaji:", QRect(0, 0, 80, 20), 90}, TextWord{"Wambui", QRect(90, 2, 60, 20), 90}}};
        TextLine rest{{TextWord{"Onyango", QRect(165, 3, 70, 20), 90}}};
        TextLine below{{TextWord{"0712", QRect(0, 40, 40, 20), 90}, TextWord{"345", QRect(50, 40, 30, 20), 90}}};
        TextLine far{{TextWord{"Sugar", QRect(400, 0, 50, 20), 90}}};
        const QList<TextLine> joined = joinRowPieces({rest, below, label, far});
        QCOMPARE(joined.size(), qsizetype(3));
        QCOMPARE(joined[0].text(), QStringLiteral("0712 345"));
        QCOMPARE(joined[1].text(), QStringLiteral("Muuzaji: Wambui Onyango"));
        QCOMPARE(joined[2].text(), QStringLiteral("Sugar"));
        QCOMPARE(describe(findPii(joined, QStringLiteral("KE"))).contains(QStringLiteral("name=Wambui Onyango")), true);
    }

    void unreadableValueNextToLeadingWordIsFlaggedForReview()
    {
        // Handwriting OCR cannot read comes back as low-confidence words; the leading word
        // printed beside it is the only sign that a name is there.
        TextLine line = lineOf(QStringLiteral("Nom: ~l/ c^r"));
        line.words[1].confidence = 21;
        line.words[2].confidence = 35;
        const QList<PiiMatch> matches = findPii({line}, QStringLiteral("FR"));
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches[0].type, PiiType::LabelledValue);
        QVERIFY(matches[0].needsReview);
        QCOMPARE(matches[0].box, line.words[1].box.united(line.words[2].box));
        QCOMPARE(matches[0].detail, QStringLiteral("lexicon: Nom"));

        // Nothing at all after the leading word (the handwriting was not even seen as words).
        const QList<PiiMatch> empty = findPii({lineOf(QStringLiteral("Nom:"))}, QStringLiteral("FR"));
        QCOMPARE(empty.size(), 1);
        QCOMPARE(empty[0].type, PiiType::LabelledValue);
        QVERIFY(empty[0].needsReview);
        QCOMPARE(empty[0].box, lineOf(QStringLiteral("Nom:")).words[0].box);

        // One readable word is enough to treat the value as read.
        line.words[2].confidence = 80;
        QCOMPARE(findPii({line}, QStringLiteral("FR"))[0].type, PiiType::Name);
    }

    void boxesCoverExactlyTheWordsOfTheMatch_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("region");
        QTest::addColumn<int>("firstWord");
        QTest::addColumn<int>("lastWord");
        QTest::newRow("phone between words") << "Tel: 0712 345 678 asante" << "KE" << 1 << 3;
        QTest::newRow("split e-mail") << "Mail: amelie . durand @ example.fr merci" << "FR" << 1 << 5;
        QTest::newRow("IBAN") << "IBAN GB82 WEST 1234 5698 7654 32 paid" << "" << 1 << 6;
        QTest::newRow("name") << "Jina: Wanjiku Kamau" << "KE" << 1 << 2;
        QTest::newRow("CPF") << "CPF 529.982.247-25 ok" << "BR" << 1 << 1;
    }
    void boxesCoverExactlyTheWordsOfTheMatch()
    {
        QFETCH(QString, text);
        QFETCH(QString, region);
        QFETCH(int, firstWord);
        QFETCH(int, lastWord);
        const TextLine line = lineOf(text);
        const QList<PiiMatch> matches = findPii({line}, region);
        QCOMPARE(matches.size(), 1);
        QRect expected;
        for (int i = firstWord; i <= lastWord; ++i)
            expected = expected.united(line.words[i].box);
        QCOMPARE(matches[0].box, expected);
        QCOMPARE(matches[0].confidence, 95.0f);
    }
};

QTEST_GUILESS_MAIN(TestPiiRecognizers)
#include "tst_pii_recognizers.moc"
