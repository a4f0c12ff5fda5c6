#include "ingest/csv_parser.h"

#include "ingest/text_input.h"

#include <QCoreApplication>

namespace sieve::ingest {

namespace {

// lupdate reads Tr::tr("...") calls under this context.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(sieve::ingest)
};

bool isLineBreak(char c) { return c == '\r' || c == '\n'; }
bool isBlank(char c) { return c == ' ' || c == '\t'; }

enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterQuoted };

} // namespace

char CsvParser::sniffDelimiter(QByteArrayView head)
{
    qsizetype i = 0;
    while (i < head.size() && isLineBreak(head[i]))
        ++i;
    int commas = 0;
    int semicolons = 0;
    int tabs = 0;
    bool inQuotes = false;
    for (; i < head.size(); ++i) {
        const char c = head[i];
        if (c == '"')
            inQuotes = !inQuotes;
        else if (inQuotes)
            continue;
        else if (isLineBreak(c))
            break;
        else if (c == ',')
            ++commas;
        else if (c == ';')
            ++semicolons;
        else if (c == '\t')
            ++tabs;
    }
    if (semicolons > commas && semicolons >= tabs)
        return ';';
    if (tabs > commas && tabs > semicolons)
        return '\t';
    return ',';
}

CsvParser::CsvParser(TextInput &input, Dialect dialect, QList<MetadataIssue> &issues)
    : m_input(input), m_dialect(dialect), m_issues(issues)
{
}

void CsvParser::restart()
{
    m_position = 0;
    m_line = 1;
    m_afterCarriageReturn = false;
    m_atEnd = false;
    m_quotesArePlain = false;
}

Result<bool> CsvParser::next(CsvRecord &record)
{
    for (;;) {
        Result<Outcome> outcome = parseRecord(record);
        if (!outcome) {
            m_atEnd = true;
            m_position = m_input.size();
            return outcome.takeError();
        }
        if (*outcome == Outcome::Record)
            return true;
        if (*outcome == Outcome::End)
            return false;
    }
}

void CsvParser::countLineBreak(char c)
{
    if (c == '\r') {
        ++m_line;
        m_afterCarriageReturn = true;
        return;
    }
    if (!m_afterCarriageReturn)
        ++m_line;
    m_afterCarriageReturn = false;
}

CsvParser::Outcome CsvParser::rereadWithPlainQuotes(const CsvRecord &record, qsizetype recordStart,
                                                    QString issue)
{
    m_position = recordStart;
    m_line = record.line;
    m_afterCarriageReturn = false;
    m_quotesArePlain = true;
    m_pendingIssue = {record.line, std::move(issue)};
    return Outcome::Retry;
}

Result<CsvParser::Outcome> CsvParser::skipLine()
{
    for (;;) {
        const char *data = m_input.data();
        const qsizetype size = m_input.size();
        while (m_position < size && !isLineBreak(data[m_position]))
            ++m_position;
        if (m_position < size) {
            countLineBreak(data[m_position++]);
            return Outcome::Skipped;
        }
        if (m_atEnd)
            return Outcome::Skipped;
        Result<bool> more = m_input.readMore(m_position);
        m_position = 0;
        if (!more)
            return more.takeError();
        m_atEnd = !*more;
    }
}

Result<CsvParser::Outcome> CsvParser::parseRecord(CsvRecord &record)
{
    record.bytes.resize(0);
    record.fields.clear();
    const char delimiter = m_dialect.delimiter;
    const bool quoting = m_dialect.quoting && !m_quotesArePlain;
    State state = State::FieldStart;
    bool started = false;          // a byte other than a line break has been read
    qsizetype recordStart = m_position;
    qsizetype fieldBegin = 0;
    bool quoted = false;
    qsizetype quotedEnd = 0;       // where in record.bytes the closing quote was
    int quoteLine = 0;

    const auto endField = [&] {
        qsizetype end = record.bytes.size();
        // Spaces after a closing quote are layout, not content (`"a b" ,c`).
        while (quoted && end > quotedEnd && isBlank(record.bytes[end - 1]))
            --end;
        record.fields.push_back({fieldBegin, end, quoted});
        fieldBegin = record.bytes.size();
        quoted = false;
        state = State::FieldStart;
    };
    const auto finish = [&] {
        endField();
        if (m_quotesArePlain) {
            m_quotesArePlain = false;
            m_issues.append(m_pendingIssue);
        }
        return Outcome::Record;
    };

    const char *data = m_input.data();
    qsizetype size = m_input.size();
    for (;;) {
        if (started && m_position - recordStart > maxRecordBytes) {
            if (state == State::Quoted || state == State::QuoteInQuoted)
                return rereadWithPlainQuotes(
                    record, recordStart,
                    Tr::tr("line %1: the quote opened on line %2 is not closed within 1 MiB; line %1 "
                       "was read with its quotes as plain text")
                        .arg(record.line)
                        .arg(quoteLine));
            m_quotesArePlain = false;
            m_issues.append(
                {record.line, Tr::tr("line %1 is longer than 1 MiB; skipped").arg(record.line)});
            return skipLine();
        }
        if (m_position == size) {
            if (!m_atEnd) {
                // Keep the record read so far: a stray quote sends us back to its start.
                const qsizetype release = started ? recordStart : m_position;
                Result<bool> more = m_input.readMore(release);
                m_position -= release;
                recordStart -= release;
                data = m_input.data();
                size = m_input.size();
                if (!more)
                    return more.takeError();
                m_atEnd = !*more;
                continue;
            }
            if (!started)
                return Outcome::End;
            if (state == State::Quoted)
                return rereadWithPlainQuotes(
                    record, recordStart,
                    Tr::tr("line %1: the quote opened on line %2 is never closed; line %1 was read "
                       "with its quotes as plain text")
                        .arg(record.line)
                        .arg(quoteLine));
            if (state == State::QuoteInQuoted)
                quotedEnd = record.bytes.size();
            return finish();
        }

        const char c = data[m_position];
        switch (state) {
        case State::FieldStart:
            if (isLineBreak(c)) {
                countLineBreak(c);
                ++m_position;
                if (!started)
                    continue;   // a blank line
                return finish();
            }
            m_afterCarriageReturn = false;
            if (!started) {
                started = true;
                record.line = m_line;
                recordStart = m_position;
            }
            ++m_position;
            if (c == delimiter) {
                endField();
            } else if (c == '"' && quoting) {
                state = State::Quoted;
                quoted = true;
                quoteLine = m_line;
            } else if (!isBlank(c)) {
                record.bytes.append(c);
                state = State::Unquoted;
            }
            continue;

        case State::Unquoted:
        case State::AfterQuoted: {
            qsizetype end = m_position;
            while (end < size && data[end] != delimiter && !isLineBreak(data[end]))
                ++end;
            if (end > m_position) {
                record.bytes.append(data + m_position, end - m_position);
                m_position = end;
                m_afterCarriageReturn = false;
                continue;
            }
            ++m_position;
            if (isLineBreak(c)) {
                countLineBreak(c);
                return finish();
            }
            endField();
            continue;
        }

        case State::Quoted: {
            qsizetype end = m_position;
            while (end < size && data[end] != '"' && !isLineBreak(data[end]))
                ++end;
            if (end > m_position) {
                record.bytes.append(data + m_position, end - m_position);
                m_position = end;
                m_afterCarriageReturn = false;
                continue;
            }
            ++m_position;
            if (c == '"') {
                m_afterCarriageReturn = false;
                state = State::QuoteInQuoted;
            } else {
                countLineBreak(c);
                record.bytes.append(c);
            }
            continue;
        }

        case State::QuoteInQuoted:
            if (c == '"') {
                ++m_position;
                m_afterCarriageReturn = false;
                record.bytes.append('"');
                state = State::Quoted;
                continue;
            }
            quotedEnd = record.bytes.size();
            state = State::AfterQuoted;
            // `"12" screen` on one line is sloppy but clear; a quoted field that spans lines and
            // is followed by text is a stray quote that swallowed the line breaks.
            if (m_line > quoteLine && c != delimiter && !isLineBreak(c) && !isBlank(c))
                return rereadWithPlainQuotes(
                    record, recordStart,
                    Tr::tr("line %1: the quote opened on line %2 closes on line %3 and is followed "
                       "by more text, so a quote is probably missing; line %1 was read with its "
                       "quotes as plain text")
                        .arg(record.line)
                        .arg(quoteLine)
                        .arg(m_line));
            continue;
        }
    }
}

} // namespace sieve::ingest
