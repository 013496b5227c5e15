#include "FormEncoding.h"

#include <QUrl>

namespace FormEncoding {

QByteArray encodeComponent(const QString &value)
{
    // WHATWG application/x-www-form-urlencoded byte serializer: keep [A-Za-z0-9*-._], space becomes '+'.
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    static const char hex[] = "0123456789ABCDEF";
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9')
            || byte == '*' || byte == '-' || byte == '.' || byte == '_') {
            out += c;
        } else if (byte == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

QByteArray encode(const QList<QPair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &field : fields) {
        if (!out.isEmpty())
            out += '&';
        out += encodeComponent(field.first) + '=' + encodeComponent(field.second);
    }
    return out;
}

static QString decodeComponent(QByteArray value)
{
    value.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(value));
}

QList<QPair<QString, QString>> decode(const QByteArray &body)
{
    QList<QPair<QString, QString>> fields;
    const QList<QByteArray> parts = body.split('&');
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            fields.append({ decodeComponent(part), QString() });
        else
            fields.append({ decodeComponent(part.left(eq)), decodeComponent(part.mid(eq + 1)) });
    }
    return fields;
}

QByteArray basicAuthorization(const QString &clientId, const QString &clientSecret)
{
    const QByteArray credentials = encodeComponent(clientId) + ':' + encodeComponent(clientSecret);
    return "Basic " + credentials.toBase64();
}

} // namespace FormEncoding
