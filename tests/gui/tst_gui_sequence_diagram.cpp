#include "SequenceDiagram.h"
#include "SequenceDiagramLayout.h"
#include "SequenceDiagramSvg.h"
#include "SequenceDiagramView.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QImageReader>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {
using P = SequenceParticipant;
using K = SequenceDiagramArrow::Kind;

void fillPkceRun(SequenceDiagram &diagram)
{
    diagram.append({ P::Client,
                     P::UserAgent,
                     K::FrontChannel,
                     QStringLiteral("open /authorize?response_type=code"),
                     true,
                     -1,
                     {} });
    diagram.append({ P::UserAgent, P::AuthorizationServer, K::FrontChannel,
                     QStringLiteral("GET /authorize?response_type=code"), true, -1,
                     QStringLiteral("the user signs in") });
    diagram.append({ P::AuthorizationServer,
                     P::UserAgent,
                     K::FrontChannel,
                     QStringLiteral("302 \u2192 /callback?code&state"),
                     true,
                     -1,
                     {} });
    diagram.append({ P::UserAgent,
                     P::Client,
                     K::FrontChannel,
                     QStringLiteral("GET /callback?code&state"),
                     true,
                     -1,
                     {} });
    diagram.append({ P::Client,
                     P::AuthorizationServer,
                     K::Request,
                     QStringLiteral("POST /token (grant_type=authorization_code)"),
                     true,
                     5,
                     {} });
    diagram.append({ P::AuthorizationServer,
                     P::Client,
                     K::Response,
                     QStringLiteral("200 OK access_token, id_token"),
                     true,
                     5,
                     {} });
    diagram.append(
        { P::Client, P::ResourceServer, K::Request, QStringLiteral("GET /api/hello (Bearer)"), true, 6, {} });
    diagram.append(
        { P::ResourceServer, P::Client, K::Response, QStringLiteral("401 invalid_token"), false, 6, {} });
}
} // namespace

class TestGuiSequenceDiagram final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clickOnArrowEmitsItsExchange()
    {
        SequenceDiagram diagram;
        fillPkceRun(diagram);
        QScrollArea area;
        auto *view = new SequenceDiagramView;
        view->setDiagram(&diagram);
        area.setWidget(view);
        area.resize(1200, 700);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        area.ensureVisible(0, 0);

        QSignalSpy activated(view, &SequenceDiagramView::arrowActivated);
        // The token request (step 5), then its response (step 6).
        for (const int index : { 4, 5, 7 }) {
            const QRectF rect = view->arrowRect(index);
            QVERIFY(!rect.isEmpty());
            area.ensureVisible(static_cast<int>(rect.center().x()), static_cast<int>(rect.center().y()));
            QTest::mouseClick(view, Qt::LeftButton, {}, rect.center().toPoint());
            QCOMPARE(activated.size(), 1);
            QCOMPARE(activated.at(0).at(0).toInt(), diagram.arrows().at(index).exchangeId);
            QCOMPARE(activated.at(0).at(1).toInt(), index);
            QCOMPARE(view->currentArrow(), index);
            activated.clear();
        }

        // A front-channel arrow has no exchange.
        area.ensureVisible(0, 0);
        QTest::mouseClick(view, Qt::LeftButton, {}, view->arrowRect(2).center().toPoint());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), -1);
        QCOMPARE(activated.at(0).at(1).toInt(), 2);
        activated.clear();

        // Between the boxes, above the first arrow: nothing.
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(activated.size(), 0);
    }

    void keyboardMovesAndActivates()
    {
        SequenceDiagram diagram;
        fillPkceRun(diagram);
        SequenceDiagramView view;
        view.setDiagram(&diagram);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setFocus();
        QSignalSpy activated(&view, &SequenceDiagramView::arrowActivated);
        QTest::keyClick(&view, Qt::Key_End);
        QCOMPARE(view.currentArrow(), diagram.count() - 1);
        QTest::keyClick(&view, Qt::Key_Up);
        QCOMPARE(view.currentArrow(), diagram.count() - 2);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), 6);
        QTest::keyClick(&view, Qt::Key_Home);
        QTest::keyClick(&view, Qt::Key_Up); // stays on the first
        QCOMPARE(view.currentArrow(), 0);
    }

    void growsAndFollowsTheNewestArrow()
    {
        SequenceDiagram diagram;
        QScrollArea area;
        auto *view = new SequenceDiagramView;
        view->setDiagram(&diagram);
        area.setWidget(view);
        area.setWidgetResizable(true);
        area.resize(700, 300);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        const int emptyHeight = view->minimumHeight();
        for (int i = 0; i < 30; ++i)
            diagram.append(
                { P::Client, P::AuthorizationServer, K::Request, QStringLiteral("GET /step"), true, i, {} });
        QVERIFY(view->minimumHeight() > emptyHeight);
        QTRY_VERIFY(area.verticalScrollBar()->value() > 0);
        const QRect last = view->arrowRect(diagram.count() - 1).toRect();
        QTRY_VERIFY(QRect(-view->pos(), area.viewport()->size()).intersects(last));

        diagram.clear();
        QCOMPARE(view->minimumHeight(), emptyHeight);
        QVERIFY(view->arrowRect(0).isEmpty());
    }

    void pngExportHasTheExpectedSize()
    {
        SequenceDiagram diagram;
        fillPkceRun(diagram);
        SequenceDiagramView view;
        view.setDiagram(&diagram);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("run.png"));
        QString error;
        QVERIFY2(view.exportPng(path, &error), qPrintable(error));
        QImageReader reader(path);
        QCOMPARE(reader.format(), QByteArray("png"));
        const QImage image = reader.read();
        QVERIFY2(!image.isNull(), qPrintable(reader.errorString()));
        const QSizeF logical = SequenceDiagramLayout(diagram.arrows()).size();
        QCOMPARE(image.size(),
                 QSize(static_cast<int>(std::ceil(logical.width() * 2)),
                       static_cast<int>(std::ceil(logical.height() * 2))));
        // Something was drawn: the image is not one flat colour.
        const QRgb background = image.pixel(0, 0);
        bool drawn = false;
        for (int y = 0; y < image.height() && !drawn; y += 3) {
            for (int x = 0; x < image.width() && !drawn; x += 3)
                drawn = image.pixel(x, y) != background;
        }
        QVERIFY(drawn);
    }

    void svgExportEqualsTheWriter()
    {
        SequenceDiagram diagram;
        fillPkceRun(diagram);
        SequenceDiagramView view;
        view.setDiagram(&diagram);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("run.svg"));
        QString error;
        QVERIFY2(view.exportSvg(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), SequenceDiagramSvg::toSvg(diagram.arrows()));
    }

    void exportFailuresSayWhy()
    {
        SequenceDiagram diagram;
        fillPkceRun(diagram);
        SequenceDiagramView view;
        view.setDiagram(&diagram);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        const QString png = dir.filePath(QStringLiteral("no/such/folder/run.png"));
        QVERIFY(!view.exportPng(png, &error));
        QVERIFY2(error.contains(QStringLiteral("run.png")), qPrintable(error));
        error.clear();
        QVERIFY(!view.exportSvg(dir.filePath(QStringLiteral("no/such/folder/run.svg")), &error));
        QVERIFY2(error.contains(QStringLiteral("run.svg")), qPrintable(error));
        QVERIFY(!QFile::exists(png));
    }

    void exportActionsExist()
    {
        SequenceDiagramView view;
        QVERIFY(view.exportPngAction());
        QVERIFY(view.exportSvgAction());
        QCOMPARE(view.exportPngAction()->text(), SequenceDiagramView::tr("Export PNG…"));
    }
};

QTEST_MAIN(TestGuiSequenceDiagram)
#include "tst_gui_sequence_diagram.moc"
