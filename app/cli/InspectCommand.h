#pragma once

#include "Command.h"
#include "CommonOptions.h"

#include <QCommandLineOption>

class CliContext;
class JwksCache;
class TokenInspector;
struct InspectionResult;

// `inspect TOKEN|-`: decodes a token, verifies its signature (JWKS, issuer or HMAC secret) and prints its
// claims and findings. A failed verification or check exits 5.
class InspectCommand final : public Command
{
    Q_OBJECT
public:
    explicit InspectCommand(CliContext *context, QObject *parent = nullptr);

private:
    std::optional<int> run(const QStringList &arguments) override;
    void onInspected(const InspectionResult &result);
    void printText(const InspectionResult &result) const;
    void printJson(const InspectionResult &result) const;

    CliContext *m_context;
    JwksCache *m_cache;
    TokenInspector *m_inspector;
    CommonOptions m_options;
    QCommandLineOption m_jwks;
    QCommandLineOption m_issuer;
    QCommandLineOption m_profile;
    QCommandLineOption m_secret;
    QCommandLineOption m_secretEnv;
    QCommandLineOption m_skew;
    QCommandLineOption m_idToken;
    QCommandLineOption m_clientId;
    QCommandLineOption m_nonce;
    QCommandLineOption m_accessToken;
    QCommandLineOption m_json;
    QCommandLineOption m_verbose;
    bool m_printJson = false;
};
