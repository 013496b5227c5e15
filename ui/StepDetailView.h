#pragma once

#include "TeachingExplanations.h"
#include "TeachingStep.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTextBrowser;

// One step of a step-through run, for a class: title and RFC section, the explanation, the request about to
// be sent (or sent), the response, and the client's checks as ✓ / ⚠ / ✗ lines.
class StepDetailView final : public QWidget
{
    Q_OBJECT
public:
    explicit StepDetailView(QWidget *parent = nullptr);

    void showStep(int number, const TeachingStep &step, const TeachingExplanation &explanation,
                  bool revealSecrets);
    void showIntroduction(const QString &markdown);

private:
    QLabel *m_title;
    QLabel *m_reference;
    QLabel *m_state;
    QTextBrowser *m_explanation;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    QListWidget *m_checks;
    QLabel *m_requestLabel;
};
