#include "SequenceDiagram.h"

#include "SequenceDiagramRoles.h"
#include "TextSanitizer.h"

SequenceDiagram::SequenceDiagram(QObject *parent)
    : QObject(parent)
{
}

int SequenceDiagram::indexOfExchange(int exchangeId) const
{
    if (exchangeId < 0)
        return -1;
    for (int i = 0; i < count(); ++i) {
        if (m_arrows.at(i).exchangeId == exchangeId)
            return i;
    }
    return -1;
}

int SequenceDiagram::append(const SequenceDiagramArrow &arrow)
{
    SequenceDiagramArrow clean = arrow;
    // One line each: simplified() first, because the sanitizer does not count a newline it turns into a
    // space against the length limit.
    clean.label = TextSanitizer::sanitize(arrow.label.simplified(), false, MaxLabelLength);
    clean.note = TextSanitizer::sanitize(arrow.note.simplified(), false, MaxNoteLength);
    if (clean.exchangeId < -1)
        clean.exchangeId = -1;
    m_arrows.append(clean);
    const int index = count() - 1;
    Q_EMIT arrowAppended(index);
    return index;
}

void SequenceDiagram::appendExchange(const HttpExchange &exchange, const SequenceDiagramRoles &roles)
{
    const QList<SequenceDiagramArrow> arrows = roles.arrowsFor(exchange);
    for (const SequenceDiagramArrow &arrow : arrows)
        append(arrow);
}

void SequenceDiagram::clear()
{
    if (m_arrows.isEmpty())
        return;
    m_arrows.clear();
    Q_EMIT cleared();
}
