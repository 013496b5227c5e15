#include "ClientAuthentication.h"

#include "FormEncoding.h"

namespace ClientAuthentication {

HttpRequestSpec formPost(const QString &purpose, const QUrl &url, QList<QPair<QString, QString>> fields,
                         const Profile &profile, const QString &clientSecret)
{
    HttpRequestSpec spec;
    spec.purpose = purpose;
    spec.method = "POST";
    spec.url = url;
    switch (profile.authMethod) {
    case ClientAuthMethod::ClientSecretBasic:
        spec.headers.append(
            HttpHeader("Authorization", FormEncoding::basicAuthorization(profile.clientId, clientSecret)));
        break;
    case ClientAuthMethod::ClientSecretPost:
        fields.append({ QStringLiteral("client_id"), profile.clientId });
        fields.append({ QStringLiteral("client_secret"), clientSecret });
        spec.bodyCarriesCredentials = true;
        break;
    case ClientAuthMethod::None:
        fields.append({ QStringLiteral("client_id"), profile.clientId });
        break;
    }
    spec.headers.append(HttpHeader("Content-Type", "application/x-www-form-urlencoded"));
    spec.headers.append(HttpHeader("Accept", "application/json"));
    spec.body = FormEncoding::encode(fields);
    if (!clientSecret.isEmpty() && profile.authMethod != ClientAuthMethod::None)
        spec.secrets.append(clientSecret);
    return spec;
}

HttpRequestSpec tokenPost(const QString &purpose, const QUrl &url, const QString &token,
                          const QString &tokenTypeHint, const Profile &profile, const QString &clientSecret)
{
    QList<QPair<QString, QString>> fields { { QStringLiteral("token"), token } };
    if (!tokenTypeHint.isEmpty())
        fields.append({ QStringLiteral("token_type_hint"), tokenTypeHint });
    HttpRequestSpec request = formPost(purpose, url, fields, profile, clientSecret);
    request.secrets.append(token);
    return request;
}

} // namespace ClientAuthentication
