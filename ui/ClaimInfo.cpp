#include "ClaimInfo.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

#include <iterator>

namespace {

struct Entry
{
    const char *name;
    const char *explanation;
};

// In display order.
const Entry Entries[] = {
    { "active", QT_TRANSLATE_NOOP("ClaimInfo", "Whether the token is active right now (RFC 7662 §2.2)") },
    { "iss", QT_TRANSLATE_NOOP("ClaimInfo", "Issuer: who created and signed the token (RFC 7519 §4.1.1)") },
    { "sub",
      QT_TRANSLATE_NOOP("ClaimInfo", "Subject: the user or client the token is about (RFC 7519 §4.1.2)") },
    { "aud",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Audience: who must accept the token; anyone else must reject it "
                        "(RFC 7519 §4.1.3)") },
    { "azp",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Authorized party: the client the ID token was issued to "
                        "(OIDC Core §2)") },
    { "client_id",
      QT_TRANSLATE_NOOP("ClaimInfo", "The client the token was issued to (RFC 9068 §2.2, RFC 7662)") },
    { "scope",
      QT_TRANSLATE_NOOP("ClaimInfo", "Scopes granted, space-separated (RFC 9068 §2.2.3, RFC 8693 §4.2)") },
    { "exp",
      QT_TRANSLATE_NOOP("ClaimInfo", "Expiration time: reject the token from then on (RFC 7519 §4.1.4)") },
    { "nbf", QT_TRANSLATE_NOOP("ClaimInfo", "Not before: reject the token until then (RFC 7519 §4.1.5)") },
    { "iat", QT_TRANSLATE_NOOP("ClaimInfo", "Issued at: when the token was created (RFC 7519 §4.1.6)") },
    { "auth_time", QT_TRANSLATE_NOOP("ClaimInfo", "When the user last authenticated (OIDC Core §2)") },
    { "jti",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "JWT ID: unique per token, lets servers detect replays "
                        "(RFC 7519 §4.1.7)") },
    { "nonce",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Ties the ID token to the client's authentication request; must "
                        "match the nonce the client sent (OIDC Core §2)") },
    { "acr",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Authentication context class: how strongly the user "
                        "authenticated (OIDC Core §2)") },
    { "amr", QT_TRANSLATE_NOOP("ClaimInfo", "Authentication methods used, e.g. pwd, otp, mfa (RFC 8176)") },
    { "sid",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Session ID at the provider, used for logout (OIDC Front- and "
                        "Back-Channel Logout)") },
    { "at_hash",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Hash of the access token issued with this ID token "
                        "(OIDC Core §3.1.3.6)") },
    { "c_hash", QT_TRANSLATE_NOOP("ClaimInfo", "Hash of the authorization code (OIDC Core §3.3.2.11)") },
    { "cnf",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Confirmation: the key the token is bound to; only its holder may "
                        "use it (RFC 7800; DPoP RFC 9449; mTLS RFC 8705)") },
    { "act", QT_TRANSLATE_NOOP("ClaimInfo", "Actor: who acts on behalf of the subject (RFC 8693 §4.1)") },
    { "may_act", QT_TRANSLATE_NOOP("ClaimInfo", "Who may act on behalf of the subject (RFC 8693 §4.4)") },
    { "token_type", QT_TRANSLATE_NOOP("ClaimInfo", "Type of the token, e.g. Bearer (RFC 7662 §2.2)") },
    { "username",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Human-readable identifier of the resource owner "
                        "(RFC 7662 §2.2)") },
    { "roles", QT_TRANSLATE_NOOP("ClaimInfo", "Roles of the subject (RFC 9068 §2.2.3.1)") },
    { "groups", QT_TRANSLATE_NOOP("ClaimInfo", "Groups the subject belongs to (RFC 9068 §2.2.3.1)") },
    { "entitlements", QT_TRANSLATE_NOOP("ClaimInfo", "Entitlements of the subject (RFC 9068 §2.2.3.1)") },
    { "name", QT_TRANSLATE_NOOP("ClaimInfo", "Full name (OIDC Core §5.1)") },
    { "given_name", QT_TRANSLATE_NOOP("ClaimInfo", "Given name (OIDC Core §5.1)") },
    { "family_name", QT_TRANSLATE_NOOP("ClaimInfo", "Family name (OIDC Core §5.1)") },
    { "preferred_username",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Shorthand name; not unique, not stable "
                        "(OIDC Core §5.1)") },
    { "email",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "E-mail address; trust it only when email_verified is true "
                        "(OIDC Core §5.1)") },
    { "email_verified",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "Whether the provider verified the e-mail address "
                        "(OIDC Core §5.1)") },
    { "phone_number", QT_TRANSLATE_NOOP("ClaimInfo", "Phone number (OIDC Core §5.1)") },
    { "picture", QT_TRANSLATE_NOOP("ClaimInfo", "Profile picture URL (OIDC Core §5.1)") },
    { "locale", QT_TRANSLATE_NOOP("ClaimInfo", "Locale, e.g. en-US (OIDC Core §5.1)") },
    { "zoneinfo", QT_TRANSLATE_NOOP("ClaimInfo", "Time zone, e.g. Europe/Paris (OIDC Core §5.1)") },
    { "updated_at",
      QT_TRANSLATE_NOOP("ClaimInfo",
                        "When the user's information last changed "
                        "(OIDC Core §5.1)") },
};

const QHash<QString, int> &indexes()
{
    static const QHash<QString, int> map = [] {
        QHash<QString, int> result;
        int i = 0;
        for (const Entry &entry : Entries)
            result.insert(QLatin1String(entry.name), i++);
        return result;
    }();
    return map;
}

} // namespace

namespace ClaimInfo {

QString explanation(const QString &name)
{
    const auto found = indexes().constFind(name);
    if (found == indexes().constEnd())
        return {};
    return QCoreApplication::translate("ClaimInfo", Entries[found.value()].explanation);
}

bool isTimeClaim(const QString &name)
{
    static const QStringList names { QStringLiteral("exp"), QStringLiteral("nbf"), QStringLiteral("iat"),
                                     QStringLiteral("auth_time"), QStringLiteral("updated_at") };
    return names.contains(name);
}

int rank(const QString &name)
{
    return indexes().value(name, static_cast<int>(std::size(Entries)));
}

} // namespace ClaimInfo
