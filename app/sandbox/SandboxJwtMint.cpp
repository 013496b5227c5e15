#include "SandboxJwtMint.h"

#include "Base64Url.h"
#include "SandboxContext.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace {
const QString rs256 = QStringLiteral("RS256");

QByteArray encodedJson(const QJsonObject &object)
{
    return Base64Url::encode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Flips the bits of one byte in the middle of the signature: the token still looks well formed (same
// length, valid base64url), but no key verifies it.
QByteArray alteredSignature(const QByteArray &token)
{
    const qsizetype dot = token.lastIndexOf('.');
    const Base64UrlDecoded signature = Base64Url::decode(token.mid(dot + 1));
    if (dot < 0 || !signature.ok || signature.data.isEmpty())
        return token;
    QByteArray bytes = signature.data;
    const qsizetype middle = bytes.size() / 2;
    bytes[middle] = static_cast<char>(~static_cast<unsigned char>(bytes.at(middle)));
    return token.left(dot + 1) + Base64Url::encode(bytes);
}
} // namespace

namespace SandboxJwtMint {

Times times(const SandboxContext &context, qint64 lifetime)
{
    const qint64 now = context.now();
    if (context.settings.has(SandboxFault::ExpiredToken))
        return { now - ExpiredBySeconds - lifetime, now - ExpiredBySeconds };
    return { now, now + lifetime };
}

QString mint(const SandboxContext &context, const QJsonObject &header, const QJsonObject &claims)
{
    const SandboxSettings &settings = context.settings;
    if (settings.has(SandboxFault::AlgNone)) {
        // RFC 7519 §6.1: an Unsecured JWT has "alg": "none" and an empty signature.
        QJsonObject unsecured = header;
        unsecured.insert(QStringLiteral("alg"), QStringLiteral("none"));
        unsecured.remove(QStringLiteral("kid"));
        return QString::fromLatin1(encodedJson(unsecured) + '.' + encodedJson(claims) + '.');
    }
    QJsonObject signedHeader = header;
    if (settings.has(SandboxFault::UnknownKid))
        signedHeader.insert(QStringLiteral("kid"), unknownKid(context));
    QByteArray token = context.keys.sign(rs256, signedHeader, claims);
    if (settings.has(SandboxFault::BadSignature))
        token = alteredSignature(token);
    return QString::fromLatin1(token);
}

QString unknownKid(const SandboxContext &context)
{
    const QByteArray seed = "sandbox-unknown-kid:" + context.keys.kid(rs256).toLatin1();
    return QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(seed, QCryptographicHash::Sha256)));
}

} // namespace SandboxJwtMint
