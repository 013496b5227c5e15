#pragma once

#include "SequenceDiagramArrow.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

// Where everything of a sequence diagram goes, computed once and drawn by both the SVG writer and the
// widget, so the file and the screen match. Text widths are estimated from a fixed average glyph width
// (the engine has no fonts); labels are sized generously so any sans-serif font fits.
class SequenceDiagramLayout final
{
public:
    // How a shape is coloured; the SVG writer and the widget each map these to their own colours.
    enum class Tone { Normal, Failed, FrontChannel };

    struct Lifeline
    {
        SequenceParticipant participant = SequenceParticipant::Client;
        QString name;
        double x = 0;
        QRectF topBox;
        QRectF bottomBox;
    };

    struct Arrow
    {
        int index = 0;
        int exchangeId = -1;
        SequenceDiagramArrow::Kind kind = SequenceDiagramArrow::Kind::Request;
        Tone tone = Tone::Normal;
        QList<QPointF> line; // a polyline: 2 points, or 4 for a self-message
        QList<QPointF> head; // the filled arrowhead triangle
        QString label;
        QRectF labelRect; // text centred in it (left-aligned for a self-message)
        QRectF labelBackground; // behind the text, in the background colour, so lifelines do not cross it
        QString note; // may be empty
        QRectF noteRect;
        QRectF noteBackground;
        QString number; // "1", "2", ...
        QPointF numberCentre;
        QRectF hitRect; // where a click or hover selects the arrow
    };

    struct LegendItem
    {
        SequenceDiagramArrow::Kind kind = SequenceDiagramArrow::Kind::Request;
        Tone tone = Tone::Normal;
        QPointF lineStart;
        QPointF lineEnd;
        QString text;
        QRectF textRect; // text left-aligned in it
    };

    static constexpr double FontPixelSize = 12;
    static constexpr double NoteFontPixelSize = 10.5;
    static constexpr double NumberRadius = 9;
    static constexpr double LineWidth = 1.4;
    static constexpr double BoxRadius = 5;

    explicit SequenceDiagramLayout(const QList<SequenceDiagramArrow> &arrows);

    QSizeF size() const { return m_size; }
    const QList<Lifeline> &lifelines() const { return m_lifelines; }
    const QList<Arrow> &arrows() const { return m_arrows; }
    const QList<LegendItem> &legend() const { return m_legend; }
    double lifelineTop() const { return m_lifelineTop; }
    double lifelineBottom() const { return m_lifelineBottom; }
    // The arrow whose hit area contains the point (the nearest one where they overlap), or -1.
    int arrowAt(const QPointF &point) const;
    // The dash pattern of an arrow kind in line widths (empty = solid), as SVG and QPen both take it.
    static QList<double> dashPattern(SequenceDiagramArrow::Kind kind);
    // The estimated width of text in the label font.
    static double textWidth(const QString &text, double pixelSize = FontPixelSize);

private:
    QSizeF m_size;
    QList<Lifeline> m_lifelines;
    QList<Arrow> m_arrows;
    QList<LegendItem> m_legend;
    double m_lifelineTop = 0;
    double m_lifelineBottom = 0;
};
