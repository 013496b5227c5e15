#include "SequenceDiagramSvg.h"

#include "SequenceDiagramLayout.h"
#include "TextSanitizer.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include <cmath>

namespace SequenceDiagramSvg {

namespace {
// Light colours for a document read on paper or a white page; the widget follows the palette instead.
constexpr char Background[] = "#ffffff";
constexpr char Text[] = "#1f1f1f";
constexpr char Muted[] = "#5f6368";
constexpr char Lifeline[] = "#9aa0a6";
constexpr char BoxFill[] = "#eef3fb";
constexpr char BoxStroke[] = "#4a6fa5";
constexpr char Normal[] = "#37474f";
constexpr char Failed[] = "#b02a37";
constexpr char FrontChannel[] = "#6a1b9a";
constexpr char FontFamily[] = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

QString number(double value)
{
    return QString::number(std::round(value * 10) / 10, 'g', 10);
}

QString colour(SequenceDiagramLayout::Tone tone)
{
    switch (tone) {
    case SequenceDiagramLayout::Tone::Normal:
        return QLatin1String(Normal);
    case SequenceDiagramLayout::Tone::Failed:
        return QLatin1String(Failed);
    case SequenceDiagramLayout::Tone::FrontChannel:
        return QLatin1String(FrontChannel);
    }
    return QLatin1String(Normal);
}

QString points(const QList<QPointF> &list)
{
    QStringList parts;
    for (const QPointF &point : list)
        parts.append(number(point.x()) + QLatin1Char(',') + number(point.y()));
    return parts.join(QLatin1Char(' '));
}

QString dashArray(SequenceDiagramArrow::Kind kind)
{
    QStringList parts;
    for (const double dash : SequenceDiagramLayout::dashPattern(kind))
        parts.append(number(dash * SequenceDiagramLayout::LineWidth));
    return parts.join(QLatin1Char(' '));
}

// Text is sanitized again here: the writer escapes markup, but control characters are not allowed in XML 1.0
// at all and would make the document unreadable.
void writeText(QXmlStreamWriter &xml, const QRectF &rect, const QString &text, Qt::Alignment alignment,
               double fontSize = SequenceDiagramLayout::FontPixelSize, const QString &fill = QString())
{
    xml.writeStartElement(QStringLiteral("text"));
    const bool centred = alignment.testFlag(Qt::AlignHCenter);
    xml.writeAttribute(QStringLiteral("x"), number(centred ? rect.center().x() : rect.left()));
    // Centred vertically on the rectangle: the baseline sits about a third of the font size below the middle.
    xml.writeAttribute(QStringLiteral("y"), number(rect.center().y() + fontSize * 0.36));
    if (centred)
        xml.writeAttribute(QStringLiteral("text-anchor"), QStringLiteral("middle"));
    if (fontSize != SequenceDiagramLayout::FontPixelSize) {
        xml.writeAttribute(QStringLiteral("font-size"), number(fontSize));
        xml.writeAttribute(QStringLiteral("font-style"), QStringLiteral("italic"));
        xml.writeAttribute(QStringLiteral("fill"), QLatin1String(Muted));
    } else if (!fill.isEmpty()) {
        xml.writeAttribute(QStringLiteral("fill"), fill);
    }
    xml.writeCharacters(TextSanitizer::sanitize(text));
    xml.writeEndElement();
}

void writeLine(QXmlStreamWriter &xml, const QList<QPointF> &line, SequenceDiagramArrow::Kind kind,
               const QString &stroke)
{
    if (line.size() == 2) {
        xml.writeStartElement(QStringLiteral("line"));
        xml.writeAttribute(QStringLiteral("x1"), number(line[0].x()));
        xml.writeAttribute(QStringLiteral("y1"), number(line[0].y()));
        xml.writeAttribute(QStringLiteral("x2"), number(line[1].x()));
        xml.writeAttribute(QStringLiteral("y2"), number(line[1].y()));
    } else {
        xml.writeStartElement(QStringLiteral("polyline"));
        xml.writeAttribute(QStringLiteral("points"), points(line));
        xml.writeAttribute(QStringLiteral("fill"), QStringLiteral("none"));
    }
    xml.writeAttribute(QStringLiteral("stroke"), stroke);
    xml.writeAttribute(QStringLiteral("stroke-width"), number(SequenceDiagramLayout::LineWidth));
    const QString dashes = dashArray(kind);
    if (!dashes.isEmpty())
        xml.writeAttribute(QStringLiteral("stroke-dasharray"), dashes);
    xml.writeEndElement();
}

void writeParticipants(QXmlStreamWriter &xml, const SequenceDiagramLayout &layout)
{
    xml.writeStartElement(QStringLiteral("g"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("lifelines"));
    for (const SequenceDiagramLayout::Lifeline &lifeline : layout.lifelines()) {
        xml.writeEmptyElement(QStringLiteral("line"));
        xml.writeAttribute(QStringLiteral("x1"), number(lifeline.x));
        xml.writeAttribute(QStringLiteral("y1"), number(layout.lifelineTop()));
        xml.writeAttribute(QStringLiteral("x2"), number(lifeline.x));
        xml.writeAttribute(QStringLiteral("y2"), number(layout.lifelineBottom()));
        xml.writeAttribute(QStringLiteral("stroke"), QLatin1String(Lifeline));
        xml.writeAttribute(QStringLiteral("stroke-dasharray"), QStringLiteral("4 4"));
    }
    xml.writeEndElement();

    xml.writeStartElement(QStringLiteral("g"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("participants"));
    for (const SequenceDiagramLayout::Lifeline &lifeline : layout.lifelines()) {
        for (const QRectF &box : { lifeline.topBox, lifeline.bottomBox }) {
            xml.writeEmptyElement(QStringLiteral("rect"));
            xml.writeAttribute(QStringLiteral("x"), number(box.x()));
            xml.writeAttribute(QStringLiteral("y"), number(box.y()));
            xml.writeAttribute(QStringLiteral("width"), number(box.width()));
            xml.writeAttribute(QStringLiteral("height"), number(box.height()));
            xml.writeAttribute(QStringLiteral("rx"), number(SequenceDiagramLayout::BoxRadius));
            xml.writeAttribute(QStringLiteral("fill"), QLatin1String(BoxFill));
            xml.writeAttribute(QStringLiteral("stroke"), QLatin1String(BoxStroke));
            writeText(xml, box, lifeline.name, Qt::AlignHCenter);
        }
    }
    xml.writeEndElement();
}

void writeArrow(QXmlStreamWriter &xml, const SequenceDiagramLayout::Arrow &arrow)
{
    static const char *const kindNames[] = { "request", "response", "front-channel" };
    const QString stroke = colour(arrow.tone);
    xml.writeStartElement(QStringLiteral("g"));
    xml.writeAttribute(QStringLiteral("id"), QStringLiteral("arrow-") + arrow.number);
    xml.writeAttribute(
        QStringLiteral("class"),
        QStringLiteral("arrow ") + QLatin1String(kindNames[static_cast<int>(arrow.kind)])
            + (arrow.tone == SequenceDiagramLayout::Tone::Failed ? QStringLiteral(" failed") : QString()));
    // A tooltip in viewers that show one, and the link back to the wire log.
    xml.writeTextElement(
        QStringLiteral("title"),
        arrow.exchangeId >= 0
            ? QCoreApplication::translate("SequenceDiagram", "Step %1: exchange #%2")
                  .arg(arrow.number)
                  .arg(arrow.exchangeId)
            : QCoreApplication::translate("SequenceDiagram", "Step %1: in the browser").arg(arrow.number));
    writeLine(xml, arrow.line, arrow.kind, stroke);
    xml.writeEmptyElement(QStringLiteral("polygon"));
    xml.writeAttribute(QStringLiteral("points"), points(arrow.head));
    xml.writeAttribute(QStringLiteral("fill"), stroke);

    xml.writeEmptyElement(QStringLiteral("circle"));
    xml.writeAttribute(QStringLiteral("cx"), number(arrow.numberCentre.x()));
    xml.writeAttribute(QStringLiteral("cy"), number(arrow.numberCentre.y()));
    xml.writeAttribute(QStringLiteral("r"), number(SequenceDiagramLayout::NumberRadius));
    xml.writeAttribute(QStringLiteral("fill"), stroke);
    xml.writeStartElement(QStringLiteral("text"));
    xml.writeAttribute(QStringLiteral("x"), number(arrow.numberCentre.x()));
    xml.writeAttribute(QStringLiteral("y"), number(arrow.numberCentre.y() + 3.5));
    xml.writeAttribute(QStringLiteral("text-anchor"), QStringLiteral("middle"));
    xml.writeAttribute(QStringLiteral("font-size"), QStringLiteral("10"));
    xml.writeAttribute(QStringLiteral("fill"), QLatin1String(Background));
    xml.writeCharacters(arrow.number);
    xml.writeEndElement();

    for (const QRectF &background : { arrow.labelBackground, arrow.noteBackground }) {
        if (background.isEmpty())
            continue;
        xml.writeEmptyElement(QStringLiteral("rect"));
        xml.writeAttribute(QStringLiteral("x"), number(background.x()));
        xml.writeAttribute(QStringLiteral("y"), number(background.y()));
        xml.writeAttribute(QStringLiteral("width"), number(background.width()));
        xml.writeAttribute(QStringLiteral("height"), number(background.height()));
        xml.writeAttribute(QStringLiteral("fill"), QLatin1String(Background));
        xml.writeAttribute(QStringLiteral("fill-opacity"), QStringLiteral("0.85"));
        xml.writeAttribute(QStringLiteral("stroke"), QStringLiteral("none"));
    }
    const bool selfMessage = arrow.line.size() > 2;
    const Qt::Alignment alignment = selfMessage ? Qt::AlignLeft : Qt::AlignHCenter;
    const bool failed = arrow.tone == SequenceDiagramLayout::Tone::Failed;
    writeText(xml, arrow.labelRect, arrow.label, alignment, SequenceDiagramLayout::FontPixelSize,
              failed ? QLatin1String(Failed) : QString());
    if (!arrow.note.isEmpty())
        writeText(xml, arrow.noteRect, arrow.note, alignment, SequenceDiagramLayout::NoteFontPixelSize);
    xml.writeEndElement();
}

void writeLegend(QXmlStreamWriter &xml, const SequenceDiagramLayout &layout)
{
    xml.writeStartElement(QStringLiteral("g"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("legend"));
    for (const SequenceDiagramLayout::LegendItem &item : layout.legend()) {
        writeLine(xml, { item.lineStart, item.lineEnd }, item.kind, colour(item.tone));
        writeText(xml, item.textRect, item.text, Qt::AlignLeft, SequenceDiagramLayout::FontPixelSize,
                  QLatin1String(Muted));
    }
    xml.writeEndElement();
}
} // namespace

QByteArray toSvg(const QList<SequenceDiagramArrow> &arrows, const QString &title)
{
    const SequenceDiagramLayout layout(arrows);
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QXmlStreamWriter xml(&buffer);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(1);
    xml.writeStartDocument();
    xml.writeDTD(QStringLiteral("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                                "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">"));
    xml.writeStartElement(QStringLiteral("svg"));
    xml.writeDefaultNamespace(QStringLiteral("http://www.w3.org/2000/svg"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.1"));
    const QSizeF size = layout.size();
    xml.writeAttribute(QStringLiteral("width"), number(size.width()));
    xml.writeAttribute(QStringLiteral("height"), number(size.height()));
    xml.writeAttribute(QStringLiteral("viewBox"),
                       QStringLiteral("0 0 ") + number(size.width()) + QLatin1Char(' ')
                           + number(size.height()));
    xml.writeAttribute(QStringLiteral("font-family"), QLatin1String(FontFamily));
    xml.writeAttribute(QStringLiteral("font-size"), number(SequenceDiagramLayout::FontPixelSize));
    xml.writeAttribute(QStringLiteral("fill"), QLatin1String(Text));
    // Explicit, though it is SVG's default: some renderers stroke text and shapes unless told not to.
    xml.writeAttribute(QStringLiteral("stroke"), QStringLiteral("none"));
    const QString heading = TextSanitizer::sanitize(title);
    xml.writeTextElement(QStringLiteral("title"),
                         heading.isEmpty()
                             ? QCoreApplication::translate("SequenceDiagram", "OAuth sequence diagram")
                             : heading);

    xml.writeEmptyElement(QStringLiteral("rect"));
    xml.writeAttribute(QStringLiteral("width"), QStringLiteral("100%"));
    xml.writeAttribute(QStringLiteral("height"), QStringLiteral("100%"));
    xml.writeAttribute(QStringLiteral("fill"), QLatin1String(Background));

    writeParticipants(xml, layout);
    xml.writeStartElement(QStringLiteral("g"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("arrows"));
    for (const SequenceDiagramLayout::Arrow &arrow : layout.arrows())
        writeArrow(xml, arrow);
    xml.writeEndElement();
    writeLegend(xml, layout);

    xml.writeEndElement(); // svg
    xml.writeEndDocument();
    return out;
}

bool save(const QList<SequenceDiagramArrow> &arrows, const QString &path, QString *error,
          const QString &title)
{
    const QByteArray svg = toSvg(arrows, title);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = QCoreApplication::translate("SequenceDiagram", "Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (file.write(svg) != svg.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("SequenceDiagram", "Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace SequenceDiagramSvg
