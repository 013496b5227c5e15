#pragma once

#include "ClientSetup.h"
#include "Command.h"
#include "SecretResolver.h"

#include <QCommandLineOption>

class CliContext;
struct EndpointResult;

// What `introspect` and `revoke` share: the token (an argument, or standard input for "-"), the client (a
// saved profile or options, with --issuer discovery) and its secret. Subclasses send the request and print
// the answer.
class TokenEndpointCommand : public Command
{
    Q_OBJECT
public:
protected:
    TokenEndpointCommand(CliContext *context, ClientSetup::Target target, QObject *parent);

    virtual QString description() const = 0;
    // The subclass's own options: added before parsing, read after.
    virtual void addOptions(QCommandLineParser *parser) = 0;
    virtual void readOptions(const QCommandLineParser &parser) = 0;
    virtual void send(const Profile &profile, const QString &clientSecret, const QString &token,
                      const QString &tokenTypeHint)
        = 0;
    // Prints the warnings, and the failure if any; true when the subclass should go on with a success.
    bool report(const EndpointResult &result);

    CliContext *m_context;

private:
    std::optional<int> run(const QStringList &arguments) override;
    bool readToken(const QCommandLineParser &parser, QString *error);
    void onReady(const Profile &profile);

    ClientSetup *m_setup;
    SecretResolver m_secrets;
    QCommandLineOption m_hint;
    QCommandLineOption m_verbose;
    QString m_token;
    QString m_tokenTypeHint;
};
