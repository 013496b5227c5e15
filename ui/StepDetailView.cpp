#include "StepDetailView.h"

#include "DisplayFormat.h"
#include "StepExchangeText.h"
#include "UiColors.h"

#include <QColor>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {
QPlainTextEdit *messageView(const QString &objectName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(DisplayFormat::monospaceFont());
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return view;
}

QWidget *titled(QLabel *label, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}
} // namespace

StepDetailView::StepDetailView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_reference(new QLabel(this))
    , m_state(new QLabel(this))
    , m_explanation(new QTextBrowser(this))
    , m_request(messageView(QStringLiteral("stepRequest"), this))
    , m_response(messageView(QStringLiteral("stepResponse"), this))
    , m_checks(new QListWidget(this))
    , m_requestLabel(new QLabel(tr("Request"), this))
{
    m_title->setObjectName(QStringLiteral("stepTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_reference->setObjectName(QStringLiteral("stepReference"));
    m_reference->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setObjectName(QStringLiteral("stepState"));
    m_state->setTextFormat(Qt::PlainText);
    m_explanation->setObjectName(QStringLiteral("stepExplanation"));
    m_explanation->setOpenExternalLinks(true);
    QFont reading = m_explanation->font();
    reading.setPointSizeF(reading.pointSizeF() * 1.15); // read from the back of a classroom
    m_explanation->setFont(reading);
    m_checks->setObjectName(QStringLiteral("stepChecks"));
    m_checks->setWordWrap(true);
    m_checks->setSelectionMode(QAbstractItemView::NoSelection);
    m_checks->setFocusPolicy(Qt::NoFocus);

    auto *subtitle = new QHBoxLayout;
    subtitle->addWidget(m_reference, 1);
    subtitle->addWidget(m_state);

    // Left what it means, right what went over the wire.
    auto *meaning = new QSplitter(Qt::Vertical, this);
    meaning->addWidget(m_explanation);
    meaning->addWidget(titled(new QLabel(tr("What the client checked"), meaning), m_checks, meaning));
    meaning->setStretchFactor(0, 3);
    meaning->setStretchFactor(1, 2);
    meaning->setChildrenCollapsible(false);

    auto *messages = new QSplitter(Qt::Vertical, this);
    messages->addWidget(titled(m_requestLabel, m_request, messages));
    messages->addWidget(titled(new QLabel(tr("Response"), messages), m_response, messages));
    messages->setChildrenCollapsible(false);

    auto *body = new QSplitter(Qt::Horizontal, this);
    body->setObjectName(QStringLiteral("stepSplitter"));
    body->addWidget(meaning);
    body->addWidget(messages);
    body->setStretchFactor(0, 1);
    body->setStretchFactor(1, 1);
    body->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(subtitle);
    layout->addWidget(body, 1);
}

void StepDetailView::showIntroduction(const QString &markdown)
{
    m_title->setText(tr("Step through a flow"));
    m_reference->clear();
    m_state->clear();
    m_explanation->setMarkdown(markdown);
    m_request->clear();
    m_response->clear();
    m_checks->clear();
}

void StepDetailView::showStep(int number, const TeachingStep &step, const TeachingExplanation &explanation,
                              bool revealSecrets)
{
    m_title->setText(tr("%1. %2").arg(number).arg(step.title));
    m_reference->setText(step.reference);
    QString state;
    QString color;
    switch (step.state) {
    case TeachingStep::State::Ready:
        state = step.frontChannel ? tr("ready: Next opens the browser") : tr("ready: Next sends it");
        color = QLatin1String(UiColors::Note);
        break;
    case TeachingStep::State::Sending:
        state = step.frontChannel ? tr("waiting for the browser…") : tr("sent, waiting…");
        color = QLatin1String(UiColors::Note);
        break;
    case TeachingStep::State::Done:
        state = tr("✓ done");
        color = QLatin1String(UiColors::Ok);
        break;
    case TeachingStep::State::Failed:
        state = tr("✗ failed");
        color = QLatin1String(UiColors::Error);
        break;
    }
    // A style sheet, not HTML: UiColors::Note is a palette() reference that only style sheets understand.
    m_state->setText(state);
    m_state->setStyleSheet(QStringLiteral("font-weight: bold; color: %1;").arg(color));
    m_explanation->setMarkdown(explanation.body);
    m_requestLabel->setText(step.state == TeachingStep::State::Ready ? tr("Request about to be sent")
                                                                     : tr("Request"));
    m_request->setPlainText(StepExchangeText::request(step, revealSecrets));
    m_response->setPlainText(StepExchangeText::response(step, revealSecrets));

    m_checks->clear();
    if (step.checks.isEmpty() && !step.isFinal())
        m_checks->addItem(tr("The checks appear once the answer is in."));
    for (const TeachingCheck &check : step.checks) {
        QString mark;
        QString checkColor;
        switch (check.outcome) {
        case TeachingCheck::Outcome::Passed:
            mark = QStringLiteral("✓");
            checkColor = QLatin1String(UiColors::Ok);
            break;
        case TeachingCheck::Outcome::Warning:
            mark = QStringLiteral("⚠");
            checkColor = QLatin1String(UiColors::Warning);
            break;
        case TeachingCheck::Outcome::Failed:
            mark = QStringLiteral("✗");
            checkColor = QLatin1String(UiColors::Error);
            break;
        }
        auto *item = new QListWidgetItem(
            check.reference.isEmpty() ? QStringLiteral("%1  %2").arg(mark, check.text)
                                      : QStringLiteral("%1  %2  (%3)").arg(mark, check.text, check.reference),
            m_checks);
        item->setForeground(QColor(checkColor));
        item->setData(Qt::UserRole, int(check.outcome));
    }
}
