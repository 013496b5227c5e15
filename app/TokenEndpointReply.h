#pragma once

#include "FlowResult.h"
#include "HttpClient.h"

// What a token endpoint's answer means, for any grant: the shared reading of RFC 6749 §5.1/§5.2 plus a hint
// of the likely cause for each failure.
namespace TokenEndpointReply {

TokenResult interpret(const HttpResult &reply);

FlowStatus statusForTransportError(TransportError error);
QString hintForTransportError(TransportError error);
QString hintForOAuthError(const QString &error);
QString hintForHttpStatus(int status);

} // namespace TokenEndpointReply
