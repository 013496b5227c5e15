#pragma once

#include "Command.h"
#include "SecretResolver.h"
#include "TokenFlowOptions.h"

#include <QCommandLineOption>

class CliContext;
class QCommandLineParser;
class ClientSetup;
class CodeFlowRunner;
class TokenAcquirer;
struct Profile;
struct TokenResult;

// `token`: gets an access token with the client credentials grant (the default), the authorization code
// flow or a refresh token, and prints it (or the whole response).
class TokenCommand final : public Command
{
    Q_OBJECT
public:
    explicit TokenCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    bool readRepeat(const QCommandLineParser &parser, QString *error);
    CodeFlowRunner *codeFlow();
    void onReady(const Profile &profile);
    void onToken(const TokenResult &result);

    CliContext *m_context;
    ClientSetup *m_setup;
    TokenAcquirer *m_acquirer;
    CodeFlowRunner *m_codeFlow = nullptr; // see codeFlow()
    SecretResolver m_secrets;
    TokenFlowOptions m_flowOptions;
    QCommandLineOption m_json;
    QCommandLineOption m_verbose;
    QCommandLineOption m_repeat;
    int m_repeatCount = 0; // 0: --repeat not given
    bool m_printJson = false;
    bool m_printVerbose = false;
};
