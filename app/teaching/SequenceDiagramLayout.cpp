#include "SequenceDiagramLayout.h"

#include <QCoreApplication>
#include <QLineF>

#include <algorithm>
#include <cmath>

namespace {
constexpr double Margin = 16;
constexpr double Gutter = 30; // left of the first box: the step numbers
constexpr double BoxHeight = 34;
constexpr double BoxMinWidth = 128;
constexpr double BoxPadding = 14;
constexpr double MinColumnGap = 180;
constexpr double LabelPadding = 20; // space left free around a label between two lifelines
constexpr double FirstRowGap = 22;
constexpr double LabelHeight = 16;
constexpr double LabelToLine = 4;
constexpr double NoteHeight = 15;
constexpr double RowGap = 14;
constexpr double SelfLoopWidth = 34;
constexpr double SelfLoopHeight = 18;
constexpr double HeadLength = 9;
constexpr double HeadHalfWidth = 4.5;
constexpr double HitSlack = 6;
constexpr double LegendGap = 20;
constexpr double LegendLineLength = 30;

// Per-glyph widths in em of a wide sans-serif (DejaVu Sans, the Debian default), so estimates err on the
// generous side for narrower fonts.
double glyphWidth(QChar c)
{
    static const QString narrow = QStringLiteral("ijlIt.,:;'!|()[]{}/\\ f");
    if (narrow.contains(c))
        return c == QLatin1Char(' ') ? 0.32 : 0.36;
    if (c == QLatin1Char('m') || c == QLatin1Char('w') || c == QLatin1Char('M') || c == QLatin1Char('W'))
        return 0.92;
    if (c.isUpper())
        return 0.72;
    if (c.isDigit())
        return 0.64;
    if (c.isLower())
        return 0.61;
    if (c.unicode() >= 0x2000) // arrows, ellipsis, crosses
        return 0.9;
    return 0.7;
}

QList<QPointF> arrowHead(const QPointF &tip, const QPointF &from)
{
    const QLineF axis(tip, from);
    const double length = axis.length();
    if (length <= 0)
        return { tip, tip, tip };
    const QPointF unit = (from - tip) / length; // from the tip backwards
    const QPointF normal(-unit.y(), unit.x());
    const QPointF base = tip + unit * HeadLength;
    return { tip, base + normal * HeadHalfWidth, base - normal * HeadHalfWidth };
}

// The estimated extent of the text, a little padded, where it is drawn in `rect`.
QRectF textBackground(const QRectF &rect, const QString &text, double pixelSize, bool leftAligned)
{
    if (text.isEmpty() || rect.isEmpty())
        return {};
    const double width = std::min(rect.width(), SequenceDiagramLayout::textWidth(text, pixelSize) + 6);
    const double left = leftAligned ? rect.left() - 2 : rect.center().x() - width / 2;
    return QRectF(left, rect.top() + 1, width, rect.height() - 2);
}

int column(SequenceParticipant participant, const QList<SequenceParticipant> &order)
{
    return std::max(0, static_cast<int>(order.indexOf(participant)));
}

SequenceDiagramLayout::Tone toneOf(const SequenceDiagramArrow &arrow)
{
    if (!arrow.ok)
        return SequenceDiagramLayout::Tone::Failed;
    if (arrow.kind == SequenceDiagramArrow::Kind::FrontChannel)
        return SequenceDiagramLayout::Tone::FrontChannel;
    return SequenceDiagramLayout::Tone::Normal;
}
} // namespace

double SequenceDiagramLayout::textWidth(const QString &text, double pixelSize)
{
    double em = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            em += glyphWidth(c);
    }
    return std::ceil(em * pixelSize);
}

QList<double> SequenceDiagramLayout::dashPattern(SequenceDiagramArrow::Kind kind)
{
    switch (kind) {
    case SequenceDiagramArrow::Kind::Request:
        return {};
    case SequenceDiagramArrow::Kind::Response:
        return { 5, 3.5 };
    case SequenceDiagramArrow::Kind::FrontChannel:
        return { 1.5, 2.5 };
    }
    return {};
}

SequenceDiagramLayout::SequenceDiagramLayout(const QList<SequenceDiagramArrow> &arrows)
{
    const QList<SequenceParticipant> order = SequenceParticipants::all();
    const int columns = static_cast<int>(order.size());

    QList<double> boxWidths;
    for (const SequenceParticipant participant : order) {
        const QString name = SequenceParticipants::displayName(participant);
        boxWidths.append(std::max(BoxMinWidth, textWidth(name) + 2 * BoxPadding));
    }
    QList<double> gaps(std::max(0, columns - 1), MinColumnGap);
    for (int i = 0; i + 1 < columns; ++i)
        gaps[i] = std::max(gaps[i], (boxWidths[i] + boxWidths[i + 1]) / 2 + 24);
    double rightExtra = 0; // room a self-message on the last lifeline needs beyond its box

    auto labelSpace = [](const SequenceDiagramArrow &arrow) {
        return std::max(textWidth(arrow.label), textWidth(arrow.note, NoteFontPixelSize)) + LabelPadding;
    };
    // Widen the gaps an arrow spans until its label fits, shortest spans first so that a long arrow only
    // adds what its shorter neighbours have not already made room for.
    QList<int> bySpan;
    for (int i = 0; i < arrows.size(); ++i)
        bySpan.append(i);
    std::stable_sort(bySpan.begin(), bySpan.end(), [&](int a, int b) {
        const auto span
            = [&](int i) { return std::abs(column(arrows[i].from, order) - column(arrows[i].to, order)); };
        return span(a) < span(b);
    });
    for (const int i : bySpan) {
        const SequenceDiagramArrow &arrow = arrows[i];
        const int from = column(arrow.from, order);
        const int to = column(arrow.to, order);
        const double needed = labelSpace(arrow);
        if (from == to) {
            const double selfNeeded = SelfLoopWidth + 6 + needed;
            if (from + 1 < columns)
                gaps[from] = std::max(gaps[from], selfNeeded);
            else
                rightExtra = std::max(rightExtra, selfNeeded);
            continue;
        }
        const int lo = std::min(from, to);
        const int hi = std::max(from, to);
        double have = 0;
        for (int g = lo; g < hi; ++g)
            have += gaps[g];
        if (have < needed) {
            const double extra = (needed - have) / (hi - lo);
            for (int g = lo; g < hi; ++g)
                gaps[g] += extra;
        }
    }

    // Lifelines and their top boxes.
    double x = Margin + Gutter + boxWidths.value(0) / 2;
    for (int i = 0; i < columns; ++i) {
        if (i > 0)
            x += gaps[i - 1];
        Lifeline lifeline;
        lifeline.participant = order[i];
        lifeline.name = SequenceParticipants::displayName(order[i]);
        lifeline.x = std::round(x);
        lifeline.topBox = QRectF(lifeline.x - boxWidths[i] / 2, Margin, boxWidths[i], BoxHeight);
        m_lifelines.append(lifeline);
    }
    m_lifelineTop = Margin + BoxHeight;

    // One row per arrow: label, line (or loop), optional note.
    double y = m_lifelineTop + FirstRowGap;
    for (int i = 0; i < arrows.size(); ++i) {
        const SequenceDiagramArrow &source = arrows[i];
        const double fromX = m_lifelines[column(source.from, order)].x;
        const double toX = m_lifelines[column(source.to, order)].x;
        Arrow arrow;
        arrow.index = i;
        arrow.exchangeId = source.exchangeId;
        arrow.kind = source.kind;
        arrow.tone = toneOf(source);
        arrow.label = source.label;
        arrow.note = source.note;
        arrow.number = QString::number(i + 1);

        const double lineY = y + LabelHeight + LabelToLine;
        double bottom = lineY;
        if (fromX == toX) {
            const double right = fromX + SelfLoopWidth;
            const QPointF end(fromX, lineY + SelfLoopHeight);
            arrow.line = { QPointF(fromX, lineY), QPointF(right, lineY), QPointF(right, end.y()), end };
            arrow.head = arrowHead(end, QPointF(right, end.y()));
            const double labelWidth
                = std::max(textWidth(source.label), textWidth(source.note, NoteFontPixelSize));
            arrow.labelRect
                = QRectF(right + 6, lineY + SelfLoopHeight / 2 - LabelHeight, labelWidth + 4, LabelHeight);
            arrow.noteRect = QRectF(arrow.labelRect.left(), arrow.labelRect.bottom(), arrow.labelRect.width(),
                                    NoteHeight);
            bottom = end.y();
            arrow.hitRect = QRectF(QPointF(fromX - HitSlack, lineY - HitSlack),
                                   QPointF(arrow.labelRect.right(), bottom + HitSlack));
        } else {
            const QPointF start(fromX, lineY);
            const QPointF tip(toX, lineY);
            arrow.line = { start, tip + (start - tip) / std::abs(fromX - toX) * (HeadLength - 1) };
            arrow.head = arrowHead(tip, start);
            const double left = std::min(fromX, toX);
            const double width = std::abs(toX - fromX);
            arrow.labelRect = QRectF(left, y, width, LabelHeight);
            arrow.noteRect = QRectF(left, lineY + 3, width, NoteHeight);
            if (!source.note.isEmpty())
                bottom = arrow.noteRect.bottom();
            arrow.hitRect = QRectF(QPointF(left, y), QPointF(left + width, bottom + HitSlack));
        }
        if (!source.note.isEmpty())
            bottom = std::max(bottom, arrow.noteRect.bottom());
        else
            arrow.noteRect = QRectF();
        arrow.labelBackground = textBackground(arrow.labelRect, source.label, FontPixelSize, fromX == toX);
        arrow.noteBackground = textBackground(arrow.noteRect, source.note, NoteFontPixelSize, fromX == toX);
        arrow.numberCentre = QPointF(Margin + NumberRadius, lineY);
        arrow.hitRect = arrow.hitRect.united(QRectF(
            arrow.numberCentre.x() - NumberRadius, lineY - NumberRadius, 2 * NumberRadius, 2 * NumberRadius));
        m_arrows.append(arrow);
        y = bottom + RowGap;
    }
    if (arrows.isEmpty())
        y += 2 * RowGap;

    m_lifelineBottom = y + 6;
    for (Lifeline &lifeline : m_lifelines)
        lifeline.bottomBox = lifeline.topBox.translated(0, m_lifelineBottom - lifeline.topBox.top());

    double width = m_lifelines.isEmpty() ? 2 * Margin : m_lifelines.last().topBox.right() + Margin;
    if (!m_lifelines.isEmpty())
        width = std::max(width, m_lifelines.last().x + rightExtra + Margin);

    // The legend says what the line styles and colours mean, so the picture reads on its own.
    const struct
    {
        SequenceDiagramArrow::Kind kind;
        Tone tone;
        const char *text;
    } legendEntries[] = {
        { SequenceDiagramArrow::Kind::Request, Tone::Normal,
          QT_TRANSLATE_NOOP("SequenceDiagram", "request") },
        { SequenceDiagramArrow::Kind::Response, Tone::Normal,
          QT_TRANSLATE_NOOP("SequenceDiagram", "response") },
        { SequenceDiagramArrow::Kind::FrontChannel, Tone::FrontChannel,
          QT_TRANSLATE_NOOP("SequenceDiagram", "browser redirect (front channel)") },
        { SequenceDiagramArrow::Kind::Request, Tone::Failed, QT_TRANSLATE_NOOP("SequenceDiagram", "failed") },
    };
    const double legendY = m_lifelineBottom + BoxHeight + LegendGap;
    double legendX = Margin;
    for (const auto &entry : legendEntries) {
        LegendItem item;
        item.kind = entry.kind;
        item.tone = entry.tone;
        item.lineStart = QPointF(legendX, legendY);
        item.lineEnd = QPointF(legendX + LegendLineLength, legendY);
        item.text = QCoreApplication::translate("SequenceDiagram", entry.text);
        item.textRect
            = QRectF(item.lineEnd.x() + 6, legendY - LabelHeight / 2, textWidth(item.text) + 2, LabelHeight);
        m_legend.append(item);
        legendX = item.textRect.right() + 18;
    }
    width = std::max(width, legendX - 18 + Margin);
    m_size = QSizeF(std::ceil(width), std::ceil(legendY + LabelHeight / 2 + Margin));
}

int SequenceDiagramLayout::arrowAt(const QPointF &point) const
{
    int best = -1;
    double bestDistance = 0;
    for (const Arrow &arrow : m_arrows) {
        if (!arrow.hitRect.contains(point) || arrow.line.isEmpty())
            continue;
        const double distance = std::abs(point.y() - arrow.line.first().y());
        if (best < 0 || distance < bestDistance) {
            best = arrow.index;
            bestDistance = distance;
        }
    }
    return best;
}
