// The session's wire log as a table model: ids, columns, redacted display, signals views rely on.
#include "WireLog.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

HttpExchange exchange(const QString &purpose, const QByteArray &method, const QString &url, int status)
{
    HttpExchange x;
    x.purpose = purpose;
    x.method = method;
    x.url = QUrl(url);
    x.status = status;
    x.reason = status == 200 ? QByteArray("OK") : QByteArray("Unauthorized");
    x.requestHeaders = { { "Accept", "application/json" } };
    x.responseBody = QByteArray(1234, 'x');
    x.bytesReceived = 1234;
    x.started = QDateTime(QDate(2024, 5, 1), QTime(12, 34, 56), Qt::UTC);
    x.durationMs = 321;
    return x;
}

} // namespace

class TestWireLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendAssignsIncreasingIds()
    {
        WireLog log;
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
        int previous = 0;
        for (int i = 0; i < 4; ++i) {
            HttpExchange x
                = exchange(QStringLiteral("p%1").arg(i), "GET", QStringLiteral("https://a.test/"), 200);
            x.id = 999; // whatever the caller put there
            const int id = log.append(x);
            QVERIFY(id > previous);
            QCOMPARE(log.at(i).id, id);
            QCOMPARE(log.rowCount(), i + 1);
            previous = id;
        }
        QCOMPARE(log.at(0).id, 1);
        QCOMPARE(log.count(), 4);
        QCOMPARE(inserted.count(), 4);
        QCOMPARE(inserted.at(3).at(1).toInt(), 3); // first row
        QCOMPARE(inserted.at(3).at(2).toInt(), 3); // last row
    }

    void exchangeAddedCarriesTheNumberedExchange()
    {
        WireLog log;
        QSignalSpy added(&log, &WireLog::exchangeAdded);
        log.append(exchange(QStringLiteral("first"), "GET", QStringLiteral("https://a.test/"), 200));
        const int id
            = log.append(exchange(QStringLiteral("second"), "POST", QStringLiteral("https://a.test/t"), 401));
        QCOMPARE(added.count(), 2);
        const HttpExchange x = added.at(1).at(0).value<HttpExchange>();
        QCOMPARE(x.id, id);
        QCOMPARE(x.purpose, QStringLiteral("second"));
        QCOMPARE(x.method, QByteArray("POST"));
    }

    void columns()
    {
        WireLog log;
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int id = log.append(exchange(QStringLiteral("Token request"), "POST",
                                           QStringLiteral("https://auth.example.test/token"), 200));
        QCOMPARE(log.columnCount(), int(WireLog::ColumnCount));
        auto display = [&log](int column) { return log.data(log.index(0, column)).toString(); };

        QCOMPARE(display(WireLog::IdColumn), QString::number(id));
        QVERIFY(!display(WireLog::TimeColumn).isEmpty());
        QCOMPARE(display(WireLog::PurposeColumn), QStringLiteral("Token request"));
        QCOMPARE(display(WireLog::MethodColumn), QStringLiteral("POST"));
        QVERIFY(display(WireLog::UrlColumn).contains(QStringLiteral("auth.example.test/token")));
        QVERIFY(display(WireLog::StatusColumn).contains(QStringLiteral("200")));
        QVERIFY(display(WireLog::DurationColumn).contains(QStringLiteral("321")));
        QVERIFY(!display(WireLog::SizeColumn).isEmpty());

        for (int column = 0; column < WireLog::ColumnCount; ++column) {
            QCOMPARE(log.data(log.index(0, column), WireLog::ExchangeIdRole).toInt(), id);
            QVERIFY(!log.headerData(column, Qt::Horizontal).toString().isEmpty());
        }
    }

    void failedExchangeShowsItsError()
    {
        WireLog log;
        HttpExchange x
            = exchange(QStringLiteral("API request"), "GET", QStringLiteral("http://127.0.0.1:1/"), 0);
        x.transportError = QStringLiteral("Connection refused");
        log.append(x);
        const QString status = log.data(log.index(0, WireLog::StatusColumn)).toString();
        QVERIFY2(!status.isEmpty() && status != QStringLiteral("0"), qPrintable(status));
    }

    void urlColumnRedactsUnlessRevealed()
    {
        WireLog log;
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HttpExchange x = exchange(
            QStringLiteral("Callback"), "GET",
            QStringLiteral("http://127.0.0.1:8080/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj"), 200);
        x.secrets = { QStringLiteral("SplxlOBeZQQYbYS6WxSbIA") };
        log.append(x);
        const QModelIndex url = log.index(0, WireLog::UrlColumn);

        QVERIFY(!log.secretsRevealed());
        QString shown = log.data(url).toString();
        QVERIFY2(!shown.contains(QStringLiteral("SplxlOBeZQQYbYS6WxSbIA")), qPrintable(shown));
        QVERIFY(shown.contains(QStringLiteral("state=af0ifjsldkj")));

        QSignalSpy dataChanged(&log, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&log, &QAbstractItemModel::modelReset);
        log.setSecretsRevealed(true);
        QVERIFY(log.secretsRevealed());
        QVERIFY2(dataChanged.count() + reset.count() > 0, "views must learn that the text changed");
        shown = log.data(url).toString();
        QVERIFY2(shown.contains(QStringLiteral("SplxlOBeZQQYbYS6WxSbIA")), qPrintable(shown));

        log.setSecretsRevealed(false);
        QVERIFY(!log.data(url).toString().contains(QStringLiteral("SplxlOBeZQQYbYS6WxSbIA")));
        // the stored exchange is raw either way
        QCOMPARE(log.at(0).url, x.url);
    }

    void findById()
    {
        WireLog log;
        log.append(exchange(QStringLiteral("one"), "GET", QStringLiteral("https://a.test/1"), 200));
        const int two
            = log.append(exchange(QStringLiteral("two"), "GET", QStringLiteral("https://a.test/2"), 200));
        const HttpExchange *found = log.findById(two);
        QVERIFY(found);
        QCOMPARE(found->purpose, QStringLiteral("two"));
        QCOMPARE(log.findById(12345), nullptr);
        QCOMPARE(log.findById(0), nullptr);
    }

    void clearRemovesEveryRow()
    {
        WireLog log;
        QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int first
            = log.append(exchange(QStringLiteral("one"), "GET", QStringLiteral("https://a.test/1"), 200));
        log.append(exchange(QStringLiteral("two"), "GET", QStringLiteral("https://a.test/2"), 200));
        log.clear();
        QCOMPARE(log.rowCount(), 0);
        QCOMPARE(log.count(), 0);
        QVERIFY(log.exchanges().isEmpty());
        QCOMPARE(log.findById(first), nullptr);
        const int next
            = log.append(exchange(QStringLiteral("three"), "GET", QStringLiteral("https://a.test/3"), 200));
        QCOMPARE(log.rowCount(), 1);
        QVERIFY(log.findById(next));
    }
};

QTEST_GUILESS_MAIN(TestWireLog)
#include "tst_wire_log.moc"
