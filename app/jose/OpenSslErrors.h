#pragma once

#include <QString>

// OpenSSL's thread-local error queue, emptied after every failed call so that no stale error leaks into
// unrelated code.
namespace OpenSslErrors {

// Empties the queue; returns the first error's text (empty when the queue was empty) and logs it at debug.
QString drain(const char *operation);

} // namespace OpenSslErrors
