// The step-through session drives the real engine one exchange at a time: against a fake server (the gate
// really pauses; errors end the run with a red step) and against the in-process sandbox (a whole client
// credentials run and a whole PKCE run through its refresh, the test playing the browser), with Back and
// Restart; the checks a refreshed ID token must pass (OIDC Core §12.2).
#include "FakeHttpServer.h"
#include "SandboxClients.h"
#include "SandboxServer.h"
#include "SequenceDiagram.h"
#include "TeachingChecks.h"
#include "TeachingSession.h"
#include "WireLog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

namespace {
using Outcome = TeachingCheck::Outcome;
using State = TeachingStep::State;

QStringList idsOf(const TeachingSession &session)
{
    QStringList ids;
    for (int i = 0; i < session.count(); ++i)
        ids << session.step(i).id;
    return ids;
}

bool hasCheck(const TeachingStep &step, Outcome outcome, const QString &fragment)
{
    for (const TeachingCheck &check : step.checks)
        if (check.outcome == outcome && check.text.contains(fragment, Qt::CaseInsensitive))
            return true;
    return false;
}

QString describe(const TeachingStep &step)
{
    QStringList lines { step.id + QStringLiteral(": ") + step.outcome };
    for (const TeachingCheck &check : step.checks)
        lines << QStringLiteral("  [%1] %2").arg(int(check.outcome)).arg(check.text);
    return lines.join(QLatin1Char('\n'));
}

QString arrowText(const SequenceDiagramArrow &arrow)
{
    return QStringLiteral("%1>%2 %3").arg(int(arrow.from)).arg(int(arrow.to)).arg(arrow.label);
}

// A JWT with these claims and a dummy signature: the checks compare claims, they do not verify.
QString jwt(const QJsonObject &claims)
{
    const auto part = [](const QJsonObject &object) {
        return QJsonDocument(object)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("RS256") },
                               { QStringLiteral("kid"), QStringLiteral("k1") } };
    return QString::fromLatin1(part(header) + '.' + part(claims) + ".c2lnbmF0dXJl");
}
} // namespace

class TestTeachingSession final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<SandboxServer> m_sandbox;
    QNetworkAccessManager m_browser;

    QString issuer() const { return m_sandbox->issuer().toString(); }

    Profile sandboxProfile(bool confidential) const
    {
        Profile p = Profile::create(QStringLiteral("sandbox"));
        p.tokenUrl = QUrl(issuer() + QStringLiteral("/token"));
        p.endpoints.issuer = m_sandbox->issuer();
        p.endpoints.authorization = QUrl(issuer() + QStringLiteral("/authorize"));
        p.endpoints.jwks = QUrl(issuer() + QStringLiteral("/jwks"));
        p.endpoints.userinfo = QUrl(issuer() + QStringLiteral("/userinfo"));
        p.clientId = QLatin1String(confidential ? SandboxClients::ConfidentialId : SandboxClients::PublicId);
        p.authMethod = confidential ? ClientAuthMethod::ClientSecretBasic : ClientAuthMethod::None;
        p.scope = confidential ? QStringLiteral("read") : QStringLiteral("openid profile");
        p.timeoutSeconds = 10;
        return p;
    }

    QString confidentialSecret() const
    {
        const SandboxClient *client
            = SandboxClients::find(m_sandbox->clients(), QLatin1String(SandboxClients::ConfidentialId));
        return client ? client->clientSecret : QString();
    }

    TeachingSession::Options clientCredentials() const
    {
        TeachingSession::Options options;
        options.flow = TeachingSession::Flow::ClientCredentials;
        options.profile = sandboxProfile(true);
        options.clientSecret = confidentialSecret();
        options.apiUrl = QUrl(issuer() + QStringLiteral("/api/hello"));
        return options;
    }

    TeachingSession::Options pkce() const
    {
        TeachingSession::Options options;
        options.flow = TeachingSession::Flow::AuthorizationCode;
        options.profile = sandboxProfile(false);
        options.apiUrl = QUrl(issuer() + QStringLiteral("/api/hello"));
        options.requireIssuerParameter = true;
        return options;
    }

    void playBrowser(TeachingSession &session)
    {
        session.setBrowserOpener([this](const QUrl &url) {
            QNetworkReply *page = m_browser.get(QNetworkRequest(url)); // follows the redirect to the listener
            connect(page, &QNetworkReply::finished, page, &QObject::deleteLater);
        });
    }

    // Presses Next once it can be pressed: moves forward, or sends the prepared request.
    static void pressNext(TeachingSession &session)
    {
        QTRY_VERIFY_WITH_TIMEOUT(session.canNext() || session.isFinished(), 15000);
        QVERIFY2(session.canNext(), "the run ended early");
        session.next();
    }

    // Presses Next until the run ends.
    static void runToEnd(TeachingSession &session)
    {
        for (int presses = 0; presses < 40 && !session.isFinished(); ++presses) {
            QTRY_VERIFY_WITH_TIMEOUT(session.canNext() || session.isFinished(), 15000);
            if (session.canNext())
                session.next();
        }
        QVERIFY(session.isFinished());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_sandbox = std::make_unique<SandboxServer>(m_dir.path());
        m_sandbox->setAutoApprove(true);
        QVERIFY2(m_sandbox->start(), qPrintable(m_sandbox->errorString()));
    }

    void init()
    {
        for (const SandboxFault fault : { SandboxFault::WrongState, SandboxFault::BadSignature,
                                          SandboxFault::UnknownKid, SandboxFault::InvalidGrantOnRefresh })
            m_sandbox->setFault(fault, false);
    }

    void gatePausesUntilNext()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const FakeHttpServer::RecordedRequest &) {
            return FakeHttpServer::json(200,
                                        "{\"access_token\":\"opaque-token\",\"token_type\":\"Bearer\","
                                        "\"expires_in\":60}");
        });
        WireLog log;
        TeachingSession session(&log);
        TeachingSession::Options options;
        options.profile = Profile::create(QStringLiteral("fake"));
        options.profile.tokenUrl = server.url(QStringLiteral("/token"));
        options.profile.clientId = QStringLiteral("client");
        options.clientSecret = QStringLiteral("s3cret");
        session.start(options);

        QTRY_COMPARE(session.count(), 1);
        const TeachingStep &step = session.step(0);
        QCOMPARE(step.id, QStringLiteral("client-credentials-token-request"));
        QCOMPARE(step.state, State::Ready);
        QCOMPARE(step.exchange.method, QByteArray("POST"));
        QVERIFY(step.exchange.requestBody.contains("grant_type=client_credentials"));
        QVERIFY(step.exchange.requestHeader("authorization").startsWith("Basic "));
        QVERIFY(!step.title.isEmpty());
        QVERIFY(step.reference.contains(QStringLiteral("RFC 6749 §4.4.2")));
        QCOMPARE(session.current(), 0);
        QVERIFY(session.nextSends());
        for (int i = 0; i < 20; ++i)
            QTest::qWait(10); // a request that escaped the gate would arrive meanwhile
        QCOMPARE(server.requestCount(), 0);
        QCOMPARE(log.count(), 0);

        QSignalSpy finished(&session, &TeachingSession::finished);
        session.next();
        QTRY_COMPARE(server.requestCount(), 1);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), true); // opaque token, no API URL: nothing else to do
        QCOMPARE(session.step(0).state, State::Done);
        QCOMPARE(session.step(0).exchange.status, 200);
        QVERIFY2(hasCheck(session.step(0), Outcome::Passed, QStringLiteral("access_token is present")),
                 qPrintable(describe(session.step(0))));
        QCOMPARE(session.count(), 1);
        QCOMPARE(log.count(), 1);
    }

    void serverErrorEndsTheRunWithARedStep()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const FakeHttpServer::RecordedRequest &) {
            return FakeHttpServer::json(
                401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}");
        });
        WireLog log;
        TeachingSession session(&log);
        TeachingSession::Options options;
        options.profile = Profile::create(QStringLiteral("fake"));
        options.profile.tokenUrl = server.url(QStringLiteral("/token"));
        options.profile.clientId = QStringLiteral("client");
        options.clientSecret = QStringLiteral("wrong");
        options.apiUrl = server.url(QStringLiteral("/api"));
        QSignalSpy finished(&session, &TeachingSession::finished);
        session.start(options);
        pressNext(session);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(session.count(), 1);
        QCOMPARE(session.step(0).state, State::Failed);
        QVERIFY2(hasCheck(session.step(0), Outcome::Failed, QStringLiteral("invalid_client")),
                 qPrintable(describe(session.step(0))));
        QVERIFY(!session.canNext());
        QCOMPARE(server.requestCount(), 1); // the API is not called after a failure
    }

    void unusableProfileShowsAStoppedStep()
    {
        WireLog log;
        TeachingSession session(&log);
        TeachingSession::Options options;
        options.profile = Profile::create(QStringLiteral("empty")); // no token URL, no client
        QSignalSpy finished(&session, &TeachingSession::finished);
        session.start(options);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(session.count(), 1);
        QCOMPARE(session.step(0).id, QStringLiteral("run-stopped"));
        QCOMPARE(session.step(0).state, State::Failed);
        QVERIFY(!session.step(0).checks.isEmpty());
    }

    void clientCredentialsAgainstTheSandbox()
    {
        WireLog log;
        TeachingSession session(&log);
        QSignalSpy finished(&session, &TeachingSession::finished);
        session.start(clientCredentials());
        QTRY_COMPARE(session.count(), 1);
        QCOMPARE(session.step(0).state, State::Ready);
        QCOMPARE(log.count(), 0);

        pressNext(session); // send the token request
        QTRY_VERIFY(session.step(0).isFinal());
        QVERIFY2(session.step(0).state == State::Done, qPrintable(describe(session.step(0))));
        QCOMPARE(session.step(0).exchange.status, 200);
        QVERIFY(hasCheck(session.step(0), Outcome::Passed, QStringLiteral("HTTP Basic")));
        QVERIFY(hasCheck(session.step(0), Outcome::Passed, QStringLiteral("token_type is \"Bearer\"")));

        // The keys are prepared next, but the view stays on the answer until Next.
        QTRY_COMPARE(session.count(), 2);
        QCOMPARE(session.current(), 0);
        QCOMPARE(session.step(1).id, QStringLiteral("jwks"));
        QCOMPARE(session.step(1).state, State::Ready);
        QVERIFY(!session.nextSends());
        pressNext(session);
        QCOMPARE(session.current(), 1);
        QVERIFY(session.nextSends());
        const int sentBefore = log.count();
        pressNext(session);
        QTRY_VERIFY(session.step(1).isFinal());
        QCOMPARE(log.count(), sentBefore + 1);
        QVERIFY2(hasCheck(session.step(1), Outcome::Passed, QStringLiteral("key")),
                 qPrintable(describe(session.step(1))));

        runToEnd(session);
        QCOMPARE(finished.count(), 1);
        QVERIFY(session.succeeded());
        QCOMPARE(idsOf(session),
                 (QStringList { QStringLiteral("client-credentials-token-request"), QStringLiteral("jwks"),
                                QStringLiteral("access-token-validation"), QStringLiteral("api-call") }));
        const TeachingStep &validation = session.step(2);
        QVERIFY2(hasCheck(validation, Outcome::Passed, QStringLiteral("iss is")),
                 qPrintable(describe(validation)));
        QVERIFY2(!hasCheck(validation, Outcome::Failed, QString()), qPrintable(describe(validation)));
        const TeachingStep &api = session.step(3);
        QCOMPARE(api.exchange.status, 200);
        QVERIFY(api.exchange.requestHeader("authorization").startsWith("Bearer "));
        QVERIFY(hasCheck(api, Outcome::Passed, QStringLiteral("accepted the token")));

        // The diagram: client ↔ authorization server twice, then client ↔ resource server.
        const QList<SequenceDiagramArrow> arrows = session.diagram()->arrows();
        QStringList drawn;
        for (const SequenceDiagramArrow &arrow : arrows)
            drawn << arrowText(arrow);
        QCOMPARE(arrows.size(), 6);
        using P = SequenceParticipant;
        const QList<QPair<P, P>> expected {
            { P::Client, P::AuthorizationServer }, { P::AuthorizationServer, P::Client },
            { P::Client, P::AuthorizationServer }, { P::AuthorizationServer, P::Client },
            { P::Client, P::ResourceServer },      { P::ResourceServer, P::Client }
        };
        for (int i = 0; i < expected.size(); ++i) {
            QVERIFY2(arrows.at(i).from == expected.at(i).first && arrows.at(i).to == expected.at(i).second,
                     qPrintable(drawn.join(QLatin1Char('\n'))));
            QVERIFY(arrows.at(i).exchangeId > 0);
            QVERIFY(arrows.at(i).ok);
        }
        QVERIFY2(arrows.at(0).label.contains(QStringLiteral("/token")), qPrintable(arrows.at(0).label));
        QVERIFY2(arrows.at(2).label.contains(QStringLiteral("/jwks")), qPrintable(arrows.at(2).label));
        QVERIFY2(arrows.at(4).label.contains(QStringLiteral("/api/hello")), qPrintable(arrows.at(4).label));
        // Arrows open their exchange: the step that shows it.
        QCOMPARE(session.stepOfExchange(arrows.at(4).exchangeId), 3);
    }

    void unknownKidFetchesTheKeysOnceMore()
    {
        m_sandbox->setFault(SandboxFault::UnknownKid, true);
        WireLog log;
        TeachingSession session(&log);
        session.start(clientCredentials());
        runToEnd(session);
        QVERIFY(!session.succeeded());
        QCOMPARE(idsOf(session),
                 (QStringList { QStringLiteral("client-credentials-token-request"), QStringLiteral("jwks"),
                                QStringLiteral("jwks"), QStringLiteral("access-token-validation") }));
        QVERIFY2(hasCheck(session.step(1), Outcome::Warning, QStringLiteral("fetches the set once more")),
                 qPrintable(describe(session.step(1))));
        QCOMPARE(session.step(1).state, State::Done);
        QCOMPARE(session.step(3).state, State::Failed);
        QCOMPARE(log.count(), 3); // the API is not called with a token nobody could verify
    }

    void backReviewsAndRestartStartsOver()
    {
        WireLog log;
        TeachingSession session(&log);
        session.start(clientCredentials());
        pressNext(session); // token request sent
        QTRY_COMPARE(session.count(), 2);
        pressNext(session); // to the JWKS step, not sent
        QCOMPARE(session.current(), 1);
        const int sent = log.count();
        QCOMPARE(sent, 1);

        QVERIFY(session.canBack());
        session.back();
        QCOMPARE(session.current(), 0);
        QVERIFY(!session.canBack());
        QCOMPARE(session.step(0).state, State::Done); // read-only review: nothing changes
        session.next(); // forward again, without resending
        QCOMPARE(session.current(), 1);
        QCOMPARE(log.count(), sent);
        QCOMPARE(session.step(1).state, State::Ready);

        QSignalSpy cleared(&session, &TeachingSession::cleared);
        session.restart();
        QCOMPARE(cleared.count(), 1);
        QVERIFY(session.diagram()->isEmpty());
        QTRY_COMPARE(session.count(), 1);
        QCOMPARE(session.current(), 0);
        QCOMPARE(session.step(0).id, QStringLiteral("client-credentials-token-request"));
        QCOMPARE(session.step(0).state, State::Ready);
        QCOMPARE(session.gate()->held().size(), 1); // the old JWKS request was dropped
        for (int i = 0; i < 10; ++i)
            QTest::qWait(10);
        QCOMPARE(log.count(), sent); // the abandoned JWKS request never went out
        runToEnd(session);
        QVERIFY(session.succeeded());
    }

    void pkceAgainstTheSandbox()
    {
        WireLog log;
        TeachingSession session(&log);
        playBrowser(session);
        QSignalSpy finished(&session, &TeachingSession::finished);
        session.start(pkce());

        QTRY_COMPARE(session.count(), 1);
        const TeachingStep authorize = session.step(0);
        QCOMPARE(authorize.id, QStringLiteral("authorization-request"));
        QVERIFY(authorize.frontChannel);
        QCOMPARE(authorize.state, State::Ready);
        const QUrlQuery query(authorize.exchange.url);
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QVERIFY(query.hasQueryItem(QStringLiteral("state")));
        QVERIFY(query.hasQueryItem(QStringLiteral("nonce")));
        QVERIFY(session.diagram()->isEmpty()); // nothing happened yet

        pressNext(session); // opens the (test's) browser
        QCOMPARE(session.step(0).state, State::Sending);
        QTRY_VERIFY_WITH_TIMEOUT(session.count() >= 3, 15000);
        QCOMPARE(session.step(0).state, State::Done);
        const TeachingStep callback = session.step(1);
        QCOMPARE(callback.id, QStringLiteral("callback"));
        QVERIFY2(hasCheck(callback, Outcome::Passed, QStringLiteral("state matched")),
                 qPrintable(describe(callback)));
        QVERIFY(hasCheck(callback, Outcome::Passed, QStringLiteral("iss is")));
        QCOMPARE(session.step(2).id, QStringLiteral("code-token-request"));
        QCOMPARE(session.step(2).state, State::Ready);
        QVERIFY(session.step(2).exchange.requestBody.contains("code_verifier="));
        QCOMPARE(log.count(), 0); // nothing of the client's went out yet

        runToEnd(session);
        QCOMPARE(finished.count(), 1);
        QVERIFY2(session.succeeded(), qPrintable(describe(session.step(session.count() - 1))));
        QCOMPARE(idsOf(session),
                 (QStringList { QStringLiteral("authorization-request"), QStringLiteral("callback"),
                                QStringLiteral("code-token-request"), QStringLiteral("jwks"),
                                QStringLiteral("id-token-validation"), QStringLiteral("userinfo"),
                                QStringLiteral("api-call"), QStringLiteral("refresh") }));
        const TeachingStep &token = session.step(2);
        QVERIFY2(hasCheck(token, Outcome::Passed, QStringLiteral("code_verifier sent")),
                 qPrintable(describe(token)));
        QVERIFY(hasCheck(token, Outcome::Passed, QStringLiteral("redirect_uri is identical")));
        QVERIFY(hasCheck(token, Outcome::Passed, QStringLiteral("id_token is present")));
        const TeachingStep &idToken = session.step(4);
        QVERIFY2(hasCheck(idToken, Outcome::Passed, QStringLiteral("signature")),
                 qPrintable(describe(idToken)));
        QVERIFY(hasCheck(idToken, Outcome::Passed, QStringLiteral("aud contains sandbox-public")));
        QVERIFY(hasCheck(idToken, Outcome::Passed, QStringLiteral("nonce matches")));
        QVERIFY(hasCheck(idToken, Outcome::Passed, QStringLiteral("exp is in the future")));
        QVERIFY(!hasCheck(idToken, Outcome::Failed, QString()));
        QVERIFY2(hasCheck(session.step(5), Outcome::Passed, QStringLiteral("same user")),
                 qPrintable(describe(session.step(5))));

        using P = SequenceParticipant;
        using K = SequenceDiagramArrow::Kind;
        struct Expected
        {
            P from;
            P to;
            K kind;
            const char *label;
        };
        const QList<Expected> expected {
            { P::Client, P::UserAgent, K::FrontChannel, "/authorize" },
            { P::UserAgent, P::AuthorizationServer, K::FrontChannel, "GET /authorize" },
            { P::AuthorizationServer, P::UserAgent, K::FrontChannel, "302" },
            { P::UserAgent, P::Client, K::FrontChannel, "/callback?code" },
            { P::Client, P::AuthorizationServer, K::Request, "/token" },
            { P::AuthorizationServer, P::Client, K::Response, "200" },
            { P::Client, P::AuthorizationServer, K::Request, "/jwks" },
            { P::AuthorizationServer, P::Client, K::Response, "200" },
            { P::Client, P::AuthorizationServer, K::Request, "/userinfo" },
            { P::AuthorizationServer, P::Client, K::Response, "200" },
            { P::Client, P::ResourceServer, K::Request, "/api/hello" },
            { P::ResourceServer, P::Client, K::Response, "200" },
            { P::Client, P::AuthorizationServer, K::Request, "grant_type=refresh_token" },
            { P::AuthorizationServer, P::Client, K::Response, "200" },
        };
        const QList<SequenceDiagramArrow> arrows = session.diagram()->arrows();
        QStringList drawn;
        for (const SequenceDiagramArrow &arrow : arrows)
            drawn << arrowText(arrow);
        QCOMPARE(arrows.size(), expected.size());
        for (int i = 0; i < expected.size(); ++i) {
            const SequenceDiagramArrow &arrow = arrows.at(i);
            QVERIFY2(arrow.from == expected.at(i).from && arrow.to == expected.at(i).to
                         && arrow.kind == expected.at(i).kind
                         && arrow.label.contains(QLatin1String(expected.at(i).label)),
                     qPrintable(QStringLiteral("arrow %1:\n").arg(i) + drawn.join(QLatin1Char('\n'))));
            QCOMPARE(arrow.exchangeId > 0, arrow.kind != K::FrontChannel);
        }
        // No secret in any label: the code and the verifier stay out of the diagram.
        const QString verifier = QUrlQuery(QString::fromLatin1(session.step(2).exchange.requestBody))
                                     .queryItemValue(QStringLiteral("code_verifier"));
        QVERIFY(!verifier.isEmpty());
        for (const QString &label : std::as_const(drawn))
            QVERIFY2(!label.contains(verifier), qPrintable(label));
    }

    void wrongStateEndsTheRunAtTheCallback()
    {
        m_sandbox->setFault(SandboxFault::WrongState, true);
        WireLog log;
        TeachingSession session(&log);
        playBrowser(session);
        QSignalSpy finished(&session, &TeachingSession::finished);
        session.start(pkce());
        pressNext(session);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(session.step(1).id, QStringLiteral("callback"));
        QCOMPARE(session.step(1).state, State::Failed);
        QVERIFY2(hasCheck(session.step(1), Outcome::Failed, QStringLiteral("state")),
                 qPrintable(describe(session.step(1))));
        QCOMPARE(session.count(), 2);
        QCOMPARE(log.count(), 0); // the code was never redeemed
        QVERIFY(!session.diagram()->arrows().constLast().ok);
    }

    void badSignatureFailsTheIdTokenStep()
    {
        m_sandbox->setFault(SandboxFault::BadSignature, true);
        WireLog log;
        TeachingSession session(&log);
        playBrowser(session);
        session.start(pkce());
        runToEnd(session);
        QVERIFY(!session.succeeded());
        const TeachingStep &last = session.step(session.count() - 1);
        QCOMPARE(last.id, QStringLiteral("id-token-validation"));
        QCOMPARE(last.state, State::Failed);
        QVERIFY2(hasCheck(last, Outcome::Failed, QStringLiteral("signature")), qPrintable(describe(last)));
    }

    void refreshIsTheLastStepOfAPkceRun()
    {
        WireLog log;
        TeachingSession session(&log);
        playBrowser(session);
        QSignalSpy finished(&session, &TeachingSession::finished);
        session.start(pkce());
        // Next until the refresh is prepared: it waits like every other request.
        for (int presses = 0; presses < 30; ++presses) {
            if (session.count() > 0 && session.step(session.count() - 1).id == QLatin1String("refresh"))
                break;
            pressNext(session);
        }
        QTRY_COMPARE(session.step(session.count() - 1).id, QStringLiteral("refresh"));
        const int index = session.count() - 1;
        QCOMPARE(session.step(index - 1).id, QStringLiteral("api-call"));
        QCOMPARE(session.step(index).state, State::Ready);
        QVERIFY(!session.isFinished());
        const TeachingStep prepared = session.step(index);
        QVERIFY(prepared.title.contains(QStringLiteral("Refresh")));
        QVERIFY2(prepared.reference.contains(QStringLiteral("RFC 6749 §6")), qPrintable(prepared.reference));
        QVERIFY2(prepared.reference.contains(QStringLiteral("RFC 9700 §4.14")),
                 qPrintable(prepared.reference));
        QVERIFY(prepared.exchange.requestBody.contains("grant_type=refresh_token"));
        QVERIFY(prepared.exchange.requestBody.contains("refresh_token="));
        QVERIFY(!prepared.exchange.requestBody.contains("redirect_uri"));
        const QString oldRefreshToken = QUrlQuery(QString::fromLatin1(prepared.exchange.requestBody))
                                            .queryItemValue(QStringLiteral("refresh_token"));
        QVERIFY(!oldRefreshToken.isEmpty());
        QVERIFY(prepared.exchange.secrets.contains(oldRefreshToken)); // redacted wherever it is shown
        const int sent = log.count();
        const int arrowsBefore = session.diagram()->count();
        for (int i = 0; i < 10; ++i)
            QTest::qWait(10);
        QCOMPARE(log.count(), sent); // not sent before Next

        runToEnd(session);
        QCOMPARE(finished.count(), 1);
        QVERIFY2(session.succeeded(), qPrintable(describe(session.step(session.count() - 1))));
        const TeachingStep &refresh = session.step(index);
        QCOMPARE(refresh.state, State::Done);
        QCOMPARE(refresh.exchange.status, 200);
        QCOMPARE(log.count(), sent + 1);
        QVERIFY2(hasCheck(refresh, Outcome::Passed, QStringLiteral("A new access_token")),
                 qPrintable(describe(refresh)));
        QVERIFY(hasCheck(refresh, Outcome::Passed, QStringLiteral("Rotation: a new refresh_token")));
        QVERIFY(hasCheck(refresh, Outcome::Passed, QStringLiteral("Scope unchanged: openid profile")));
        QVERIFY(hasCheck(refresh, Outcome::Passed, QStringLiteral("iss is the same")));
        QVERIFY(hasCheck(refresh, Outcome::Passed, QStringLiteral("sub is the same")));
        QVERIFY(hasCheck(refresh, Outcome::Passed, QStringLiteral("aud is the same")));
        QVERIFY(hasCheck(refresh, Outcome::Passed, QStringLiteral("auth_time is still the original")));
        QVERIFY(!hasCheck(refresh, Outcome::Failed, QString()));
        const QString newRefreshToken = QJsonDocument::fromJson(refresh.exchange.responseBody)
                                            .object()
                                            .value(QLatin1String("refresh_token"))
                                            .toString();
        QVERIFY(!newRefreshToken.isEmpty());
        QVERIFY(newRefreshToken != oldRefreshToken);

        const QList<SequenceDiagramArrow> arrows = session.diagram()->arrows();
        QCOMPARE(arrows.size(), arrowsBefore + 2);
        const SequenceDiagramArrow &request = arrows.at(arrows.size() - 2);
        const SequenceDiagramArrow &response = arrows.constLast();
        QCOMPARE(request.from, SequenceParticipant::Client);
        QCOMPARE(request.to, SequenceParticipant::AuthorizationServer);
        QVERIFY2(request.label.contains(QStringLiteral("grant_type=refresh_token")),
                 qPrintable(request.label));
        QCOMPARE(response.from, SequenceParticipant::AuthorizationServer);
        QVERIFY(response.ok);
        QCOMPARE(session.stepOfArrow(arrows.size() - 1), index);
        QCOMPARE(session.stepOfExchange(request.exchangeId), index);
        for (const SequenceDiagramArrow &arrow : arrows)
            QVERIFY2(!arrow.label.contains(oldRefreshToken) && !arrow.label.contains(newRefreshToken),
                     qPrintable(arrow.label));
    }

    void invalidGrantOnRefreshEndsOnARedStep()
    {
        m_sandbox->setFault(SandboxFault::InvalidGrantOnRefresh, true);
        // Qt's own note about the 400; the run's red step is what this test is about.
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("server replied: Bad Request")));
        WireLog log;
        TeachingSession session(&log);
        playBrowser(session);
        QSignalSpy finished(&session, &TeachingSession::finished);
        session.start(pkce());
        runToEnd(session);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        const TeachingStep &last = session.step(session.count() - 1);
        QCOMPARE(last.id, QStringLiteral("refresh"));
        QCOMPARE(last.state, State::Failed);
        QCOMPARE(last.exchange.status, 400);
        QVERIFY2(hasCheck(last, Outcome::Failed, QStringLiteral("invalid_grant")),
                 qPrintable(describe(last)));
        QVERIFY2(hasCheck(last, Outcome::Warning, QStringLiteral("sign in again")),
                 qPrintable(describe(last)));
        QVERIFY2(last.outcome.contains(QStringLiteral("sign in again")), qPrintable(last.outcome));
        QVERIFY(!session.canNext());
        QVERIFY(!session.diagram()->arrows().constLast().ok);
        QCOMPARE(session.step(session.count() - 2).state, State::Done); // the API call before it was fine
    }

    void clientCredentialsRunsHaveNoRefresh()
    {
        // The confidential client may refresh, but a client credentials grant has no refresh token.
        WireLog log;
        TeachingSession session(&log);
        session.start(clientCredentials());
        runToEnd(session);
        QVERIFY(session.succeeded());
        QVERIFY(!idsOf(session).contains(QStringLiteral("refresh")));
    }

    void refreshedIdTokenMustDescribeTheSameSignIn_data()
    {
        QTest::addColumn<QString>("claim");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("expected");
        QTest::newRow("the same") << QString() << QJsonValue() << true << QStringLiteral("sub is the same");
        QTest::newRow("another user") << QStringLiteral("sub") << QJsonValue(QStringLiteral("mallory"))
                                      << false << QStringLiteral("sub changed");
        QTest::newRow("another issuer") << QStringLiteral("iss") << QJsonValue(QStringLiteral("https://evil"))
                                        << false << QStringLiteral("iss changed");
        QTest::newRow("another client") << QStringLiteral("aud") << QJsonValue(QStringLiteral("other"))
                                        << false << QStringLiteral("aud changed");
        QTest::newRow("auth_time moved") << QStringLiteral("auth_time") << QJsonValue(1700009999) << false
                                         << QStringLiteral("auth_time moved");
    }

    void refreshedIdTokenMustDescribeTheSameSignIn()
    {
        QFETCH(QString, claim);
        QFETCH(QJsonValue, value);
        QFETCH(bool, accepted);
        QFETCH(QString, expected);
        const QJsonObject original { { QStringLiteral("iss"), QStringLiteral("https://as.example") },
                                     { QStringLiteral("sub"), QStringLiteral("alice") },
                                     { QStringLiteral("aud"), QStringLiteral("app") },
                                     { QStringLiteral("iat"), 1700000000 },
                                     { QStringLiteral("exp"), 1700003600 },
                                     { QStringLiteral("auth_time"), 1700000000 } };
        QJsonObject refreshed = original;
        refreshed.insert(QStringLiteral("iat"), 1700001000); // a new token, issued later
        refreshed.insert(QStringLiteral("exp"), 1700004600);
        if (!claim.isEmpty())
            refreshed.insert(claim, value);
        const QList<TeachingCheck> checks
            = TeachingChecks::forRefreshedIdToken(jwt(original), jwt(refreshed));
        TeachingStep step;
        step.checks = checks;
        QCOMPARE(TeachingChecks::anyFailed(checks), !accepted);
        QVERIFY2(hasCheck(step, accepted ? Outcome::Passed : Outcome::Failed, expected),
                 qPrintable(describe(step)));
        for (const TeachingCheck &check : checks)
            QVERIFY(check.reference.contains(QStringLiteral("OIDC Core §12.2")));
    }
};

QTEST_GUILESS_MAIN(TestTeachingSession)
#include "tst_teaching_session.moc"
