#include "CodeFlowOptions.h"

CodeFlowOptions::CodeFlowOptions()
    : m_redirectPort(
        QStringLiteral("redirect-port"),
        tr("Authorization code flow: the port of the redirect listener on 127.0.0.1, 0 for any free "
           "port (the default; RFC 8252 §7.3)."),
        tr("PORT"))
    , m_redirectPath(QStringLiteral("redirect-path"),
                     tr("Authorization code flow: the path of the redirect URI (default /callback)."),
                     tr("PATH"))
    , m_pkce(QStringLiteral("pkce"),
             tr("Authorization code flow: the PKCE method, S256 (the default), plain or none (RFC 7636)."),
             tr("METHOD"))
    , m_browserCommand(QStringLiteral("browser-command"),
                       tr("Authorization code flow: the browser to open, %u standing for the URL, e.g. "
                          "\"firefox --private-window %u\" (default: xdg-open). Run without a shell."),
                       tr("CMD"))
{
}

void CodeFlowOptions::addOptions(QCommandLineParser *parser)
{
    parser->addOptions({ m_redirectPort, m_redirectPath, m_pkce, m_browserCommand });
    m_added = true;
}

QStringList CodeFlowOptions::optionsSet(const QCommandLineParser &parser) const
{
    QStringList names;
    if (!m_added)
        return names;
    for (const QCommandLineOption *option :
         { &m_redirectPort, &m_redirectPath, &m_pkce, &m_browserCommand }) {
        if (parser.isSet(*option))
            names.append(QStringLiteral("--") + option->names().constFirst());
    }
    return names;
}

bool CodeFlowOptions::apply(const QCommandLineParser &parser, Profile *profile, QString *error) const
{
    if (!m_added)
        return true;
    if (parser.isSet(m_redirectPort)) {
        bool ok = false;
        const int port = parser.value(m_redirectPort).toInt(&ok);
        if (!ok || port < 0 || port > 65535) {
            *error = tr("--redirect-port: expected a port from 0 (any free port) to 65535, got \"%1\"")
                         .arg(parser.value(m_redirectPort));
            return false;
        }
        profile->redirectPort = port;
    }
    if (parser.isSet(m_redirectPath))
        profile->redirectPath = parser.value(m_redirectPath);
    if (parser.isSet(m_pkce)) {
        const QString name = parser.value(m_pkce);
        const std::optional<Pkce::Method> method
            = name.trimmed().isEmpty() ? std::nullopt : Pkce::methodFromName(name);
        if (!method) {
            *error = tr("--pkce: unknown method \"%1\" (use S256, plain or none)").arg(name);
            return false;
        }
        profile->pkceMethod = *method;
    }
    if (parser.isSet(m_browserCommand))
        profile->browserCommand = parser.value(m_browserCommand);
    return true;
}
