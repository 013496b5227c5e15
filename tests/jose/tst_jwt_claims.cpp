// Claims read with an injected clock (RFC 7519 §4.1): NumericDate strictness, expiry with skew, audience
// forms, and the relative text a person reads.
#include "JwtClaims.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {
const qint64 issued = 1714564800; // 2024-05-01T12:00:00Z
const QDateTime atIssue = QDateTime::fromSecsSinceEpoch(issued, Qt::UTC);

JwtClaims claims(const QByteArray &json)
{
    return JwtClaims(QJsonDocument::fromJson(json).object());
}

QByteArray withExp(qint64 exp)
{
    return "{\"exp\":" + QByteArray::number(exp) + '}';
}
} // namespace

class TestJwtClaims final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numericDate_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("present");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("msecs");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("integer") << QByteArray(R"({"exp":1714564800})") << true << true
                                 << qint64(1714564800000) << QString();
        QTest::newRow("fractional") << QByteArray(R"({"exp":1714564800.25})") << true << true
                                    << qint64(1714564800250) << QString();
        QTest::newRow("zero") << QByteArray(R"({"exp":0})") << true << true << qint64(0) << QString();
        QTest::newRow("absent") << QByteArray(R"({"sub":"a"})") << false << false << qint64(0) << QString();
        QTest::newRow("numeric string") << QByteArray(R"({"exp":"1714564800"})") << true << false << qint64(0)
                                        << QStringLiteral("not a quoted one");
        QTest::newRow("date string") << QByteArray(R"({"exp":"2024-05-01T12:00:00Z"})") << true << false
                                     << qint64(0) << QStringLiteral("not a NumericDate");
        QTest::newRow("negative") << QByteArray(R"({"exp":-5})") << true << false << qint64(0)
                                  << QStringLiteral("negative");
        QTest::newRow("milliseconds by mistake") << QByteArray(R"({"exp":1714564800000000})") << true << false
                                                 << qint64(0) << QStringLiteral("milliseconds");
        QTest::newRow("boolean") << QByteArray(R"({"exp":true})") << true << false << qint64(0)
                                 << QStringLiteral("a boolean");
        QTest::newRow("null") << QByteArray(R"({"exp":null})") << true << false << qint64(0)
                              << QStringLiteral("null");
    }
    void numericDate()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, present);
        QFETCH(bool, valid);
        QFETCH(qint64, msecs);
        QFETCH(QString, mentions);

        const NumericDateClaim exp = claims(json).expiresAt();
        QCOMPARE(exp.name, QStringLiteral("exp"));
        QCOMPARE(exp.present, present);
        QCOMPARE(exp.valid, valid);
        QCOMPARE(exp.msecsSinceEpoch, msecs);
        QCOMPARE(exp.toDateTime().isValid(), valid);
        if (valid)
            QCOMPARE(exp.toDateTime().toMSecsSinceEpoch(), msecs);
        QVERIFY2(exp.error.contains(mentions), qPrintable(exp.error));
        QCOMPARE(exp.error.isEmpty(), !present || valid);
    }

    void eachDateClaimFlaggedOnItsOwn()
    {
        const JwtClaims c = claims(R"({"exp":1714568400,"nbf":"soon","iat":1714564800,"auth_time":-1})");
        QVERIFY(c.expiresAt().valid);
        QVERIFY(!c.notBefore().valid);
        QVERIFY(c.issuedAt().valid);
        QVERIFY(!c.authTime().valid);
        QCOMPARE(c.issuedAt().toDateTime(), atIssue);
        const QStringList problems = c.problems();
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.at(0).startsWith(QLatin1String("nbf")));
        QVERIFY(problems.at(1).startsWith(QLatin1String("auth_time")));
    }

    void expiry_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("nowOffset"); // seconds after `issued`
        QTest::addColumn<qint64>("skew");
        QTest::addColumn<bool>("expired");

        QTest::newRow("before exp") << withExp(issued + 3600) << qint64(3599) << qint64(0) << false;
        QTest::newRow("exactly at exp is expired")
            << withExp(issued + 3600) << qint64(3600) << qint64(0) << true;
        QTest::newRow("after exp") << withExp(issued + 3600) << qint64(3601) << qint64(0) << true;
        QTest::newRow("after exp, within skew")
            << withExp(issued + 3600) << qint64(3630) << qint64(60) << false;
        QTest::newRow("after exp, beyond skew")
            << withExp(issued + 3600) << qint64(3660) << qint64(60) << true;
        QTest::newRow("no exp never expires")
            << QByteArray(R"({"sub":"a"})") << qint64(999999) << qint64(0) << false;
        QTest::newRow("malformed exp fails closed")
            << QByteArray(R"({"exp":"tomorrow"})") << qint64(0) << qint64(0) << true;
    }
    void expiry()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, nowOffset);
        QFETCH(qint64, skew);
        QFETCH(bool, expired);
        QCOMPARE(claims(json).isExpired(atIssue.addSecs(nowOffset), skew), expired);
    }

    void notBefore_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("nowOffset");
        QTest::addColumn<qint64>("skew");
        QTest::addColumn<bool>("notYetValid");

        const QByteArray nbf = "{\"nbf\":" + QByteArray::number(issued + 100) + '}';
        QTest::newRow("before nbf") << nbf << qint64(99) << qint64(0) << true;
        QTest::newRow("at nbf") << nbf << qint64(100) << qint64(0) << false;
        QTest::newRow("before nbf, within skew") << nbf << qint64(50) << qint64(60) << false;
        QTest::newRow("before nbf, beyond skew") << nbf << qint64(30) << qint64(60) << true;
        QTest::newRow("no nbf") << QByteArray("{}") << qint64(0) << qint64(0) << false;
        QTest::newRow("malformed nbf fails closed")
            << QByteArray(R"({"nbf":[1]})") << qint64(0) << qint64(0) << true;
    }
    void notBefore()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, nowOffset);
        QFETCH(qint64, skew);
        QFETCH(bool, notYetValid);
        QCOMPARE(claims(json).isNotYetValid(atIssue.addSecs(nowOffset), skew), notYetValid);
    }

    void expiryText_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("nowOffsetMs");
        QTest::addColumn<QString>("text");

        const QByteArray exp = withExp(issued);
        QTest::newRow("4 min 12 s left") << exp << qint64(-252000) << QStringLiteral("expires in 4 min 12 s");
        QTest::newRow("fraction of a second rounds down")
            << exp << qint64(-252900) << QStringLiteral("expires in 4 min 12 s");
        QTest::newRow("whole minutes") << exp << qint64(-300000) << QStringLiteral("expires in 5 min");
        QTest::newRow("seconds") << exp << qint64(-42000) << QStringLiteral("expires in 42 s");
        QTest::newRow("days") << exp << qint64(-(2 * 86400 + 5 * 3600 + 17) * 1000)
                              << QStringLiteral("expires in 2 d 5 h");
        QTest::newRow("under a second")
            << exp << qint64(-400) << QStringLiteral("expires in less than a second");
        QTest::newRow("3 h 2 min ago")
            << exp << qint64((3 * 3600 + 2 * 60 + 30) * 1000) << QStringLiteral("expired 3 h 2 min ago");
        QTest::newRow("just now") << exp << qint64(0) << QStringLiteral("expired just now");
        QTest::newRow("an hour ago") << exp << qint64(3600 * 1000) << QStringLiteral("expired 1 h ago");
        QTest::newRow("no exp") << QByteArray("{}") << qint64(0)
                                << QStringLiteral("no exp claim: the token does not expire by itself");
    }
    void expiryText()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, nowOffsetMs);
        QFETCH(QString, text);
        QCOMPARE(claims(json).expiryText(atIssue.addMSecs(nowOffsetMs)), text);
    }

    void secondsUntilExpiry()
    {
        const JwtClaims c = claims(withExp(issued + 90));
        QCOMPARE(c.secondsUntilExpiry(atIssue), std::optional<qint64>(90));
        QCOMPARE(c.secondsUntilExpiry(atIssue.addSecs(100)), std::optional<qint64>(-10));
        QVERIFY(!claims("{}").secondsUntilExpiry(atIssue).has_value());
    }

    void audience_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("isArray");
        QTest::addColumn<QStringList>("values");

        QTest::newRow("string") << QByteArray(R"({"aud":"api"})") << true << false
                                << QStringList { QStringLiteral("api") };
        QTest::newRow("array") << QByteArray(R"({"aud":["api","web"]})") << true << true
                               << QStringList { QStringLiteral("api"), QStringLiteral("web") };
        QTest::newRow("empty array") << QByteArray(R"({"aud":[]})") << true << true << QStringList();
        QTest::newRow("array with a number")
            << QByteArray(R"({"aud":["api",3]})") << false << true << QStringList();
        QTest::newRow("object") << QByteArray(R"({"aud":{"a":1}})") << false << false << QStringList();
    }
    void audience()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, valid);
        QFETCH(bool, isArray);
        QFETCH(QStringList, values);

        const AudienceClaim aud = claims(json).audience();
        QVERIFY(aud.present);
        QCOMPARE(aud.valid, valid);
        QCOMPARE(aud.isArray, isArray);
        QCOMPARE(aud.values, values);
        QCOMPARE(aud.error.isEmpty(), valid);
        QCOMPARE(aud.contains(QStringLiteral("api")), valid && values.contains(QStringLiteral("api")));
    }

    void stringClaims()
    {
        const JwtClaims c
            = claims(R"({"iss":"https:\/\/as.example","sub":"alice","azp":"client-1","nonce":"n-0S6",
            "jti":"id-1","scope":"openid  profile email","client_id":"client-1"})");
        QCOMPARE(c.issuer().value, QStringLiteral("https://as.example"));
        QCOMPARE(c.subject().value, QStringLiteral("alice"));
        QCOMPARE(c.authorizedParty().value, QStringLiteral("client-1"));
        QCOMPARE(c.nonce().value, QStringLiteral("n-0S6"));
        QCOMPARE(c.jwtId().value, QStringLiteral("id-1"));
        QCOMPARE(c.clientId().value, QStringLiteral("client-1"));
        QCOMPARE(
            c.scopes(),
            (QStringList { QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email") }));
        QVERIFY(c.problems().isEmpty());

        const JwtClaims bad = claims(R"({"iss":42,"sub":["a"]})");
        QVERIFY(bad.issuer().present);
        QVERIFY(!bad.issuer().valid);
        QVERIFY(bad.issuer().error.contains(QLatin1String("a number")));
        QVERIFY(!bad.subject().valid);
        QVERIFY(!bad.nonce().present);
        QCOMPARE(bad.problems().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestJwtClaims)
#include "tst_jwt_claims.moc"
