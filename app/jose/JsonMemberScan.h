#pragma once

#include <QByteArray>
#include <QStringList>

// What QJsonDocument hides: a JSON object that names a member twice. Qt keeps the last value, as RFC 7515 §4
// allows, but other JOSE libraries keep the first, so a duplicated "alg" or "sub" means different things to
// different readers.
namespace JsonMemberScan {

// Names that occur more than once among the top-level members of a JSON object (the text must parse).
QStringList duplicateNames(const QByteArray &jsonObject);

} // namespace JsonMemberScan
