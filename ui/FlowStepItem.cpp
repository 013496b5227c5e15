#include "FlowStepItem.h"

#include "DisplayFormat.h"
#include "TextSanitizer.h"
#include "UiColors.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

// The parameters a reader of the authorization request looks for first.
bool isPkceParameter(const QString &name)
{
    return name.startsWith(QLatin1String("code_challenge"))
        || name.startsWith(QLatin1String("code_verifier"));
}

} // namespace

FlowStepItem::FlowStepItem(const FlowStep &step, QWidget *parent)
    : QFrame(parent)
    , m_step(step)
    , m_heading(new QHBoxLayout)
    , m_buttons(new QHBoxLayout)
{
    setObjectName(QStringLiteral("flowStepItem"));
    setProperty("stepKind", static_cast<int>(step.kind));
    setProperty("stepOk", step.ok);

    auto *mark = new QLabel(step.ok ? QStringLiteral("✓") : QStringLiteral("✗"), this);
    mark->setObjectName(QStringLiteral("flowStepMark"));
    mark->setAccessibleName(step.ok ? tr("Done") : tr("Failed"));
    mark->setToolTip(mark->accessibleName());
    mark->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    mark->setFixedWidth(mark->fontMetrics().horizontalAdvance(QStringLiteral("✓✓")));
    mark->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;")
                            .arg(QLatin1String(step.ok ? UiColors::Ok : UiColors::Error)));

    // Title and reference in one label, so a narrow pane wraps them instead of cutting them off.
    QString heading
        = QStringLiteral("<b%1>%2</b>")
              .arg(step.ok ? QString()
                           : QStringLiteral(" style=\"color: %1;\"").arg(QLatin1String(UiColors::Error)),
                   TextSanitizer::sanitize(step.title, false, 200).toHtmlEscaped());
    if (!step.reference.isEmpty())
        heading += QStringLiteral(" &nbsp;<span style=\"color: %1;\">%2</span>")
                       .arg(QLatin1String(UiColors::Note), step.reference.toHtmlEscaped());
    auto *title = new QLabel(heading, this);
    title->setObjectName(QStringLiteral("flowStepTitle"));
    title->setTextFormat(Qt::RichText);
    title->setWordWrap(true);

    // A long URL in the text must not widen the pane: it may be cut; the tooltip has it whole.
    const QString detailText = DisplayFormat::sentence(TextSanitizer::sanitize(step.detail, false, 2000));
    auto *detail = new QLabel(detailText, this);
    detail->setObjectName(QStringLiteral("flowStepDetail"));
    detail->setTextFormat(Qt::PlainText);
    detail->setWordWrap(true);
    detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detail->setMinimumWidth(1);
    detail->setToolTip(detailText);
    detail->setVisible(!step.detail.isEmpty());

    auto *body = new QVBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(2);
    m_heading->setContentsMargins(0, 0, 0, 0);
    m_heading->addWidget(title, 1);
    body->addLayout(m_heading);
    body->addWidget(detail);
    if (!step.parameters.isEmpty())
        body->addWidget(parametersTable(step.parameters));
    m_buttons->setContentsMargins(0, 2, 0, 0);
    m_buttons->addStretch(1);
    body->addLayout(m_buttons);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(mark, 0, Qt::AlignTop);
    layout->addLayout(body, 1);
}

void FlowStepItem::addButton(QWidget *button)
{
    button->setParent(this);
    m_buttons->insertWidget(m_buttons->count() - 1, button);
}

void FlowStepItem::addHeaderButton(QWidget *button)
{
    button->setParent(this);
    m_heading->addWidget(button, 0, Qt::AlignTop);
}

QWidget *FlowStepItem::parametersTable(const QList<QPair<QString, QString>> &parameters)
{
    auto *table = new QTableWidget(static_cast<int>(parameters.size()), 2, this);
    table->setObjectName(QStringLiteral("flowStepParameters"));
    table->setHorizontalHeaderLabels({ tr("Parameter"), tr("Value") });
    table->horizontalHeader()->hide(); // name and value speak for themselves
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->setFont(DisplayFormat::monospaceFont());
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setFocusPolicy(Qt::NoFocus);
    table->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    const int rowHeight = table->fontMetrics().height() + 4;
    table->verticalHeader()->setDefaultSectionSize(rowHeight);
    for (int row = 0; row < parameters.size(); ++row) {
        const QString name = TextSanitizer::sanitize(parameters.at(row).first, false, 200);
        const QString value = TextSanitizer::sanitize(parameters.at(row).second, false, 4000);
        auto *nameItem = new QTableWidgetItem(name);
        auto *valueItem = new QTableWidgetItem(value);
        valueItem->setToolTip(value);
        if (isPkceParameter(name)) {
            QFont font = table->font();
            font.setBold(true);
            nameItem->setFont(font);
            nameItem->setToolTip(name.startsWith(QLatin1String("code_verifier"))
                                     ? tr("Never in the URL: the client sends it with the code to the token "
                                          "endpoint, which checks it against code_challenge (RFC 7636 §4.5).")
                                     : tr("PKCE: binds the code to this client's verifier (RFC 7636 §4.3)."));
        }
        table->setItem(row, 0, nameItem);
        table->setItem(row, 1, valueItem);
    }
    table->setFixedHeight(rowHeight * table->rowCount() + 2 * table->frameWidth());
    return table;
}
