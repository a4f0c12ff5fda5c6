#pragma once

#include "store/models.h"

#include <QList>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <cstdint>

class QComboBox;
class QLabel;
class QSpinBox;

namespace sieve::ui {

// The top of the filter panel's prediction section: which model's predictions the gallery
// shows and filters by (the active model), and the range of its top probability, in whole
// percent, both ends included. Hidden while the project has no model. GUI thread only.
class PredictionFilterBox : public QWidget {
    Q_OBJECT

public:
    explicit PredictionFilterBox(QWidget *parent = nullptr);

    // The project's models, newest first; CLASSIFIED: those with predictions.
    void setModels(const QList<store::ModelRecord> &models, const QSet<std::int64_t> &classified);
    // Shows MODELID and the range MINIMUM…MAXIMUM (0…1) without emitting anything.
    void showChoice(std::int64_t modelId, double minimum, double maximum);

    QComboBox *modelBox() const { return m_model; }
    QSpinBox *minimumBox() const { return m_minimum; }
    QSpinBox *maximumBox() const { return m_maximum; }

signals:
    void modelChosen(std::int64_t modelId);
    // Emitted a moment after the user stops changing the range (0…1).
    void confidenceChanged(double minimum, double maximum);

private:
    QComboBox *m_model;
    QSpinBox *m_minimum;
    QSpinBox *m_maximum;
    QLabel *m_rangeLabel;
    QTimer m_delay;
    std::int64_t m_shown = 0;
    bool m_updating = false;
};

} // namespace sieve::ui
