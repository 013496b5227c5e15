#pragma once

#include "Command.h"
#include "SecretResolver.h"

#include <QCommandLineOption>

class CliContext;
class ClientSetup;
class TokenAcquirer;
class UserInfoRequest;
struct EndpointResult;
struct Profile;
struct TokenResult;

// `userinfo`: the claims the OpenID Connect userinfo endpoint returns for an access token (OIDC Core §5.3).
class UserInfoCommand final : public Command
{
    Q_OBJECT
public:
    explicit UserInfoCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    bool readToken(const QCommandLineParser &parser, QString *error);
    void onReady(const Profile &profile);
    void onToken(const TokenResult &result);
    void onResult(const EndpointResult &result);

    CliContext *m_context;
    ClientSetup *m_setup;
    TokenAcquirer *m_acquirer;
    UserInfoRequest *m_request;
    SecretResolver m_secrets;
    QCommandLineOption m_token;
    QCommandLineOption m_tokenEnv;
    QCommandLineOption m_json;
    QCommandLineOption m_verbose;
    QString m_accessToken;
    bool m_clientCredentialsToken = false;
    bool m_printRaw = false;
};
