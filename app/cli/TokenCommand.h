#pragma once

#include "Command.h"
#include "SecretResolver.h"

#include <QCommandLineOption>

class CliContext;
class ClientSetup;
class TokenAcquirer;
struct TokenResult;

// `token`: gets an access token with the client credentials grant and prints it (or the whole response).
class TokenCommand final : public Command
{
    Q_OBJECT
public:
    explicit TokenCommand(CliContext *context, QObject *parent = nullptr);

    void start(const QStringList &arguments) override;

private:
    std::optional<int> run(const QStringList &arguments);
    void onToken(const TokenResult &result);

    CliContext *m_context;
    ClientSetup *m_setup;
    TokenAcquirer *m_acquirer;
    SecretResolver m_secrets;
    QCommandLineOption m_json;
    QCommandLineOption m_verbose;
    bool m_printJson = false;
};
