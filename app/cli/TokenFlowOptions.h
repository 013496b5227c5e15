#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

// The options of `token` that pick and drive a grant: --flow, --no-browser and --callback-timeout for the
// authorization code flow, --refresh-token, --refresh-token-env and --refresh-token-stdin for a refresh.
class TokenFlowOptions final
{
    Q_DECLARE_TR_FUNCTIONS(TokenFlowOptions)
public:
    enum class Flow { ClientCredentials, AuthorizationCode, Refresh };

    TokenFlowOptions();

    void addOptions(QCommandLineParser *parser) const;

    // Reads the options but the refresh token; `codeFlowOptions` are the profile options of the code flow
    // given (see ClientSetup::codeFlowOptionsSet), refused with the other flows. False with a message.
    bool read(const QCommandLineParser &parser, const QStringList &codeFlowOptions, QString *error);
    // Reads the refresh token (from standard input too, when asked): last, once nothing else can fail.
    bool readRefreshToken(const QCommandLineParser &parser, QString *error);
    bool readsStdin(const QCommandLineParser &parser) const { return parser.isSet(m_refreshTokenStdin); }

    Flow flow() const { return m_flow; }
    bool openBrowser() const { return m_openBrowser; }
    int callbackTimeoutSeconds() const { return m_callbackTimeoutSeconds; }
    QString refreshToken() const { return m_refreshToken; }
    QStringList warnings() const { return m_warnings; }

private:
    QCommandLineOption m_flowOption;
    QCommandLineOption m_noBrowser;
    QCommandLineOption m_callbackTimeout;
    QCommandLineOption m_refreshTokenValue;
    QCommandLineOption m_refreshTokenEnv;
    QCommandLineOption m_refreshTokenStdin;
    Flow m_flow = Flow::ClientCredentials;
    bool m_openBrowser = true;
    int m_callbackTimeoutSeconds = 300;
    QString m_refreshToken;
    QStringList m_warnings;
};
