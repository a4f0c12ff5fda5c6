#include "ingest/metadata_reader.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace sieve;
using namespace sieve::ingest;

namespace {

// One string per row, "line|value|value...", so that a failing QCOMPARE shows which row and
// which value differ. Huge values are shown by their size.
QString render(const MetadataRow &row)
{
    QStringList parts{QString::number(row.line)};
    for (const QString &value : row.values)
        parts.append(value.size() > 1000 ? QStringLiteral("<%1 chars>").arg(value.size()) : value);
    return parts.join(u'|');
}

QString render(const MetadataIssue &issue)
{
    return QString::number(issue.line) + u'|' + issue.message;
}

// An expected issue is "line|message", or "line|message prefix*" where the rest of the message
// comes from Qt (QJsonParseError's wording).
bool matches(const QString &actual, const QString &expected)
{
    return expected.endsWith(u'*') ? actual.startsWith(expected.chopped(1)) : actual == expected;
}

struct Contents {
    QStringList rows;
    QStringList issues;
    QString error;
};

Contents readAll(MetadataReader &reader)
{
    Contents contents;
    for (;;) {
        MetadataRow row;
        Result<bool> more = reader.next(row);
        if (!more) {
            contents.error = more.error();
            break;
        }
        if (!*more)
            break;
        contents.rows.append(render(row));
    }
    for (const MetadataIssue &issue : reader.takeIssues())
        contents.issues.append(render(issue));
    return contents;
}

QByteArray utf16(const QString &text, bool bigEndian, bool byteOrderMark)
{
    QByteArray bytes;
    for (const QChar c : (byteOrderMark ? QString(QChar(0xFEFF)) : QString()) + text) {
        const char high = char(c.unicode() >> 8);
        const char low = char(c.unicode() & 0xFF);
        bytes.append(bigEndian ? high : low).append(bigEndian ? low : high);
    }
    return bytes;
}

// The peak resident memory of this process (Linux), to show that huge lines are not held.
qint64 peakMemoryBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

} // namespace

class TestMetadataReader : public QObject {
    Q_OBJECT

private slots:
    void readsRows_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("json");
        QTest::addColumn<QStringList>("columns");
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QStringList>("issues");

        const QStringList pathLabel{"path", "label"};
        const QStringList twoRows{"2|a.jpg|cat", "3|b.jpg|dog"};
        const QString noPath = QStringLiteral("%1|line %1: no path; row skipped");
        const QString notUtf8 =
            QStringLiteral("%1|line %1: not valid UTF-8; read as Latin-1 (check the file's encoding)");

        QTest::newRow("LF, trailing newline")
            << "m.csv" << QByteArray("path,label\na.jpg,cat\nb.jpg,dog\n") << false << pathLabel
            << twoRows << QStringList();
        QTest::newRow("no trailing newline")
            << "m.csv" << QByteArray("path,label\na.jpg,cat\nb.jpg,dog") << false << pathLabel
            << twoRows << QStringList();
        QTest::newRow("CRLF") << "m.csv" << QByteArray("path,label\r\na.jpg,cat\r\nb.jpg,dog\r\n")
                              << false << pathLabel << twoRows << QStringList();
        QTest::newRow("lone CR (old Mac Excel)")
            << "m.csv" << QByteArray("path,label\ra.jpg,cat\rb.jpg,dog\r") << false << pathLabel
            << twoRows << QStringList();
        QTest::newRow("mixed line endings")
            << "m.csv" << QByteArray("path,label\r\na.jpg,cat\nb.jpg,dog\rc.jpg,bird\r\n") << false
            << pathLabel << QStringList{"2|a.jpg|cat", "3|b.jpg|dog", "4|c.jpg|bird"} << QStringList();
        QTest::newRow("UTF-8 byte-order mark")
            << "m.csv" << QByteArray("\xEF\xBB\xBFpath,label\na.jpg,cat\nb.jpg,dog\n") << false
            << pathLabel << twoRows << QStringList();
        QTest::newRow("quoted commas")
            << "m.csv" << QByteArray("path,caption\na.jpg,\"red, green, blue\"\n") << false
            << QStringList{"path", "caption"} << QStringList{"2|a.jpg|red, green, blue"} << QStringList();
        QTest::newRow("doubled quotes")
            << "m.csv" << QByteArray("path,caption\na.jpg,\"a \"\"big\"\" cat\"\n\"b.jpg\",\"\"\"\"\n")
            << false << QStringList{"path", "caption"}
            << QStringList{"2|a.jpg|a \"big\" cat", "3|b.jpg|\""} << QStringList();
        // A record spanning lines starts where it starts; the next record's line is still right.
        QTest::newRow("newlines inside quotes")
            << "m.csv"
            << QByteArray("path,caption\na.jpg,\"two\nlines\"\nb.jpg,\"three\r\nlines\r\nhere\"\r\n"
                          "c.jpg,x\n")
            << false << QStringList{"path", "caption"}
            << QStringList{"2|a.jpg|two\nlines", "4|b.jpg|three\r\nlines\r\nhere", "7|c.jpg|x"}
            << QStringList();
        QTest::newRow("blank lines, spaces-only and Excel's empty rows skipped")
            << "m.csv" << QByteArray("\n\r\npath,label\n\na.jpg,cat\n   \n,,\n\"\",\nb.jpg,dog\n\n")
            << false << pathLabel << QStringList{"5|a.jpg|cat", "9|b.jpg|dog"} << QStringList();
        QTest::newRow("spaces around fields")
            << "m.csv" << QByteArray(" path , label \n  a.jpg ,  cat  \n \"  b.jpg\" , \" dog \"  \n")
            << false << pathLabel << QStringList{"2|a.jpg|cat", "3|  b.jpg| dog "} << QStringList();
        QTest::newRow("text after a closing quote on the same line")
            << "m.csv" << QByteArray("path,size\na.jpg,\"12\" screen\n") << false
            << QStringList{"path", "size"} << QStringList{"2|a.jpg|12 screen"} << QStringList();
        // Excel in French locales: semicolons, and decimal commas in the values.
        QTest::newRow("semicolon sniffed")
            << "m.csv" << QByteArray("path;label;price\na.jpg;chat;12,50\n") << false
            << QStringList{"path", "label", "price"} << QStringList{"2|a.jpg|chat|12,50"}
            << QStringList();
        QTest::newRow("tab sniffed")
            << "m.txt" << QByteArray("path\tlabel\na.jpg\tcat\nb.jpg\tdog\n") << false << pathLabel
            << twoRows << QStringList();
        // The header has more commas than tabs; the extension wins.
        QTest::newRow(".tsv means tab")
            << "m.tsv" << QByteArray("path\tnote, if any, here\na.jpg\tsmall, blurry\n") << false
            << QStringList{"path", "note, if any, here"} << QStringList{"2|a.jpg|small, blurry"}
            << QStringList();
        QTest::newRow("fewer fields than the header")
            << "m.csv" << QByteArray("path,label,country\na.jpg,cat\nb.jpg\n") << false
            << QStringList{"path", "label", "country"} << QStringList{"2|a.jpg|cat|", "3|b.jpg||"}
            << QStringList();
        QTest::newRow("missing or empty path")
            << "m.csv" << QByteArray("label,path,country\ncat\ndog,,KE\nfox,\"  \"\nbird,c.jpg\n")
            << false << QStringList{"label", "path", "country"} << QStringList{"5|bird|c.jpg|"}
            << QStringList{noPath.arg(2), noPath.arg(3), noPath.arg(4)};
        QTest::newRow("more fields than the header")
            << "m.csv" << QByteArray("path,label,country,price\na.jpg,cat,KE,3,x,y\n") << false
            << QStringList{"path", "label", "country", "price"} << QStringList{"2|a.jpg|cat|KE|3"}
            << QStringList{"2|line 2 has 6 fields but the header has 4; the extra fields were ignored"};
        QTest::newRow("Excel's trailing empty cells")
            << "m.csv" << QByteArray("path,label\na.jpg,cat,,\nb.jpg,dog, ,\n") << false << pathLabel
            << twoRows << QStringList();
        QTest::newRow("Latin-1 byte")
            << "m.csv" << QByteArray("path,label,city\na.jpg,cat,Abidjan\nb.jpg,dog,Yamoussoukro\n"
                                     "c.jpg,caf\xE9,Bouak\xE9\nd.jpg,th\xC3\xA9,Paris\n")
            << false << QStringList{"path", "label", "city"}
            << QStringList{"2|a.jpg|cat|Abidjan", "3|b.jpg|dog|Yamoussoukro",
                           "4|c.jpg|caf\u00e9|Bouak\u00e9", "5|d.jpg|th\u00e9|Paris"}
            << QStringList{notUtf8.arg(4)};
        // Windows-1252 has curly quotes and the euro sign where Latin-1 has control characters;
        // a field that is valid UTF-8 stays UTF-8 even when its neighbour is not.
        QTest::newRow("Windows-1252 beside UTF-8 in one record")
            << "m.csv" << QByteArray("path,note,owner\na.jpg,\x93quoted\x94 \x80" "5,Zo\xC3\xAB\n")
            << false << QStringList{"path", "note", "owner"}
            << QStringList{"2|a.jpg|\u201cquoted\u201d \u20ac5|Zo\u00eb"} << QStringList{notUtf8.arg(2)};
        QTest::newRow("UTF-16 little-endian with byte-order mark (Excel \"Unicode text\")")
            << "m.txt"
            << utf16(QStringLiteral("path\tlabel\r\nphoto_\u00e9\u4e2d.jpg\tchat\r\nb.jpg\tdog\r\n"), false, true)
            << false << pathLabel << QStringList{"2|photo_\u00e9\u4e2d.jpg|chat", "3|b.jpg|dog"}
            << QStringList();
        QTest::newRow("UTF-16 big-endian with byte-order mark")
            << "m.csv" << utf16(QStringLiteral("path,label\na.jpg,cat\nb.jpg,dog\n"), true, true)
            << false << pathLabel << twoRows << QStringList();
        QTest::newRow("UTF-16 without byte-order mark")
            << "m.csv" << utf16(QStringLiteral("path,label\na.jpg,cat\nb.jpg,dog\n"), false, false)
            << false << pathLabel << twoRows << QStringList();
        QTest::newRow("unterminated quote at the end")
            << "m.csv" << QByteArray("path,caption\na.jpg,ok\nb.jpg,\"never closed\n") << false
            << QStringList{"path", "caption"} << QStringList{"2|a.jpg|ok", "3|b.jpg|\"never closed"}
            << QStringList{"3|line 3: the quote opened on line 3 is never closed; line 3 was read "
                           "with its quotes as plain text"};
        // Without the re-read, the stray quote would swallow every line after it into one field.
        QTest::newRow("stray quote in the middle")
            << "m.csv" << QByteArray("path,city\na.jpg,\"Nairobi\nb.jpg,Mombasa\nc.jpg,Kisumu\n")
            << false << QStringList{"path", "city"}
            << QStringList{"2|a.jpg|\"Nairobi", "3|b.jpg|Mombasa", "4|c.jpg|Kisumu"}
            << QStringList{"2|line 2: the quote opened on line 2 is never closed; line 2 was read "
                           "with its quotes as plain text"};
        QTest::newRow("stray quote closed by a later field's quote")
            << "m.csv" << QByteArray("path,city\na.jpg,\"Nairobi\nb.jpg,\"Mombasa\"\n") << false
            << QStringList{"path", "city"} << QStringList{"2|a.jpg|\"Nairobi", "3|b.jpg|Mombasa"}
            << QStringList{"2|line 2: the quote opened on line 2 closes on line 3 and is followed "
                           "by more text, so a quote is probably missing; line 2 was read with its "
                           "quotes as plain text"};
        QTest::newRow("empty and duplicate header names")
            << "m.csv" << QByteArray("path,price,,Price,price_2\na.jpg,1,2,3,4\n") << false
            << QStringList{"path", "price", "column_3", "Price_3", "price_2"}
            << QStringList{"2|a.jpg|1|2|3|4"}
            << QStringList{"1|line 1: column 3 has no name; it is called \"column_3\"",
                           "1|line 1: the column name \"Price\" appears more than once; column 4 "
                           "is called \"Price_3\""};
        QTest::newRow("Latin-1 in the header")
            << "m.csv" << QByteArray("path;pa\xEDs\na.jpg;Per\xFA\n") << false
            << QStringList{"path", "pa\u00eds"} << QStringList{"2|a.jpg|Per\u00fa"}
            << QStringList{notUtf8.arg(1), notUtf8.arg(2)};
        QTest::newRow("quoted header names")
            << "m.csv" << QByteArray("\" path \",\"label\"\na.jpg,cat\nb.jpg,dog\n") << false
            << pathLabel << twoRows << QStringList();

        QTest::newRow("JSON lines: value kinds and key order")
            << "m.jsonl"
            << QByteArray("{\"path\":\"a.jpg\",\"label\":\"cat\",\"price\":1.50,\"ok\":true,"
                          "\"gps\":null,\"tags\":[\"x\", \"y\"],\"meta\":{\"b\": 1, \"a\": \"s p\"}}\n"
                          "{\"label\":\"dog\",\"path\":\"b.jpg\",\"country\":\"KE\",\"price\":-2e3}\n")
            << true
            << QStringList{"path", "label", "price", "ok", "gps", "tags", "meta", "country"}
            << QStringList{"1|a.jpg|cat|1.50|true||[\"x\",\"y\"]|{\"b\":1,\"a\":\"s p\"}|",
                           "2|b.jpg|dog|-2e3|||||KE"}
            << QStringList();
        QTest::newRow("JSON lines: malformed lines are skipped")
            << "m.ndjson"
            << QByteArray("{\"path\":\"a.jpg\"}\r\n\r\n{\"path\": \"b.jpg\"\r\n[1,2]\r\n"
                          "{\"path\":\"c.jpg\"} x\r\n{\"path\":\"d.jpg\"}\r\n")
            << true << QStringList{"path"} << QStringList{"1|a.jpg", "6|d.jpg"}
            << QStringList{"3|line 3: not valid JSON (*", "4|line 4: not a JSON object; line skipped",
                           "5|line 5: not valid JSON (*"};
        QTest::newRow("JSON lines: escapes")
            << "m.jsonl"
            << QByteArray("{\"path\":\"caf\\u00e9 \\ud83d\\udcf7.jpg\",\"n\\u00f8te\":\"a\\nb \\\"q\\\" \\\\ \\/\"}\n")
            << true << QStringList{"path", "n\u00f8te"}
            << QStringList{"1|caf\u00e9 \U0001F4F7.jpg|a\nb \"q\" \\ /"} << QStringList();
        QTest::newRow("JSON lines: Latin-1 byte")
            << "m.jsonl" << QByteArray("{\"path\":\"caf\xE9.jpg\"}\n{\"path\":\"b.jpg\"}\n") << true
            << QStringList{"path"} << QStringList{"1|caf\u00e9.jpg", "2|b.jpg"}
            << QStringList{notUtf8.arg(1)};
        QTest::newRow("JSON lines: missing path")
            << "m.jsonl"
            << QByteArray("{\"path\":\"a.jpg\",\"label\":\"cat\"}\n{\"label\":\"dog\"}\n{\"path\":null}\n")
            << true << pathLabel << QStringList{"1|a.jpg|cat"} << QStringList{noPath.arg(2), noPath.arg(3)};
        QTest::newRow("JSON lines recognised by content, with a byte-order mark")
            << "m.csv" << QByteArray("\xEF\xBB\xBF{\"file\":\"a.jpg\"}\n") << true
            << QStringList{"file"} << QStringList{"1|a.jpg"} << QStringList();
    }

    void readsRows()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(bool, json);
        QFETCH(QStringList, columns);
        QFETCH(QStringList, rows);
        QFETCH(QStringList, issues);

        const QString path = write(fileName, content);
        auto reader = MetadataReader::open(path);
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error()));
        QCOMPARE((*reader)->path(), path);
        QCOMPARE((*reader)->format(), json ? MetadataReader::Format::JsonLines : MetadataReader::Format::Csv);
        QCOMPARE((*reader)->columns(), columns);

        const Contents contents = readAll(**reader);
        QVERIFY2(contents.error.isEmpty(), qPrintable(contents.error));
        QCOMPARE(contents.rows, rows);
        QCOMPARE(contents.issues.size(), issues.size());
        for (qsizetype i = 0; i < issues.size(); ++i)
            QVERIFY2(matches(contents.issues[i], issues[i]),
                     qPrintable(QStringLiteral("issue %1 is \"%2\", expected \"%3\"")
                                    .arg(QString::number(i), contents.issues[i], issues[i])));

        // The end is sticky: a caller polling again gets no phantom row.
        MetadataRow row;
        auto again = (*reader)->next(row);
        QVERIFY(again.ok());
        QVERIFY(!*again);
        QCOMPARE((*reader)->bytesRead(), (*reader)->totalBytes());
    }

    void findsKeyColumns_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("pathColumn");
        QTest::addColumn<int>("labelColumn");

        QTest::newRow("lower case") << QByteArray("path,label") << 0 << 1;
        QTest::newRow("case, spaces and hyphens aside") << QByteArray("id,File Name,CATEGORY") << 1 << 2;
        QTest::newRow("image-path and claimed_label") << QByteArray("Image-Path,claimed_label") << 0 << 1;
        // Earlier names in the list win over earlier columns in the file.
        QTest::newRow("path preferred to image") << QByteArray("image,path,class,label") << 1 << 3;
        QTest::newRow("photo, no label") << QByteArray("photo,notes") << 0 << -1;
        QTest::newRow("filepath") << QByteArray("country,filepath,kind") << 1 << -1;
    }

    void findsKeyColumns()
    {
        QFETCH(QByteArray, header);
        QFETCH(int, pathColumn);
        QFETCH(int, labelColumn);
        auto reader = MetadataReader::open(write(QStringLiteral("m.csv"), header + "\n"));
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error()));
        QCOMPARE((*reader)->pathColumn(), pathColumn);
        QCOMPARE((*reader)->labelColumn(), labelColumn);
    }

    void refusesUnusableFiles_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");   // null: the file is not created
        QTest::addColumn<QString>("message");

        QTest::newRow("missing") << "missing.csv" << QByteArray() << "Cannot open";
        QTest::newRow("empty") << "m.csv" << QByteArray("") << "is empty";
        QTest::newRow("byte-order mark only") << "m.csv" << QByteArray("\xEF\xBB\xBF") << "is empty";
        QTest::newRow("blank lines only") << "m.csv" << QByteArray("\n \r\n\n") << "has no header line";
        QTest::newRow("JPEG renamed .csv")
            << "m.csv" << QByteArray("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01", 13) + QByteArray(5000, '\x7F')
            << "it looks like a JPEG image";
        QTest::newRow("PNG") << "m.csv" << QByteArray("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16) << "a PNG image";
        QTest::newRow("Excel workbook") << "m.csv" << QByteArray("PK\x03\x04\x14\0\x06\0", 8)
                                        << "spreadsheet workbook";
        QTest::newRow("old Excel workbook")
            << "m.xls" << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10) << "Excel 97-2003";
        QByteArray binary;
        for (int i = 0; i < 4096; ++i)
            binary.append(char((i * 37) & 0xFF));
        QTest::newRow("binary data") << "m.csv" << binary << "holds binary data";
        QTest::newRow("UTF-32") << "m.csv" << QByteArray("\xFF\xFE\0\0p\0\0\0", 8) << "UTF-32";
        QTest::newRow("no path column")
            << "m.csv" << QByteArray("label,country\ncat,KE\n")
            << "has no column naming the images. Call it one of: path, relative_path, image_path, "
               "file_path, filepath, file, filename, file_name, image, image_name, photo (the "
               "columns found are: label, country).";
        // A long line of data taken for a header must not make a message of a megabyte.
        QTest::newRow("no path column, long names")
            << "m.csv" << QByteArray(500 * 1000, 'x') + "\n" << "(the columns found are: xxxxxxxxxx";
        QTest::newRow("no header, data first") << "m.csv" << QByteArray("a.jpg,cat\nb.jpg,dog\n")
                                               << "looks like data (\"a.jpg\"), not a header";
        QTest::newRow("first line over 1 MiB")
            << "m.csv" << QByteArray(2 * 1024 * 1024, 'x') + "\na.jpg\n" << "first line is longer than 1 MiB";
        QTest::newRow("JSON array") << "m.json" << QByteArray("[{\"path\":\"a.jpg\"}]\n") << "holds a JSON array";
        QTest::newRow(".jsonl holding CSV") << "m.jsonl" << QByteArray("path,label\na.jpg,cat\n")
                                            << "is not a JSON-lines file";
        QTest::newRow("pretty-printed JSON") << "m.json" << QByteArray("{\n  \"path\": \"a.jpg\"\n}\n")
                                             << "none of its first 1000 lines is a JSON object";
        QTest::newRow("JSON lines without a path key")
            << "m.jsonl" << QByteArray("{\"label\":\"cat\"}\n{\"label\":\"dog\",\"url\":\"x\"}\n")
            << "has no key naming the images in its first 2 objects";
    }

    void refusesUnusableFiles()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = content.isNull() ? m_dir.filePath(fileName) : write(fileName, content);
        auto reader = MetadataReader::open(path);
        QVERIFY(!reader.ok());
        QVERIFY2(reader.error().contains(message), qPrintable(reader.error()));
        QVERIFY2(reader.error().contains(path), qPrintable(reader.error()));
        QVERIFY2(reader.error().size() < path.size() + 400, qPrintable(reader.error()));
    }

    void skipsOverlongRecordsInBoundedMemory_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<qint64>("fillerBytes");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<QStringList>("rows");
        QTest::addColumn<QStringList>("issues");

        const qint64 megabyte = 1000 * 1000;
        const QString tooLong = QStringLiteral("3|line 3 is longer than 1 MiB; skipped");
        QTest::newRow("100 MB line without a newline")
            << QByteArray("b.jpg,") << 100 * megabyte << QByteArray() << QStringList{"2|a.jpg|ok"}
            << QStringList{tooLong};
        QTest::newRow("10 MB field") << QByteArray("b.jpg,") << 10 * megabyte
                                     << QByteArray("\nc.jpg,fine\n")
                                     << QStringList{"2|a.jpg|ok", "4|c.jpg|fine"} << QStringList{tooLong};
        QTest::newRow("10 MB quoted field") << QByteArray("b.jpg,\"") << 10 * megabyte
                                            << QByteArray("\"\r\nc.jpg,fine\r\n")
                                            << QStringList{"2|a.jpg|ok", "4|c.jpg|fine"}
                                            << QStringList{tooLong};
        QTest::newRow("1 MB field is still read")
            << QByteArray("b.jpg,") << megabyte << QByteArray("\nc.jpg,fine\n")
            << QStringList{"2|a.jpg|ok", "3|b.jpg|<1000000 chars>", "4|c.jpg|fine"} << QStringList();
    }

    void skipsOverlongRecordsInBoundedMemory()
    {
        QFETCH(QByteArray, before);
        QFETCH(qint64, fillerBytes);
        QFETCH(QByteArray, after);
        QFETCH(QStringList, rows);
        QFETCH(QStringList, issues);

        // Written a block at a time, so that the test itself does not raise the memory peak.
        const QString path = m_dir.filePath(QStringLiteral("huge.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("path,label\na.jpg,ok\n" + before);
            const QByteArray block(1000 * 1000, 'x');
            for (qint64 left = fillerBytes; left > 0; left -= block.size())
                QVERIFY(file.write(block.constData(), std::min<qint64>(left, block.size())) > 0);
            file.write(after);
        }
        const qint64 peakBefore = peakMemoryBytes();
        {
            auto reader = MetadataReader::open(path);
            QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error()));
            const Contents contents = readAll(**reader);
            QVERIFY2(contents.error.isEmpty(), qPrintable(contents.error));
            QCOMPARE(contents.rows, rows);
            QCOMPARE(contents.issues, issues);
        }
        // Holding the long line would add at least its size to the peak; the reader needs a
        // few MiB of buffer whatever the line.
        if (peakBefore > 0)
            QVERIFY2(peakMemoryBytes() - peakBefore < 48 * 1024 * 1024,
                     qPrintable(QStringLiteral("peak grew by %1 bytes").arg(peakMemoryBytes() - peakBefore)));
        QFile::remove(path);
    }

    void skipsOverlongJsonLines()
    {
        const QByteArray longLine = "{\"path\":\"b.jpg\",\"note\":\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}\n";
        auto reader = MetadataReader::open(write(QStringLiteral("m.jsonl"),
                                                 "{\"path\":\"a.jpg\"}\n" + longLine + "{\"path\":\"c.jpg\"}\n"));
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error()));
        const Contents contents = readAll(**reader);
        QCOMPARE(contents.rows, (QStringList{"1|a.jpg", "3|c.jpg"}));
        QCOMPARE(contents.issues, QStringList{"2|line 2 is longer than 1 MiB; skipped"});
    }

    void addsJsonKeysFirstSeenLate()
    {
        // Past the lines scanned at open, a new key becomes a new column when its line is read.
        QByteArray content;
        for (int i = 0; i < MetadataReader::jsonLinesScanned; ++i)
            content += "{\"path\":\"" + QByteArray::number(i) + ".jpg\"}\n";
        content += "{\"path\":\"late.jpg\",\"gps\":\"-1.28,36.82\"}\n";
        auto reader = MetadataReader::open(write(QStringLiteral("m.jsonl"), content));
        QVERIFY2(reader.ok(), qPrintable(reader.ok() ? QString() : reader.error()));
        QCOMPARE((*reader)->columns(), QStringList{"path"});

        MetadataRow row;
        int rows = 0;
        while (*(*reader)->next(row)) {
            ++rows;
            QCOMPARE(row.values.size(), (*reader)->columns().size());
        }
        QCOMPARE(rows, MetadataReader::jsonLinesScanned + 1);
        QCOMPARE(row.values, (QStringList{"late.jpg", "-1.28,36.82"}));
        QCOMPARE((*reader)->columns(), (QStringList{"path", "gps"}));
        QVERIFY((*reader)->takeIssues().isEmpty());
    }

    void takesEachIssueOnce()
    {
        auto reader = MetadataReader::open(
            write(QStringLiteral("m.csv"), "path,,label\na.jpg,x,cat\n,x,dog\nc.jpg,x,bird\n"));
        QVERIFY(reader.ok());
        // Header problems are known as soon as the file is open.
        const QList<MetadataIssue> header = (*reader)->takeIssues();
        QCOMPARE(header.size(), 1);
        QCOMPARE(header[0].line, 1);
        QVERIFY((*reader)->takeIssues().isEmpty());

        MetadataRow row;
        QVERIFY(*(*reader)->next(row));
        QCOMPARE(row.line, 2);
        QVERIFY((*reader)->takeIssues().isEmpty());
        QVERIFY(*(*reader)->next(row));
        QCOMPARE(row.line, 4);
        const QList<MetadataIssue> skipped = (*reader)->takeIssues();
        QCOMPARE(skipped.size(), 1);
        QCOMPARE(skipped[0].line, 3);
        QCOMPARE(skipped[0].message, QStringLiteral("line 3: no path; row skipped"));
    }

    void reportsProgress()
    {
        // Several blocks' worth, so that progress moves between the first and the last row.
        QByteArray content = "path,label,country\n";
        for (int i = 0; i < 120000; ++i)
            content += "photos/" + QByteArray::number(i) + ".jpg,cat,KE\n";
        const QString path = write(QStringLiteral("m.csv"), content);
        auto reader = MetadataReader::open(path);
        QVERIFY(reader.ok());
        QCOMPARE((*reader)->totalBytes(), QFileInfo(path).size());

        qint64 previous = 0;
        bool sawMiddle = false;
        MetadataRow row;
        while (*(*reader)->next(row)) {
            const qint64 read = (*reader)->bytesRead();
            QVERIFY(read >= previous);
            QVERIFY(read <= (*reader)->totalBytes());
            sawMiddle = sawMiddle || (read > 0 && read < (*reader)->totalBytes() / 2);
            previous = read;
        }
        QVERIFY(sawMiddle);
        QCOMPARE((*reader)->bytesRead(), (*reader)->totalBytes());
    }

    void normalisesPaths_data()
    {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("as is") << "photos/a.jpg" << "photos/a.jpg";
        QTest::newRow("spaces") << "  photos/a b.jpg \t" << "photos/a b.jpg";
        QTest::newRow("backslashes") << "photos\\2024\\a.jpg" << "photos/2024/a.jpg";
        QTest::newRow("leading ./") << "./photos/a.jpg" << "photos/a.jpg";
        QTest::newRow("leading .\\ twice") << ".\\.\\a.jpg" << "a.jpg";
        QTest::newRow("inner ./ kept") << "photos/./a.jpg" << "photos/./a.jpg";
        QTest::newRow("parent kept") << "../a.jpg" << "../a.jpg";
        QTest::newRow("empty") << "" << "";
    }

    void normalisesPaths()
    {
        QFETCH(QString, written);
        QFETCH(QString, normalised);
        QCOMPARE(MetadataReader::normalisePath(written), normalised);
    }

private:
    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestMetadataReader)
#include "tst_metadata_reader.moc"
