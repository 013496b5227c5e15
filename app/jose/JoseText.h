#pragma once

#include <QString>
#include <QtGlobal>

// Display helpers shared by the JOSE classes: untrusted values quoted for messages, durations for people.
namespace JoseText {

// A value taken from a token or a key, made safe to show: control characters replaced, long text cut.
QString quoted(const QString &untrusted);

// "42 s", "4 min 12 s", "3 h 2 min", "2 d 5 h": the two largest units, a zero second unit omitted.
QString duration(qint64 seconds);

} // namespace JoseText
