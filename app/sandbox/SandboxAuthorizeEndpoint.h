#pragma once

#include "SandboxHttp.h"

#include <QCoreApplication>

struct SandboxClient;
struct SandboxContext;
class QHttpServerRequest;

// GET /authorize (RFC 6749 §4.1.1, RFC 7636, RFC 9207): checks the client and redirect_uri (errors shown,
// never redirected), then the rest (errors redirected with state and iss). With auto-approve it redirects
// with a code at once; otherwise it shows a one-form sign-in and consent page that POSTs back. The WrongState
// and IssuerMixUp faults change the state and iss of every redirect back to the client.
class SandboxAuthorizeEndpoint final
{
    Q_DECLARE_TR_FUNCTIONS(SandboxAuthorizeEndpoint)
public:
    explicit SandboxAuthorizeEndpoint(SandboxContext *context);

    QHttpServerResponse handle(const QHttpServerRequest &request);

private:
    QHttpServerResponse redirect(const QUrl &redirectUri, const QList<QPair<QString, QString>> &parameters,
                                 const QString &state) const;
    QHttpServerResponse redirectError(const QUrl &redirectUri, const QString &error,
                                      const QString &description, const QString &state) const;
    QHttpServerResponse consentPage(const SandboxClient &client,
                                    const SandboxHttp::Parameters &parameters) const;
    static QHttpServerResponse errorPage(const QString &message);

    SandboxContext *m_context;
};
