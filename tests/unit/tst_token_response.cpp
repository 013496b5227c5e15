// Reading a token endpoint's answer (RFC 6749 §5.1 success, §5.2 error) and the deviations real servers
// produce: lenient where a token is still usable (with a warning), strict where it is not.
#include "TokenResponse.h"

#include <QJsonValue>
#include <QTest>

using Kind = TokenParseResult::Kind;
Q_DECLARE_METATYPE(TokenParseResult::Kind)

namespace {

const QDateTime receivedAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);

bool hasControlCharacters(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7f || (u >= 0x80 && u <= 0x9f))
            return true;
    }
    return false;
}

} // namespace

class TestTokenResponse final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("accessToken");
        QTest::addColumn<qint64>("expiresIn"); // -1: absent
        QTest::addColumn<bool>("warned");
        QTest::addColumn<QString>("error");

        const QByteArray json = "application/json";
        const QByteArray form = "application/x-www-form-urlencoded";

        QTest::newRow("standard success")
            << 200 << json
            << QByteArray("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
            << Kind::Success << QStringLiteral("at-1") << qint64(3600) << false << QString();
        QTest::newRow("json with charset parameter")
            << 200 << QByteArray("application/json; charset=utf-8")
            << QByteArray("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}") << Kind::Success
            << QStringLiteral("at-1") << qint64(-1) << false << QString();
        QTest::newRow("missing access_token on 200")
            << 200 << json << QByteArray("{\"token_type\":\"Bearer\",\"expires_in\":3600}") << Kind::Malformed
            << QString() << qint64(-1) << false << QString();
        QTest::newRow("missing token_type: usable, warned")
            << 200 << json << QByteArray("{\"access_token\":\"at-2\"}") << Kind::Success
            << QStringLiteral("at-2") << qint64(-1) << true << QString();
        QTest::newRow("expires_in as a string: usable, warned")
            << 200 << json
            << QByteArray("{\"access_token\":\"at-3\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}")
            << Kind::Success << QStringLiteral("at-3") << qint64(3600) << true << QString();
        QTest::newRow("expires_in non-numeric: no expiry, warned")
            << 200 << json
            << QByteArray("{\"access_token\":\"at-4\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}")
            << Kind::Success << QStringLiteral("at-4") << qint64(-1) << true << QString();
        QTest::newRow("json served as text/plain: usable, warned")
            << 200 << QByteArray("text/plain")
            << QByteArray("{\"access_token\":\"at-5\",\"token_type\":\"Bearer\",\"expires_in\":60}")
            << Kind::Success << QStringLiteral("at-5") << qint64(60) << true << QString();
        QTest::newRow("form-encoded success (GitHub style)")
            << 200 << form << QByteArray("access_token=x&token_type=bearer&scope=repo") << Kind::Success
            << QStringLiteral("x") << qint64(-1) << true << QString();
        QTest::newRow("200 with a form-encoded error (GitHub style)")
            << 200 << form
            << QByteArray(
                   "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired."
                   "&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps")
            << Kind::OAuthError << QString() << qint64(-1) << false
            << QStringLiteral("bad_verification_code");
        QTest::newRow("200 with a JSON error")
            << 200 << json << QByteArray("{\"error\":\"bad_verification_code\"}") << Kind::OAuthError
            << QString() << qint64(-1) << false << QStringLiteral("bad_verification_code");
        QTest::newRow("400 invalid_grant")
            << 400 << json
            << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"Code expired\"}")
            << Kind::OAuthError << QString() << qint64(-1) << false << QStringLiteral("invalid_grant");
        QTest::newRow("401 invalid_client")
            << 401 << json << QByteArray("{\"error\":\"invalid_client\"}") << Kind::OAuthError << QString()
            << qint64(-1) << false << QStringLiteral("invalid_client");
        QTest::newRow("500 HTML page") << 500 << QByteArray("text/html")
                                       << QByteArray("<html><body><h1>Internal error</h1></body></html>")
                                       << Kind::HttpError << QString() << qint64(-1) << false << QString();
        QTest::newRow("400 plain text") << 400 << QByteArray("text/plain") << QByteArray("Bad Request")
                                        << Kind::HttpError << QString() << qint64(-1) << false << QString();
        QTest::newRow("200 garbage") << 200 << json << QByteArray("this is not json") << Kind::Malformed
                                     << QString() << qint64(-1) << false << QString();
        QTest::newRow("200 truncated JSON")
            << 200 << json << QByteArray("{\"access_token\":\"at-6\",\"tok") << Kind::Malformed << QString()
            << qint64(-1) << false << QString();
        QTest::newRow("200 JSON array") << 200 << json << QByteArray("[{\"access_token\":\"at-7\"}]")
                                        << Kind::Malformed << QString() << qint64(-1) << false << QString();
        QTest::newRow("200 empty body") << 200 << json << QByteArray() << Kind::Malformed << QString()
                                        << qint64(-1) << false << QString();
    }

    void parse()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(QString, accessToken);
        QFETCH(qint64, expiresIn);
        QFETCH(bool, warned);
        QFETCH(QString, error);

        const TokenParseResult result = parseTokenResponse(status, contentType, body, receivedAt);
        QCOMPARE(result.kind, kind);
        if (kind == Kind::Success) {
            QCOMPARE(result.token.accessToken, accessToken);
            QCOMPARE(result.token.receivedAt, receivedAt);
            if (expiresIn < 0) {
                QVERIFY(!result.token.expiresIn.has_value());
                QVERIFY(!result.token.expiresAt.isValid());
            } else {
                QVERIFY(result.token.expiresIn.has_value());
                QCOMPARE(*result.token.expiresIn, expiresIn);
                QCOMPARE(result.token.expiresAt, receivedAt.addSecs(expiresIn));
            }
            QVERIFY2(result.warnings.isEmpty() != warned, qPrintable(result.warnings.join(QLatin1Char('|'))));
            for (const QString &warning : result.warnings)
                QVERIFY(!warning.trimmed().isEmpty());
        } else {
            QVERIFY2(!result.message.trimmed().isEmpty(), "a failure must say what went wrong");
        }
        if (kind == Kind::OAuthError) {
            QCOMPARE(result.error.error, error);
            QCOMPARE(result.error.httpStatus, status);
        }
    }

    void successKeepsEveryField()
    {
        const QByteArray body
            = "{\"access_token\":\"at-full\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
              "\"refresh_token\":\"rt-full\",\"id_token\":\"h.p.s\",\"scope\":\"read write\","
              "\"custom_field\":\"custom value\",\"nested\":{\"a\":1}}";
        const TokenParseResult result = parseTokenResponse(200, "application/json", body, receivedAt);
        QCOMPARE(result.kind, Kind::Success);
        QCOMPARE(result.token.accessToken, QStringLiteral("at-full"));
        QCOMPARE(result.token.tokenType, QStringLiteral("Bearer"));
        QCOMPARE(result.token.refreshToken, QStringLiteral("rt-full"));
        QCOMPARE(result.token.idToken, QStringLiteral("h.p.s"));
        QCOMPARE(result.token.scope, QStringLiteral("read write"));
        QCOMPARE(result.token.expiresAt, QDateTime(QDate(2024, 5, 1), QTime(13, 0, 0), Qt::UTC));
        QCOMPARE(result.token.raw.value(QStringLiteral("custom_field")).toString(),
                 QStringLiteral("custom value"));
        QCOMPARE(
            result.token.raw.value(QStringLiteral("nested")).toObject().value(QStringLiteral("a")).toInt(),
            1);
        QCOMPARE(result.token.raw.value(QStringLiteral("access_token")).toString(),
                 QStringLiteral("at-full"));
        QVERIFY(result.warnings.isEmpty());
    }

    void formEncodedSuccessFields()
    {
        const TokenParseResult result
            = parseTokenResponse(200, "application/x-www-form-urlencoded",
                                 "access_token=gho_16C7e42F&token_type=bearer&scope=repo%2Cgist", receivedAt);
        QCOMPARE(result.kind, Kind::Success);
        QCOMPARE(result.token.accessToken, QStringLiteral("gho_16C7e42F"));
        QCOMPARE(result.token.tokenType, QStringLiteral("bearer"));
        QCOMPARE(result.token.scope, QStringLiteral("repo,gist"));
        QVERIFY(!result.warnings.isEmpty());
    }

    void secondsLeft()
    {
        const TokenParseResult result = parseTokenResponse(
            200, "application/json", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":3600}",
            receivedAt);
        QCOMPARE(result.kind, Kind::Success);
        QCOMPARE(result.token.secondsLeft(receivedAt.addSecs(600)), std::optional<qint64>(3000));
        QCOMPARE(result.token.secondsLeft(receivedAt.addSecs(4000)), std::optional<qint64>(-400));

        const TokenParseResult noExpiry = parseTokenResponse(
            200, "application/json", "{\"access_token\":\"a\",\"token_type\":\"Bearer\"}", receivedAt);
        QVERIFY(!noExpiry.token.secondsLeft(receivedAt).has_value());
    }

    void oauthErrorKeepsAllThreeFields()
    {
        const TokenParseResult result
            = parseTokenResponse(400, "application/json",
                                 "{\"error\":\"invalid_scope\",\"error_description\":\"Scope \\\"admin\\\" "
                                 "is not allowed\",\"error_uri\":\"https://docs.example.test/errors#scope\"}",
                                 receivedAt);
        QCOMPARE(result.kind, Kind::OAuthError);
        QCOMPARE(result.error.error, QStringLiteral("invalid_scope"));
        QCOMPARE(result.error.description, QStringLiteral("Scope \"admin\" is not allowed"));
        QCOMPARE(result.error.uri, QStringLiteral("https://docs.example.test/errors#scope"));
        QCOMPARE(result.error.httpStatus, 400);
        QVERIFY(!result.message.isEmpty());
    }

    void formEncodedErrorKeepsAllThreeFields()
    {
        const TokenParseResult result = parseTokenResponse(
            200, "application/x-www-form-urlencoded",
            "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired."
            "&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps",
            receivedAt);
        QCOMPARE(result.kind, Kind::OAuthError);
        QCOMPARE(result.error.description, QStringLiteral("The code passed is incorrect or expired."));
        QCOMPARE(result.error.uri, QStringLiteral("https://docs.github.com/apps"));
    }

    void htmlErrorPageGivesASanitizedExcerpt()
    {
        QByteArray page
            = "<!DOCTYPE html>\r\n<html><head><title>500</title></head>\r\n<body>\x1b[31mBoom\x1b[0m\x07";
        page += QByteArray(1, '\0') + "\x7f\xc2\x9b";
        for (int i = 0; i < 200; ++i)
            page += "<p>stack frame " + QByteArray::number(i) + "</p>\n";
        page += "</body></html>";
        QVERIFY(page.size() > 3000);

        const TokenParseResult result = parseTokenResponse(500, "text/html; charset=utf-8", page, receivedAt);
        QCOMPARE(result.kind, Kind::HttpError);
        QVERIFY(!result.message.isEmpty());
        QVERIFY(!result.bodyExcerpt.isEmpty());
        QVERIFY2(result.bodyExcerpt.size() <= 620, qPrintable(QString::number(result.bodyExcerpt.size())));
        QVERIFY(result.bodyExcerpt.contains(QStringLiteral("Boom")));
        QVERIFY2(!hasControlCharacters(result.bodyExcerpt), qPrintable(result.bodyExcerpt.left(200)));
    }

    void malformedSaysWhy_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("garbage") << QByteArray("<html>hello</html>");
        QTest::newRow("truncated") << QByteArray("{\"access_token\": \"abc");
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("no access_token") << QByteArray("{\"token_type\":\"Bearer\"}");
    }

    void malformedSaysWhy()
    {
        QFETCH(QByteArray, body);
        const TokenParseResult result = parseTokenResponse(200, "application/json", body, receivedAt);
        QCOMPARE(result.kind, Kind::Malformed);
        QVERIFY(!result.message.trimmed().isEmpty());
        QVERIFY(result.token.accessToken.isEmpty());
    }

    void errorFieldOfTheWrongType_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("400, number") << 400 << QByteArray("{\"error\":42,\"error_description\":7}");
        QTest::newRow("400, object") << 400 << QByteArray("{\"error\":{\"code\":\"invalid_grant\"}}");
        QTest::newRow("400, null") << 400 << QByteArray("{\"error\":null}");
        QTest::newRow("200, array, no token") << 200 << QByteArray("{\"error\":[\"a\",\"b\"]}");
    }

    void errorFieldOfTheWrongType()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        const TokenParseResult result = parseTokenResponse(status, "application/json", body, receivedAt);
        QVERIFY(result.kind != Kind::Success);
        QVERIFY(!result.message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokenResponse)
#include "tst_token_response.moc"
