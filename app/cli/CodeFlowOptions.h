#pragma once

#include "Profile.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

// The profile fields of the authorization code flow as options, shared by `token` and `profiles add`:
// --redirect-port, --redirect-path, --pkce and --browser-command.
class CodeFlowOptions final
{
    Q_DECLARE_TR_FUNCTIONS(CodeFlowOptions)
public:
    CodeFlowOptions();

    void addOptions(QCommandLineParser *parser);
    // The names of the options given, e.g. "--pkce", for messages about options that do not apply.
    QStringList optionsSet(const QCommandLineParser &parser) const;
    // Overrides the profile's fields with the options that are set. False with a message on bad input.
    bool apply(const QCommandLineParser &parser, Profile *profile, QString *error) const;

private:
    QCommandLineOption m_redirectPort;
    QCommandLineOption m_redirectPath;
    QCommandLineOption m_pkce;
    QCommandLineOption m_browserCommand;
    bool m_added = false;
};
