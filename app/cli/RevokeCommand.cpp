#include "RevokeCommand.h"

#include "CliContext.h"
#include "Console.h"
#include "TokenRevocation.h"

RevokeCommand::RevokeCommand(CliContext *context, QObject *parent)
    : TokenEndpointCommand(context, ClientSetup::Target::Revocation, parent)
    , m_revocation(new TokenRevocation(context->http(), this))
{
    connect(m_revocation, &TokenRevocation::finished, this, &RevokeCommand::onResult);
}

QString RevokeCommand::description() const
{
    return tr("Revoke a token at the authorization server (RFC 7009). Prints \"revoked\" on stderr and "
              "nothing on stdout. The server answers 200 for unknown and already invalid tokens too "
              "(RFC 7009 §2.2): check with 'introspect' when it matters.\n"
              "Use a saved profile (--profile) or give --revocation-url (or --issuer) and --client-id.");
}

void RevokeCommand::send(const Profile &profile, const QString &clientSecret, const QString &token,
                         const QString &tokenTypeHint)
{
    m_revocation->revoke(profile, clientSecret, token, tokenTypeHint);
}

void RevokeCommand::onResult(const EndpointResult &result)
{
    if (!report(result))
        return;
    m_context->console().message(tr("revoked"));
    Q_EMIT finished(exitCodeFor(FlowStatus::Success));
}
