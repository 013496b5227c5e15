#include "Base64Url.h"

#include <QCoreApplication>
#include <QStringList>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Base64Url", text);
}

int sextet(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

Base64UrlDecoded failure(const QString &error, int position)
{
    Base64UrlDecoded result;
    result.error = error;
    result.errorPosition = position;
    return result;
}

QString describeCharacter(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x21 && byte < 0x7f)
        return QLatin1Char('\'') + QLatin1Char(c) + QLatin1Char('\'');
    return QStringLiteral("0x%1").arg(byte, 2, 16, QLatin1Char('0'));
}
} // namespace

QStringList Base64UrlDecoded::notes() const
{
    QStringList result;
    if (hadPadding)
        result << tr("has '=' padding, which base64url in JOSE must omit");
    if (nonCanonical)
        result << tr("is not canonical base64url: the unused low bits of the last character are not zero");
    return result;
}

namespace Base64Url {

bool isAlphabet(char c)
{
    return sextet(c) >= 0;
}

QByteArray encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Base64UrlDecoded decode(const QByteArray &text)
{
    qsizetype length = text.size();
    qsizetype padding = 0;
    while (length > 0 && text.at(length - 1) == '=') {
        --length;
        ++padding;
    }
    for (qsizetype i = 0; i < length; ++i) {
        const char c = text.at(i);
        if (isAlphabet(c))
            continue;
        const int position = static_cast<int>(i);
        if (c == '+' || c == '/')
            return failure(tr("character %1 at position %2 belongs to standard base64, not base64url")
                               .arg(describeCharacter(c))
                               .arg(position),
                           position);
        if (c == '=')
            return failure(tr("'=' at position %1 is not at the end").arg(position), position);
        return failure(tr("character %1 at position %2 is not in the base64url alphabet")
                           .arg(describeCharacter(c))
                           .arg(position),
                       position);
    }
    if (length % 4 == 1)
        return failure(tr("impossible length: %1 characters cannot encode whole bytes").arg(length), -1);
    if (padding > 0 && (padding > 2 || (length + padding) % 4 != 0))
        return failure(tr("wrong amount of '=' padding (%1)").arg(padding), static_cast<int>(length));

    Base64UrlDecoded result;
    result.ok = true;
    result.hadPadding = padding > 0;
    result.data.reserve(length * 3 / 4);
    quint32 buffer = 0;
    int bits = 0;
    for (qsizetype i = 0; i < length; ++i) {
        buffer = (buffer << 6) | static_cast<quint32>(sextet(text.at(i)));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            result.data.append(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    result.nonCanonical = bits > 0 && (buffer & ((1u << bits) - 1)) != 0;
    return result;
}

} // namespace Base64Url
