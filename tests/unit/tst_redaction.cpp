// What may be shown or exported of an exchange: credentials never, everything else untouched.
#include "Redaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

namespace {

// Every text of an exchange that a view or an export could show (the secrets list itself excluded).
QByteArray visibleText(const HttpExchange &x)
{
    QByteArray all = x.purpose.toUtf8() + '\n' + x.method + ' ' + x.url.toEncoded() + '\n'
        + x.url.toString(QUrl::FullyDecoded).toUtf8() + '\n';
    for (const HttpHeader &h : x.requestHeaders)
        all += h.first + ": " + h.second + '\n';
    all += x.requestBody + '\n' + x.reason + '\n';
    for (const HttpHeader &h : x.responseHeaders)
        all += h.first + ": " + h.second + '\n';
    all += x.responseBody + '\n' + x.transportError.toUtf8();
    return all;
}

bool mentionsRedaction(const QByteArray &text)
{
    return text.toLower().contains("redacted");
}

HttpExchange tokenExchange()
{
    HttpExchange x;
    x.id = 7;
    x.purpose = QStringLiteral("Token request (client credentials)");
    x.method = "POST";
    x.url = QUrl(QStringLiteral("https://auth.example.test/token?tenant=contoso"));
    x.requestHeaders = { { "Authorization", "Basic " + QByteArray("my-client:Sup3rS3cretValue").toBase64() },
                         { "Content-Type", "application/x-www-form-urlencoded" },
                         { "Accept", "application/json" } };
    x.requestBody = "grant_type=client_credentials&client_id=my-client&client_secret=Sup3rS3cretValue"
                    "&scope=read+write";
    x.status = 200;
    x.reason = "OK";
    x.responseHeaders = { { "Content-Type", "application/json" }, { "Cache-Control", "no-store" } };
    x.responseBody = "{\"access_token\":\"AT-eyJhbGciOiJSUzI1NiJ9.payload.sig\",\"token_type\":\"Bearer\","
                     "\"expires_in\":3600,\"refresh_token\":\"RT-0123456789\",\"id_token\":\"IDT-a.b.c\","
                     "\"scope\":\"read write\"}";
    x.started = QDateTime::currentDateTimeUtc();
    x.durationMs = 42;
    x.secrets = { QStringLiteral("Sup3rS3cretValue") };
    return x;
}

} // namespace

class TestRedaction final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretHeaders_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("credential"); // must vanish

        const QByteArray basic = QByteArray("client:secret-value").toBase64();
        QTest::newRow("Authorization Basic") << QByteArray("Authorization") << "Basic " + basic << basic;
        QTest::newRow("Authorization Bearer")
            << QByteArray("Authorization") << QByteArray("Bearer eyJ.tok.en") << QByteArray("eyJ.tok.en");
        QTest::newRow("lower-case name") << QByteArray("authorization") << QByteArray("bearer tok-lower-123")
                                         << QByteArray("tok-lower-123");
        QTest::newRow("Authorization DPoP")
            << QByteArray("Authorization") << QByteArray("DPoP dpop-token-xyz")
            << QByteArray("dpop-token-xyz");
        QTest::newRow("Authorization without scheme")
            << QByteArray("Authorization") << QByteArray("rawtokenvalue") << QByteArray("rawtokenvalue");
        QTest::newRow("Proxy-Authorization")
            << QByteArray("Proxy-Authorization") << "Basic " + basic << basic;
        QTest::newRow("Cookie") << QByteArray("Cookie") << QByteArray("session=abc123def; theme=dark")
                                << QByteArray("abc123def");
        QTest::newRow("Set-Cookie") << QByteArray("Set-Cookie")
                                    << QByteArray("sid=s3ss10nv4lue; Path=/; HttpOnly; Secure")
                                    << QByteArray("s3ss10nv4lue");
    }

    void secretHeaders()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, credential);

        QVERIFY(Redaction::isSecretHeader(name));
        const QByteArray shown = Redaction::redactHeaderValue(name, value);
        QVERIFY2(!shown.contains(credential), shown.constData());
        QVERIFY2(mentionsRedaction(shown), shown.constData());
    }

    void ordinaryHeadersStay_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("Content-Type") << QByteArray("Content-Type") << QByteArray("application/json");
        QTest::newRow("Accept") << QByteArray("Accept") << QByteArray("application/json");
        QTest::newRow("WWW-Authenticate")
            << QByteArray("WWW-Authenticate") << QByteArray("Bearer realm=\"api\", error=\"invalid_token\"");
        QTest::newRow("Location") << QByteArray("Location") << QByteArray("https://example.test/next");
    }

    void ordinaryHeadersStay()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QVERIFY(!Redaction::isSecretHeader(name));
        QCOMPARE(Redaction::redactHeaderValue(name, value), value);
    }

    void secretFieldNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        for (const char *name : { "client_secret", "code", "code_verifier", "refresh_token", "access_token",
                                  "password", "client_assertion", "id_token" })
            QTest::newRow(name) << QString::fromLatin1(name) << true;
        for (const char *name : { "grant_type", "scope", "client_id", "state", "redirect_uri", "token_type",
                                  "expires_in", "resource", "audience" })
            QTest::newRow(name) << QString::fromLatin1(name) << false;
    }

    void secretFieldNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(Redaction::isSecretField(name), secret);
    }

    void formBody_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("client_secret") << QByteArray("client_secret") << QByteArray("cs-9f8e7d6c");
        QTest::newRow("code") << QByteArray("code") << QByteArray("SplxlOBeZQQYbYS6WxSbIA");
        QTest::newRow("code_verifier")
            << QByteArray("code_verifier") << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        QTest::newRow("refresh_token") << QByteArray("refresh_token") << QByteArray("tGzv3JOkF0XG5Qx2TlKWIA");
        QTest::newRow("access_token") << QByteArray("access_token") << QByteArray("2YotnFZFEjr1zCsicMWpAA");
        QTest::newRow("password") << QByteArray("password") << QByteArray("hunter2hunter2");
        QTest::newRow("client_assertion")
            << QByteArray("client_assertion") << QByteArray("eyJhbGci.eyJpc3Mi.c2ln");
        QTest::newRow("encoded value") << QByteArray("client_secret") << QByteArray("a%2Bb%3Ac+d");
    }

    void formBody()
    {
        QFETCH(QByteArray, field);
        QFETCH(QByteArray, value);
        const QByteArray body = "grant_type=client_credentials&" + field + '=' + value + "&scope=read+write";
        const QByteArray shown = Redaction::redactBody(body, "application/x-www-form-urlencoded", {});
        QVERIFY2(!shown.contains(value), shown.constData());
        QVERIFY2(shown.contains(QByteArray(field + '=')), shown.constData()); // the field name stays visible
        QVERIFY(shown.startsWith("grant_type=client_credentials&"));
        QVERIFY(shown.endsWith("&scope=read+write"));
        QVERIFY(mentionsRedaction(shown));
    }

    void formBodyWithEveryField()
    {
        const QByteArray body
            = "grant_type=authorization_code&code=C0DE-abc&code_verifier=VER-xyz-123"
              "&client_id=app&client_secret=CS-456&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb";
        const QByteArray shown = Redaction::redactBody(body, "application/x-www-form-urlencoded", {});
        for (const QByteArray &secret :
             { QByteArray("C0DE-abc"), QByteArray("VER-xyz-123"), QByteArray("CS-456") })
            QVERIFY2(!shown.contains(secret), shown.constData());
        QVERIFY(shown.contains("grant_type=authorization_code"));
        QVERIFY(shown.contains("client_id=app"));
        QVERIFY(shown.contains("redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb"));
    }

    void jsonBody()
    {
        const HttpExchange x = tokenExchange();
        const QByteArray shown = Redaction::redactBody(x.responseBody, "application/json", {});
        for (const QByteArray &secret :
             { QByteArray("AT-eyJhbGciOiJSUzI1NiJ9"), QByteArray("RT-0123456789"), QByteArray("IDT-a.b.c") })
            QVERIFY2(!shown.contains(secret), shown.constData());
        QVERIFY(mentionsRedaction(shown));

        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(shown, &error);
        QVERIFY2(error.error == QJsonParseError::NoError,
                 qPrintable(error.errorString())); // still valid JSON
        const QJsonObject object = doc.object();
        QCOMPARE(object.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QCOMPARE(object.value(QStringLiteral("expires_in")).toInt(), 3600);
        QCOMPARE(object.value(QStringLiteral("scope")).toString(), QStringLiteral("read write"));
        QVERIFY(object.contains(QStringLiteral("access_token"))); // the name stays, the value goes
        QVERIFY(object.contains(QStringLiteral("refresh_token")));
        QVERIFY(object.contains(QStringLiteral("id_token")));
    }

    void jsonBodyWithEscapesAndWhitespace()
    {
        const QByteArray body
            = "{\n  \"access_token\" : \"tok\\\"with\\\\escapes-777\",\n  \"note\": \"keep me\"\n}";
        const QByteArray shown = Redaction::redactBody(body, "application/json; charset=utf-8", {});
        QVERIFY2(!shown.contains("escapes-777"), shown.constData());
        QVERIFY(shown.contains("keep me"));
        QVERIFY(!QJsonDocument::fromJson(shown).isNull());
    }

    void urlQuery_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("kept"); // a query item that must survive, "name=value"

        QTest::newRow("code in a callback")
            << QUrl(QStringLiteral("http://127.0.0.1:8080/callback?code=SplxlOBeZQQYbYS6&state=xyz-state"))
            << QStringLiteral("SplxlOBeZQQYbYS6") << QStringLiteral("state=xyz-state");
        QTest::newRow("access_token in a query")
            << QUrl(QStringLiteral("https://api.example.test/me?access_token=mF_9.B5f-4.1JqM&fields=name"))
            << QStringLiteral("mF_9.B5f-4.1JqM") << QStringLiteral("fields=name");
        QTest::newRow("client_secret in a query")
            << QUrl(QStringLiteral("https://auth.example.test/token?client_id=app&client_secret=qs-secret-1"))
            << QStringLiteral("qs-secret-1") << QStringLiteral("client_id=app");
        QTest::newRow("refresh_token percent-encoded")
            << QUrl(QStringLiteral("https://auth.example.test/t?refresh_token=a%2Bb%2Fc-long&x=1"))
            << QStringLiteral("a+b/c-long") << QStringLiteral("x=1");
    }

    void urlQuery()
    {
        QFETCH(QUrl, url);
        QFETCH(QString, secret);
        QFETCH(QString, kept);
        const QUrl original = url;
        const QUrl shown = Redaction::redactUrl(url, {});
        const QString full
            = shown.toString(QUrl::FullyDecoded) + QLatin1Char('\n') + QString::fromUtf8(shown.toEncoded());
        QVERIFY2(!full.contains(secret), qPrintable(full));
        QVERIFY2(full.contains(kept), qPrintable(full));
        QVERIFY2(full.contains(QStringLiteral("redacted"), Qt::CaseInsensitive), qPrintable(full));
        QCOMPARE(shown.host(), original.host());
        QCOMPARE(shown.path(), original.path());
        QCOMPARE(url, original);
    }

    void listedSecretsVanishEverywhere()
    {
        const QString secret = QStringLiteral("hunter2-EchoedSecret");
        HttpExchange x;
        x.method = "POST";
        x.url = QUrl(
            QStringLiteral("https://auth.example.test/t/hunter2-EchoedSecret/x?debug=hunter2-EchoedSecret"));
        x.requestHeaders = { { "X-Api-Key", secret.toUtf8() }, { "Content-Type", "text/plain" } };
        x.requestBody = "note: hunter2-EchoedSecret";
        x.status = 400;
        x.reason = "Bad Request";
        x.responseHeaders = { { "Content-Type", "text/html" }, { "X-Debug", "got hunter2-EchoedSecret" } };
        x.responseBody
            = "<html><body><p>Invalid client secret: <b>hunter2-EchoedSecret</b></p></body></html>";
        x.transportError = QStringLiteral("server said hunter2-EchoedSecret");
        x.secrets = { secret };

        const QByteArray shown = visibleText(Redaction::redacted(x));
        QVERIFY2(!shown.contains(secret.toUtf8()), shown.constData());
        QVERIFY(mentionsRedaction(shown));
        QVERIFY(shown.contains("<p>Invalid client secret: <b>")); // the page around it stays
    }

    void listedSecretsAreFoundInEncodedForms()
    {
        const QString secret = QStringLiteral("s3cr:et%+ &/=?#~");
        HttpExchange x;
        x.method = "POST";
        x.url = QUrl(QStringLiteral("https://auth.example.test/token"));
        x.requestHeaders = { { "Content-Type", "application/x-www-form-urlencoded" } };
        // the secret sent in a field that is not a secret field name, form-encoded
        x.requestBody = "grant_type=client_credentials&extra=s3cr%3Aet%25%2B+%26%2F%3D%3F%23%7E";
        x.secrets = { secret };
        const QByteArray shown = Redaction::redacted(x).requestBody;
        QVERIFY2(!shown.contains("s3cr%3Aet%25%2B+%26%2F%3D%3F%23%7E"), shown.constData());
        QVERIFY(shown.contains("grant_type=client_credentials"));
    }

    void wholeExchange()
    {
        const HttpExchange original = tokenExchange();
        const HttpExchange shown = Redaction::redacted(original);
        const QByteArray text = visibleText(shown);
        for (const QByteArray &secret :
             { QByteArray("Sup3rS3cretValue"), QByteArray("my-client:Sup3rS3cretValue").toBase64(),
               QByteArray("AT-eyJhbGciOiJSUzI1NiJ9"), QByteArray("RT-0123456789"), QByteArray("IDT-a.b.c") })
            QVERIFY2(!text.contains(secret), text.constData());
        // everything else intact
        QCOMPARE(shown.id, original.id);
        QCOMPARE(shown.method, original.method);
        QCOMPARE(shown.url, original.url);
        QCOMPARE(shown.status, original.status);
        QCOMPARE(shown.started, original.started);
        QCOMPARE(shown.durationMs, original.durationMs);
        QCOMPARE(shown.requestHeader("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
        QCOMPARE(shown.requestHeader("Accept"), QByteArray("application/json"));
        QCOMPARE(shown.responseHeader("Cache-Control"), QByteArray("no-store"));
        QCOMPARE(shown.requestHeaders.size(), original.requestHeaders.size());
        QVERIFY(shown.requestBody.contains("grant_type=client_credentials"));
        QVERIFY(shown.requestBody.contains("client_id=my-client"));
        QVERIFY(shown.requestBody.contains("scope=read+write"));
    }

    void redactingLeavesTheOriginalAlone()
    {
        const HttpExchange original = tokenExchange();
        HttpExchange copy = original;
        const HttpExchange shown = Redaction::redacted(copy);
        Q_UNUSED(shown);
        QCOMPARE(copy.requestHeaders, original.requestHeaders);
        QCOMPARE(copy.requestBody, original.requestBody);
        QCOMPARE(copy.responseBody, original.responseBody);
        QCOMPARE(copy.url, original.url);
        QCOMPARE(copy.secrets, original.secrets);
        QVERIFY(copy.requestBody.contains("Sup3rS3cretValue"));
    }

    void emptySecretsDoNotDestroyTheText()
    {
        HttpExchange x;
        x.method = "GET";
        x.url = QUrl(QStringLiteral("https://api.example.test/hello"));
        x.responseHeaders = { { "Content-Type", "text/plain" } };
        x.responseBody = "hello world";
        x.secrets = { QString() };
        const HttpExchange shown = Redaction::redacted(x);
        QCOMPARE(shown.responseBody, QByteArray("hello world"));
        QCOMPARE(shown.url, x.url);
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
