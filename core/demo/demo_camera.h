#pragma once

#include "demo/demo_random.h"

#include <QImage>

// What the phone camera adds to a clean rendering: exposure, white-balance error, contrast,
// vignetting, sensor noise and defocus. Any thread.

namespace sieve::demo {

struct Exposure {
    double gain = 1;             // global brightness
    double cast[3] = {1, 1, 1};  // white-balance error per channel (R, G, B)
    double contrast = 1;
    double vignette = 0;         // darkening at the corners, 0 … 0.6
    double noise = 2;            // sensor noise, standard deviation in 8-bit levels
};

enum class Lighting { Normal, Dark, Overexposed, Clean };

// `Clean` is an edited or screenshot image: little noise, no vignette.
Exposure randomExposure(Lighting lighting, Rng &rng);

// Applies `exposure` in place, with noise drawn from `seed`. Precondition: Format_RGB32.
void applyExposure(QImage &image, const Exposure &exposure, quint64 seed);

// A strongly out-of-focus version of `image`.
QImage defocus(const QImage &image, Rng &rng);

} // namespace sieve::demo
