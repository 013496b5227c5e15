// Exports of recorded exchanges: a curl command a shell runs literally, HAR 1.2 a HAR viewer opens, and a
// curl -v style transcript safe to print on a terminal.
#include "ExchangeExport.h"
#include "Redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

namespace {

const QByteArray hostileBody = "note=it's $HOME and `id` and $(whoami)\nsecond line \\ \"quoted\" !event %s";

HttpExchange postExchange()
{
    HttpExchange x;
    x.id = 1;
    x.purpose = QStringLiteral("Token request (client credentials)");
    x.method = "POST";
    x.url = QUrl(QStringLiteral("https://auth.example.test/oauth2/token?tenant=contoso&x=a%20b"));
    x.requestHeaders = { { "Authorization", "Basic " + QByteArray("app:Cl1entS3cret").toBase64() },
                         { "Content-Type", "application/x-www-form-urlencoded" },
                         { "Accept", "application/json" },
                         { "X-Odd", "it's a $VALUE with `ticks`" } };
    x.requestBody = "grant_type=client_credentials&scope=read+write&client_secret=Cl1entS3cret";
    x.status = 200;
    x.reason = "OK";
    x.responseHeaders = { { "Content-Type", "application/json" }, { "Cache-Control", "no-store" } };
    x.responseBody = "{\"access_token\":\"AccessT0ken-123\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
    x.started = QDateTime(QDate(2024, 5, 1), QTime(12, 30, 15, 250), Qt::UTC);
    x.durationMs = 87;
    x.bytesSent = 300;
    x.bytesReceived = 200;
    x.secrets = { QStringLiteral("Cl1entS3cret") };
    return x;
}

HttpExchange failedExchange()
{
    HttpExchange x;
    x.id = 2;
    x.purpose = QStringLiteral("API request");
    x.method = "GET";
    x.url = QUrl(QStringLiteral("http://127.0.0.1:1/api/hello"));
    x.requestHeaders = { { "Authorization", "Bearer AccessT0ken-123" } };
    x.started = QDateTime(QDate(2024, 5, 1), QTime(12, 31, 0), Qt::UTC);
    x.durationMs = 3;
    x.transportError = QStringLiteral("Connection refused");
    return x;
}

// Runs the exported command in sh with curl replaced by a function that prints its arguments NUL-separated:
// what curl would have received, after the shell's quoting.
QList<QByteArray> curlArguments(const QString &command, QString *error)
{
    QProcess sh;
    sh.start(QStringLiteral("sh"),
             { QStringLiteral("-c"),
               QStringLiteral("curl() { for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }\n") + command });
    if (!sh.waitForFinished(10000) || sh.exitStatus() != QProcess::NormalExit || sh.exitCode() != 0) {
        *error = QStringLiteral("sh failed: ") + QString::fromLocal8Bit(sh.readAllStandardError());
        return {};
    }
    QByteArray out = sh.readAllStandardOutput();
    if (out.endsWith('\0'))
        out.chop(1);
    return out.split('\0');
}

// The value following one of the given options, or empty.
QList<QByteArray> optionValues(const QList<QByteArray> &args, const QList<QByteArray> &options)
{
    QList<QByteArray> values;
    for (qsizetype i = 0; i + 1 < args.size(); ++i) {
        if (options.contains(args.at(i)))
            values << args.at(i + 1);
    }
    return values;
}

bool hasTerminalControls(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7f || (u >= 0x80 && u <= 0x9f))
            return true;
    }
    return false;
}

QJsonArray headerArray(const HttpHeaders &headers)
{
    QJsonArray array;
    for (const HttpHeader &h : headers)
        array.append(QJsonObject { { QStringLiteral("name"), QString::fromUtf8(h.first) },
                                   { QStringLiteral("value"), QString::fromUtf8(h.second) } });
    return array;
}

} // namespace

class TestExchangeExport final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void curlCommandRunsLiterally()
    {
        HttpExchange x = postExchange();
        x.requestBody = hostileBody;
        const QString command = ExchangeExport::toCurl(x);
        QVERIFY2(command.trimmed().startsWith(QStringLiteral("curl")), qPrintable(command));

        QString error;
        const QList<QByteArray> args = curlArguments(command, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error + QLatin1Char('\n') + command));

        // method: explicit, or implied by a body (curl sends POST with --data*)
        const QList<QByteArray> methods = optionValues(args, { "-X", "--request" });
        QVERIFY2(methods.isEmpty() || methods == QList<QByteArray> { "POST" }, qPrintable(command));

        QVERIFY2(args.contains(x.url.toEncoded()), qPrintable(command));

        const QList<QByteArray> headers = optionValues(args, { "-H", "--header" });
        for (const HttpHeader &h : x.requestHeaders)
            QVERIFY2(headers.contains(h.first + ": " + h.second), qPrintable(command));

        const QList<QByteArray> data = optionValues(args, { "--data-binary", "--data-raw" });
        QCOMPARE(data, QList<QByteArray> { hostileBody });
    }

    void curlCommandForAMethodWithoutBody()
    {
        HttpExchange x = failedExchange();
        x.method = "DELETE";
        const QString command = ExchangeExport::toCurl(x);
        QString error;
        const QList<QByteArray> args = curlArguments(command, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(optionValues(args, { "-X", "--request" }), QList<QByteArray> { "DELETE" });
        QVERIFY(optionValues(args, { "--data-binary", "--data-raw", "-d", "--data" }).isEmpty());
        QVERIFY(args.contains(x.url.toEncoded()));
    }

    void curlQuotesEveryShellMetacharacter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("single quote") << QByteArray("it's");
        QTest::newRow("dollar") << QByteArray("$HOME ${PATH} $1");
        QTest::newRow("backtick") << QByteArray("`id`");
        QTest::newRow("command substitution") << QByteArray("$(echo pwned)");
        QTest::newRow("newline") << QByteArray("line1\nline2\n");
        QTest::newRow("backslash and quotes") << QByteArray("\\ \\\\ \" ' \\'");
        QTest::newRow("separators") << QByteArray("a; true && false | cat > /dev/null & wait");
        QTest::newRow("globs and history") << QByteArray("* ? [a] ~ !! #comment");
        QTest::newRow("utf-8") << QByteArray("caf\xc3\xa9 \xe2\x82\xac");
    }

    void curlQuotesEveryShellMetacharacter()
    {
        QFETCH(QByteArray, value);
        HttpExchange x = postExchange();
        x.requestBody = value;
        QString error;
        const QList<QByteArray> args = curlArguments(ExchangeExport::toCurl(x), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(optionValues(args, { "--data-binary", "--data-raw" }), QList<QByteArray> { value });
    }

    void curlOfARedactedExchangeHoldsNoSecret()
    {
        const QString command = ExchangeExport::toCurl(Redaction::redacted(postExchange()));
        QVERIFY(!command.contains(QStringLiteral("Cl1entS3cret")));
        QVERIFY(!command.contains(QString::fromLatin1(QByteArray("app:Cl1entS3cret").toBase64())));
        QVERIFY(command.contains(QStringLiteral("auth.example.test")));
    }

    void har()
    {
        const HttpExchange full = postExchange();
        const HttpExchange failed = failedExchange();
        const QByteArray har = ExchangeExport::toHar({ full, failed }, QStringLiteral("9.8.7"));

        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(har, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        const QJsonObject log = doc.object().value(QStringLiteral("log")).toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        const QJsonObject creator = log.value(QStringLiteral("creator")).toObject();
        QVERIFY(!creator.value(QStringLiteral("name")).toString().isEmpty());
        QCOMPARE(creator.value(QStringLiteral("version")).toString(), QStringLiteral("9.8.7"));

        const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 2);

        const QJsonObject entry = entries.at(0).toObject();
        const QDateTime started = QDateTime::fromString(
            entry.value(QStringLiteral("startedDateTime")).toString(), Qt::ISODateWithMs);
        QVERIFY2(started.isValid(), qPrintable(entry.value(QStringLiteral("startedDateTime")).toString()));
        QCOMPARE(started.toUTC(), full.started);
        QVERIFY(entry.value(QStringLiteral("time")).isDouble());
        QCOMPARE(entry.value(QStringLiteral("time")).toDouble(), 87.0);
        QVERIFY(entry.value(QStringLiteral("cache")).isObject());

        const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
        QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(QUrl(request.value(QStringLiteral("url")).toString()), full.url);
        QVERIFY(!request.value(QStringLiteral("httpVersion")).toString().isEmpty());
        const QJsonArray requestHeaders = request.value(QStringLiteral("headers")).toArray();
        for (const QJsonValue &h : headerArray(full.requestHeaders))
            QVERIFY2(requestHeaders.contains(h),
                     qPrintable(h.toObject().value(QStringLiteral("name")).toString()));
        const QJsonArray query = request.value(QStringLiteral("queryString")).toArray();
        QVERIFY(query.contains(QJsonObject { { QStringLiteral("name"), QStringLiteral("tenant") },
                                             { QStringLiteral("value"), QStringLiteral("contoso") } }));
        QCOMPARE(query.size(), 2);
        const QJsonObject postData = request.value(QStringLiteral("postData")).toObject();
        QCOMPARE(postData.value(QStringLiteral("mimeType")).toString(),
                 QStringLiteral("application/x-www-form-urlencoded"));
        QCOMPARE(postData.value(QStringLiteral("text")).toString(), QString::fromUtf8(full.requestBody));
        QVERIFY(request.value(QStringLiteral("headersSize")).isDouble());
        QCOMPARE(request.value(QStringLiteral("bodySize")).toDouble(), double(full.requestBody.size()));

        const QJsonObject response = entry.value(QStringLiteral("response")).toObject();
        QCOMPARE(response.value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(response.value(QStringLiteral("statusText")).toString(), QStringLiteral("OK"));
        QVERIFY(!response.value(QStringLiteral("httpVersion")).toString().isEmpty());
        const QJsonArray responseHeaders = response.value(QStringLiteral("headers")).toArray();
        for (const QJsonValue &h : headerArray(full.responseHeaders))
            QVERIFY(responseHeaders.contains(h));
        const QJsonObject content = response.value(QStringLiteral("content")).toObject();
        QCOMPARE(content.value(QStringLiteral("size")).toDouble(), double(full.responseBody.size()));
        QCOMPARE(content.value(QStringLiteral("mimeType")).toString(), QStringLiteral("application/json"));
        QCOMPARE(content.value(QStringLiteral("text")).toString(), QString::fromUtf8(full.responseBody));
        QVERIFY(response.value(QStringLiteral("redirectURL")).isString());
        QVERIFY(response.value(QStringLiteral("headersSize")).isDouble());
        QVERIFY(response.value(QStringLiteral("bodySize")).isDouble());

        for (const QJsonValue &e : entries) {
            const QJsonObject timings = e.toObject().value(QStringLiteral("timings")).toObject();
            for (const char *phase : { "send", "wait", "receive" }) {
                const QJsonValue v = timings.value(QString::fromLatin1(phase));
                QVERIFY2(v.isDouble() && v.toDouble() >= 0, phase);
            }
        }
    }

    void harOfAFailedExchangeIsStillAValidEntry()
    {
        const QByteArray har = ExchangeExport::toHar({ failedExchange() }, QStringLiteral("1.0"));
        const QJsonObject entry = QJsonDocument::fromJson(har)
                                      .object()
                                      .value(QStringLiteral("log"))
                                      .toObject()
                                      .value(QStringLiteral("entries"))
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QVERIFY(!entry.isEmpty());
        QVERIFY(QDateTime::fromString(entry.value(QStringLiteral("startedDateTime")).toString(),
                                      Qt::ISODateWithMs)
                    .isValid());
        QVERIFY(entry.value(QStringLiteral("time")).toDouble() >= 0);
        const QJsonObject request = entry.value(QStringLiteral("request")).toObject();
        QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
        QVERIFY(request.value(QStringLiteral("queryString")).isArray());
        QVERIFY(request.value(QStringLiteral("headers")).isArray());
        const QJsonObject response = entry.value(QStringLiteral("response")).toObject();
        QVERIFY(response.value(QStringLiteral("status")).isDouble());
        QCOMPARE(response.value(QStringLiteral("status")).toInt(), 0);
        QVERIFY(response.value(QStringLiteral("headers")).isArray());
        QVERIFY(response.value(QStringLiteral("content")).isObject());
        QVERIFY(
            response.value(QStringLiteral("content")).toObject().value(QStringLiteral("size")).isDouble());
        QVERIFY(response.value(QStringLiteral("content"))
                    .toObject()
                    .value(QStringLiteral("mimeType"))
                    .isString());
        QVERIFY(response.value(QStringLiteral("redirectURL")).isString());
        const QJsonObject timings = entry.value(QStringLiteral("timings")).toObject();
        for (const char *phase : { "send", "wait", "receive" })
            QVERIFY2(timings.value(QString::fromLatin1(phase)).toDouble(-1) >= 0, phase);
    }

    void harOfNothingIsAnEmptyLog()
    {
        const QJsonObject log = QJsonDocument::fromJson(ExchangeExport::toHar({}, QStringLiteral("1.0")))
                                    .object()
                                    .value(QStringLiteral("log"))
                                    .toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        QVERIFY(log.value(QStringLiteral("entries")).isArray());
        QCOMPARE(log.value(QStringLiteral("entries")).toArray().size(), 0);
    }

    void verboseText()
    {
        HttpExchange x = postExchange();
        x.responseHeaders.append(HttpHeader("X-Evil", "\x1b]0;owned\x07"));
        x.responseBody = "\x1b[31mred\x1b[0m alert\x07 done \xc2\x9b"
                         "2J";
        const QString text = ExchangeExport::toVerboseText(x);
        const QStringList lines = text.split(QLatin1Char('\n'));

        QStringList requestLines;
        QStringList responseLines;
        for (const QString &line : lines) {
            if (line.startsWith(QStringLiteral("> ")))
                requestLines << line.mid(2);
            else if (line.startsWith(QStringLiteral("< ")))
                responseLines << line.mid(2);
        }
        QVERIFY2(!requestLines.isEmpty() && requestLines.constFirst().startsWith(QStringLiteral("POST ")),
                 qPrintable(text));
        QVERIFY(requestLines.constFirst().contains(QStringLiteral("/oauth2/token")));
        QVERIFY(requestLines.contains(QStringLiteral("Content-Type: application/x-www-form-urlencoded")));
        QVERIFY(requestLines.contains(QStringLiteral("Accept: application/json")));
        QVERIFY2(!responseLines.isEmpty() && responseLines.constFirst().contains(QStringLiteral("200")),
                 qPrintable(text));
        QVERIFY(responseLines.contains(QStringLiteral("Cache-Control: no-store")));
        QVERIFY(text.contains(QStringLiteral("red")));
        QVERIFY(text.contains(QStringLiteral("alert")));

        QVERIFY2(!text.contains(QChar(0x1b)), qPrintable(text));
        QVERIFY2(!hasTerminalControls(text), qPrintable(text));
    }

    void verboseTextOfAFailedExchangeSaysWhy()
    {
        const QString text = ExchangeExport::toVerboseText(failedExchange());
        QVERIFY(text.contains(QStringLiteral("> GET ")));
        QVERIFY(text.contains(QStringLiteral("Connection refused")));
    }
};

QTEST_GUILESS_MAIN(TestExchangeExport)
#include "tst_exchange_export.moc"
