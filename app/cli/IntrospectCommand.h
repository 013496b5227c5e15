#pragma once

#include "TokenEndpointCommand.h"

class TokenIntrospection;

// `introspect TOKEN|-`: asks the authorization server whether a token is active and what it stands for
// (RFC 7662). Exit 0 whether or not it is active, unless --require-active.
class IntrospectCommand final : public TokenEndpointCommand
{
    Q_OBJECT
public:
    explicit IntrospectCommand(CliContext *context, QObject *parent = nullptr);

private:
    QString description() const override;
    void addOptions(QCommandLineParser *parser) override;
    void readOptions(const QCommandLineParser &parser) override;
    void send(const Profile &profile, const QString &clientSecret, const QString &token,
              const QString &tokenTypeHint) override;
    void onResult(const EndpointResult &result);

    TokenIntrospection *m_introspection;
    QCommandLineOption m_json;
    QCommandLineOption m_requireActive;
    bool m_printJson = false;
    bool m_mustBeActive = false;
};
