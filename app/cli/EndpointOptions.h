#pragma once

#include "Profile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QList>

struct ServerMetadata;

// The issuer and the endpoints besides the token endpoint as options (--issuer, --introspection-url, ...):
// how they set a profile's endpoints, and how discovered metadata fills the rest without overriding them.
class EndpointOptions final
{
    Q_DECLARE_TR_FUNCTIONS(EndpointOptions)
public:
    // The endpoints a user can set by hand; the others (device authorization, PAR) come from discovery.
    enum class Endpoint { Authorization, Introspection, Revocation, UserInfo, Jwks };

    // One endpoint of ServerEndpoints, for printing: its label and its metadata name (RFC 8414 §2).
    struct Field
    {
        const char *labelText; // untranslated; label() translates it
        QLatin1String metadataName;
        QUrl ServerEndpoints::*member;

        QString label() const;
    };
    // Every endpoint of ServerEndpoints but the issuer, in the order a user reads them.
    static const QList<Field> &fields();

    static QCommandLineOption acceptIssuerMismatchOption();
    static QString optionName(Endpoint endpoint); // "--introspection-url"
    static QString metadataName(Endpoint endpoint); // "introspection_endpoint"
    static QUrl endpointUrl(const Profile &profile, Endpoint endpoint);

    // --issuer and --accept-issuer-mismatch, plus the option of each endpoint listed.
    void addOptions(QCommandLineParser *parser, const QList<Endpoint> &endpoints);
    // --accept-issuer-mismatch alone, for commands whose issuer comes from elsewhere.
    void addAcceptMismatchOption(QCommandLineParser *parser);

    bool isIssuerSet(const QCommandLineParser &parser) const;
    QUrl issuer(const QCommandLineParser &parser) const;
    bool acceptsIssuerMismatch(const QCommandLineParser &parser) const;
    bool isSet(const QCommandLineParser &parser, Endpoint endpoint) const;

    // Sets the profile's issuer and the endpoints given, and remembers which were given. False with a message
    // on a URL that is not http(s).
    bool apply(const QCommandLineParser &parser, Profile *profile, QString *error);
    // Fills the profile from discovered metadata: every endpoint the metadata names and, unless
    // keepTokenUrl, the token endpoint. What apply() set explicitly wins; endpoints the metadata does not
    // name keep their value. The issuer stays the one asked for.
    void applyDiscovered(const ServerMetadata &metadata, bool keepTokenUrl, Profile *profile) const;

    // An absolute http(s) URL without a fragment; else an error naming `option`.
    static bool parseUrl(const QString &text, const QString &option, QUrl *url, QString *error);

private:
    QList<Endpoint> m_endpoints; // whose options were added
    QList<QUrl ServerEndpoints::*> m_explicit; // set by apply()
    bool m_issuerAdded = false;
    bool m_acceptAdded = false;
};
