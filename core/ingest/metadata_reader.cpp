#include "ingest/metadata_reader.h"

#include "ingest/csv_parser.h"
#include "ingest/json_members.h"
#include "ingest/text_input.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSet>

#include <array>
#include <climits>
#include <utility>

namespace sieve::ingest {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ingest)
};

constexpr std::array kPathColumnNames = {"path",      "relative_path", "image_path", "file_path",
                                         "filepath",  "file",          "filename",   "file_name",
                                         "image",     "image_name",    "photo"};
constexpr std::array kLabelColumnNames = {"label", "category", "class", "claimed_label"};

// Headers come from spreadsheets: "File Name", "image-path" and "IMAGE_PATH" all mean image_path.
QString comparable(const QString &name)
{
    QString key = name.toLower();
    key.replace(u' ', u'_').replace(u'-', u'_');
    return key;
}

template <size_t N>
int findColumn(const QStringList &columns, const std::array<const char *, N> &names)
{
    for (const char *name : names) {
        for (qsizetype i = 0; i < columns.size(); ++i) {
            if (comparable(columns[i]) == QLatin1StringView(name))
                return int(i);
        }
    }
    return -1;
}

// A name quoted in a message: a "header" that is really a long line of data stays readable.
QString elided(const QString &text)
{
    return text.size() > 60 ? text.left(57) + QStringLiteral("...") : text;
}

QString listColumns(const QStringList &columns)
{
    QStringList names;
    for (const QString &name : columns.mid(0, 20))
        names.append(elided(name));
    if (columns.size() > 20)
        names.append(QStringLiteral("..."));
    return names.join(QStringLiteral(", "));
}

template <size_t N>
QString listNames(const std::array<const char *, N> &names)
{
    QStringList list;
    for (const char *name : names)
        list.append(QString::fromLatin1(name));
    return list.join(QStringLiteral(", "));
}

bool looksLikeImageFile(const QString &text)
{
    static const QStringList extensions = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp",
                                           ".gif", ".bmp",  ".tif", ".tiff"};
    for (const QString &extension : extensions) {
        if (text.endsWith(extension, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool isBlank(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

bool isBlankRecord(const CsvRecord &record)
{
    for (qsizetype i = 0; i < qsizetype(record.fields.size()); ++i) {
        if (!isBlank(record.field(i)))
            return false;
    }
    return true;
}

bool isJsonSuffix(const QString &suffix)
{
    return suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson")
           || suffix == QLatin1String("json");
}

// Empty names become column_N and repeated ones name_2, name_3...: columns are keys, so they
// must be unique. Names are compared case-insensitively ("Price" and "price" would clash as
// attribute names), and a generated name never takes a name the header already uses.
QList<MetadataIssue> makeUnique(QStringList &names, int line)
{
    QSet<QString> taken;
    for (const QString &name : names)
        taken.insert(name.toLower());
    QSet<QString> seen;
    QList<MetadataIssue> issues;
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QString name = names[i];
        if (!name.isEmpty() && !seen.contains(name.toLower())) {
            seen.insert(name.toLower());
            continue;
        }
        QString unique;
        if (name.isEmpty()) {
            unique = QStringLiteral("column_%1").arg(i + 1);
            for (int k = 2; taken.contains(unique.toLower()); ++k)
                unique = QStringLiteral("column_%1_%2").arg(i + 1).arg(k);
            issues.append({line, Tr::tr("line %1: column %2 has no name; it is called \"%3\"")
                                     .arg(QString::number(line), QString::number(i + 1), unique)});
        } else {
            int k = 2;
            do {
                unique = QStringLiteral("%1_%2").arg(name).arg(k++);
            } while (taken.contains(unique.toLower()));
            issues.append({line, Tr::tr("line %1: the column name \"%2\" appears more than once; "
                                    "column %3 is called \"%4\"")
                                     .arg(QString::number(line), name, QString::number(i + 1),
                                          unique)});
        }
        taken.insert(unique.toLower());
        seen.insert(unique.toLower());
        names[i] = unique;
    }
    return issues;
}

QString notUtf8Issue(int line)
{
    return Tr::tr("line %1: not valid UTF-8; read as Latin-1 (check the file's encoding)").arg(line);
}

} // namespace

MetadataReader::MetadataReader(QString path) : m_path(std::move(path)), m_record(new CsvRecord) {}

MetadataReader::~MetadataReader() = default;

Result<std::unique_ptr<MetadataReader>> MetadataReader::open(const QString &path)
{
    Result<std::unique_ptr<TextInput>> input = TextInput::open(path);
    if (!input)
        return input.takeError();
    std::unique_ptr<MetadataReader> reader(new MetadataReader(path));
    reader->m_input = std::move(*input);

    // The content decides, so that a JSON-lines file saved as .txt or .csv is still read.
    const QByteArrayView head(reader->m_input->data(), reader->m_input->size());
    qsizetype first = 0;
    while (first < head.size() && QByteArrayView(" \t\r\n").contains(head[first]))
        ++first;
    const char firstChar = first < head.size() ? head[first] : '\0';
    const QString suffix = QFileInfo(path).suffix().toLower();

    Status status;
    if (firstChar == '{') {
        reader->m_format = Format::JsonLines;
        status = reader->openJsonLines();
    } else if (firstChar == '[' && isJsonSuffix(suffix)) {
        return fail(Tr::tr("%1 holds a JSON array, not JSON lines. Sieve reads one JSON object per "
                       "line (.jsonl); convert the file, for example with: jq -c '.[]'")
                        .arg(path));
    } else if (isJsonSuffix(suffix)) {
        return fail(Tr::tr("%1 is not a JSON-lines file: each line should be a JSON object, starting "
                       "with \"{\".")
                        .arg(path));
    } else {
        status = reader->openCsv();
    }
    if (!status)
        return status.takeError();
    return reader;
}

Status MetadataReader::openCsv()
{
    const QString suffix = QFileInfo(m_path).suffix().toLower();
    m_delimiter = suffix == QLatin1String("tsv") || suffix == QLatin1String("tab")
                      ? '\t'
                      : CsvParser::sniffDelimiter(QByteArrayView(m_input->data(), m_input->size()));
    m_parser =
        std::make_unique<CsvParser>(*m_input, CsvParser::Dialect{m_delimiter, true}, m_issues);

    // Lines of spaces or of empty cells (",,,") come before the header in some exports.
    Result<bool> header = m_parser->next(*m_record);
    while (header && *header && isBlankRecord(*m_record))
        header = m_parser->next(*m_record);
    if (!header)
        return header.takeError();
    const int line = *header ? m_record->line : INT_MAX;
    for (const MetadataIssue &issue : std::as_const(m_issues)) {
        if (issue.line < line)   // the parser skipped the first line for its length
            return fail(Tr::tr("%1 does not start with a header line: its first line is longer than "
                           "1 MiB. Is it a CSV file?")
                            .arg(m_path));
    }
    if (!*header)
        return fail(Tr::tr("%1 has no header line: it holds only blank lines.").arg(m_path));

    bool latin1 = false;
    for (qsizetype i = 0; i < qsizetype(m_record->fields.size()); ++i) {
        QString name = decodeText(m_record->field(i), &latin1).trimmed();
        // A second byte-order mark, as some tools write when appending to a file.
        if (i == 0 && name.startsWith(QChar(0xFEFF)))
            name = name.mid(1).trimmed();
        m_columns.append(name);
    }
    if (latin1)
        addIssue(line, notUtf8Issue(line));
    m_issues.append(makeUnique(m_columns, line));

    m_pathColumn = findColumn(m_columns, kPathColumnNames);
    m_labelColumn = findColumn(m_columns, kLabelColumnNames);
    if (m_pathColumn >= 0)
        return {};
    for (const QString &name : std::as_const(m_columns)) {
        if (looksLikeImageFile(name))
            return fail(Tr::tr("The first line of %1 looks like data (\"%2\"), not a header. Add a "
                           "first line naming the columns, for example \"path,label\".")
                            .arg(m_path, elided(name)));
    }
    return fail(Tr::tr("%1 has no column naming the images. Call it one of: %2 (the columns found "
                   "are: %3).")
                    .arg(m_path, listNames(kPathColumnNames), listColumns(m_columns)));
}

Status MetadataReader::openJsonLines()
{
    m_parser = std::make_unique<CsvParser>(*m_input, CsvParser::lines(), m_issues);
    int objects = 0;
    for (int lines = 0; lines < jsonLinesScanned;) {
        Result<bool> more = m_parser->next(*m_record);
        if (!more)
            return more.takeError();
        if (!*more)
            break;
        QByteArrayView text = m_record->field(0);
        if (text.trimmed().isEmpty())
            continue;
        ++lines;
        QByteArray converted;
        if (!text.isValidUtf8()) {
            bool latin1 = false;
            converted = decodeText(text, &latin1).toUtf8();
            text = converted;
        }
        Result<QList<JsonMember>> members = parseJsonObject(text);
        if (!members)
            continue;
        ++objects;
        for (const JsonMember &member : std::as_const(*members)) {
            if (!m_jsonColumns.contains(member.key)) {
                m_jsonColumns.insert(member.key, int(m_columns.size()));
                m_columns.append(member.key);
            }
        }
    }
    // The scan's issues are found again, in order, when the rows are read.
    m_issues.clear();
    if (objects == 0)
        return fail(Tr::tr("%1 is not a JSON-lines file: none of its first %2 lines is a JSON object "
                       "on a line of its own. (A pretty-printed JSON file spreads each object "
                       "over many lines; write one object per line.)")
                        .arg(m_path, QString::number(jsonLinesScanned)));
    if (Status status = m_input->rewind(); !status)
        return status;
    m_parser->restart();

    m_pathColumn = findColumn(m_columns, kPathColumnNames);
    m_labelColumn = findColumn(m_columns, kLabelColumnNames);
    if (m_pathColumn < 0)
        return fail(Tr::tr("%1 has no key naming the images in its first %2 objects. Call it one of: "
                       "%3 (the keys found are: %4).")
                        .arg(m_path, QString::number(objects), listNames(kPathColumnNames),
                             listColumns(m_columns)));
    return {};
}

Result<bool> MetadataReader::next(MetadataRow &row)
{
    if (m_finished)
        return false;
    Result<bool> more = m_format == Format::Csv ? nextCsv(row) : nextJson(row);
    if (!more || !*more)
        m_finished = true;
    return more;
}

Result<bool> MetadataReader::nextCsv(MetadataRow &row)
{
    const qsizetype columnCount = m_columns.size();
    for (;;) {
        Result<bool> more = m_parser->next(*m_record);
        if (!more || !*more)
            return more;
        const CsvRecord &record = *m_record;
        const qsizetype fieldCount = qsizetype(record.fields.size());

        QStringList values;
        values.reserve(columnCount);
        bool latin1 = false;
        bool anyValue = false;
        for (qsizetype i = 0; i < columnCount; ++i) {
            if (i >= fieldCount) {
                values.append(QString());
                continue;
            }
            QString value = decodeText(record.field(i), &latin1);
            if (!record.fields[size_t(i)].quoted)
                value = std::move(value).trimmed();
            anyValue = anyValue || !value.isEmpty();
            values.append(std::move(value));
        }
        // Excel pads rows with empty cells up to the widest row: extra empty fields are no issue.
        bool extraValues = false;
        for (qsizetype i = columnCount; i < fieldCount && !extraValues; ++i)
            extraValues = !isBlank(record.field(i));
        if (!anyValue && !extraValues)
            continue;   // ",,,": a blank line in a spreadsheet

        if (latin1)
            addIssue(record.line, notUtf8Issue(record.line));
        if (extraValues)
            addIssue(record.line, Tr::tr("line %1 has %2 fields but the header has %3; the extra "
                                     "fields were ignored")
                                      .arg(record.line)
                                      .arg(fieldCount)
                                      .arg(columnCount));
        if (values[m_pathColumn].trimmed().isEmpty()) {
            addIssue(record.line, Tr::tr("line %1: no path; row skipped").arg(record.line));
            continue;
        }
        row.line = record.line;
        row.values = std::move(values);
        return true;
    }
}

Result<bool> MetadataReader::nextJson(MetadataRow &row)
{
    for (;;) {
        Result<bool> more = m_parser->next(*m_record);
        if (!more || !*more)
            return more;
        const int line = m_record->line;
        QByteArrayView text = m_record->field(0);
        if (text.trimmed().isEmpty())
            continue;
        QByteArray converted;
        if (!text.isValidUtf8()) {
            bool latin1 = false;
            converted = decodeText(text, &latin1).toUtf8();
            text = converted;
            addIssue(line, notUtf8Issue(line));
        }
        Result<QList<JsonMember>> members = parseJsonObject(text);
        if (!members) {
            addIssue(line,
                     Tr::tr("line %1: %2; line skipped").arg(QString::number(line), members.error()));
            continue;
        }
        QStringList values(m_columns.size());
        for (JsonMember &member : *members) {
            int index = m_jsonColumns.value(member.key, -1);
            if (index < 0) {
                index = int(m_columns.size());
                m_jsonColumns.insert(member.key, index);
                m_columns.append(member.key);
                values.resize(m_columns.size());
            }
            values[index] = std::move(member.value);
        }
        if (values[m_pathColumn].trimmed().isEmpty()) {
            addIssue(line, Tr::tr("line %1: no path; row skipped").arg(line));
            continue;
        }
        row.line = line;
        row.values = std::move(values);
        return true;
    }
}

void MetadataReader::addIssue(int line, QString message)
{
    m_issues.append({line, std::move(message)});
}

QList<MetadataIssue> MetadataReader::takeIssues() { return std::exchange(m_issues, {}); }

qint64 MetadataReader::bytesRead() const
{
    return m_finished ? m_input->totalBytes() : m_input->bytesRead(m_parser->position());
}

qint64 MetadataReader::totalBytes() const { return m_input->totalBytes(); }

QString MetadataReader::normalisePath(QString path)
{
    path = std::move(path).trimmed();
    path.replace(u'\\', u'/');
    while (path.startsWith(QLatin1String("./")))
        path.remove(0, 2);
    return path;
}

} // namespace sieve::ingest
