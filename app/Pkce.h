#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// Proof Key for Code Exchange (RFC 7636) and the other random values a flow needs.
namespace Pkce {

enum class Method { S256, Plain, None };

QString methodName(Method method); // "S256", "plain", "none"
std::optional<Method> methodFromName(const QString &name); // case-insensitive

// 43 to 128 characters of the unreserved set [A-Za-z0-9-._~] from QRandomGenerator::system() (RFC 7636 §4.1).
QByteArray generateVerifier(int length = 64);
// code_challenge for the verifier: BASE64URL(SHA256(verifier)) for S256, the verifier itself for plain
// (§4.2).
QByteArray challenge(const QByteArray &verifier, Method method);
bool isValidVerifier(const QByteArray &verifier);

// URL-safe random text (base64url without padding) for state and nonce: `bytes` random bytes.
QString randomToken(int bytes = 32);

} // namespace Pkce
