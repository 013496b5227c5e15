#include "TokenFlowOptions.h"

#include "InputReader.h"

namespace {
QString optionName(const QCommandLineOption &option)
{
    return QStringLiteral("--") + option.names().constFirst();
}
} // namespace

TokenFlowOptions::TokenFlowOptions()
    : m_flowOption(QStringLiteral("flow"),
                   tr("The grant: client-credentials (the default, RFC 6749 §4.4), authorization-code (§4.1 "
                      "with PKCE, through the browser) or refresh (§6)."),
                   tr("FLOW"))
    , m_noBrowser(QStringLiteral("no-browser"),
                  tr("Authorization code flow: open no browser; print the authorization URL and wait for "
                     "the redirect."))
    , m_callbackTimeout(QStringLiteral("callback-timeout"),
                        tr("Authorization code flow: how long to wait for the redirect, 1 to 86400 seconds "
                           "(default 300)."),
                        tr("SECONDS"))
    , m_refreshTokenValue(QStringLiteral("refresh-token"),
                          tr("Refresh: the refresh token. Visible in the process list: prefer "
                             "--refresh-token-env or --refresh-token-stdin."),
                          tr("TOKEN"))
    , m_refreshTokenEnv(QStringLiteral("refresh-token-env"),
                        tr("Refresh: read the refresh token from environment variable VAR."), tr("VAR"))
    , m_refreshTokenStdin(QStringLiteral("refresh-token-stdin"),
                          tr("Refresh: read the refresh token from standard input (a trailing newline is "
                             "removed)."))
{
}

void TokenFlowOptions::addOptions(QCommandLineParser *parser) const
{
    parser->addOptions({ m_flowOption, m_noBrowser, m_callbackTimeout, m_refreshTokenValue, m_refreshTokenEnv,
                         m_refreshTokenStdin });
}

bool TokenFlowOptions::read(const QCommandLineParser &parser, const QStringList &codeFlowOptions,
                            QString *error)
{
    const QString flow = parser.value(m_flowOption).trimmed().toLower();
    if (flow.isEmpty() || flow == QLatin1String("client-credentials")) {
        m_flow = Flow::ClientCredentials;
    } else if (flow == QLatin1String("authorization-code")) {
        m_flow = Flow::AuthorizationCode;
    } else if (flow == QLatin1String("refresh")) {
        m_flow = Flow::Refresh;
    } else {
        *error = tr("--flow: unknown flow \"%1\" (use client-credentials, authorization-code or refresh)")
                     .arg(parser.value(m_flowOption));
        return false;
    }

    QStringList codeOnly = codeFlowOptions;
    for (const QCommandLineOption *option : { &m_noBrowser, &m_callbackTimeout }) {
        if (parser.isSet(*option))
            codeOnly.append(optionName(*option));
    }
    if (m_flow != Flow::AuthorizationCode && !codeOnly.isEmpty()) {
        *error = tr("%1 applies to --flow authorization-code only").arg(codeOnly.constFirst());
        return false;
    }
    QStringList refreshOnly;
    for (const QCommandLineOption *option :
         { &m_refreshTokenValue, &m_refreshTokenEnv, &m_refreshTokenStdin }) {
        if (parser.isSet(*option))
            refreshOnly.append(optionName(*option));
    }
    if (m_flow != Flow::Refresh && !refreshOnly.isEmpty()) {
        *error = tr("%1 applies to --flow refresh only").arg(refreshOnly.constFirst());
        return false;
    }
    if (m_flow == Flow::Refresh && refreshOnly.size() != 1) {
        *error = refreshOnly.isEmpty()
            ? tr("--flow refresh needs a refresh token: pass --refresh-token-env VAR, --refresh-token-stdin "
                 "or --refresh-token TOKEN")
            : tr("pass only one of --refresh-token, --refresh-token-env and --refresh-token-stdin");
        return false;
    }

    m_openBrowser = !parser.isSet(m_noBrowser);
    if (!m_openBrowser && codeFlowOptions.contains(QLatin1String("--browser-command"))) {
        *error = tr("--no-browser and --browser-command exclude each other");
        return false;
    }
    if (parser.isSet(m_callbackTimeout)) {
        bool ok = false;
        m_callbackTimeoutSeconds = parser.value(m_callbackTimeout).toInt(&ok);
        if (!ok || m_callbackTimeoutSeconds < 1 || m_callbackTimeoutSeconds > 86400) {
            *error = tr("--callback-timeout: expected a whole number of seconds from 1 to 86400, got \"%1\"")
                         .arg(parser.value(m_callbackTimeout));
            return false;
        }
    }
    return true;
}

bool TokenFlowOptions::readRefreshToken(const QCommandLineParser &parser, QString *error)
{
    if (m_flow != Flow::Refresh)
        return true;
    if (parser.isSet(m_refreshTokenValue)) {
        m_refreshToken = parser.value(m_refreshTokenValue);
        m_warnings.append(tr("--refresh-token is visible to other users in the process list; prefer "
                             "--refresh-token-env VAR or --refresh-token-stdin"));
    } else if (parser.isSet(m_refreshTokenEnv)) {
        const QString variable = parser.value(m_refreshTokenEnv);
        if (!qEnvironmentVariableIsSet(variable.toLocal8Bit().constData())) {
            *error = tr("--refresh-token-env: environment variable %1 is not set").arg(variable);
            return false;
        }
        m_refreshToken = qEnvironmentVariable(variable.toLocal8Bit().constData());
    } else {
        QByteArray data;
        if (!InputReader::read(QStringLiteral("-"), &data, error))
            return false;
        m_refreshToken = QString::fromUtf8(data);
    }
    m_refreshToken = m_refreshToken.trimmed();
    if (m_refreshToken.isEmpty()) {
        *error = tr("the refresh token given is empty");
        return false;
    }
    return true;
}
