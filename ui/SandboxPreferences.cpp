#include "SandboxPreferences.h"

#include <QSettings>

namespace {
namespace Key {
const QString Port = QStringLiteral("sandbox/port");
const QString StartWithApp = QStringLiteral("sandbox/startWithApp");
const QString AutoApprove = QStringLiteral("sandbox/autoApprove");
const QString AccessTokenLifetime = QStringLiteral("sandbox/accessTokenLifetime");
const QString IdTokenLifetime = QStringLiteral("sandbox/idTokenLifetime");
const QString RefreshTokenLifetime = QStringLiteral("sandbox/refreshTokenLifetime");
const QString CodeLifetime = QStringLiteral("sandbox/codeLifetime");
const QString SlowSeconds = QStringLiteral("sandbox/slowSeconds");
} // namespace Key

// A stored number outside [minimum, maximum] (a hand-edited file) gives the default.
qint64 bounded(const QSettings &settings, const QString &key, qint64 fallback, qint64 minimum, qint64 maximum)
{
    bool ok = false;
    const qint64 value = settings.value(key, fallback).toLongLong(&ok);
    return ok && value >= minimum && value <= maximum ? value : fallback;
}
} // namespace

SandboxPreferences SandboxPreferences::load()
{
    const QSettings stored;
    SandboxPreferences preferences;
    const SandboxSettings defaults;
    constexpr qint64 TenYears = 10LL * 366 * 86400;
    preferences.port = static_cast<int>(bounded(stored, Key::Port, DefaultPort, 0, 65535));
    preferences.startWithApp = stored.value(Key::StartWithApp, true).toBool();
    SandboxSettings &settings = preferences.settings;
    settings.autoApprove = stored.value(Key::AutoApprove, defaults.autoApprove).toBool();
    settings.accessTokenLifetime
        = bounded(stored, Key::AccessTokenLifetime, defaults.accessTokenLifetime, 1, TenYears);
    settings.idTokenLifetime = bounded(stored, Key::IdTokenLifetime, defaults.idTokenLifetime, 1, TenYears);
    settings.refreshTokenLifetime
        = bounded(stored, Key::RefreshTokenLifetime, defaults.refreshTokenLifetime, 1, TenYears);
    settings.codeLifetime = bounded(stored, Key::CodeLifetime, defaults.codeLifetime, 1, TenYears);
    settings.slowSeconds = static_cast<int>(bounded(stored, Key::SlowSeconds, defaults.slowSeconds, 0, 3600));
    return preferences;
}

void SandboxPreferences::save() const
{
    QSettings stored;
    stored.setValue(Key::Port, port);
    stored.setValue(Key::StartWithApp, startWithApp);
    stored.setValue(Key::AutoApprove, settings.autoApprove);
    stored.setValue(Key::AccessTokenLifetime, settings.accessTokenLifetime);
    stored.setValue(Key::IdTokenLifetime, settings.idTokenLifetime);
    stored.setValue(Key::RefreshTokenLifetime, settings.refreshTokenLifetime);
    stored.setValue(Key::CodeLifetime, settings.codeLifetime);
    stored.setValue(Key::SlowSeconds, settings.slowSeconds);
}
