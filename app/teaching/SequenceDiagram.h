#pragma once

#include "SequenceDiagramArrow.h"

#include <QList>
#include <QObject>

struct HttpExchange;
class SequenceDiagramRoles;

// The arrows of one flow run, in order, for a view to redraw as they arrive. Labels and notes are sanitized
// and shortened on the way in, so callers may pass server text as it came.
class SequenceDiagram final : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxLabelLength = 72;
    static constexpr int MaxNoteLength = 96;

    explicit SequenceDiagram(QObject *parent = nullptr);

    const QList<SequenceDiagramArrow> &arrows() const { return m_arrows; }
    int count() const { return static_cast<int>(m_arrows.size()); }
    bool isEmpty() const { return m_arrows.isEmpty(); }
    // The first arrow showing this wire-log exchange, or -1.
    int indexOfExchange(int exchangeId) const;

    // Returns the new arrow's index.
    int append(const SequenceDiagramArrow &arrow);
    // The request arrow and its response (or its transport failure), labelled from the redacted exchange.
    void appendExchange(const HttpExchange &exchange, const SequenceDiagramRoles &roles);
    void clear();

Q_SIGNALS:
    void arrowAppended(int index);
    void cleared();

private:
    QList<SequenceDiagramArrow> m_arrows;
};
