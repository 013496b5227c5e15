#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// application/x-www-form-urlencoded (RFC 6749 Appendix B, WHATWG URL §5).
namespace FormEncoding {

QByteArray encodeComponent(const QString &value); // space as '+', everything but [A-Za-z0-9*-._] escaped
QByteArray encode(const QList<QPair<QString, QString>> &fields);
QList<QPair<QString, QString>> decode(const QByteArray &body);

// RFC 6749 §2.3.1: "Basic " + base64(urlencode(id) ":" urlencode(secret)).
QByteArray basicAuthorization(const QString &clientId, const QString &clientSecret);

} // namespace FormEncoding
