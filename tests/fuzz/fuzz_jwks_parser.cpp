// JwkSetParser::parse on arbitrary bytes: a JWKS comes from whatever a jwks_uri answers.
#include "FuzzSupport.h"
#include "JwkSet.h"
#include "JwkSetParser.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const JwkSetParseResult result = JwkSetParser::parse(FuzzSupport::bytes(data, size));
    if (!result.ok)
        return 0;
    // Use what a parsed set offers: the kid lookup (for the first few keys: each lookup reads the whole set)
    // and the private-material check.
    for (qsizetype i = 0; i < qMin<qsizetype>(result.set.keys.size(), 8); ++i)
        (void)result.set.keysWithKid(result.set.keys.at(i).kid);
    (void)result.set.hasPrivateMaterial();
    return 0;
}
