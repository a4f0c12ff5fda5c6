#include "demo/demo_face.h"

#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace sieve::demo {

namespace {

// Skin tones from deep to light; each country draws from the tones of its population.
const QColor kSkins[] = {QColor(0x52, 0x36, 0x26), QColor(0x5F, 0x3E, 0x2A), QColor(0x6E, 0x47, 0x30),
                         QColor(0x80, 0x53, 0x36), QColor(0x8F, 0x5E, 0x3C), QColor(0xA3, 0x6E, 0x45),
                         QColor(0xB9, 0x82, 0x56), QColor(0xC9, 0x96, 0x6B), QColor(0xD8, 0xAA, 0x80),
                         QColor(0xE6, 0xBE, 0x98), QColor(0xF1, 0xCF, 0xAE), QColor(0xF7, 0xDC, 0xC3)};

std::span<const double> skinWeights(const Country &country)
{
    static const double eastWestAfrica[] = {3, 4, 4, 3, 2, 1, 0.3, 0.2, 0.1, 0.1, 0.1, 0};
    static const double latinAmericaAsia[] = {0, 0.2, 0.5, 1, 2, 3, 3, 3, 2, 1, 0.5, 0.2};
    static const double brazil[] = {0.5, 1, 1.5, 2, 2, 2, 2, 2, 2, 1.5, 1, 0.5};
    static const double europeAmerica[] = {0.3, 0.5, 0.7, 0.8, 0.8, 0.8, 1, 1, 1.5, 2.5, 3, 2.5};
    const char *code = country.code;
    if (!std::strcmp(code, "KE") || !std::strcmp(code, "TZ") || !std::strcmp(code, "SN"))
        return eastWestAfrica;
    if (!std::strcmp(code, "BR"))
        return brazil;
    if (!std::strcmp(code, "ID") || !std::strcmp(code, "MX") || !std::strcmp(code, "PE"))
        return latinAmericaAsia;
    return europeAmerica;
}

enum class Hair { Short, Long, Scarf, Shaved, Cap };
enum class Pose { Frontal, Left, Right };

struct Look {
    int tone = 0;
    QColor skin;
    QColor hair;
    QColor cloth;  // shirt, headscarf or cap
    Hair style = Hair::Short;
    double light = 1; // +1: lit from the viewer's left, -1: from the right
};

Look randomLook(const Country &country, Rng &rng)
{
    Look look;
    const std::size_t tone = rng.weighted(skinWeights(country));
    look.tone = int(tone);
    const double vary = rng.uniform(0.94, 1.06);
    const QColor base = kSkins[tone];
    look.skin = QColor(std::clamp(int(base.red() * vary), 0, 255), std::clamp(int(base.green() * vary), 0, 255),
                       std::clamp(int(base.blue() * vary), 0, 255));
    const QColor hairs[] = {QColor(0x16, 0x12, 0x10), QColor(0x24, 0x1A, 0x14), QColor(0x3A, 0x28, 0x1C),
                            QColor(0x5A, 0x40, 0x2A), QColor(0x8E, 0x89, 0x84), QColor(0xA8, 0x84, 0x52)};
    const bool lightHair = tone >= 8 && rng.chance(0.35);
    const std::size_t hair = lightHair ? std::size_t(rng.range(3, 5)) : rng.weighted({4, 3, 1.5, 0, 0.6, 0});
    look.hair = hairs[hair];
    const int hue = rng.range(0, 359);
    const int saturation = rng.range(60, 200);
    const int value = rng.range(70, 220);
    look.cloth = QColor::fromHsv(hue, saturation, value);
    look.style = Hair(rng.weighted({0.4, 0.25, 0.17, 0.08, 0.1}));
    look.light = rng.chance(0.5) ? 1.0 : -1.0;
    return look;
}

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

QColor shade(const QColor &c, double factor, int alpha = 255)
{
    return QColor(std::clamp(int(c.red() * factor), 0, 255), std::clamp(int(c.green() * factor), 0, 255),
                  std::clamp(int(c.blue() * factor), 0, 255), alpha);
}

// A soft blob: COLOR at the centre fading to nothing at the edge of the ellipse.
void softSpot(QPainter &p, QPointF center, double rx, double ry, const QColor &color, double solid = 0)
{
    p.save();
    p.translate(center);
    p.scale(1, ry / rx);
    QRadialGradient g(QPointF(0, 0), rx);
    g.setColorAt(0, color);
    g.setColorAt(solid, color);
    g.setColorAt(1, QColor(color.red(), color.green(), color.blue(), 0));
    p.setPen(Qt::NoPen);
    p.setBrush(g);
    p.drawEllipse(QPointF(0, 0), rx, rx);
    p.restore();
}

// Head and shoulders in unit coordinates: the face is 1 wide (cheek to cheek) and runs from
// the hairline at y = -0.62 to the chin at y = 0.68; shoulders below, to y = 3.
void drawShoulders(QPainter &p, const Look &look, double turn)
{
    p.setPen(Qt::NoPen);
    QPainterPath body;
    body.moveTo(-0.2 + turn * 0.1, 0.85);
    body.cubicTo(-0.7, 0.95, -1.15, 1.1, -1.25, 1.6);
    body.lineTo(-1.3, 3.0);
    body.lineTo(1.3, 3.0);
    body.lineTo(1.25, 1.6);
    body.cubicTo(1.15, 1.1, 0.7, 0.95, 0.2 + turn * 0.1, 0.85);
    body.closeSubpath();
    QLinearGradient cloth(-1.2 * look.light, 0, 1.2 * look.light, 0);
    cloth.setColorAt(0, look.cloth.lighter(115));
    cloth.setColorAt(1, look.cloth.darker(150));
    p.save();
    p.setClipRect(QRectF(-2, 0, 4, 2), Qt::IntersectClip);
    p.setBrush(cloth);
    p.drawPath(body);
    p.restore();
    // Below, the body fades into the stall in front of it instead of ending in a hard line.
    p.save();
    p.setClipRect(QRectF(-2, 2, 4, 1), Qt::IntersectClip);
    QLinearGradient fade(0, 2, 0, 3);
    fade.setColorAt(0, look.cloth.darker(115));
    fade.setColorAt(1, withAlpha(look.cloth.darker(115), 0));
    p.setBrush(fade);
    p.drawPath(body);
    p.restore();
    // The neck, with the shadow the jaw casts on it.
    QLinearGradient neck(0, 0.4, 0, 1.0);
    neck.setColorAt(0, shade(look.skin, 0.55));
    neck.setColorAt(0.55, shade(look.skin, 0.8));
    neck.setColorAt(1, shade(look.skin, 0.85));
    p.setBrush(neck);
    p.drawRoundedRect(QRectF(-0.22 + turn * 0.1, 0.3, 0.44, 0.72), 0.1, 0.1);
}

QPainterPath faceOval()
{
    QPainterPath face;
    face.moveTo(-0.5, -0.05);
    face.cubicTo(-0.5, -0.58, -0.3, -0.86, 0, -0.86);
    face.cubicTo(0.3, -0.86, 0.5, -0.58, 0.5, -0.05);
    face.cubicTo(0.5, 0.3, 0.34, 0.58, 0.13, 0.68);
    face.cubicTo(0.05, 0.72, -0.05, 0.72, -0.13, 0.68);
    face.cubicTo(-0.34, 0.58, -0.5, 0.3, -0.5, -0.05);
    face.closeSubpath();
    return face;
}

void drawHairBehind(QPainter &p, const Look &look)
{
    p.setPen(Qt::NoPen);
    switch (look.style) {
    case Hair::Long:
        p.setBrush(look.hair);
        p.drawRoundedRect(QRectF(-0.68, -0.98, 1.36, 2.0), 0.55, 0.55);
        break;
    case Hair::Scarf: {
        QPainterPath scarf;
        scarf.addEllipse(QPointF(0, -0.1), 0.7, 0.98);
        scarf.addRoundedRect(QRectF(-0.75, 0.2, 1.5, 1.2), 0.4, 0.4);
        p.setBrush(look.cloth.darker(120));
        p.drawPath(scarf.simplified());
        break;
    }
    default: break;
    }
}

void drawHairFront(QPainter &p, const Look &look, Rng &rng)
{
    p.setPen(Qt::NoPen);
    switch (look.style) {
    case Hair::Short:
    case Hair::Long: {
        QPainterPath hair;
        hair.moveTo(-0.55, 0.0);
        hair.cubicTo(-0.6, -0.7, -0.3, -1.0, 0, -1.0);
        hair.cubicTo(0.3, -1.0, 0.6, -0.7, 0.55, 0.0);
        hair.lineTo(0.47, -0.05);
        hair.cubicTo(0.46, -0.4, 0.3, -0.6, 0.1, -0.6);
        const double part = rng.uniform(-0.1, 0.1);
        hair.cubicTo(part, -0.56, -0.3, -0.6, -0.45, -0.4);
        hair.lineTo(-0.47, -0.05);
        hair.closeSubpath();
        p.setBrush(look.hair);
        p.drawPath(hair);
        softSpot(p, QPointF(-0.2 * look.light, -0.8), 0.25, 0.12, QColor(255, 255, 255, 28));
        break;
    }
    case Hair::Scarf: {
        QPainterPath scarf;
        scarf.addEllipse(QPointF(0, -0.1), 0.66, 0.94);
        QPainterPath opening;
        opening.addEllipse(QPointF(0, 0.02), 0.5, 0.68);
        p.setBrush(look.cloth);
        QPainterPath upper;
        upper.addRect(QRectF(-1, -1.2, 2, 1.75));
        p.drawPath(scarf.subtracted(opening).intersected(upper));
        softSpot(p, QPointF(-0.35 * look.light, -0.5), 0.3, 0.4, QColor(255, 255, 255, 30));
        break;
    }
    case Hair::Cap: {
        p.setBrush(look.cloth);
        QPainterPath cap;
        cap.moveTo(-0.56, -0.45);
        cap.cubicTo(-0.58, -0.95, 0.58, -0.95, 0.56, -0.45);
        cap.closeSubpath();
        p.drawPath(cap);
        p.setBrush(look.cloth.darker(140));
        p.drawRoundedRect(QRectF(-0.58, -0.52, 1.16, 0.12), 0.05, 0.05); // the brim, seen from the front
        break;
    }
    case Hair::Shaved:
        softSpot(p, QPointF(0, -0.78), 0.45, 0.16, QColor(look.hair.red(), look.hair.green(), look.hair.blue(), 150), 0.5);
        break;
    }
}

void drawFrontal(QPainter &p, const Look &look, Rng &rng)
{
    const double l = look.light;
    drawHairBehind(p, look);
    drawShoulders(p, look, 0);
    p.setPen(Qt::NoPen);
    // Ears.
    for (double side : {-1.0, 1.0}) {
        p.setBrush(shade(look.skin, side == -l ? 0.95 : 0.75));
        p.drawEllipse(QPointF(side * 0.5, 0.0), 0.08, 0.15);
    }
    const QPainterPath face = faceOval();
    p.setBrush(look.skin);
    p.drawPath(face);

    p.save();
    p.setClipPath(face, Qt::IntersectClip);
    // Light from one side: the far cheek in shadow.
    QLinearGradient sideLight(-0.5 * l, 0, 0.5 * l, 0);
    sideLight.setColorAt(0, QColor(255, 245, 230, 45));
    sideLight.setColorAt(0.45, QColor(255, 245, 230, 0));
    sideLight.setColorAt(1, QColor(0, 0, 0, 90));
    p.fillRect(QRectF(-0.6, -1, 1.2, 2), sideLight);
    // A rounded face darkens towards its outline.
    p.save();
    p.scale(1, 1.5);
    QRadialGradient round(QPointF(0, -0.02), 0.62);
    round.setColorAt(0.0, QColor(0, 0, 0, 0));
    round.setColorAt(0.7, QColor(0, 0, 0, 0));
    round.setColorAt(1.0, QColor(0, 0, 0, 80));
    p.fillRect(QRectF(-0.6, -0.8, 1.2, 1.3), round);
    p.restore();
    // Forehead and cheekbones catch the light.
    // Skin reflects some light as a sheen, which shows most on dark skin.
    softSpot(p, QPointF(-0.08 * l, -0.38), 0.34, 0.2, QColor(255, 250, 240, 60));
    softSpot(p, QPointF(-0.27 * l, 0.12), 0.17, 0.11, QColor(255, 250, 240, 55));
    softSpot(p, QPointF(0.27 * l, 0.12), 0.15, 0.1, QColor(255, 250, 240, 25));
    // Eye sockets: the darkest band of a face.
    const QColor socket = shade(look.skin, 0.45, 200);
    for (double x : {-0.21, 0.21})
        softSpot(p, QPointF(x, -0.1), 0.19, 0.13, socket, 0.25);
    // The bridge of the nose between them stays lit.
    QLinearGradient bridge(-0.09, 0, 0.09, 0);
    bridge.setColorAt(0, QColor(255, 250, 240, 0));
    bridge.setColorAt(0.5, QColor(255, 250, 240, 75));
    bridge.setColorAt(1, QColor(255, 250, 240, 0));
    p.fillRect(QRectF(-0.09, -0.2, 0.18, 0.36), bridge);
    // Nose: shadow on the far side, a lit tip, dark nostrils, shadow under it.
    softSpot(p, QPointF(0.07 * l, 0.06), 0.05, 0.14, shade(look.skin, 0.55, 120));
    softSpot(p, QPointF(-0.01 * l, 0.15), 0.07, 0.05, QColor(255, 250, 240, 60));
    softSpot(p, QPointF(0, 0.225), 0.13, 0.035, shade(look.skin, 0.5, 130));
    p.setBrush(shade(look.skin, 0.3, 220));
    p.drawEllipse(QPointF(-0.05, 0.2), 0.03, 0.016);
    p.drawEllipse(QPointF(0.05, 0.2), 0.03, 0.016);
    // Mouth: lips darker and redder than the skin, the line between them darkest.
    const QColor lips = QColor(std::clamp(int(look.skin.red() * 0.8 + 20), 0, 255), int(look.skin.green() * 0.55),
                               int(look.skin.blue() * 0.55));
    const double smile = rng.uniform(-0.01, 0.025);
    QPainterPath mouth;
    mouth.moveTo(-0.17, 0.36);
    mouth.cubicTo(-0.08, 0.31, 0.08, 0.31, 0.17, 0.36);
    mouth.cubicTo(0.08, 0.44, -0.08, 0.44, -0.17, 0.36);
    p.setBrush(lips);
    p.drawPath(mouth);
    p.setPen(QPen(shade(look.skin, 0.3), 0.018, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(-0.16, 0.36 - smile), QPointF(0, 0.365));
    p.drawLine(QPointF(0, 0.365), QPointF(0.16, 0.36 - smile));
    p.setPen(Qt::NoPen);
    softSpot(p, QPointF(0, 0.47), 0.12, 0.03, shade(look.skin, 0.55, 100));
    // Eyes: whites, iris and pupil, the upper lid's line, then the brows.
    const QColor white = shade(QColor(232, 226, 214), 0.8 + 0.2 * look.skin.lightnessF());
    const double gaze = rng.uniform(-0.02, 0.02);
    for (double x : {-0.21, 0.21}) {
        QPainterPath eye;
        eye.moveTo(x - 0.1, -0.08);
        eye.cubicTo(x - 0.05, -0.125, x + 0.05, -0.125, x + 0.1, -0.08);
        eye.cubicTo(x + 0.05, -0.05, x - 0.05, -0.05, x - 0.1, -0.08);
        p.setBrush(white);
        p.drawPath(eye);
        p.save();
        p.setClipPath(eye, Qt::IntersectClip);
        p.setBrush(QColor(0x2A, 0x1A, 0x10));
        p.drawEllipse(QPointF(x + gaze, -0.085), 0.042, 0.042);
        p.setBrush(QColor(8, 6, 5));
        p.drawEllipse(QPointF(x + gaze, -0.085), 0.018, 0.018);
        p.restore();
        p.setPen(QPen(shade(look.hair, 0.8), 0.02, Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        QPainterPath lid;
        lid.moveTo(x - 0.105, -0.078);
        lid.cubicTo(x - 0.05, -0.13, x + 0.05, -0.13, x + 0.105, -0.078);
        p.drawPath(lid);
        const double side = x < 0 ? -1 : 1;
        QPainterPath brow;
        brow.moveTo(side * 0.07, -0.19);
        brow.cubicTo(side * 0.15, -0.245, side * 0.28, -0.25, side * 0.37, -0.2);
        p.setPen(QPen(shade(look.hair, 1.0, 235), 0.05, Qt::SolidLine, Qt::RoundCap));
        p.drawPath(brow);
        p.setPen(Qt::NoPen);
    }
    p.restore();
    drawHairFront(p, look, rng);
}

// A head seen from the side, looking towards +x; the same unit coordinates as the frontal one.
void drawProfile(QPainter &p, const Look &look, Rng &rng)
{
    // Seen from the side, the light comes from the front or from behind.
    const bool litFront = look.light > 0;
    p.setPen(Qt::NoPen);
    if (look.style == Hair::Long) {
        p.setBrush(look.hair);
        p.drawRoundedRect(QRectF(-0.7, -0.95, 0.95, 1.95), 0.45, 0.45);
    } else if (look.style == Hair::Scarf) {
        p.setBrush(look.cloth.darker(120));
        p.drawRoundedRect(QRectF(-0.75, -0.98, 1.1, 2.1), 0.5, 0.5);
    }
    drawShoulders(p, look, -1);
    QPainterPath head;
    head.moveTo(-0.3, 0.95);
    head.cubicTo(-0.45, 0.6, -0.62, 0.3, -0.6, -0.2);
    head.cubicTo(-0.58, -0.72, -0.25, -0.95, 0.08, -0.92);
    head.cubicTo(0.35, -0.88, 0.45, -0.65, 0.46, -0.35);   // forehead
    head.cubicTo(0.47, -0.22, 0.48, -0.17, 0.46, -0.11);   // brow ridge
    head.cubicTo(0.44, -0.07, 0.45, -0.05, 0.47, -0.02);   // root of the nose
    head.lineTo(0.62, 0.15);                                // tip
    head.cubicTo(0.64, 0.19, 0.58, 0.22, 0.5, 0.22);
    head.cubicTo(0.47, 0.22, 0.49, 0.28, 0.5, 0.32);        // upper lip
    head.cubicTo(0.5, 0.35, 0.46, 0.36, 0.46, 0.37);
    head.cubicTo(0.49, 0.39, 0.49, 0.43, 0.46, 0.45);      // lower lip
    head.cubicTo(0.42, 0.48, 0.41, 0.5, 0.44, 0.56);       // under the lip
    head.cubicTo(0.46, 0.64, 0.4, 0.69, 0.3, 0.7);         // chin
    head.cubicTo(0.2, 0.71, 0.18, 0.75, 0.2, 0.8);          // under the jaw to the neck
    head.lineTo(0.22, 0.95);
    head.closeSubpath();
    p.setBrush(look.skin);
    p.drawPath(head);

    p.save();
    p.setClipPath(head, Qt::IntersectClip);
    QLinearGradient light(0.6, 0, -0.6, 0);
    light.setColorAt(0, litFront ? QColor(255, 245, 230, 40) : QColor(0, 0, 0, 70));
    light.setColorAt(0.5, QColor(0, 0, 0, 0));
    light.setColorAt(1, litFront ? QColor(0, 0, 0, 70) : QColor(255, 245, 230, 30));
    p.fillRect(QRectF(-0.7, -1, 1.4, 2), light);
    // The jaw's shadow on the neck, and the cheek's curve.
    softSpot(p, QPointF(0.1, 0.82), 0.3, 0.12, shade(look.skin, 0.45, 180));
    softSpot(p, QPointF(0.05, 0.45), 0.32, 0.25, shade(look.skin, 0.65, 90));
    softSpot(p, QPointF(0.25, 0.1), 0.18, 0.12, QColor(255, 250, 240, 60));
    softSpot(p, QPointF(0.25, -0.42), 0.25, 0.18, QColor(255, 250, 240, 55));
    softSpot(p, QPointF(0.5, 0.1), 0.06, 0.1, QColor(255, 250, 240, 60));
    // Eye socket under the brow ridge, the eye, the brow.
    softSpot(p, QPointF(0.33, -0.07), 0.17, 0.11, shade(look.skin, 0.4, 220), 0.3);
    const QColor white = shade(QColor(232, 226, 214), 0.8 + 0.2 * look.skin.lightnessF());
    QPainterPath eye;
    eye.moveTo(0.28, -0.08);
    eye.cubicTo(0.32, -0.12, 0.38, -0.12, 0.41, -0.1);
    eye.lineTo(0.41, -0.06);
    eye.cubicTo(0.37, -0.05, 0.32, -0.055, 0.28, -0.08);
    p.setBrush(white);
    p.drawPath(eye);
    p.setBrush(QColor(0x20, 0x14, 0x0C));
    p.drawEllipse(QPointF(0.385, -0.082), 0.022, 0.03);
    p.setPen(QPen(shade(look.hair, 0.8), 0.02, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(0.28, -0.08), QPointF(0.41, -0.105));
    p.setPen(QPen(shade(look.hair, 1.0, 235), 0.05, Qt::SolidLine, Qt::RoundCap));
    QPainterPath brow;
    brow.moveTo(0.22, -0.19);
    brow.cubicTo(0.3, -0.23, 0.38, -0.23, 0.45, -0.2);
    p.setBrush(Qt::NoBrush);
    p.drawPath(brow);
    p.setPen(Qt::NoPen);
    // Nostril, mouth corner, the crease from the nose.
    p.setBrush(shade(look.skin, 0.3, 220));
    p.drawEllipse(QPointF(0.52, 0.19), 0.035, 0.015);
    p.setPen(QPen(shade(look.skin, 0.3), 0.018, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(0.47, 0.37), QPointF(0.38, 0.38));
    p.setPen(Qt::NoPen);
    softSpot(p, QPointF(0.42, 0.3), 0.05, 0.09, shade(look.skin, 0.6, 80));
    // Ear.
    p.setBrush(shade(look.skin, litFront ? 0.8 : 1.0));
    p.drawEllipse(QPointF(-0.12, 0.03), 0.09, 0.15);
    softSpot(p, QPointF(-0.11, 0.04), 0.04, 0.08, shade(look.skin, 0.45, 160));
    p.restore();

    p.setPen(Qt::NoPen);
    switch (look.style) {
    case Hair::Short:
    case Hair::Long: {
        QPainterPath hair;
        hair.moveTo(-0.64, 0.25);
        hair.cubicTo(-0.68, -0.7, -0.3, -1.0, 0.1, -0.98);
        hair.cubicTo(0.38, -0.94, 0.5, -0.75, 0.48, -0.55);
        const double fringe = rng.uniform(-0.02, 0.04);
        hair.cubicTo(0.3, -0.62 + fringe, 0.1, -0.6, 0.0, -0.5);
        hair.cubicTo(-0.05, -0.3, -0.05, -0.1, -0.02, 0.0);     // sideburn, in front of the ear
        hair.lineTo(-0.22, -0.05);
        hair.cubicTo(-0.3, 0.1, -0.4, 0.2, -0.44, 0.35);
        hair.closeSubpath();
        p.setBrush(look.hair);
        p.drawPath(hair);
        break;
    }
    case Hair::Scarf: {
        QPainterPath scarf;
        scarf.moveTo(-0.72, 0.6);
        scarf.cubicTo(-0.75, -0.7, -0.3, -1.02, 0.1, -1.0);
        scarf.cubicTo(0.4, -0.96, 0.55, -0.75, 0.52, -0.5);
        scarf.cubicTo(0.3, -0.6, 0.12, -0.5, 0.1, -0.2);
        scarf.cubicTo(0.08, 0.2, 0.12, 0.5, 0.15, 0.75);
        scarf.lineTo(0.3, 1.0);
        scarf.lineTo(-0.5, 1.0);
        scarf.closeSubpath();
        p.setBrush(look.cloth);
        p.drawPath(scarf);
        break;
    }
    case Hair::Cap: {
        p.setBrush(look.cloth);
        QPainterPath cap;
        cap.moveTo(-0.6, -0.35);
        cap.cubicTo(-0.62, -0.98, 0.45, -1.02, 0.48, -0.45);
        cap.lineTo(0.75, -0.4);
        cap.lineTo(0.72, -0.34);
        cap.closeSubpath();
        p.drawPath(cap);
        break;
    }
    case Hair::Shaved:
        softSpot(p, QPointF(-0.2, -0.7), 0.42, 0.25, QColor(look.hair.red(), look.hair.green(), look.hair.blue(), 150), 0.5);
        break;
    }
}

// The redaction box of a head drawn in unit coordinates.
QRectF unitFaceBox(Pose pose)
{
    switch (pose) {
    case Pose::Frontal: return QRectF(QPointF(-0.5, -0.62), QPointF(0.5, 0.68));
    case Pose::Right: return QRectF(QPointF(-0.06, -0.62), QPointF(0.62, 0.7));
    case Pose::Left: return QRectF(QPointF(-0.62, -0.62), QPointF(0.06, 0.7));
    }
    return {};
}

QString poseName(Pose pose)
{
    switch (pose) {
    case Pose::Frontal: return QStringLiteral("frontal");
    case Pose::Left: return QStringLiteral("left");
    case Pose::Right: return QStringLiteral("right");
    }
    return {};
}

// Paints one head under TRANSFORM (unit coordinates to image pixels) and returns its box.
QRectF drawHead(QPainter &p, const QTransform &transform, Pose pose, const Look &look, Rng &rng)
{
    p.save();
    p.setTransform(transform, true);
    if (pose == Pose::Frontal) {
        drawFrontal(p, look, rng);
    } else {
        if (pose == Pose::Left)
            p.scale(-1, 1);
        drawProfile(p, look, rng);
    }
    p.restore();
    return (transform * p.transform()).mapRect(unitFaceBox(pose));
}

struct Placement {
    QTransform transform; // unit head to image pixels
    QRectF area;          // what the text layer should keep clear
};

QTransform headTransform(QPointF center, double width, double roll)
{
    QTransform t;
    t.translate(center.x(), center.y());
    t.rotate(roll);
    t.scale(width, width);
    return t;
}

// A portrait printed on paper or on a card: background, head and shoulders, clipped to FRAME.
QRectF drawPortrait(QPainter &p, const QTransform &card, const QRectF &frame, double width, const Look &look, Rng &rng)
{
    p.save();
    p.setTransform(card, true);
    const int hue = rng.range(180, 230);
    const int saturation = rng.range(10, 60);
    p.fillRect(frame, QColor::fromHsv(hue, saturation, rng.range(200, 245)));
    p.setClipRect(frame, Qt::IntersectClip);
    const QTransform head = headTransform(QPointF(frame.center().x(), frame.top() + frame.height() * 0.42), width, 0);
    const QRectF box = drawHead(p, head, Pose::Frontal, look, rng);
    p.restore();
    return box;
}

} // namespace

QList<FaceItem> paintFaces(QImage &image, int count, const Country &country, Rng &rng, QList<QRectF> *covered)
{
    QList<FaceItem> faces;
    if (count <= 0 || image.isNull())
        return faces;
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF frame(QPointF(0, 0), QSizeF(image.size()));
    const double unit = std::min(frame.width(), frame.height());
    QList<QRectF> taken;
    for (int i = 0; i < count; ++i) {
        const Look look = randomLook(country, rng);
        const std::size_t setting = rng.weighted({0.4, 0.25, 0.15, 0.2});
        for (int attempt = 0; attempt < 12; ++attempt) {
            FaceItem item;
            item.skinTone = look.tone;
            QRectF area;
            QTransform transform;
            Pose pose = Pose::Frontal;
            double width = 0;
            double roll = std::clamp(rng.normal() * 4.0, -9.0, 9.0);
            if (setting == 0) { // the seller, behind the stall
                item.setting = QStringLiteral("seller");
                width = unit * rng.uniform(0.07, 0.2);
                const double x = rng.uniform(0.15, 0.85) * frame.width();
                const double y = rng.uniform(0.12, 0.32) * frame.height();
                const std::size_t turn = rng.weighted({0.6, 0.2, 0.2});
                pose = Pose(turn);
                transform = headTransform(QPointF(x, y), width, roll);
                area = transform.mapRect(QRectF(-0.75, -1.05, 1.5, 1.9));
            } else if (setting == 1) { // a customer at the edge of the frame, looking in
                item.setting = QStringLiteral("customer");
                width = unit * rng.uniform(0.1, 0.22);
                const bool leftEdge = rng.chance(0.5);
                const double cut = rng.uniform(-0.2, 0.4);
                const double x = leftEdge ? width * (0.5 - cut) : frame.width() - width * (0.5 - cut);
                const double y = rng.uniform(0.2, 0.6) * frame.height();
                pose = rng.chance(0.6) ? (leftEdge ? Pose::Right : Pose::Left) : Pose::Frontal;
                transform = headTransform(QPointF(x, y), width, roll);
                area = transform.mapRect(QRectF(-0.75, -1.05, 1.5, 1.9));
            } else if (setting == 2) { // a poster on the wall
                item.setting = QStringLiteral("poster");
                width = unit * rng.uniform(0.06, 0.14);
                const QSizeF size(width * 2.6, width * 3.2);
                const double x = rng.uniform(0.05 * frame.width(), std::max(0.05 * frame.width(), 0.95 * frame.width() - size.width()));
                const double y = rng.uniform(0.04 * frame.height(), std::max(0.04 * frame.height(), 0.6 * frame.height()));
                QTransform card;
                card.translate(x, y);
                card.rotate(roll * 0.5);
                area = card.mapRect(QRectF(QPointF(0, 0), size).adjusted(-width * 0.1, -width * 0.1, width * 0.1, width * 0.1));
                if (std::any_of(taken.begin(), taken.end(), [&](const QRectF &t) { return t.intersects(area); }))
                    continue;
                p.save();
                p.setTransform(card);
                p.setPen(Qt::NoPen);
                p.setBrush(QColor(0, 0, 0, 50));
                p.drawRect(QRectF(QPointF(width * 0.05, width * 0.07), size));
                p.setBrush(QColor(245, 243, 236));
                p.drawRect(QRectF(QPointF(0, 0), size));
                p.restore();
                const QRectF inner(width * 0.1, width * 0.1, size.width() - width * 0.2, size.height() - width * 0.2);
                const QRectF box = drawPortrait(p, card, inner, width, look, rng);
                item.box = box.toAlignedRect().intersected(image.rect());
                item.pose = poseName(Pose::Frontal);
                item.visible = 1;
                taken << area;
                faces << item;
                break;
            } else { // an ID card on the table
                item.setting = QStringLiteral("id_card");
                width = unit * rng.uniform(0.035, 0.06);
                const QSizeF size(width * 5.2, width * 5.2 * 0.63);
                const double x = rng.uniform(0.08 * frame.width(), std::max(0.08 * frame.width(), 0.92 * frame.width() - size.width()));
                const double y = rng.uniform(0.3 * frame.height(), std::max(0.3 * frame.height(), 0.92 * frame.height() - size.height()));
                QTransform card;
                card.translate(x, y);
                card.rotate(roll);
                area = card.mapRect(QRectF(QPointF(0, 0), size).adjusted(-width * 0.2, -width * 0.2, width * 0.2, width * 0.2));
                if (std::any_of(taken.begin(), taken.end(), [&](const QRectF &t) { return t.intersects(area); }))
                    continue;
                p.save();
                p.setTransform(card);
                p.setPen(Qt::NoPen);
                p.setBrush(QColor(0, 0, 0, 60));
                p.drawRoundedRect(QRectF(QPointF(width * 0.06, width * 0.08), size), width * 0.2, width * 0.2);
                const int hue = rng.range(0, 359);
                p.setBrush(QColor::fromHsv(hue, rng.range(20, 70), 235));
                p.drawRoundedRect(QRectF(QPointF(0, 0), size), width * 0.2, width * 0.2);
                p.setBrush(QColor::fromHsv(hue, 150, 150));
                p.drawRect(QRectF(0, size.height() * 0.06, size.width(), size.height() * 0.13));
                // Lines of print as grey bars: text is the text layer's, which records it.
                p.setBrush(QColor(90, 90, 100));
                for (int row = 0; row < 5; ++row) {
                    const double length = rng.uniform(0.3, 0.55);
                    p.drawRect(QRectF(width * 2.0, size.height() * (0.3 + row * 0.12), size.width() * length, size.height() * 0.045));
                }
                p.restore();
                const QRectF photo(width * 0.25, size.height() * 0.25, width * 1.45, size.height() * 0.68);
                const QRectF box = drawPortrait(p, card, photo, width, look, rng);
                item.box = box.toAlignedRect().intersected(image.rect());
                item.pose = poseName(Pose::Frontal);
                item.visible = 1;
                taken << area;
                faces << item;
                break;
            }
            if (std::any_of(taken.begin(), taken.end(), [&](const QRectF &t) { return t.intersects(area); }))
                continue;
            const QRectF box = drawHead(p, transform, pose, look, rng);
            const QRect clipped = box.toAlignedRect().intersected(image.rect());
            item.box = clipped;
            item.pose = poseName(pose);
            item.visible = box.isEmpty() ? 0 : (double(clipped.width()) * clipped.height()) / (box.width() * box.height());
            item.visible = std::min(1.0, std::round(item.visible * 100) / 100);
            taken << area;
            faces << item;
            break;
        }
    }
    if (covered)
        *covered = taken;
    return faces;
}

} // namespace sieve::demo
