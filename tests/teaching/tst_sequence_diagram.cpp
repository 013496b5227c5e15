#include "HttpExchange.h"
#include "Profile.h"
#include "SequenceDiagram.h"
#include "SequenceDiagramLabels.h"
#include "SequenceDiagramLayout.h"
#include "SequenceDiagramRoles.h"
#include "SequenceDiagramSvg.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {
const QString Origin = QStringLiteral("http://127.0.0.1:4711");
const QString ClientSecret = QStringLiteral("s3cr3t-client-secret");
const QString AccessToken = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl");
const QString RefreshToken = QStringLiteral("refresh-0123456789abcdef");
const QString IdToken = QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.aWQtdG9rZW4tc2ln");
const QString Code = QStringLiteral("authz-code-XYZ987654321");
const QString Verifier = QStringLiteral("verifier-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");

QUrl url(const QString &path)
{
    return QUrl(Origin + path);
}

Profile sandboxProfile()
{
    Profile profile;
    profile.tokenUrl = url(QStringLiteral("/token"));
    profile.endpoints.issuer = QUrl(Origin);
    profile.endpoints.authorization = url(QStringLiteral("/authorize"));
    profile.endpoints.jwks = url(QStringLiteral("/jwks"));
    profile.endpoints.introspection = url(QStringLiteral("/introspect"));
    profile.endpoints.userinfo = url(QStringLiteral("/userinfo"));
    return profile;
}

HttpExchange exchange(int id, const QByteArray &method, const QUrl &target, int status,
                      const QByteArray &reason, const QByteArray &responseBody)
{
    HttpExchange ex;
    ex.id = id;
    ex.method = method;
    ex.url = target;
    ex.status = status;
    ex.reason = reason;
    ex.responseBody = responseBody;
    if (!responseBody.isEmpty())
        ex.responseHeaders.append(HttpHeader("Content-Type", "application/json"));
    return ex;
}

HttpExchange formPost(int id, const QUrl &target, const QByteArray &body, int status,
                      const QByteArray &reason, const QByteArray &responseBody)
{
    HttpExchange ex = exchange(id, "POST", target, status, reason, responseBody);
    ex.requestHeaders.append(HttpHeader("Content-Type", "application/x-www-form-urlencoded"));
    ex.requestBody = body;
    return ex;
}

QByteArray tokenResponse()
{
    return "{\"access_token\":\"" + AccessToken.toUtf8()
        + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
          "\"refresh_token\":\""
        + RefreshToken.toUtf8() + "\",\"id_token\":\"" + IdToken.toUtf8() + "\"}";
}

struct Expected
{
    SequenceParticipant from;
    SequenceParticipant to;
    SequenceDiagramArrow::Kind kind;
    QString label;
    bool ok;
    int exchangeId;
};

void compareArrows(const QList<SequenceDiagramArrow> &actual, const QList<Expected> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (int i = 0; i < actual.size(); ++i) {
        const SequenceDiagramArrow &arrow = actual.at(i);
        const Expected &want = expected.at(i);
        const QByteArray where = "arrow " + QByteArray::number(i + 1) + ": " + arrow.label.toUtf8();
        QVERIFY2(arrow.from == want.from, where.constData());
        QVERIFY2(arrow.to == want.to, where.constData());
        QVERIFY2(arrow.kind == want.kind, where.constData());
        QCOMPARE(arrow.label, want.label);
        QVERIFY2(arrow.ok == want.ok, where.constData());
        QCOMPARE(arrow.exchangeId, want.exchangeId);
    }
}

// Every element of the SVG, by name, with its attributes and text; fails the test on a parse error.
struct SvgSummary
{
    bool valid = false;
    QString error;
    QString rootName;
    QString rootNamespace;
    QString version;
    QString width;
    QString height;
    int arrowGroups = 0;
    int failedGroups = 0;
    int linesInArrows = 0;
    int headsInArrows = 0;
    QStringList texts;
};

SvgSummary parseSvg(const QByteArray &svg)
{
    SvgSummary summary;
    QXmlStreamReader xml(svg);
    int arrowDepth = -1;
    int depth = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            ++depth;
            const QString name = xml.name().toString();
            if (depth == 1) {
                summary.rootName = name;
                summary.rootNamespace = xml.namespaceUri().toString();
                summary.version = xml.attributes().value(QLatin1String("version")).toString();
                summary.width = xml.attributes().value(QLatin1String("width")).toString();
                summary.height = xml.attributes().value(QLatin1String("height")).toString();
            }
            const QStringList classes
                = xml.attributes().value(QLatin1String("class")).toString().split(QLatin1Char(' '));
            if (name == QLatin1String("g") && classes.contains(QLatin1String("arrow"))) {
                ++summary.arrowGroups;
                if (classes.contains(QLatin1String("failed")))
                    ++summary.failedGroups;
                arrowDepth = depth;
            } else if (arrowDepth > 0
                       && (name == QLatin1String("line") || name == QLatin1String("polyline"))) {
                ++summary.linesInArrows;
            } else if (arrowDepth > 0 && name == QLatin1String("polygon")) {
                ++summary.headsInArrows;
            } else if (name == QLatin1String("text")) {
                summary.texts.append(xml.readElementText());
                --depth; // readElementText consumed the end element
            }
        } else if (xml.isEndElement()) {
            if (depth == arrowDepth)
                arrowDepth = -1;
            --depth;
        }
    }
    summary.valid = !xml.hasError();
    summary.error = xml.errorString();
    return summary;
}

void verifyNoSecrets(const QString &text)
{
    for (const QString &secret : { ClientSecret, AccessToken, RefreshToken, IdToken, Code, Verifier }) {
        QVERIFY2(!text.contains(secret), qPrintable(QStringLiteral("secret leaked into: ") + text));
        QVERIFY2(!text.contains(secret.left(12)), qPrintable(QStringLiteral("secret prefix in: ") + text));
    }
}

using P = SequenceParticipant;
using K = SequenceDiagramArrow::Kind;
} // namespace

class TestSequenceDiagram final : public QObject
{
    Q_OBJECT

private:
    // The client credentials grant followed by an API call.
    static void buildClientCredentialsRun(SequenceDiagram &diagram)
    {
        const SequenceDiagramRoles roles = SequenceDiagramRoles::fromProfile(sandboxProfile());
        HttpExchange token = formPost(1, url(QStringLiteral("/token")),
                                      "grant_type=client_credentials&scope=read+write", 200, "OK",
                                      "{\"access_token\":\"" + AccessToken.toUtf8()
                                          + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        token.requestHeaders.append(
            HttpHeader("Authorization", "Basic " + QByteArray("demo:" + ClientSecret.toUtf8()).toBase64()));
        token.secrets = { ClientSecret };
        diagram.appendExchange(token, roles);

        HttpExchange api
            = exchange(2, "GET", url(QStringLiteral("/api/hello")), 200, "OK", "{\"hello\":\"alice\"}");
        api.requestHeaders.append(HttpHeader("Authorization", "Bearer " + AccessToken.toUtf8()));
        api.secrets = { AccessToken };
        diagram.appendExchange(api, roles);
    }

    // Authorization code with PKCE: the browser's part (front channel), then the client's exchanges.
    static void buildPkceRun(SequenceDiagram &diagram)
    {
        const SequenceDiagramRoles roles = SequenceDiagramRoles::fromProfile(sandboxProfile());
        QUrl authorize = url(QStringLiteral("/authorize"));
        authorize.setQuery(QStringLiteral("response_type=code&client_id=demo&state=st4te&code_challenge=abc&"
                                          "code_challenge_method=S256"));
        QUrl callback(QStringLiteral("http://127.0.0.1:5000/callback"));
        callback.setQuery(QStringLiteral("code=") + Code + QStringLiteral("&state=st4te"));

        diagram.append({ P::Client,
                         P::UserAgent,
                         K::FrontChannel,
                         QStringLiteral("open ") + SequenceDiagramLabels::urlSummary(authorize),
                         true,
                         -1,
                         {} });
        diagram.append({ P::UserAgent, P::AuthorizationServer, K::FrontChannel,
                         QStringLiteral("GET ") + SequenceDiagramLabels::urlSummary(authorize), true, -1,
                         QStringLiteral("the user signs in and consents") });
        diagram.append({ P::AuthorizationServer,
                         P::UserAgent,
                         K::FrontChannel,
                         SequenceDiagramLabels::redirect(callback),
                         true,
                         -1,
                         {} });
        diagram.append({ P::UserAgent,
                         P::Client,
                         K::FrontChannel,
                         QStringLiteral("GET ") + SequenceDiagramLabels::urlSummary(callback),
                         true,
                         -1,
                         {} });
        diagram.append({ P::Client, P::Client, K::Request, QStringLiteral("check state"), true, -1, {} });

        HttpExchange token
            = formPost(7, url(QStringLiteral("/token")),
                       "grant_type=authorization_code&code=" + Code.toUtf8()
                           + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback&code_verifier="
                           + Verifier.toUtf8() + "&client_id=demo",
                       200, "OK", tokenResponse());
        token.secrets = { Verifier };
        diagram.appendExchange(token, roles);
        diagram.appendExchange(exchange(8, "GET", url(QStringLiteral("/jwks")), 200, "OK",
                                        "{\"keys\":[{\"kty\":\"RSA\"},{\"kty\":\"EC\"}]}"),
                               roles);
        HttpExchange refresh
            = formPost(9, url(QStringLiteral("/token")),
                       "grant_type=refresh_token&refresh_token=" + RefreshToken.toUtf8(), 400, "Bad Request",
                       "{\"error\":\"invalid_grant\",\"error_description\":\"reused\"}");
        diagram.appendExchange(refresh, roles);
    }

private Q_SLOTS:
    void clientCredentialsRun()
    {
        SequenceDiagram diagram;
        QSignalSpy appended(&diagram, &SequenceDiagram::arrowAppended);
        buildClientCredentialsRun(diagram);
        compareArrows(diagram.arrows(),
                      {
                          { P::Client, P::AuthorizationServer, K::Request,
                            QStringLiteral("POST /token (grant_type=client_credentials)"), true, 1 },
                          { P::AuthorizationServer, P::Client, K::Response,
                            QStringLiteral("200 OK access_token"), true, 1 },
                          { P::Client, P::ResourceServer, K::Request,
                            QStringLiteral("GET /api/hello (Bearer)"), true, 2 },
                          { P::ResourceServer, P::Client, K::Response, QStringLiteral("200 OK"), true, 2 },
                      });
        QCOMPARE(appended.size(), 4);
        QCOMPARE(appended.at(3).at(0).toInt(), 3);
        QCOMPARE(diagram.indexOfExchange(2), 2);
        QCOMPARE(diagram.indexOfExchange(99), -1);
        QCOMPARE(diagram.indexOfExchange(-1), -1);
    }

    void pkceRun()
    {
        SequenceDiagram diagram;
        buildPkceRun(diagram);
        compareArrows(
            diagram.arrows(),
            {
                { P::Client, P::UserAgent, K::FrontChannel,
                  QStringLiteral("open /authorize?response_type=code&client_id&state&code…"), true, -1 },
                { P::UserAgent, P::AuthorizationServer, K::FrontChannel,
                  QStringLiteral("GET /authorize?response_type=code&client_id&state&code…"), true, -1 },
                { P::AuthorizationServer, P::UserAgent, K::FrontChannel,
                  QStringLiteral("302 \u2192 /callback?code&state"), true, -1 },
                { P::UserAgent, P::Client, K::FrontChannel, QStringLiteral("GET /callback?code&state"), true,
                  -1 },
                { P::Client, P::Client, K::Request, QStringLiteral("check state"), true, -1 },
                { P::Client, P::AuthorizationServer, K::Request,
                  QStringLiteral("POST /token (grant_type=authorization_code)"), true, 7 },
                { P::AuthorizationServer, P::Client, K::Response,
                  QStringLiteral("200 OK access_token, id_token, refresh_token"), true, 7 },
                { P::Client, P::AuthorizationServer, K::Request, QStringLiteral("GET /jwks"), true, 8 },
                { P::AuthorizationServer, P::Client, K::Response, QStringLiteral("200 OK keys (2)"), true,
                  8 },
                { P::Client, P::AuthorizationServer, K::Request,
                  QStringLiteral("POST /token (grant_type=refresh_token)"), true, 9 },
                { P::AuthorizationServer, P::Client, K::Response, QStringLiteral("400 invalid_grant"), false,
                  9 },
            });
        QCOMPARE(diagram.arrows().at(1).note, QStringLiteral("the user signs in and consents"));
    }

    void failuresAreRed()
    {
        SequenceDiagram diagram;
        HttpExchange refused = exchange(3, "POST", url(QStringLiteral("/token")), 0, {}, {});
        refused.transportError = QStringLiteral("Connection refused");
        diagram.appendExchange(refused, SequenceDiagramRoles::fromProfile(sandboxProfile()));
        QCOMPARE(diagram.count(), 2);
        QVERIFY(!diagram.arrows().at(0).ok);
        QVERIFY(!diagram.arrows().at(1).ok);
        QCOMPARE(diagram.arrows().at(1).label, QStringLiteral("\u2715 Connection refused"));

        HttpExchange unauthorized
            = exchange(4, "GET", url(QStringLiteral("/api/hello")), 401, "Unauthorized", {});
        diagram.appendExchange(unauthorized, SequenceDiagramRoles::fromProfile(sandboxProfile()));
        QVERIFY(diagram.arrows().at(2).ok);
        QVERIFY(!diagram.arrows().at(3).ok);
        QCOMPARE(diagram.arrows().at(3).label, QStringLiteral("401 Unauthorized"));
    }

    void roles_data()
    {
        QTest::addColumn<QUrl>("target");
        QTest::addColumn<bool>("authorizationServer");
        QTest::newRow("token") << url(QStringLiteral("/token")) << true;
        QTest::newRow("token, trailing slash") << url(QStringLiteral("/token/")) << true;
        QTest::newRow("host case") << QUrl(QStringLiteral("http://LOCALHOST:4711/x")) << false;
        QTest::newRow("jwks with query") << url(QStringLiteral("/jwks?x=1")) << true;
        QTest::newRow("userinfo (served by the OP)") << url(QStringLiteral("/userinfo")) << true;
        QTest::newRow("introspection") << url(QStringLiteral("/introspect")) << true;
        QTest::newRow("discovery") << url(QStringLiteral("/.well-known/openid-configuration")) << true;
        QTest::newRow("RFC 8414 path insertion")
            << QUrl(QStringLiteral("https://as.example/.well-known/oauth-authorization-server/tenant"))
            << true;
        QTest::newRow("API on the same origin") << url(QStringLiteral("/api/hello")) << false;
        QTest::newRow("other port") << QUrl(QStringLiteral("http://127.0.0.1:4712/token")) << false;
        QTest::newRow("other host") << QUrl(QStringLiteral("https://api.example/v1/things")) << false;
    }

    void roles()
    {
        QFETCH(QUrl, target);
        QFETCH(bool, authorizationServer);
        const SequenceDiagramRoles roles = SequenceDiagramRoles::fromProfile(sandboxProfile());
        QCOMPARE(roles.serverFor(target) == SequenceParticipant::AuthorizationServer, authorizationServer);
    }

    void labelsCarryNoSecrets()
    {
        SequenceDiagram diagram;
        buildClientCredentialsRun(diagram);
        buildPkceRun(diagram);
        // A server echoing a secret in a path or an error code must not get it onto the diagram either.
        HttpExchange echo = exchange(10, "GET", url(QStringLiteral("/api/") + AccessToken), 400,
                                     "Bad Request", "{\"error\":\"" + RefreshToken.toUtf8() + "\"}");
        echo.secrets = { AccessToken, RefreshToken };
        diagram.appendExchange(echo, SequenceDiagramRoles::fromProfile(sandboxProfile()));
        HttpExchange introspect = formPost(11, url(QStringLiteral("/introspect")),
                                           "token=" + AccessToken.toUtf8() + "&token_type_hint=access_token",
                                           200, "OK", "{\"active\":true}");
        diagram.appendExchange(introspect, SequenceDiagramRoles::fromProfile(sandboxProfile()));
        QCOMPARE(diagram.arrows().at(diagram.count() - 2).label,
                 QStringLiteral("POST /introspect (token, token_type_hint=access_token)"));
        QCOMPARE(diagram.arrows().last().label, QStringLiteral("200 OK active=true"));
        for (const SequenceDiagramArrow &arrow : diagram.arrows()) {
            verifyNoSecrets(arrow.label);
            verifyNoSecrets(arrow.note);
        }
        verifyNoSecrets(QString::fromUtf8(SequenceDiagramSvg::toSvg(diagram.arrows())));
    }

    void labelsAreSanitizedAndShort()
    {
        SequenceDiagram diagram;
        diagram.append({ P::Client, P::AuthorizationServer, K::Request,
                         QStringLiteral("evil\x1b[31m red\u202e txt\nnext ") + QString(200, QLatin1Char('x')),
                         true, -7, QStringLiteral("note\r\nline") });
        const SequenceDiagramArrow &arrow = diagram.arrows().first();
        QVERIFY(!arrow.label.contains(QChar(0x1b)));
        QVERIFY(!arrow.label.contains(QChar(0x202e)));
        QVERIFY(!arrow.label.contains(QLatin1Char('\n')));
        QVERIFY2(arrow.label.size() <= SequenceDiagram::MaxLabelLength, qPrintable(arrow.label));
        QVERIFY(arrow.label.endsWith(QChar(0x2026)));
        QVERIFY(!arrow.note.contains(QLatin1Char('\n')));
        QCOMPARE(arrow.exchangeId, -1);
    }

    void clearEmits()
    {
        SequenceDiagram diagram;
        QSignalSpy cleared(&diagram, &SequenceDiagram::cleared);
        diagram.clear();
        QCOMPARE(cleared.size(), 0); // nothing to clear
        buildClientCredentialsRun(diagram);
        diagram.clear();
        QCOMPARE(cleared.size(), 1);
        QVERIFY(diagram.isEmpty());
    }

    void svgIsValidAndComplete()
    {
        SequenceDiagram diagram;
        buildPkceRun(diagram);
        const QByteArray svg = SequenceDiagramSvg::toSvg(diagram.arrows(), QStringLiteral("PKCE run"));
        const SvgSummary summary = parseSvg(svg);
        QVERIFY2(summary.valid, qPrintable(summary.error));
        QCOMPARE(summary.rootName, QStringLiteral("svg"));
        QCOMPARE(summary.rootNamespace, QStringLiteral("http://www.w3.org/2000/svg"));
        QCOMPARE(summary.version, QStringLiteral("1.1"));
        QCOMPARE(summary.arrowGroups, diagram.count());
        QCOMPARE(summary.linesInArrows, diagram.count());
        QCOMPARE(summary.headsInArrows, diagram.count());
        QCOMPARE(summary.failedGroups, 1);
        const SequenceDiagramLayout layout(diagram.arrows());
        QCOMPARE(summary.width.toDouble(), layout.size().width());
        QCOMPARE(summary.height.toDouble(), layout.size().height());
        for (const SequenceParticipant participant : SequenceParticipants::all())
            QCOMPARE(summary.texts.count(SequenceParticipants::displayName(participant)),
                     2); // top and bottom
        for (const SequenceDiagramArrow &arrow : diagram.arrows())
            QVERIFY2(summary.texts.contains(arrow.label), qPrintable(arrow.label));
        for (int step = 1; step <= diagram.count(); ++step)
            QVERIFY(summary.texts.contains(QString::number(step)));
        QVERIFY(summary.texts.contains(QStringLiteral("the user signs in and consents")));
        QVERIFY(svg.contains("<title>PKCE run</title>"));
        QVERIFY(svg.contains("stroke-dasharray")); // responses are dashed
    }

    void svgEscapesHostileText()
    {
        // Straight to the writer, bypassing the model's sanitizing: the writer must hold on its own.
        const QString hostile = QStringLiteral("<script>alert(1)</script> & \"q\" 'a' \x01\x1b]0;x\x07 ]]>");
        const QList<SequenceDiagramArrow> arrows {
            { P::Client, P::ResourceServer, K::Request, hostile, false, 3, hostile },
        };
        const QByteArray svg = SequenceDiagramSvg::toSvg(arrows, hostile);
        QVERIFY(!svg.contains("<script"));
        QVERIFY(svg.contains("&lt;script&gt;"));
        QVERIFY(!svg.contains('\x01'));
        QVERIFY(!svg.contains('\x1b'));
        QVERIFY(!svg.contains('\x07'));
        const SvgSummary summary = parseSvg(svg);
        QVERIFY2(summary.valid, qPrintable(summary.error));
        QVERIFY(summary.texts.contains(QStringLiteral("<script>alert(1)</script> & \"q\" 'a' ]0;x ]]>")));
    }

    void svgSizeGrowsWithArrows()
    {
        QList<SequenceDiagramArrow> arrows;
        double lastHeight = SequenceDiagramLayout(arrows).size().height();
        for (int i = 0; i < 5; ++i) {
            arrows.append(
                { P::Client, P::AuthorizationServer, K::Request, QStringLiteral("GET /x"), true, i, {} });
            const double height = SequenceDiagramLayout(arrows).size().height();
            QVERIFY(height > lastHeight);
            lastHeight = height;
        }
        const double narrow = SequenceDiagramLayout(arrows).size().width();
        arrows.append(
            { P::Client, P::AuthorizationServer, K::Request, QString(70, QLatin1Char('w')), true, 9, {} });
        QVERIFY(SequenceDiagramLayout(arrows).size().width() > narrow);
    }

    void layoutPlacesArrowsBetweenLifelines()
    {
        SequenceDiagram diagram;
        buildPkceRun(diagram);
        const SequenceDiagramLayout layout(diagram.arrows());
        QCOMPARE(layout.lifelines().size(), 4);
        for (int i = 0; i + 1 < layout.lifelines().size(); ++i)
            QVERIFY(layout.lifelines().at(i).topBox.right() < layout.lifelines().at(i + 1).topBox.left());
        double previousY = 0;
        for (const SequenceDiagramLayout::Arrow &arrow : layout.arrows()) {
            const SequenceDiagramArrow &source = diagram.arrows().at(arrow.index);
            const double fromX = layout.lifelines().at(SequenceParticipants::all().indexOf(source.from)).x;
            QCOMPARE(arrow.line.first().x(), fromX);
            QCOMPARE(arrow.head.first().x(),
                     layout.lifelines().at(SequenceParticipants::all().indexOf(source.to)).x);
            QVERIFY(arrow.line.first().y() > previousY); // in order, top to bottom
            previousY = arrow.line.first().y();
            QVERIFY(arrow.labelRect.width() >= SequenceDiagramLayout::textWidth(arrow.label));
            QCOMPARE(layout.arrowAt(arrow.line.first() + QPointF(arrow.line.size() > 2 ? 10 : 0, 0)),
                     arrow.index);
        }
        QCOMPARE(layout.arrowAt(QPointF(-5, -5)), -1);
    }

    void saveWritesAndReportsFailure()
    {
        SequenceDiagram diagram;
        buildClientCredentialsRun(diagram);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("run.svg"));
        QString error;
        QVERIFY2(SequenceDiagramSvg::save(diagram.arrows(), path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), SequenceDiagramSvg::toSvg(diagram.arrows()));

        const QString impossible = dir.filePath(QStringLiteral("missing/folder/run.svg"));
        QVERIFY(!SequenceDiagramSvg::save(diagram.arrows(), impossible, &error));
        QVERIFY2(error.contains(QStringLiteral("run.svg")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSequenceDiagram)
#include "tst_sequence_diagram.moc"
