#pragma once

#include "FlowStep.h"

#include <QFrame>

class QHBoxLayout;
class QLabel;

// One step of an interactive flow as it happened: a status mark (✓ or ✗), the title, the RFC it follows, a
// line of detail, the parameters involved and room for buttons (copy, open again, show in the wire log).
class FlowStepItem final : public QFrame
{
    Q_OBJECT
public:
    explicit FlowStepItem(const FlowStep &step, QWidget *parent = nullptr);

    const FlowStep &step() const { return m_step; }
    void addButton(QWidget *button); // in the row under the detail
    void addHeaderButton(QWidget *button); // beside the title

private:
    QWidget *parametersTable(const QList<QPair<QString, QString>> &parameters);

    FlowStep m_step;
    QHBoxLayout *m_heading;
    QHBoxLayout *m_buttons;
};
