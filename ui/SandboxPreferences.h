#pragma once

#include "SandboxSettings.h"

// What the app remembers about the built-in sandbox between sessions (QSettings): the preferred port,
// whether it starts with the app, auto-approve and the lifetimes. Never the fault switches: a fault left on
// would surprise the next session, so they start off every time.
struct SandboxPreferences
{
    // Unprivileged and rarely used by anything else; when it is busy the sandbox takes any free port.
    static constexpr int DefaultPort = 9555;

    int port = DefaultPort; // 0: any free port
    bool startWithApp = true;
    SandboxSettings settings; // faults always empty here

    static SandboxPreferences load();
    void save() const;
};
