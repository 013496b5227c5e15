#pragma once

#include "FlowResult.h"
#include "FlowStep.h"
#include "Profile.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantMap>

class ExchangeGate;
class HttpClient;
class JwksCache;
class QOAuth2AuthorizationCodeFlow;
class QOAuthHttpServerReplyHandler;
class RecordingNetworkAccessManager;
class WireLog;
struct HttpExchange;

// The authorization code grant with PKCE, driven through Qt 6.4's QOAuth2AuthorizationCodeFlow and closing
// its gaps: PKCE and nonce added through the modify-parameters hook; every exchange recorded (token endpoint
// errors are otherwise swallowed); the code normalised (6.4 encodes it twice); a loopback listener on
// 127.0.0.1 only that serves one callback and closes; a CSPRNG state checked strictly; client authentication
// as the profile says; refresh without redirect_uri or an empty client_secret; ID tokens validated.
class AuthorizationCodeFlow final : public QObject
{
    Q_OBJECT
public:
    explicit AuthorizationCodeFlow(WireLog *log, QObject *parent = nullptr);
    ~AuthorizationCodeFlow() override;

    void setCallbackTimeoutSeconds(int seconds) { m_callbackTimeoutSeconds = seconds; }
    // RFC 9207: the server announced authorization_response_iss_parameter_supported, so iss must come back.
    void setRequireIssuerParameter(bool required) { m_requireIss = required; }
    // Step-through teaching: every exchange of the flow (token request, JWKS) waits at the gate first.
    void setExchangeGate(ExchangeGate *gate);

    // Starts listening and emits authorizationUrlReady(); finished() follows exactly once.
    void start(const Profile &profile, const QString &clientSecret);
    void refresh(const Profile &profile, const QString &clientSecret, const QString &refreshToken);
    void cancel();

    bool isRunning() const { return m_running; }
    QUrl redirectUri() const;
    quint16 listenerPort() const;
    QString state() const { return m_state; }
    QByteArray codeVerifier() const { return m_verifier; }
    QString nonce() const { return m_nonce; }

    // Validates the parameters of a callback in RFC order; empty when good.
    struct CallbackCheck
    {
        FlowStatus status = FlowStatus::Success;
        OAuthError error;
        QString message;
    };
    static CallbackCheck checkCallback(const QVariantMap &parameters, const QString &expectedState,
                                       const QString &expectedIssuer, bool requireIssuer);

Q_SIGNALS:
    void authorizationUrlReady(const QUrl &url);
    void stepReached(const FlowStep &step);
    void finished(const TokenResult &result);

private:
    bool prepare(const Profile &profile, const QString &clientSecret, bool interactive, QString *problem);
    void modifyParameters(int stage, QMultiMap<QString, QVariant> *parameters);
    void handleCallback(const QVariantMap &parameters);
    void handleExchange(const HttpExchange &exchange, const QString &transportError, bool timedOut,
                        bool tooLarge);
    void validateIdToken(TokenResult result);
    void fail(FlowStatus status, const QString &message, const QString &hint = {},
              const OAuthError &error = {});
    void finish(TokenResult result);
    void step(FlowStep::Kind kind, const QString &title, const QString &detail, const QString &reference,
              const QList<QPair<QString, QString>> &parameters = {}, const QList<int> &exchangeIds = {},
              bool ok = true);
    void teardown();

    WireLog *m_log;
    HttpClient *m_http;
    JwksCache *m_jwks;
    QPointer<RecordingNetworkAccessManager> m_manager;
    QPointer<QOAuth2AuthorizationCodeFlow> m_flow;
    QPointer<QOAuthHttpServerReplyHandler> m_listener;
    QPointer<ExchangeGate> m_gate;
    QTimer m_callbackTimer;
    Profile m_profile;
    QString m_secret;
    QString m_state;
    QUrl m_redirectUri; // kept: once the listener closes, 6.4's callback() reports port 0
    QByteArray m_verifier;
    QString m_nonce;
    QString m_previousRefreshToken;
    QList<int> m_exchangeIds;
    int m_callbackTimeoutSeconds = 300;
    bool m_requireIss = false;
    bool m_running = false;
    bool m_callbackSeen = false;
    bool m_refreshing = false;
};
