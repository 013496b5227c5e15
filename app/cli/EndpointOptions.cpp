#include "EndpointOptions.h"

#include "ServerMetadata.h"

namespace {
struct OptionEntry
{
    EndpointOptions::Endpoint endpoint;
    QLatin1String option;
    QLatin1String metadataName;
    QUrl ServerEndpoints::*member;
};

const OptionEntry Options[] = {
    { EndpointOptions::Endpoint::Authorization, QLatin1String("authorization-url"),
      QLatin1String("authorization_endpoint"), &ServerEndpoints::authorization },
    { EndpointOptions::Endpoint::Introspection, QLatin1String("introspection-url"),
      QLatin1String("introspection_endpoint"), &ServerEndpoints::introspection },
    { EndpointOptions::Endpoint::Revocation, QLatin1String("revocation-url"),
      QLatin1String("revocation_endpoint"), &ServerEndpoints::revocation },
    { EndpointOptions::Endpoint::UserInfo, QLatin1String("userinfo-url"), QLatin1String("userinfo_endpoint"),
      &ServerEndpoints::userinfo },
    { EndpointOptions::Endpoint::Jwks, QLatin1String("jwks-url"), QLatin1String("jwks_uri"),
      &ServerEndpoints::jwks },
};

const OptionEntry &entry(EndpointOptions::Endpoint endpoint)
{
    for (const OptionEntry &option : Options) {
        if (option.endpoint == endpoint)
            return option;
    }
    return Options[0]; // unreachable: every Endpoint has an entry
}

const QString IssuerOption = QStringLiteral("issuer");
const QString AcceptMismatchOption = QStringLiteral("accept-issuer-mismatch");
} // namespace

QString EndpointOptions::Field::label() const
{
    return QCoreApplication::translate("EndpointOptions", labelText);
}

const QList<EndpointOptions::Field> &EndpointOptions::fields()
{
    static const QList<Field> list {
        { QT_TRANSLATE_NOOP("EndpointOptions", "authorization endpoint"),
          QLatin1String("authorization_endpoint"), &ServerEndpoints::authorization },
        { QT_TRANSLATE_NOOP("EndpointOptions", "pushed authorization request endpoint"),
          QLatin1String("pushed_authorization_request_endpoint"), &ServerEndpoints::pushedAuthorization },
        { QT_TRANSLATE_NOOP("EndpointOptions", "device authorization endpoint"),
          QLatin1String("device_authorization_endpoint"), &ServerEndpoints::deviceAuthorization },
        { QT_TRANSLATE_NOOP("EndpointOptions", "introspection endpoint"),
          QLatin1String("introspection_endpoint"), &ServerEndpoints::introspection },
        { QT_TRANSLATE_NOOP("EndpointOptions", "revocation endpoint"), QLatin1String("revocation_endpoint"),
          &ServerEndpoints::revocation },
        { QT_TRANSLATE_NOOP("EndpointOptions", "userinfo endpoint"), QLatin1String("userinfo_endpoint"),
          &ServerEndpoints::userinfo },
        { QT_TRANSLATE_NOOP("EndpointOptions", "JWKS URI"), QLatin1String("jwks_uri"),
          &ServerEndpoints::jwks },
    };
    return list;
}

QCommandLineOption EndpointOptions::acceptIssuerMismatchOption()
{
    return QCommandLineOption(AcceptMismatchOption,
                              tr("Use the metadata even when the issuer it announces differs from the one "
                                 "asked for (RFC 8414 §3.3 says to refuse it)."));
}

QString EndpointOptions::optionName(Endpoint endpoint)
{
    return QStringLiteral("--") + entry(endpoint).option;
}

QString EndpointOptions::metadataName(Endpoint endpoint)
{
    return entry(endpoint).metadataName;
}

QUrl EndpointOptions::endpointUrl(const Profile &profile, Endpoint endpoint)
{
    return profile.endpoints.*entry(endpoint).member;
}

void EndpointOptions::addOptions(QCommandLineParser *parser, const QList<Endpoint> &endpoints)
{
    parser->addOption(QCommandLineOption(
        IssuerOption,
        tr("The authorization server's issuer URL: its metadata (OpenID Connect Discovery or RFC 8414) "
           "gives the endpoints not set by other options."),
        tr("URL")));
    addAcceptMismatchOption(parser);
    for (const Endpoint endpoint : endpoints) {
        const OptionEntry &option = entry(endpoint);
        parser->addOption(QCommandLineOption(
            option.option, tr("The %1 (overrides discovery).").arg(option.metadataName), tr("URL")));
        m_endpoints.append(endpoint);
    }
    m_issuerAdded = true;
}

void EndpointOptions::addAcceptMismatchOption(QCommandLineParser *parser)
{
    parser->addOption(acceptIssuerMismatchOption());
    m_acceptAdded = true;
}

bool EndpointOptions::isIssuerSet(const QCommandLineParser &parser) const
{
    return m_issuerAdded && parser.isSet(IssuerOption);
}

QUrl EndpointOptions::issuer(const QCommandLineParser &parser) const
{
    return isIssuerSet(parser) ? QUrl(parser.value(IssuerOption), QUrl::StrictMode) : QUrl();
}

bool EndpointOptions::acceptsIssuerMismatch(const QCommandLineParser &parser) const
{
    return m_acceptAdded && parser.isSet(AcceptMismatchOption);
}

bool EndpointOptions::isSet(const QCommandLineParser &parser, Endpoint endpoint) const
{
    return m_endpoints.contains(endpoint) && parser.isSet(entry(endpoint).option);
}

bool EndpointOptions::apply(const QCommandLineParser &parser, Profile *profile, QString *error)
{
    if (isIssuerSet(parser)) {
        QUrl issuer;
        if (!parseUrl(parser.value(IssuerOption), QStringLiteral("--issuer"), &issuer, error))
            return false;
        if (issuer.hasQuery()) {
            *error = tr("--issuer: an issuer has no query (RFC 8414 §2), got \"%1\"")
                         .arg(parser.value(IssuerOption));
            return false;
        }
        profile->endpoints.issuer = issuer;
    }
    for (const Endpoint endpoint : std::as_const(m_endpoints)) {
        const OptionEntry &option = entry(endpoint);
        if (!parser.isSet(option.option))
            continue;
        if (!parseUrl(parser.value(option.option), optionName(endpoint), &(profile->endpoints.*option.member),
                      error))
            return false;
        m_explicit.append(option.member);
    }
    return true;
}

void EndpointOptions::applyDiscovered(const ServerMetadata &metadata, bool keepTokenUrl,
                                      Profile *profile) const
{
    for (const Field &field : fields()) {
        const QUrl &discovered = metadata.endpoints.*field.member;
        if (!discovered.isEmpty() && !m_explicit.contains(field.member))
            profile->endpoints.*field.member = discovered;
    }
    if (!keepTokenUrl && !metadata.tokenEndpoint.isEmpty())
        profile->tokenUrl = metadata.tokenEndpoint;
    profile->endpoints.issParameterSupported = metadata.authorizationResponseIssParameterSupported;
}

bool EndpointOptions::parseUrl(const QString &text, const QString &option, QUrl *url, QString *error)
{
    const QUrl parsed(text, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || parsed.hasFragment()) {
        *error = tr("%1: expected an absolute http:// or https:// URL without a fragment, got \"%2\"")
                     .arg(option, text);
        return false;
    }
    *url = parsed;
    return true;
}
