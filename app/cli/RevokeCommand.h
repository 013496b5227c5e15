#pragma once

#include "TokenEndpointCommand.h"

class TokenRevocation;

// `revoke TOKEN|-`: tells the authorization server a token is no longer needed (RFC 7009). Nothing on
// stdout; "revoked" on stderr.
class RevokeCommand final : public TokenEndpointCommand
{
    Q_OBJECT
public:
    explicit RevokeCommand(CliContext *context, QObject *parent = nullptr);

private:
    QString description() const override;
    void addOptions(QCommandLineParser *) override { }
    void readOptions(const QCommandLineParser &) override { }
    void send(const Profile &profile, const QString &clientSecret, const QString &token,
              const QString &tokenTypeHint) override;
    void onResult(const EndpointResult &result);

    TokenRevocation *m_revocation;
};
