#pragma once

#include <QByteArray>

#include <functional>

// Indents JSON text the way QJsonDocument::Indented does (four spaces, "name": value) without building a
// document: one linear pass, able to stop after a given output size, so the first screenfuls of a 50 MB body
// are ready at once. Strings are copied verbatim. It is not a validator: malformed input is indented as far
// as it goes, and nothing is reported.
namespace JsonIndenter {

// maxOutput < 0: the whole text. *complete says whether all of json was consumed. cancelled, when given, is
// asked every megabyte; the result is then incomplete.
QByteArray indent(const QByteArray &json, qsizetype maxOutput = -1, bool *complete = nullptr,
                  const std::function<bool()> &cancelled = {});

} // namespace JsonIndenter
