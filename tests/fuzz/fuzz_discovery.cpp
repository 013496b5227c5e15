// ServerMetadata::parse on arbitrary bytes (a discovery document is whatever the issuer URL answers), then
// the findings computed from the result, against the issuer it names and against another one.
#include "FindingsEngine.h"
#include "FuzzSupport.h"
#include "ServerMetadata.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    FuzzSupport::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    QStringList warnings;
    const std::optional<ServerMetadata> metadata
        = ServerMetadata::parse(FuzzSupport::bytes(data, size), &error, &warnings);
    if (!metadata)
        return 0;
    (void)FindingsEngine::forMetadata(*metadata, metadata->endpoints.issuer);
    (void)FindingsEngine::forMetadata(*metadata, QUrl(QStringLiteral("https://as.example.test")));
    (void)FindingsEngine::forMetadata(*metadata, QUrl());
    return 0;
}
