#pragma once

#include "SequenceDiagram.h"

#include <QImage>
#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QPainter;
class SequenceDiagramLayout;

// Paints a SequenceDiagram as it grows (put it in a QScrollArea; it follows the newest arrow). Hover
// highlights an arrow, a click or Enter activates it; Up/Down move between arrows. The context menu exports
// PNG (2× scale) and SVG; exportPng()/exportSvg() do the same without dialogs.
class SequenceDiagramView final : public QWidget
{
    Q_OBJECT
public:
    explicit SequenceDiagramView(QWidget *parent = nullptr);
    ~SequenceDiagramView() override;

    // Not owned; the view follows its signals until another diagram is set or it is destroyed.
    void setDiagram(SequenceDiagram *diagram);
    SequenceDiagram *diagram() const { return m_diagram; }

    int currentArrow() const { return m_current; }
    void setCurrentArrow(int index);
    // Where arrow `index` is drawn, in widget coordinates (empty when out of range); for tests and tooltips.
    QRectF arrowRect(int index) const;

    QSize sizeHint() const override;

    // "Export PNG…" and "Export SVG…", for a toolbar or menu of the panel that shows the view.
    QAction *exportPngAction() const { return m_exportPng; }
    QAction *exportSvgAction() const { return m_exportSvg; }

    // Both write atomically and return false with a reason in *error on failure.
    bool exportPng(const QString &path, QString *error);
    bool exportSvg(const QString &path, QString *error);
    // The image exportPng writes: the diagram at `scale`, on the palette's base colour.
    QImage renderImage(double scale = 2.0) const;

public Q_SLOTS:
    void exportPngInteractively();
    void exportSvgInteractively();

Q_SIGNALS:
    // exchangeId is -1 for front-channel arrows (browser redirects), which have no wire-log exchange.
    void arrowActivated(int exchangeId, int arrowIndex);
    // After an export from the dialogs. Failures go to a QMessageBox when nothing is connected to
    // exportFailed.
    void exported(const QString &path);
    void exportFailed(const QString &message);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void relayout();
    void onArrowAppended(int index);
    void paintDiagram(QPainter &painter) const;
    void activate(int index);
    void scrollToArrow(int index);
    void setHovered(int index);
    void reportExport(bool ok, const QString &path, const QString &error);
    QString chooseExportPath(const QString &caption, const QString &filter, const QString &suffix);

    QPointer<SequenceDiagram> m_diagram;
    std::unique_ptr<SequenceDiagramLayout> m_layout;
    int m_hovered = -1;
    int m_current = -1;
    QAction *m_exportPng;
    QAction *m_exportSvg;
};
