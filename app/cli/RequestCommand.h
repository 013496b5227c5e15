#pragma once

#include "ApiRequest.h"
#include "Command.h"
#include "CommonOptions.h"
#include "SecretResolver.h"

#include <QCommandLineOption>

class CliContext;
class TokenAcquirer;
struct TokenResult;

// `request`: sends an HTTP request with a bearer token, like curl with the token handled for you.
class RequestCommand final : public Command
{
    Q_OBJECT
public:
    explicit RequestCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    // Fills m_spec from the request options; false with a message on bad input.
    bool readRequestOptions(const QCommandLineParser &parser, QString *error);
    void onToken(const TokenResult &result);
    void onResponse(const ApiResponse &response);

    CliContext *m_context;
    TokenAcquirer *m_acquirer;
    ApiRequest *m_request;
    CommonOptions m_options;
    SecretResolver m_secrets;
    QCommandLineOption m_profile;
    QCommandLineOption m_token;
    QCommandLineOption m_tokenEnv;
    QCommandLineOption m_method;
    QCommandLineOption m_header;
    QCommandLineOption m_data;
    QCommandLineOption m_maxBody;
    QCommandLineOption m_verbose;
    ApiRequestSpec m_spec;
    TransportFlags m_transport; // for the request, and for the token request of --profile
};
