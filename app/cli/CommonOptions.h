#pragma once

#include "Profile.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>
#include <optional>

class Console;
struct TransportOptions;

// --timeout, --cacert and --insecure as given on the command line; unset fields leave settings alone.
struct TransportFlags
{
    std::optional<int> timeoutSeconds;
    std::optional<QString> caFile; // absolute path
    bool insecure = false;

    void applyTo(Profile *profile) const;
    void applyTo(TransportOptions *options) const;
};

// The client and transport options shared by `token`, `request`, `introspect`, `revoke` and `profiles add`,
// and how they override a profile's fields.
class CommonOptions final
{
    Q_DECLARE_TR_FUNCTIONS(CommonOptions)
public:
    CommonOptions();

    // --token-url, --client-id, --auth, --scope, --audience, --resource, --param
    void addClientOptions(QCommandLineParser *parser);
    // --client-id and --auth only: for endpoints that authenticate the client but request no token.
    void addClientAuthOptions(QCommandLineParser *parser);
    // --timeout, --cacert, --insecure
    void addTransportOptions(QCommandLineParser *parser) const;

    bool isTokenUrlSet(const QCommandLineParser &parser) const
    {
        return m_tokenOptionsAdded && parser.isSet(m_tokenUrl);
    }
    bool isClientIdSet(const QCommandLineParser &parser) const
    {
        return m_authOptionsAdded && parser.isSet(m_clientId);
    }

    // Overrides the profile's fields with the client options that were added and are set. False with a
    // message on bad input.
    bool applyClientOptions(const QCommandLineParser &parser, Profile *profile, QString *error) const;
    bool readTransportOptions(const QCommandLineParser &parser, TransportFlags *flags, QString *error) const;

    // Profile::validate() with each field named by the option that sets it, leaving out the problems of the
    // fields in `ignoredFields` (profile JSON keys such as "token_endpoint").
    static QStringList problems(const Profile &profile, const QStringList &ignoredFields = {});
    // Prints each problem as an error line; true when there were any.
    static bool reportProblems(Console &console, const Profile &profile,
                               const QStringList &ignoredFields = {});

private:
    QCommandLineOption m_tokenUrl;
    QCommandLineOption m_clientId;
    QCommandLineOption m_auth;
    QCommandLineOption m_scope;
    QCommandLineOption m_audience;
    QCommandLineOption m_resource;
    QCommandLineOption m_param;
    QCommandLineOption m_timeout;
    QCommandLineOption m_cacert;
    QCommandLineOption m_insecure;
    bool m_tokenOptionsAdded = false; // --token-url, --scope, --audience, --resource, --param
    bool m_authOptionsAdded = false; // --client-id, --auth
};
