#pragma once

#include <QCoreApplication>
#include <QHttpServerResponse>

struct SandboxContext;
class QHttpServerRequest;

// POST /introspect (RFC 7662) and POST /revoke (RFC 7009), for the confidential client.
class SandboxTokenAdmin final
{
    Q_DECLARE_TR_FUNCTIONS(SandboxTokenAdmin)
public:
    explicit SandboxTokenAdmin(SandboxContext *context);

    QHttpServerResponse introspect(const QHttpServerRequest &request);
    QHttpServerResponse revoke(const QHttpServerRequest &request);

private:
    SandboxContext *m_context;
};
