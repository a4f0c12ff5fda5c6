#include "base/fuzzy_match.h"

#include <QTest>

using namespace sieve;

class TestFuzzyMatch : public QObject {
    Q_OBJECT

private slots:
    void matchesSubsequencesIgnoringCaseAndAccents_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<bool>("matches");
        QTest::newRow("prefix") << "ric" << "Rice bag" << true;
        QTest::newRow("initials") << "cob" << "cooking oil bottle" << true;
        QTest::newRow("accent") << "tele" << "Télévision" << true;
        QTest::newRow("case") << "SOAP" << "soap bar" << true;
        QTest::newRow("order matters") << "abr" << "bar" << false;
        QTest::newRow("missing letter") << "milkz" << "milk carton" << false;
        QTest::newRow("empty") << "" << "anything" << true;
    }
    void matchesSubsequencesIgnoringCaseAndAccents()
    {
        QFETCH(QString, query);
        QFETCH(QString, candidate);
        QFETCH(bool, matches);
        QCOMPARE(fuzzyScore(query, candidate).has_value(), matches);
    }

    void ranksWhatAPersonMeansFirst()
    {
        // Among 150 categories, typing "oil" should put "oil" and "cooking oil" above names that
        // merely contain o…i…l scattered.
        const int exact = *fuzzyScore("oil", "oil");
        const int word = *fuzzyScore("oil", "cooking oil");
        const int scattered = *fuzzyScore("oil", "orange juice lemonade");
        QVERIFY(exact > word);
        QVERIFY(word > scattered);
        QVERIFY(*fuzzyScore("tea", "tea") > *fuzzyScore("tea", "tea leaves box"));
        QVERIFY(*fuzzyScore("sb", "soap bar") > *fuzzyScore("sb", "nosebleed"));
    }
};

QTEST_GUILESS_MAIN(TestFuzzyMatch)
#include "tst_fuzzy_match.moc"
