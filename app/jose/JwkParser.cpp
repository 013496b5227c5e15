#include "JwkParser.h"

#include "Base64Url.h"
#include "EvpKeyFactory.h"
#include "JoseText.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JwkParser", text);
}

JwkParseResult failure(const QString &error)
{
    JwkParseResult result;
    result.error = error;
    return result;
}

// A required base64url member: decoded bytes, or an error naming the member.
bool readBytes(const QJsonObject &object, const QString &name, QByteArray &bytes, QString &error,
               QStringList &warnings)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined()) {
        error = tr("the member \"%1\" is missing").arg(name);
        return false;
    }
    if (!value.isString()) {
        error = tr("the member \"%1\" is not a string").arg(name);
        return false;
    }
    const Base64UrlDecoded decoded = Base64Url::decode(value.toString().toLatin1());
    if (!decoded.ok) {
        error = tr("the member \"%1\" is not valid base64url: %2").arg(name, decoded.error);
        return false;
    }
    for (const QString &note : decoded.notes())
        warnings << tr("\"%1\" %2").arg(name, note);
    bytes = decoded.data;
    return true;
}

QString optionalString(const QJsonObject &object, const QString &name, QStringList &warnings)
{
    const QJsonValue value = object.value(name);
    if (value.isUndefined())
        return {};
    if (!value.isString()) {
        warnings << tr("\"%1\" is not a string; ignored").arg(name);
        return {};
    }
    return value.toString();
}

QByteArray canonicalMember(const char *name, const QJsonObject &object)
{
    return '"' + QByteArray(name) + "\":\"" + object.value(QLatin1String(name)).toString().toUtf8() + '"';
}

// RFC 7638 §3: SHA-256 over the required members, sorted, no whitespace.
QString thumbprintOf(const Jwk &key)
{
    QByteArray canonical;
    switch (key.type) {
    case Jwk::Type::Rsa:
        canonical = '{' + canonicalMember("e", key.json) + ',' + canonicalMember("kty", key.json) + ','
            + canonicalMember("n", key.json) + '}';
        break;
    case Jwk::Type::Ec:
        canonical = '{' + canonicalMember("crv", key.json) + ',' + canonicalMember("kty", key.json) + ','
            + canonicalMember("x", key.json) + ',' + canonicalMember("y", key.json) + '}';
        break;
    case Jwk::Type::Okp:
        canonical = '{' + canonicalMember("crv", key.json) + ',' + canonicalMember("kty", key.json) + ','
            + canonicalMember("x", key.json) + '}';
        break;
    case Jwk::Type::Oct:
        canonical = '{' + canonicalMember("k", key.json) + ',' + canonicalMember("kty", key.json) + '}';
        break;
    case Jwk::Type::Unknown:
        return {};
    }
    return QString::fromLatin1(
        Base64Url::encode(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256)));
}

bool readRsa(const QJsonObject &object, Jwk &key, QString &error)
{
    QByteArray n;
    QByteArray e;
    if (!readBytes(object, QStringLiteral("n"), n, error, key.warnings)
        || !readBytes(object, QStringLiteral("e"), e, error, key.warnings))
        return false;
    if (n.isEmpty() || e.isEmpty()) {
        error = tr("\"n\" and \"e\" must not be empty");
        return false;
    }
    if (n.at(0) == '\0')
        key.warnings << tr("\"n\" has leading zero bytes, which RFC 7518 §6.3.1.1 forbids");
    if (n.size() * 8 > JwkParser::MaximumRsaBits + 8) {
        error = tr("the modulus is %1 bits, over the %2-bit limit")
                    .arg(n.size() * 8)
                    .arg(JwkParser::MaximumRsaBits);
        return false;
    }
    if (e.size() > 8) {
        error = tr("the public exponent is %1 bytes long; no real RSA key has one that large").arg(e.size());
        return false;
    }
    EvpKeyResult built = EvpKeyFactory::rsaPublic(n, e);
    if (!built.key) {
        error = tr("not a valid RSA public key: %1").arg(built.error);
        return false;
    }
    if (EvpKeyFactory::publicCheck(built.key.get()) == 0)
        key.warnings << tr("the RSA key fails OpenSSL's public key check (unusual exponent or modulus)");
    key.bits = EVP_PKEY_get_bits(built.key.get());
    key.publicKey = shareKey(std::move(built.key));
    return true;
}

bool readEc(const QJsonObject &object, Jwk &key, QString &error)
{
    key.crv = optionalString(object, QStringLiteral("crv"), key.warnings);
    const int size = EvpKeyFactory::ecCoordinateBytes(key.crv);
    if (size == 0) {
        error = key.crv.isEmpty()
            ? tr("the EC key has no \"crv\"")
            : tr("unsupported EC curve %1 (supported: P-256, P-384, P-521)").arg(JoseText::quoted(key.crv));
        return false;
    }
    QByteArray x;
    QByteArray y;
    if (!readBytes(object, QStringLiteral("x"), x, error, key.warnings)
        || !readBytes(object, QStringLiteral("y"), y, error, key.warnings))
        return false;
    if (x.size() != size || y.size() != size) {
        error = tr("for %1, \"x\" and \"y\" must be %2 bytes each (RFC 7518 §6.2.1.2); got %3 and %4")
                    .arg(key.crv)
                    .arg(size)
                    .arg(x.size())
                    .arg(y.size());
        return false;
    }
    EvpKeyResult built = EvpKeyFactory::ecPublic(key.crv, x, y);
    if (!built.key) {
        error = built.error;
        return false;
    }
    key.bits = EVP_PKEY_get_bits(built.key.get());
    key.publicKey = shareKey(std::move(built.key));
    return true;
}

bool readOkp(const QJsonObject &object, Jwk &key, QString &error)
{
    key.crv = optionalString(object, QStringLiteral("crv"), key.warnings);
    const int size = EvpKeyFactory::okpKeyBytes(key.crv);
    if (size == 0) {
        error = key.crv.isEmpty() ? tr("the OKP key has no \"crv\"")
                                  : tr("unsupported OKP curve %1 (supported: Ed25519, Ed448, X25519, X448)")
                                        .arg(JoseText::quoted(key.crv));
        return false;
    }
    QByteArray x;
    if (!readBytes(object, QStringLiteral("x"), x, error, key.warnings))
        return false;
    if (x.size() != size) {
        error = tr("for %1, \"x\" must be %2 bytes; got %3").arg(key.crv).arg(size).arg(x.size());
        return false;
    }
    EvpKeyResult built = EvpKeyFactory::okpPublic(key.crv, x);
    if (!built.key) {
        error = built.error;
        return false;
    }
    if (key.crv.startsWith(QLatin1Char('X')))
        key.warnings << tr("%1 is a key-agreement curve; it cannot verify signatures").arg(key.crv);
    key.bits = EVP_PKEY_get_bits(built.key.get());
    key.publicKey = shareKey(std::move(built.key));
    return true;
}

bool readOct(const QJsonObject &object, Jwk &key, QString &error)
{
    if (!readBytes(object, QStringLiteral("k"), key.secret, error, key.warnings))
        return false;
    if (key.secret.isEmpty()) {
        error = tr("the symmetric key \"k\" is empty");
        return false;
    }
    key.bits = static_cast<int>(key.secret.size() * 8);
    return true;
}

void readCommonMembers(const QJsonObject &object, Jwk &key)
{
    key.kid = optionalString(object, QStringLiteral("kid"), key.warnings);
    key.use = optionalString(object, QStringLiteral("use"), key.warnings);
    key.alg = optionalString(object, QStringLiteral("alg"), key.warnings);
    if (!key.use.isEmpty() && key.use != QLatin1String("sig") && key.use != QLatin1String("enc"))
        key.warnings << tr("unknown \"use\" %1").arg(JoseText::quoted(key.use));
    const QJsonValue ops = object.value(QLatin1String("key_ops"));
    if (ops.isArray()) {
        for (const QJsonValue &op : ops.toArray()) {
            if (op.isString())
                key.keyOps << op.toString();
            else
                key.warnings << tr("\"key_ops\" has a non-string entry; ignored");
        }
    } else if (!ops.isUndefined()) {
        key.warnings << tr("\"key_ops\" is not an array; ignored");
    }
    if (!key.use.isEmpty() && ops.isArray())
        key.warnings << tr("both \"use\" and \"key_ops\" are present, which RFC 7517 §4.3 advises against");
    for (const char *member : { "d", "p", "q", "dp", "dq", "qi", "oth" }) {
        if (object.contains(QLatin1String(member)))
            key.hasPrivateMembers = true;
    }
}
} // namespace

JwkParseResult JwkParser::parse(const QByteArray &json)
{
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return failure(tr("not JSON: %1 at offset %2").arg(jsonError.errorString()).arg(jsonError.offset));
    if (!document.isObject())
        return failure(tr("a JWK is a JSON object"));
    return parse(document.object());
}

JwkParseResult JwkParser::parse(const QJsonObject &object)
{
    Jwk key;
    key.json = object;
    const QJsonValue kty = object.value(QLatin1String("kty"));
    if (!kty.isString() || kty.toString().isEmpty())
        return failure(kty.isUndefined() ? tr("the key has no \"kty\"") : tr("\"kty\" is not a string"));
    key.kty = kty.toString();
    readCommonMembers(object, key);

    QString error;
    bool built = false;
    if (key.kty == QLatin1String("RSA")) {
        key.type = Jwk::Type::Rsa;
        built = readRsa(object, key, error);
    } else if (key.kty == QLatin1String("EC")) {
        key.type = Jwk::Type::Ec;
        built = readEc(object, key, error);
    } else if (key.kty == QLatin1String("OKP")) {
        key.type = Jwk::Type::Okp;
        built = readOkp(object, key, error);
    } else if (key.kty == QLatin1String("oct")) {
        key.type = Jwk::Type::Oct;
        built = readOct(object, key, error);
    } else {
        error = tr("unsupported key type (kty) %1").arg(JoseText::quoted(key.kty));
    }
    if (!built)
        return failure(error);

    if (key.hasPrivateMembers)
        key.warnings << tr("the key contains private key material (d)");
    key.thumbprint = thumbprintOf(key);
    JwkParseResult result;
    result.ok = true;
    result.key = key;
    return result;
}
