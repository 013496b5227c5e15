#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Outcome of decoding base64url text (RFC 4648 §5) the way JOSE uses it (RFC 7515 §2: no padding).
struct Base64UrlDecoded
{
    bool ok = false;
    QByteArray data;
    bool hadPadding = false; // '=' padding was present: accepted, but JOSE forbids it
    bool nonCanonical = false; // the unused bits of the last character were not zero: accepted, flagged
    QString error; // why the text is not base64url, when !ok
    int errorPosition = -1; // 0-based offset of the offending character, or -1

    QStringList notes() const; // human-readable flags for hadPadding / nonCanonical
};

namespace Base64Url {

QByteArray encode(const QByteArray &data); // unpadded base64url
Base64UrlDecoded decode(const QByteArray &text); // strict alphabet and length; lenient (flagged) on padding
bool isAlphabet(char c);

} // namespace Base64Url
