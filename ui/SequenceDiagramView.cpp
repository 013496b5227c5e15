#include "SequenceDiagramView.h"

#include "SequenceDiagram.h"
#include "SequenceDiagramLayout.h"
#include "SequenceDiagramSvg.h"
#include "UiColors.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QMetaMethod>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTimer>
#include <QToolTip>

#include <cmath>

namespace {
struct Colours
{
    QColor background;
    QColor text;
    QColor muted;
    QColor lifeline;
    QColor boxFill;
    QColor boxStroke;
    QColor normal;
    QColor failed;
    QColor frontChannel;
    QColor highlight;
};

// From the palette, so the diagram reads in dark themes too; the failure and front-channel colours get
// lighter variants on a dark background to keep their contrast.
Colours coloursFor(const QPalette &palette)
{
    Colours colours;
    colours.background = palette.color(QPalette::Base);
    colours.text = palette.color(QPalette::Text);
    colours.muted = palette.color(QPalette::PlaceholderText);
    colours.lifeline = palette.color(QPalette::Mid);
    colours.boxFill = palette.color(QPalette::AlternateBase);
    colours.boxStroke = palette.color(QPalette::Dark);
    colours.normal = palette.color(QPalette::Text);
    const bool dark = colours.background.lightness() < 128;
    colours.failed = dark ? QColor(0xff, 0x8a, 0x80) : QColor(QLatin1String(UiColors::Error));
    colours.frontChannel = dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x6a, 0x1b, 0x9a);
    colours.highlight = palette.color(QPalette::Highlight);
    return colours;
}

QColor toneColour(SequenceDiagramLayout::Tone tone, const Colours &colours)
{
    switch (tone) {
    case SequenceDiagramLayout::Tone::Normal:
        return colours.normal;
    case SequenceDiagramLayout::Tone::Failed:
        return colours.failed;
    case SequenceDiagramLayout::Tone::FrontChannel:
        return colours.frontChannel;
    }
    return colours.normal;
}

QPen linePen(SequenceDiagramArrow::Kind kind, const QColor &colour, double width)
{
    QPen pen(colour, width);
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::MiterJoin);
    const QList<double> dashes = SequenceDiagramLayout::dashPattern(kind);
    if (!dashes.isEmpty()) {
        // QPen's pattern is in pen widths, the layout's in line widths of the normal stroke.
        QList<qreal> pattern;
        for (const double dash : dashes)
            pattern.append(dash * SequenceDiagramLayout::LineWidth / width);
        pen.setDashPattern(pattern);
    }
    return pen;
}

QFont fontOf(const QFont &base, double pixelSize, bool italic = false)
{
    QFont font = base;
    font.setPixelSize(static_cast<int>(std::lround(pixelSize)));
    font.setItalic(italic);
    return font;
}
} // namespace

SequenceDiagramView::SequenceDiagramView(QWidget *parent)
    : QWidget(parent)
    , m_exportPng(new QAction(tr("Export PNG…"), this))
    , m_exportSvg(new QAction(tr("Export SVG…"), this))
{
    setObjectName(QStringLiteral("sequenceDiagramView"));
    setAccessibleName(tr("Sequence diagram"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    m_exportPng->setObjectName(QStringLiteral("exportSequencePngAction"));
    m_exportSvg->setObjectName(QStringLiteral("exportSequenceSvgAction"));
    connect(m_exportPng, &QAction::triggered, this, &SequenceDiagramView::exportPngInteractively);
    connect(m_exportSvg, &QAction::triggered, this, &SequenceDiagramView::exportSvgInteractively);
    relayout();
}

SequenceDiagramView::~SequenceDiagramView() = default;

void SequenceDiagramView::setDiagram(SequenceDiagram *diagram)
{
    if (m_diagram == diagram)
        return;
    if (m_diagram)
        disconnect(m_diagram, nullptr, this, nullptr);
    m_diagram = diagram;
    m_hovered = -1;
    m_current = -1;
    if (m_diagram) {
        connect(m_diagram, &SequenceDiagram::arrowAppended, this, &SequenceDiagramView::onArrowAppended);
        connect(m_diagram, &SequenceDiagram::cleared, this, &SequenceDiagramView::relayout);
        connect(m_diagram, &QObject::destroyed, this, &SequenceDiagramView::relayout);
    }
    relayout();
}

void SequenceDiagramView::setCurrentArrow(int index)
{
    const int count = m_layout ? static_cast<int>(m_layout->arrows().size()) : 0;
    const int clamped = (index >= 0 && index < count) ? index : -1;
    if (clamped == m_current)
        return;
    m_current = clamped;
    if (m_current >= 0) {
        const SequenceDiagramLayout::Arrow &arrow = m_layout->arrows().at(m_current);
        setAccessibleDescription(tr("Step %1: %2").arg(arrow.number, arrow.label));
        scrollToArrow(m_current);
    }
    update();
}

QRectF SequenceDiagramView::arrowRect(int index) const
{
    if (!m_layout || index < 0 || index >= m_layout->arrows().size())
        return {};
    return m_layout->arrows().at(index).hitRect;
}

QSize SequenceDiagramView::sizeHint() const
{
    return m_layout ? m_layout->size().toSize() : QSize(400, 200);
}

void SequenceDiagramView::relayout()
{
    const QList<SequenceDiagramArrow> arrows
        = m_diagram ? m_diagram->arrows() : QList<SequenceDiagramArrow>();
    m_layout = std::make_unique<SequenceDiagramLayout>(arrows);
    const int count = static_cast<int>(arrows.size());
    if (m_hovered >= count)
        m_hovered = -1;
    if (m_current >= count)
        m_current = -1;
    // A minimum size, so a resizable scroll area (or a layout) gives the diagram room; a scroll area that
    // does not resize its widget leaves the size to us.
    const QSize needed = m_layout->size().toSize();
    setMinimumSize(needed);
    updateGeometry();
    const auto *area = parentWidget() ? qobject_cast<QScrollArea *>(parentWidget()->parentWidget()) : nullptr;
    if (!parentWidget() || (area && area->widget() == this && !area->widgetResizable()))
        resize(needed);
    update();
}

void SequenceDiagramView::onArrowAppended(int index)
{
    relayout();
    // After the scroll area has taken the new size.
    QTimer::singleShot(0, this, [this, index] { scrollToArrow(index); });
}

void SequenceDiagramView::scrollToArrow(int index)
{
    const QRectF rect = arrowRect(index);
    if (rect.isEmpty())
        return;
    for (QWidget *ancestor = parentWidget(); ancestor; ancestor = ancestor->parentWidget()) {
        auto *area = qobject_cast<QScrollArea *>(ancestor);
        if (!area || !area->widget())
            continue;
        if (area->widget() != this && !area->widget()->isAncestorOf(this))
            continue;
        const QPoint centre = mapTo(area->widget(), rect.center().toPoint());
        area->ensureVisible(centre.x(), centre.y(), static_cast<int>(rect.width() / 2) + 8,
                            static_cast<int>(rect.height() / 2) + 24);
        return;
    }
}

void SequenceDiagramView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    paintDiagram(painter);
}

void SequenceDiagramView::paintDiagram(QPainter &painter) const
{
    const Colours colours = coloursFor(palette());
    const SequenceDiagramLayout &layout = *m_layout;
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QFont labelFont = fontOf(font(), SequenceDiagramLayout::FontPixelSize);
    const QFont noteFont = fontOf(font(), SequenceDiagramLayout::NoteFontPixelSize, true);
    const QFont numberFont = fontOf(font(), 10);

    // Lifelines, then the participant boxes over their ends.
    QPen lifelinePen(colours.lifeline, 1);
    lifelinePen.setDashPattern({ 4, 4 });
    painter.setPen(lifelinePen);
    for (const SequenceDiagramLayout::Lifeline &lifeline : layout.lifelines())
        painter.drawLine(QPointF(lifeline.x, layout.lifelineTop()),
                         QPointF(lifeline.x, layout.lifelineBottom()));
    painter.setFont(labelFont);
    for (const SequenceDiagramLayout::Lifeline &lifeline : layout.lifelines()) {
        for (const QRectF &box : { lifeline.topBox, lifeline.bottomBox }) {
            painter.setPen(QPen(colours.boxStroke, 1));
            painter.setBrush(colours.boxFill);
            painter.drawRoundedRect(box, SequenceDiagramLayout::BoxRadius, SequenceDiagramLayout::BoxRadius);
            painter.setPen(colours.text);
            painter.drawText(box, Qt::AlignCenter, lifeline.name);
        }
    }

    for (const SequenceDiagramLayout::Arrow &arrow : layout.arrows()) {
        const bool hovered = arrow.index == m_hovered;
        const bool current = arrow.index == m_current;
        if (hovered || current) {
            QColor wash = colours.highlight;
            wash.setAlpha(hovered ? 48 : 32);
            painter.setPen(Qt::NoPen);
            painter.setBrush(wash);
            painter.drawRoundedRect(arrow.hitRect.adjusted(-4, -2, 4, 2), 4, 4);
            if (current && hasFocus()) {
                painter.setPen(QPen(colours.highlight, 1, Qt::DotLine));
                painter.setBrush(Qt::NoBrush);
                painter.drawRoundedRect(arrow.hitRect.adjusted(-4, -2, 4, 2), 4, 4);
            }
        }
        const QColor colour = toneColour(arrow.tone, colours);
        const double width = SequenceDiagramLayout::LineWidth * (hovered ? 1.6 : 1.0);
        painter.setPen(linePen(arrow.kind, colour, width));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(arrow.line.constData(), static_cast<int>(arrow.line.size()));
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawPolygon(arrow.head.constData(), static_cast<int>(arrow.head.size()));
        painter.drawEllipse(arrow.numberCentre, SequenceDiagramLayout::NumberRadius,
                            SequenceDiagramLayout::NumberRadius);
        painter.setFont(numberFont);
        painter.setPen(colours.background);
        const double r = SequenceDiagramLayout::NumberRadius;
        painter.drawText(QRectF(arrow.numberCentre.x() - r, arrow.numberCentre.y() - r, 2 * r, 2 * r),
                         Qt::AlignCenter, arrow.number);

        // Over a wash of the background, so lifelines do not run through the text.
        QColor halo = colours.background;
        halo.setAlphaF(hovered || current ? 0.0 : 0.85);
        painter.setPen(Qt::NoPen);
        painter.setBrush(halo);
        for (const QRectF &background : { arrow.labelBackground, arrow.noteBackground }) {
            if (!background.isEmpty())
                painter.drawRect(background);
        }
        const Qt::Alignment horizontal = arrow.line.size() > 2 ? Qt::AlignLeft : Qt::AlignHCenter;
        painter.setFont(labelFont);
        painter.setPen(arrow.tone == SequenceDiagramLayout::Tone::Failed ? colours.failed : colours.text);
        painter.drawText(arrow.labelRect, horizontal | Qt::AlignVCenter | Qt::TextDontClip, arrow.label);
        if (!arrow.note.isEmpty()) {
            painter.setFont(noteFont);
            painter.setPen(colours.muted);
            painter.drawText(arrow.noteRect, horizontal | Qt::AlignVCenter | Qt::TextDontClip, arrow.note);
        }
    }

    painter.setFont(labelFont);
    for (const SequenceDiagramLayout::LegendItem &item : layout.legend()) {
        painter.setPen(linePen(item.kind, toneColour(item.tone, colours), SequenceDiagramLayout::LineWidth));
        painter.drawLine(item.lineStart, item.lineEnd);
        painter.setPen(colours.muted);
        painter.drawText(item.textRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, item.text);
    }
}

QImage SequenceDiagramView::renderImage(double scale) const
{
    const QSizeF size = m_layout->size() * scale;
    QImage image(QSize(static_cast<int>(std::ceil(size.width())), static_cast<int>(std::ceil(size.height()))),
                 QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    painter.scale(scale, scale);
    paintDiagram(painter);
    painter.end();
    return image;
}

bool SequenceDiagramView::exportPng(const QString &path, QString *error)
{
    const QImage image = renderImage(2.0);
    QSaveFile file(path);
    const QString name = QDir::toNativeSeparators(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(name, file.errorString());
        return false;
    }
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        if (error)
            *error = tr("Cannot encode the diagram as PNG for %1.").arg(name);
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(name, file.errorString());
        return false;
    }
    return true;
}

bool SequenceDiagramView::exportSvg(const QString &path, QString *error)
{
    const QList<SequenceDiagramArrow> arrows
        = m_diagram ? m_diagram->arrows() : QList<SequenceDiagramArrow>();
    return SequenceDiagramSvg::save(arrows, path, error);
}

QString SequenceDiagramView::chooseExportPath(const QString &caption, const QString &filter,
                                              const QString &suffix)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const QString suggested = QDir(folder).filePath(QStringLiteral("sequence-diagram.") + suffix);
    QString path = QFileDialog::getSaveFileName(this, caption, suggested, filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    return path;
}

void SequenceDiagramView::exportPngInteractively()
{
    const QString path = chooseExportPath(tr("Export Sequence Diagram as PNG"), tr("PNG images (*.png)"),
                                          QStringLiteral("png"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = exportPng(path, &error);
    reportExport(ok, path, error);
}

void SequenceDiagramView::exportSvgInteractively()
{
    const QString path = chooseExportPath(tr("Export Sequence Diagram as SVG"), tr("SVG images (*.svg)"),
                                          QStringLiteral("svg"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = exportSvg(path, &error);
    reportExport(ok, path, error);
}

void SequenceDiagramView::reportExport(bool ok, const QString &path, const QString &error)
{
    if (ok) {
        Q_EMIT exported(path);
        return;
    }
    // The panel that shows the view may show the failure inline; a dialog is the fallback.
    if (isSignalConnected(QMetaMethod::fromSignal(&SequenceDiagramView::exportFailed)))
        Q_EMIT exportFailed(error);
    else
        QMessageBox::warning(this, tr("Export Failed"), error);
}

void SequenceDiagramView::activate(int index)
{
    if (!m_layout || index < 0 || index >= m_layout->arrows().size())
        return;
    Q_EMIT arrowActivated(m_layout->arrows().at(index).exchangeId, index);
}

void SequenceDiagramView::setHovered(int index)
{
    if (index == m_hovered)
        return;
    m_hovered = index;
    setCursor(index >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    update();
}

bool SequenceDiagramView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int index = m_layout->arrowAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const SequenceDiagramLayout::Arrow &arrow = m_layout->arrows().at(index);
        const QString hint = arrow.exchangeId >= 0
            ? tr("Click to show exchange #%1 in the wire log.").arg(arrow.exchangeId)
            : tr("A step in the browser: no HTTP exchange of the client.");
        QToolTip::showText(help->globalPos(),
                           tr("Step %1: %2").arg(arrow.number, arrow.label) + QLatin1Char('\n') + hint, this,
                           arrow.hitRect.toRect());
        return true;
    }
    return QWidget::event(event);
}

void SequenceDiagramView::mouseMoveEvent(QMouseEvent *event)
{
    setHovered(m_layout->arrowAt(event->position()));
    QWidget::mouseMoveEvent(event);
}

void SequenceDiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const int index = m_layout->arrowAt(event->position());
        if (index >= 0) {
            setCurrentArrow(index);
            activate(index);
            event->accept();
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

void SequenceDiagramView::leaveEvent(QEvent *event)
{
    setHovered(-1);
    QWidget::leaveEvent(event);
}

void SequenceDiagramView::keyPressEvent(QKeyEvent *event)
{
    const int count = static_cast<int>(m_layout->arrows().size());
    if (count == 0) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Down:
        setCurrentArrow(m_current < 0 ? 0 : std::min(m_current + 1, count - 1));
        break;
    case Qt::Key_Up:
        setCurrentArrow(m_current < 0 ? count - 1 : std::max(m_current - 1, 0));
        break;
    case Qt::Key_Home:
        setCurrentArrow(0);
        break;
    case Qt::Key_End:
        setCurrentArrow(count - 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        activate(m_current);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void SequenceDiagramView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const int index = m_layout->arrowAt(event->pos());
    if (index >= 0 && m_layout->arrows().at(index).exchangeId >= 0) {
        QAction *open = menu.addAction(tr("Show Exchange #%1").arg(m_layout->arrows().at(index).exchangeId));
        connect(open, &QAction::triggered, this, [this, index] {
            setCurrentArrow(index);
            activate(index);
        });
        menu.addSeparator();
    }
    menu.addAction(m_exportPng);
    menu.addAction(m_exportSvg);
    menu.exec(event->globalPos());
}
