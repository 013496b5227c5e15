#include "Pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace Pkce {

namespace {
const char Unreserved[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
constexpr int UnreservedCount = sizeof(Unreserved) - 1; // 66
} // namespace

QString methodName(Method method)
{
    switch (method) {
    case Method::S256:
        return QStringLiteral("S256");
    case Method::Plain:
        return QStringLiteral("plain");
    case Method::None:
        return QStringLiteral("none");
    }
    return {};
}

std::optional<Method> methodFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("s256"))
        return Method::S256;
    if (n == QLatin1String("plain"))
        return Method::Plain;
    if (n == QLatin1String("none") || n.isEmpty())
        return Method::None;
    return std::nullopt;
}

QByteArray generateVerifier(int length)
{
    length = qBound(43, length, 128);
    QByteArray verifier;
    verifier.reserve(length);
    QRandomGenerator *random = QRandomGenerator::system();
    while (verifier.size() < length) {
        // Rejection sampling keeps every character equally likely.
        const quint32 value = random->generate() & 0x7F;
        if (value < UnreservedCount)
            verifier += Unreserved[value];
    }
    return verifier;
}

QByteArray challenge(const QByteArray &verifier, Method method)
{
    switch (method) {
    case Method::S256:
        return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    case Method::Plain:
        return verifier;
    case Method::None:
        break;
    }
    return {};
}

bool isValidVerifier(const QByteArray &verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (const char c : verifier) {
        if (!QByteArray::fromRawData(Unreserved, UnreservedCount).contains(c))
            return false;
    }
    return true;
}

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    for (int i = bytes - bytes % 4; i < bytes; ++i)
        raw[i] = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace Pkce
