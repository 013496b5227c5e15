#include "JwtParser.h"

#include "Base64Url.h"
#include "JoseText.h"
#include "JsonMemberScan.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {
using Kind = JwtParseResult::Kind;
using Error = JwtParseResult::Error;

QString tr(const char *text)
{
    return QCoreApplication::translate("JwtParser", text);
}

JwtParseResult failure(Error error, const QString &message, int part = 0)
{
    JwtParseResult result;
    result.kind = Kind::Invalid;
    result.error = error;
    result.errorPart = part;
    result.message = message;
    return result;
}

JwtParseResult tooLarge(qsizetype size, qsizetype maximum)
{
    return failure(Error::TooLarge,
                   tr("the token is %1 bytes, over the %2 KiB limit; refusing to decode it")
                       .arg(size)
                       .arg(maximum / 1024));
}

JwtParseResult opaque()
{
    JwtParseResult result;
    result.kind = Kind::Opaque;
    result.message
        = tr("opaque token: not a JWT; ask the authorization server (introspection) what it means");
    return result;
}

// The header's first non-blank byte is '{': the text was meant to be a JOSE header.
bool looksLikeJsonObject(const QByteArray &bytes)
{
    for (const char c : bytes) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{';
    }
    return false;
}

QString headerString(const QJsonObject &header, const QString &name, QStringList &warnings)
{
    const QJsonValue value = header.value(name);
    if (value.isUndefined())
        return {};
    if (!value.isString()) {
        warnings << tr("the header member \"%1\" is not a string; it is ignored").arg(name);
        return {};
    }
    return value.toString();
}

// Header parameters registered by RFC 7515 §4.1 and RFC 7516 §4.1: never allowed in "crit".
bool isRegisteredHeaderName(const QString &name)
{
    static const QStringList names {
        QStringLiteral("alg"), QStringLiteral("jku"), QStringLiteral("jwk"),  QStringLiteral("kid"),
        QStringLiteral("x5u"), QStringLiteral("x5c"), QStringLiteral("x5t"),  QStringLiteral("x5t#S256"),
        QStringLiteral("typ"), QStringLiteral("cty"), QStringLiteral("crit"), QStringLiteral("enc"),
        QStringLiteral("zip"),
    };
    return names.contains(name);
}

bool isAccessTokenType(const QString &typ)
{
    return typ.compare(QLatin1String("at+jwt"), Qt::CaseInsensitive) == 0
        || typ.compare(QLatin1String("application/at+jwt"), Qt::CaseInsensitive) == 0;
}

void warnAboutEmbeddedKeys(const QJsonObject &header, QStringList &warnings)
{
    for (const QString &name :
         { QStringLiteral("jwk"), QStringLiteral("jku"), QStringLiteral("x5u"), QStringLiteral("x5c") }) {
        if (header.contains(name))
            warnings << tr("the header names its own key (\"%1\"); a verifier must not trust a key chosen by "
                           "the token, and this one is ignored")
                            .arg(name);
    }
}

void warnAboutDuplicates(const QByteArray &json, const QString &where, QStringList &warnings)
{
    for (const QString &name : JsonMemberScan::duplicateNames(json))
        warnings
            << tr("the %1 names %2 more than once; this tool reads the last value, other libraries may read "
                  "the first")
                   .arg(where, JoseText::quoted(name));
}

void addDecodeNotes(const Base64UrlDecoded &decoded, int part, QStringList &warnings)
{
    for (const QString &note : decoded.notes())
        warnings << tr("part %1 %2").arg(part).arg(note);
}
} // namespace

JwtParseResult JwtParser::parse(const QString &token) const
{
    if (token.size() > m_maximumSize)
        return tooLarge(token.size(), m_maximumSize);
    for (qsizetype i = 0; i < token.size(); ++i) {
        if (token.at(i).unicode() >= 0x80)
            return failure(Error::NotAscii,
                           tr("character %1 at position %2 is not ASCII; a token never contains one")
                               .arg(JoseText::quoted(QString(token.at(i))))
                               .arg(i));
    }
    return parse(token.toLatin1());
}

JwtParseResult JwtParser::parse(const QByteArray &token) const
{
    if (token.size() > m_maximumSize)
        return tooLarge(token.size(), m_maximumSize);
    QByteArray text = token.trimmed();
    QStringList warnings;
    if (text.size() > 7 && text.left(7).compare("bearer ", Qt::CaseInsensitive) == 0) {
        text = text.mid(7).trimmed();
        warnings << tr("removed the \"Bearer \" prefix: that is the Authorization header, not the token");
    }
    if (text.isEmpty())
        return failure(Error::Empty, tr("the token is empty"));
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text.at(i));
        if (byte >= 0x80)
            return failure(Error::NotAscii,
                           tr("byte 0x%1 at position %2 is not ASCII; a token never contains one")
                               .arg(byte, 2, 16, QLatin1Char('0'))
                               .arg(i));
    }

    JwtParseResult result = parseParts(text.split('.'));
    result.warnings = warnings + result.warnings;
    return result;
}

JwtParseResult JwtParser::parseParts(const QList<QByteArray> &parts) const
{
    if (parts.size() == 1)
        return opaque();
    const int partCount = static_cast<int>(parts.size());
    const bool jwtShaped = partCount == 3 || partCount == 5;

    const Base64UrlDecoded header = Base64Url::decode(parts.first());
    if (!header.ok || !looksLikeJsonObject(header.data)) {
        if (!jwtShaped)
            return opaque();
        if (!header.ok)
            return failure(Error::BadBase64Url,
                           tr("part 1 (the header) is not valid base64url: %1. If this is not meant to be a "
                              "JWT, it is an opaque token: ask the authorization server (introspection)")
                               .arg(header.error),
                           1);
        return failure(Error::HeaderNotJson, tr("the header (part 1) is not a JSON object"), 1);
    }
    if (!jwtShaped)
        return failure(
            Error::WrongPartCount,
            tr("the token has %1 parts; a JWT has 3 (signed, JWS) or 5 (encrypted, JWE)").arg(partCount));

    JwtParseResult result;
    Jwt &jwt = result.token;
    jwt.partCount = partCount;
    jwt.headerJson = header.data;
    addDecodeNotes(header, 1, result.warnings);

    QJsonParseError jsonError;
    const QJsonDocument headerDocument = QJsonDocument::fromJson(header.data, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !headerDocument.isObject())
        return failure(Error::HeaderNotJson,
                       tr("the header (part 1) is not valid JSON: %1 at offset %2")
                           .arg(jsonError.errorString())
                           .arg(jsonError.offset),
                       1);
    jwt.header = headerDocument.object();
    warnAboutDuplicates(jwt.headerJson, tr("header"), result.warnings);

    for (int part = 2; part <= partCount; ++part) {
        const Base64UrlDecoded decoded = Base64Url::decode(parts.at(part - 1));
        if (!decoded.ok)
            return failure(Error::BadBase64Url,
                           tr("part %1 is not valid base64url: %2").arg(part).arg(decoded.error), part);
        addDecodeNotes(decoded, part, result.warnings);
        if (jwt.isJws() && part == 2)
            jwt.payload = decoded.data;
        if (jwt.isJws() && part == 3)
            jwt.signature = decoded.data;
    }

    if (!jwt.header.value(QLatin1String("alg")).isString()
        || jwt.header.value(QLatin1String("alg")).toString().isEmpty())
        return failure(
            Error::MissingAlg,
            jwt.header.contains(QLatin1String("alg"))
                ? tr("the header's \"alg\" is not a non-empty string")
                : tr("the header has no \"alg\": every JWS and JWE header must name its algorithm"),
            1);
    jwt.alg = jwt.header.value(QLatin1String("alg")).toString();
    jwt.enc = headerString(jwt.header, QStringLiteral("enc"), result.warnings);
    jwt.typ = headerString(jwt.header, QStringLiteral("typ"), result.warnings);
    jwt.cty = headerString(jwt.header, QStringLiteral("cty"), result.warnings);
    jwt.kid = headerString(jwt.header, QStringLiteral("kid"), result.warnings);
    jwt.isAccessToken = isAccessTokenType(jwt.typ);
    if (!checkCritical(result))
        return result;
    warnAboutEmbeddedKeys(jwt.header, result.warnings);

    if (jwt.isJwe()) {
        if (jwt.enc.isEmpty())
            return failure(Error::MissingEnc,
                           tr("the JWE header has no \"enc\" (content encryption algorithm)"), 1);
        result.kind = Kind::Jwe;
        result.message = tr("encrypted (JWE), alg %1 enc %2; cannot be inspected without the key")
                             .arg(JoseText::quoted(jwt.alg), JoseText::quoted(jwt.enc));
        return result;
    }

    result.kind = Kind::Jws;
    jwt.signingInput = parts.at(0) + '.' + parts.at(1);
    if (!jwt.enc.isEmpty())
        result.warnings << tr(
            "the header has \"enc\", which belongs to a JWE, but the token has 3 parts (JWS)");
    if (jwt.alg.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        result.warnings << tr("unsecured JWS (alg none): anyone can create this token, it proves nothing");

    QJsonParseError payloadError;
    const QJsonDocument payloadDocument = QJsonDocument::fromJson(jwt.payload, &payloadError);
    jwt.payloadIsJson = payloadError.error == QJsonParseError::NoError && payloadDocument.isObject();
    if (jwt.payloadIsJson) {
        jwt.claims = payloadDocument.object();
        warnAboutDuplicates(jwt.payload, tr("payload"), result.warnings);
    }

    result.message = tr("signed JWT (JWS), alg %1").arg(JoseText::quoted(jwt.alg));
    if (jwt.isAccessToken)
        result.message += tr("; an RFC 9068 access token (typ %1)").arg(JoseText::quoted(jwt.typ));
    if (jwt.cty.compare(QLatin1String("JWT"), Qt::CaseInsensitive) == 0)
        result.message += tr("; nested: the payload is itself a JWT");
    else if (jwt.payload.isEmpty())
        result.message += tr("; the payload is empty (detached content?)");
    else if (!jwt.payloadIsJson)
        result.message += tr("; the payload is not JSON (%1 bytes, kept as is)").arg(jwt.payload.size());
    return result;
}

bool JwtParser::checkCritical(JwtParseResult &result) const
{
    const QJsonObject &header = result.token.header;
    if (!header.contains(QLatin1String("crit")))
        return true;
    const QJsonValue crit = header.value(QLatin1String("crit"));
    QStringList names;
    bool wellFormed = crit.isArray() && !crit.toArray().isEmpty();
    for (const QJsonValue &entry : crit.toArray()) {
        wellFormed = wellFormed && entry.isString() && !entry.toString().isEmpty();
        names << entry.toString();
    }
    if (!wellFormed) {
        result = failure(Error::InvalidCritical, tr("\"crit\" must be a non-empty array of header names"), 1);
        return false;
    }
    for (const QString &name : std::as_const(names)) {
        if (isRegisteredHeaderName(name)) {
            result
                = failure(Error::InvalidCritical,
                          tr("\"crit\" lists %1, a standard header parameter, which RFC 7515 §4.1.11 forbids")
                              .arg(JoseText::quoted(name)),
                          1);
            return false;
        }
        if (!header.contains(name)) {
            result = failure(
                Error::InvalidCritical,
                tr("\"crit\" lists %1, but the header has no such member").arg(JoseText::quoted(name)), 1);
            return false;
        }
        if (!m_understoodCritical.contains(name)) {
            result = failure(
                Error::UnsupportedCritical,
                tr("the header marks the extension %1 as critical and this tool does not implement it; "
                   "RFC 7515 §4.1.11 requires rejecting the token")
                    .arg(JoseText::quoted(name)),
                1);
            return false;
        }
    }
    result.token.critical = names;
    return true;
}
