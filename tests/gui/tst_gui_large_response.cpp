// Large responses in the Request tab and the wire log: a 50 MB JSON body is shown as a preview with a notice
// of its size, nothing of it is lost (Save and Copy give every byte, "Show all" every line), and the wire
// log's detail of that exchange is still redacted. Behaviour only: nothing here is timed.
#include "FakeHttpServer.h"
#include "JsonIndenter.h"
#include "LongLines.h"
#include "MainWindow.h"
#include "MemorySecretStore.h"
#include "ProfileStore.h"
#include "RequestPanel.h"
#include "WireLog.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QByteArray Secret = "sk-live-4f1d9c2b7e6a";

// A minified JSON object of about megabytes MiB whose first field is a secret the wire log must redact.
QByteArray largeJson(int megabytes)
{
    const qsizetype target = qsizetype(megabytes) * 1024 * 1024;
    QByteArray json = "{\"access_token\":\"" + Secret + "\",\"items\":[";
    json.reserve(target + 256);
    for (int i = 0; json.size() < target; ++i) {
        if (i > 0)
            json += ',';
        const QByteArray n = QByteArray::number(i);
        json += "{\"id\":" + n + ",\"name\":\"User " + n + "\",\"tags\":[],\"note\":\"caf\xc3\xa9\"}";
    }
    json += "],\"last\":true}";
    return json;
}

} // namespace

class TestGuiLargeResponse final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void fiftyMegabyteBodyShownAsPreviewAndKeptWhole();
    void showAllLoadsTheWholeBody();
    void indenterMatchesQJsonDocument_data();
    void indenterMatchesQJsonDocument();
    void indenterStopsAtTheLimit();
    void longLinesBrokenWithTheirPrefix();

private:
    template<typename T> T *find(const char *name) const
    {
        T *widget = m_window->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no widget named %s", name);
        return widget;
    }
    void sendRequest(const QByteArray &body);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<FakeHttpServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiLargeResponse::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_secrets = std::make_unique<MemorySecretStore>();
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
    m_window = std::make_unique<MainWindow>(ProfileStore(m_dir->path()), m_secrets.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    auto *tabs = find<QTabWidget>("mainTabs");
    QVERIFY(tabs);
    tabs->setCurrentWidget(m_window->requestPanel()); // built on first use
}

void TestGuiLargeResponse::cleanup()
{
    m_window.reset();
    m_server.reset();
    m_secrets.reset();
    m_dir.reset();
}

void TestGuiLargeResponse::sendRequest(const QByteArray &body)
{
    m_server->setHandler(
        [body](const FakeHttpServer::RecordedRequest &) { return FakeHttpServer::json(200, body); });
    find<QLineEdit>("requestUrlEdit")->setText(m_server->url(QStringLiteral("/items")).toString());
    auto *send = find<QPushButton>("sendButton");
    QVERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("responseStatusLabel")->text().contains(QLatin1String("HTTP 200")),
                             60000);
}

void TestGuiLargeResponse::fiftyMegabyteBodyShownAsPreviewAndKeptWhole()
{
    const QByteArray body = largeJson(50);
    sendRequest(body);
    auto *panel = find<RequestPanel>("requestPanel");
    QCOMPARE(panel->responseBody().size(), body.size());

    // A preview of the first lines, indented, with a notice of what is not shown.
    auto *view = find<QPlainTextEdit>("responseBodyView");
    auto *note = find<QLabel>("responseBodyNoteLabel");
    QTRY_VERIFY_WITH_TIMEOUT(!view->document()->isEmpty(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(note->text().contains(QLatin1String("Showing the first")), 60000);
    QVERIFY2(note->text().contains(QLatin1String("50.0 MB")), qPrintable(note->text()));
    QVERIFY(!note->isHidden());
    const QString shown = view->toPlainText();
    QVERIFY2(shown.startsWith(QLatin1String("{\n    \"access_token\": \"")), qPrintable(shown.left(200)));
    QVERIFY(shown.contains(QLatin1String("\"name\": \"User 1\"")));
    QVERIFY(shown.size() < body.size() / 10);
    QVERIFY(!find<QPushButton>("showWholeBodyButton")->isHidden());

    // Save writes every byte, exactly.
    const QString path = m_dir->filePath(QStringLiteral("body.json"));
    QVERIFY(panel->saveBodyTo(path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll() == body);
    QVERIFY(find<QLabel>("bodyActionResultLabel")->text().contains(QLatin1String("Saved")));

    // Copy gives the whole body too.
    QTest::mouseClick(find<QPushButton>("copyBodyButton"), Qt::LeftButton);
    QVERIFY(QGuiApplication::clipboard()->text() == QString::fromUtf8(body));

    // The wire log has the exchange; its detail (made on a worker thread) is redacted and says what it leaves
    // out.
    auto *log = qobject_cast<WireLog *>(find<QTableView>("wireLogView")->model());
    QCOMPARE(log->count(), 1);
    QCOMPARE(log->at(0).responseBody.size(), body.size());
    auto *detail = find<QPlainTextEdit>("exchangeDetailView");
    QTRY_VERIFY_WITH_TIMEOUT(detail->toPlainText().contains(QLatin1String("more bytes not shown")), 60000);
    QVERIFY(detail->toPlainText().contains(QLatin1String("access_token")));
    QVERIFY2(!detail->toPlainText().contains(QString::fromLatin1(Secret)), "the secret was not redacted");
}

void TestGuiLargeResponse::showAllLoadsTheWholeBody()
{
    // Larger than the preview and than DisplayFormat's pretty-print limit, small enough to compare quickly.
    const QByteArray body = largeJson(3);
    sendRequest(body);
    auto *view = find<QPlainTextEdit>("responseBodyView");
    auto *showAll = find<QPushButton>("showWholeBodyButton");
    QTRY_VERIFY_WITH_TIMEOUT(!showAll->isHidden(), 60000);
    QVERIFY(view->toPlainText().size() < body.size());

    QTest::mouseClick(showAll, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(showAll->isHidden(), 60000);
    QVERIFY(!find<QLabel>("responseBodyNoteLabel")->text().contains(QLatin1String("Showing the first")));
    // Every value survives: the view parses to the same document as the body.
    QJsonParseError error;
    const QJsonDocument shown = QJsonDocument::fromJson(view->toPlainText().toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(shown == QJsonDocument::fromJson(body));
}

void TestGuiLargeResponse::indenterMatchesQJsonDocument_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("flat object") << QByteArray("{\"a\":1,\"b\":\"two\",\"c\":true,\"d\":null}");
    QTest::newRow("nested") << QByteArray("{\"a\":[1,2,{\"b\":null}],\"c\":{\"d\":[false]}}");
    QTest::newRow("array root") << QByteArray("[1,\"x\",[3]]");
    QTest::newRow("structure inside strings") << QByteArray("{\"s\":\"a,b:{c}[d]\",\"t\":\"q\\\"uote\\\\\"}");
    QTest::newRow("whitespace in the input")
        << QByteArray("{ \"a\" :\t[ 1 ,\n 2 ] ,\r\n \"b\" : { \"c\" : 3 } }");
}

void TestGuiLargeResponse::indenterMatchesQJsonDocument()
{
    QFETCH(QByteArray, json);
    const QJsonDocument document = QJsonDocument::fromJson(json);
    QVERIFY(!document.isNull());
    bool complete = false;
    QCOMPARE(JsonIndenter::indent(json, -1, &complete), document.toJson(QJsonDocument::Indented));
    QVERIFY(complete);
}

void TestGuiLargeResponse::indenterStopsAtTheLimit()
{
    const QByteArray json = largeJson(1);
    bool complete = true;
    const QByteArray preview = JsonIndenter::indent(json, 1000, &complete);
    QVERIFY(!complete);
    QVERIFY(preview.size() >= 1000 && preview.size() < 1100);
    QVERIFY(JsonIndenter::indent(json, -1).startsWith(preview));
    complete = true;
    JsonIndenter::indent(json, -1, &complete, [] { return true; });
    QVERIFY2(!complete, "a cancelled pass is incomplete");
}

void TestGuiLargeResponse::longLinesBrokenWithTheirPrefix()
{
    const QString line = QStringLiteral("< ") + QString(10, QLatin1Char('x'));
    bool broken = false;
    QCOMPARE(LongLines::breakLongLines(QStringLiteral("short\n") + line, 6, 2, &broken),
             QStringLiteral("short\n< xxxx\n< xxxx\n< xx"));
    QVERIFY(broken);
    const QString unchanged = QStringLiteral("a\nbb\n");
    QCOMPARE(LongLines::breakLongLines(unchanged, 6, 0, &broken), unchanged);
    QVERIFY(!broken);
}

QTEST_MAIN(TestGuiLargeResponse)
#include "tst_gui_large_response.moc"
