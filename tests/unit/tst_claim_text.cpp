// How the CLI prints claims (introspection responses): times in UTC with a relative text, values as a
// reader expects them, server text sanitized, a stable order.
#include "ClaimText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
const QDateTime Now = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
} // namespace

class TestClaimText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void relative_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("now") << qint64(0) << QStringLiteral("now");
        QTest::newRow("seconds ahead") << qint64(42) << QStringLiteral("in 42 s");
        QTest::newRow("seconds ago") << qint64(-1) << QStringLiteral("1 s ago");
        QTest::newRow("minutes and seconds") << qint64(9 * 60 + 12) << QStringLiteral("in 9 min 12 s");
        QTest::newRow("whole minutes ago") << qint64(-3 * 60) << QStringLiteral("3 min ago");
        QTest::newRow("hours and minutes")
            << qint64(2 * 3600 + 5 * 60 + 59) << QStringLiteral("in 2 h 5 min");
        QTest::newRow("days and hours ago")
            << qint64(-(3 * 86400 + 4 * 3600)) << QStringLiteral("3 d 4 h ago");
        QTest::newRow("just under a minute") << qint64(59) << QStringLiteral("in 59 s");
        QTest::newRow("exactly an hour") << qint64(3600) << QStringLiteral("in 1 h");
    }

    void relative()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, expected);
        QCOMPARE(ClaimText::relative(seconds), expected);
    }

    void time()
    {
        const qint64 now = Now.toSecsSinceEpoch();
        QCOMPARE(ClaimText::time(now + 552, Now), QStringLiteral("2024-05-01 12:09:12 UTC (in 9 min 12 s)"));
        QCOMPARE(ClaimText::time(now - 180, Now), QStringLiteral("2024-05-01 11:57:00 UTC (3 min ago)"));
    }

    void value_data()
    {
        QTest::addColumn<QByteArray>("json"); // a one-element array holding the value
        QTest::addColumn<QString>("expected");
        QTest::newRow("string") << QByteArray("[\"read write\"]") << QStringLiteral("read write");
        QTest::newRow("integer") << QByteArray("[1700000000]") << QStringLiteral("1700000000");
        QTest::newRow("fraction") << QByteArray("[1.5]") << QStringLiteral("1.5");
        QTest::newRow("boolean") << QByteArray("[false]") << QStringLiteral("false");
        QTest::newRow("null") << QByteArray("[null]") << QStringLiteral("null");
        QTest::newRow("list of strings")
            << QByteArray("[[\"https://a\",\"https://b\"]]") << QStringLiteral("https://a, https://b");
        QTest::newRow("mixed list") << QByteArray("[[\"a\",1]]") << QStringLiteral("[\"a\",1]");
        QTest::newRow("object") << QByteArray("[{\"x5t#S256\":\"abc\"}]")
                                << QStringLiteral("{\"x5t#S256\":\"abc\"}");
        QTest::newRow("control characters stripped")
            << QByteArray("[\"evil\\u001b[31mred\\u0007\"]") << QStringLiteral("evil[31mred");
    }

    void value()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const QJsonArray array = QJsonDocument::fromJson(json).array();
        QCOMPARE(array.size(), 1);
        QCOMPARE(ClaimText::value(array.at(0)), expected);
    }

    void lines()
    {
        const qint64 now = Now.toSecsSinceEpoch();
        const QJsonObject claims { { QStringLiteral("zeta"), QStringLiteral("last") },
                                   { QStringLiteral("exp"), double(now + 600) },
                                   { QStringLiteral("client_id"), QStringLiteral("c1") },
                                   { QStringLiteral("alpha"), true },
                                   { QStringLiteral("iat"), QStringLiteral("not a number") },
                                   { QStringLiteral("scope"), QStringLiteral("read") } };
        const QStringList expected { QStringLiteral("scope: read"), QStringLiteral("client_id: c1"),
                                     QStringLiteral("exp: 2024-05-01 12:10:00 UTC (in 10 min)"),
                                     // not a number: shown as it is
                                     QStringLiteral("iat: not a number"), QStringLiteral("alpha: true"),
                                     QStringLiteral("zeta: last") };
        QCOMPARE(ClaimText::lines(claims,
                                  { QStringLiteral("scope"), QStringLiteral("client_id"),
                                    QStringLiteral("missing"), QStringLiteral("exp"), QStringLiteral("iat") },
                                  Now),
                 expected);
    }

    void timeClaims()
    {
        for (const char *name : { "exp", "iat", "nbf", "auth_time", "updated_at" })
            QVERIFY2(ClaimText::isTimeClaim(QLatin1String(name)), name);
        QVERIFY(!ClaimText::isTimeClaim(QStringLiteral("expires_in")));
        // An absurd time stays a number rather than a nonsense date.
        const QStringList huge = ClaimText::lines({ { QStringLiteral("exp"), 1e300 } }, {}, Now);
        QCOMPARE(huge, QStringList { QStringLiteral("exp: 1e+300") });
    }
};

QTEST_GUILESS_MAIN(TestClaimText)
#include "tst_claim_text.moc"
