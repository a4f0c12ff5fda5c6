#include "demo/demo_text.h"

#include "demo/demo_words.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace sieve::demo {

namespace {

// One run of glyphs: what a box is recorded for. Runs of a line are separated by a space.
struct Run {
    QString text;
    QString piiType;
    QString leadingWord;
};

struct Line {
    QList<Run> runs;
    double scale = 1; // cap height relative to the card's base size
    bool bold = false;
    bool centered = false;
};

enum class CardStyle { Paper, Sticky, PriceTag, DarkLabel, Receipt, BusinessCard };

struct Card {
    CardStyle style = CardStyle::Paper;
    QList<Line> lines;
};

Line line(QList<Run> runs, double scale = 1, bool bold = false)
{
    Line l;
    l.runs = std::move(runs);
    l.scale = scale;
    l.bold = bold;
    return l;
}

Run harmless(const QString &text) { return Run{text, QString(), QString()}; }

// "Nom :", "NAME:", "Tel" — the word as printed, and the word alone for the ground truth.
std::pair<QString, QString> leadingLabel(const QString &language, PiiType type, Rng &rng)
{
    QString word = leadingWord(language, type, rng);
    if (rng.chance(0.15))
        word = word.toUpper();
    if (rng.chance(0.1))
        return {word, word};
    const bool frenchSpace = language == QLatin1String("fr") && rng.chance(0.6);
    return {word + (frenchSpace ? QStringLiteral(" :") : QStringLiteral(":")), word};
}

// The lines that print one PII value, with its leading word on the same line or the line above.
QList<Line> piiLines(PiiType type, const QString &value, const TextRequest &r, double leadingShare, Rng &rng)
{
    const Run valueRun{value, piiTypeName(type), QString()};
    if (!rng.chance(leadingShare))
        return {line({valueRun}, type == PiiType::Name ? 1.1 : 1.0)};
    const auto [printed, word] = leadingLabel(r.language, type, rng);
    Run withWord = valueRun;
    withWord.leadingWord = word;
    if (type == PiiType::Name && rng.chance(0.3))
        return {line({harmless(printed)}, 0.9), line({withWord})};
    return {line({harmless(printed), withWord})};
}

QList<PiiType> piiSelection(Rng &rng)
{
    switch (rng.weighted({0.3, 0.15, 0.2, 0.15, 0.2})) {
    case 0: return {PiiType::Name, PiiType::Phone};
    case 1: return {PiiType::Name};
    case 2: return {PiiType::Phone};
    case 3: return {PiiType::Name, PiiType::Email};
    default: return {PiiType::Name, PiiType::Phone, PiiType::Email};
    }
}

Card piiCard(const TextRequest &r, Rng &rng)
{
    const PersonName person = personName(*r.country, rng);
    const QList<PiiType> types = piiSelection(rng);
    Card card;
    const std::size_t kind = rng.weighted({0.5, 0.2, 0.3});
    card.style = kind == 0 ? (rng.chance(0.5) ? CardStyle::Paper : CardStyle::Sticky)
        : kind == 1        ? CardStyle::BusinessCard
                           : CardStyle::Receipt;
    if (card.style == CardStyle::Receipt) {
        card.lines << line({harmless(headerWord(r.language, rng))}, 1.1, true);
        const int items = rng.range(1, 2);
        for (int i = 0; i < items; ++i)
            card.lines << line({harmless(itemLine(r.language, rng)), harmless(printedPrice(r.priceUsd, *r.country, rng))}, 0.9);
    } else if (card.style != CardStyle::BusinessCard && rng.chance(0.35)) {
        card.lines << line({harmless(headerWord(r.language, rng))}, 0.9, true);
    }
    for (PiiType type : types) {
        QString value = type == PiiType::Name    ? person.full()
            : type == PiiType::Phone ? phoneNumber(*r.country, rng)
                                     : emailAddress(person, *r.country, rng);
        if (type == PiiType::Name && card.style == CardStyle::BusinessCard) {
            Line name = line({Run{value, piiTypeName(type), QString()}}, 1.35, true);
            card.lines << name;
            continue;
        }
        const double leadingShare = type == PiiType::Name ? 0.85 : type == PiiType::Phone ? 0.75 : 0.5;
        card.lines << piiLines(type, value, r, leadingShare, rng);
    }
    return card;
}

Card harmlessCard(const TextRequest &r, Rng &rng)
{
    Card card;
    if (rng.chance(0.55)) {
        card.style = rng.chance(0.25) ? CardStyle::DarkLabel : CardStyle::PriceTag;
        if (rng.chance(0.4))
            card.lines << line({harmless(promoWord(r.language, rng))}, 0.85, true);
        card.lines << line({harmless(printedPrice(r.priceUsd, *r.country, rng))}, 1.6, true);
        if (rng.chance(0.35))
            card.lines << line({harmless(quantityText(rng))}, 0.8);
        for (Line &l : card.lines)
            l.centered = true;
        return card;
    }
    card.style = rng.chance(0.3) ? CardStyle::DarkLabel : rng.chance(0.5) ? CardStyle::Paper : CardStyle::Sticky;
    card.lines << line({harmless(brandName(rng))}, 1.3, true);
    card.lines << line({harmless(quantityText(rng))}, 0.9);
    if (rng.chance(0.6))
        card.lines << line({harmless(expiryText(r.language, r.collected, rng))}, 0.8);
    if (rng.chance(0.3))
        card.lines << line({harmless(lotText(rng))}, 0.75);
    return card;
}

struct Palette {
    QColor paper;
    QColor ink;
};

Palette palette(CardStyle style, Rng &rng)
{
    const QColor darkInks[] = {QColor(0x111111), QColor(0x1A237E), QColor(0x263238), QColor(0x3E2723), QColor(0x0D47A1)};
    const QColor ink = darkInks[rng.range(0, 4)];
    switch (style) {
    case CardStyle::Paper: {
        const QColor papers[] = {QColor(0xFAFAF5), QColor(0xF5F0E1), QColor(0xFFFFFF), QColor(0xEEF2F5)};
        return {papers[rng.range(0, 3)], ink};
    }
    case CardStyle::Sticky: {
        const QColor notes[] = {QColor(0xFFF176), QColor(0xF8BBD0), QColor(0xC5E1A5), QColor(0xB3E5FC), QColor(0xFFCC80)};
        return {notes[rng.range(0, 4)], ink};
    }
    case CardStyle::PriceTag: {
        const QColor tags[] = {QColor(0xFFEB3B), QColor(0xFFB74D), QColor(0xB2FF59), QColor(0xFFFFFF), QColor(0xFF80AB)};
        return {tags[rng.range(0, 4)], rng.chance(0.7) ? QColor(0x111111) : QColor(0xB71C1C)};
    }
    case CardStyle::DarkLabel: {
        const QColor grounds[] = {QColor(0x212121), QColor(0x0D47A1), QColor(0x1B5E20), QColor(0xB71C1C)};
        return {grounds[rng.range(0, 3)], rng.chance(0.7) ? QColor(0xFFFFFF) : QColor(0xFFEB3B)};
    }
    case CardStyle::Receipt: return {rng.chance(0.5) ? QColor(0xFAFAFA) : QColor(0xF3F1EA), QColor(0x2B2B2B)};
    case CardStyle::BusinessCard: {
        const QColor cards[] = {QColor(0xFFFFFF), QColor(0xFFFDF5), QColor(0xECEFF1)};
        return {cards[rng.range(0, 2)], ink};
    }
    }
    return {Qt::white, Qt::black};
}

QString familyFor(CardStyle style, const QStringList &families, Rng &rng)
{
    if (families.isEmpty())
        return QString();
    QStringList mono;
    QStringList serif;
    QStringList sans;
    for (const QString &family : families) {
        if (family.contains(QLatin1String("Mono")))
            mono << family;
        else if (family.contains(QLatin1String("Serif")))
            serif << family;
        else
            sans << family;
    }
    if (style == CardStyle::Receipt && !mono.isEmpty() && rng.chance(0.8))
        return mono[rng.range(0, int(mono.size()) - 1)];
    if ((style == CardStyle::BusinessCard || style == CardStyle::Paper) && !serif.isEmpty() && rng.chance(0.35))
        return serif[rng.range(0, int(serif.size()) - 1)];
    const QStringList &pool = sans.isEmpty() ? families : sans;
    return pool[rng.range(0, int(pool.size()) - 1)];
}

QFont lineFont(const QString &family, const Line &l, double cap, double capRatio)
{
    QFont font = family.isEmpty() ? QFont() : QFont(family);
    font.setPixelSize(std::max(5, int(std::lround(cap * l.scale / capRatio))));
    font.setBold(l.bold);
    return font;
}

double capRatio(const QString &family)
{
    QFont font = family.isEmpty() ? QFont() : QFont(family);
    font.setPixelSize(200);
    const double ratio = QFontMetricsF(font).capHeight() / 200.0;
    return ratio > 0.3 && ratio < 1.0 ? ratio : 0.72;
}

QRect outerBox(const QRectF &r, const QRect &bounds)
{
    const QPoint topLeft(int(std::floor(r.left())), int(std::floor(r.top())));
    const QPoint bottomRight(int(std::ceil(r.right())) - 1, int(std::ceil(r.bottom())) - 1);
    return QRect(topLeft, bottomRight).intersected(bounds);
}

// Lays the card out at `cap`, finds a free place for it and prints it. False when it fits
// nowhere (the caller tries smaller or gives up).
bool placeCard(QPainter &p, QSize size, const Card &card, const TextRequest &r, double cap, QList<QRectF> &taken,
               QList<TextItem> &out, Rng &rng)
{
    const QString family = familyFor(card.style, r.fontFamilies, rng);
    const double ratio = capRatio(family);
    struct Metrics {
        QFont font;
        double width = 0;
        double ascent = 0;
        double height = 0;
        double space = 0;
    };
    QList<Metrics> metrics;
    double contentWidth = 0;
    double contentHeight = 0;
    for (const Line &l : card.lines) {
        Metrics m;
        m.font = lineFont(family, l, cap, ratio);
        const QFontMetricsF fm(m.font);
        m.space = fm.horizontalAdvance(QLatin1Char(' '));
        for (const Run &run : l.runs)
            m.width += fm.horizontalAdvance(run.text);
        m.width += m.space * (l.runs.size() - 1);
        m.ascent = fm.ascent();
        m.height = fm.height() * 1.12;
        contentWidth = std::max(contentWidth, m.width);
        contentHeight += m.height;
        metrics << m;
    }
    const double padX = cap * rng.uniform(1.0, 1.8);
    const double padY = cap * rng.uniform(0.7, 1.3);
    const QSizeF cardSize(contentWidth + 2 * padX, contentHeight + 2 * padY);

    const double angle = rng.chance(0.85) ? std::clamp(rng.normal() * 2.0, -5.0, 5.0) : rng.uniform(-12, 12);
    QTransform rotation;
    rotation.rotate(angle);
    const QRectF turned = rotation.mapRect(QRectF(QPointF(-cardSize.width() / 2, -cardSize.height() / 2), cardSize));
    const QRectF safe(size.width() * 0.06, size.height() * 0.06, size.width() * 0.88, size.height() * 0.88);
    if (turned.width() > safe.width() || turned.height() > safe.height())
        return false;
    QPointF center;
    bool found = false;
    for (int attempt = 0; attempt < 40 && !found; ++attempt) {
        const double x = rng.uniform(safe.left() - turned.left(), safe.right() - turned.right());
        const double y = rng.uniform(safe.top() - turned.top(), safe.bottom() - turned.bottom());
        center = QPointF(x, y);
        const QRectF footprint = turned.translated(center).adjusted(-cap, -cap, cap, cap);
        found = std::none_of(taken.begin(), taken.end(), [&](const QRectF &t) { return t.intersects(footprint); });
    }
    if (!found)
        return false;
    taken << turned.translated(center);

    QTransform t;
    t.translate(center.x(), center.y());
    t.rotate(angle);
    t.translate(-cardSize.width() / 2, -cardSize.height() / 2);
    p.setTransform(t);
    const Palette colors = palette(card.style, rng);
    const QRectF paper(QPointF(0, 0), cardSize);
    const double radius = card.style == CardStyle::PriceTag || card.style == CardStyle::DarkLabel ? cap * 0.6 : cap * 0.15;
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 35));
    p.drawRoundedRect(paper.translated(cap * 0.35, cap * 0.45), radius, radius);
    p.setBrush(QColor(0, 0, 0, 35));
    p.drawRoundedRect(paper.translated(cap * 0.18, cap * 0.22), radius, radius);
    p.setBrush(colors.paper);
    p.drawRoundedRect(paper, radius, radius);
    if (card.style == CardStyle::Sticky)
        p.fillRect(QRectF(0, 0, cardSize.width(), padY * 0.6), colors.paper.darker(108));
    if (card.style == CardStyle::BusinessCard)
        p.fillRect(QRectF(0, 0, cap * 0.5, cardSize.height()), QColor::fromHsv(rng.range(0, 359), 160, 170));
    if (card.style == CardStyle::Paper && rng.chance(0.3)) {
        p.setPen(QPen(QColor(100, 150, 220, 70), std::max(1.0, cap * 0.06)));
        double y = padY;
        for (const Metrics &m : metrics) {
            y += m.height;
            p.drawLine(QPointF(0, y - m.height * 0.12), QPointF(cardSize.width(), y - m.height * 0.12));
        }
        p.setPen(Qt::NoPen);
    }
    QLinearGradient light(paper.topLeft(), paper.bottomRight());
    light.setColorAt(0, QColor(255, 255, 255, 30));
    light.setColorAt(1, QColor(0, 0, 0, 30));
    p.setBrush(light);
    p.drawRoundedRect(paper, radius, radius);

    const QRect bounds(QPoint(0, 0), size);
    double top = padY;
    for (qsizetype i = 0; i < card.lines.size(); ++i) {
        const Line &l = card.lines[i];
        const Metrics &m = metrics[i];
        double x = l.centered ? (cardSize.width() - m.width) / 2 : padX;
        const double baseline = top + m.ascent;
        const QFontMetricsF fm(m.font);
        for (const Run &run : l.runs) {
            QPainterPath glyphs;
            glyphs.addText(QPointF(x, baseline), m.font, run.text);
            p.fillPath(glyphs, colors.ink);
            TextItem item;
            item.text = run.text;
            item.piiType = run.piiType;
            item.leadingWord = run.leadingWord;
            item.language = r.language;
            item.box = outerBox(t.map(glyphs).boundingRect(), bounds);
            item.capHeight = fm.capHeight();
            item.angle = angle;
            out << item;
            x += fm.horizontalAdvance(run.text) + m.space;
        }
        top += m.height;
    }
    p.resetTransform();
    return true;
}

} // namespace

QStringList demoFontFamilies()
{
    const QStringList preferred = {QStringLiteral("DejaVu Sans"),     QStringLiteral("DejaVu Serif"),
                                   QStringLiteral("DejaVu Sans Mono"), QStringLiteral("Liberation Sans"),
                                   QStringLiteral("Liberation Serif"), QStringLiteral("Liberation Mono"),
                                   QStringLiteral("Noto Sans"),        QStringLiteral("Noto Serif")};
    const QStringList installed = QFontDatabase::families();
    QStringList available;
    for (const QString &family : preferred) {
        if (installed.contains(family))
            available << family;
    }
    return available;
}

QList<TextItem> paintText(QImage &image, const TextRequest &request, Rng &rng)
{
    QList<TextItem> items;
    if (request.cards <= 0 || !request.country)
        return items;
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QList<QRectF> taken = request.avoid;
    for (int i = 0; i < request.cards; ++i) {
        const bool pii = request.pii && i == 0;
        const Card card = pii ? piiCard(request, rng) : harmlessCard(request, rng);
        // Cap height mostly 1.3–3.2 % of the image height, sometimes smaller print; never
        // below 7 px unless the image is too small to hold the card otherwise.
        double cap = image.height() * (rng.chance(0.1) ? rng.uniform(0.009, 0.013) : rng.uniform(0.013, 0.032));
        cap = std::max(cap, 7.0);
        bool placed = false;
        for (int attempt = 0; attempt < 8 && !placed; ++attempt) {
            placed = placeCard(p, image.size(), card, request, cap, taken, items, rng);
            cap *= 0.8;
            if (cap < 4)
                break;
        }
    }
    return items;
}

} // namespace sieve::demo
