#pragma once

#include <QFile>
#include <QString>

// The oidc-provider that the CTest fixture `oidc` starts (tests/oidc/start-server.sh) writes its port to the
// file named by OIDC_PORT_FILE.
namespace OidcFixture {

// "http://127.0.0.1:PORT", or an empty string with *error saying why (run the test through ctest).
inline QString issuer(QString *error)
{
    const QString portFile = qEnvironmentVariable("OIDC_PORT_FILE");
    if (portFile.isEmpty()) {
        *error = QStringLiteral("OIDC_PORT_FILE is not set: run this test through ctest (fixture oidc)");
        return {};
    }
    QFile file(portFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(portFile);
        return {};
    }
    bool ok = false;
    const int port = file.readAll().trimmed().toInt(&ok);
    if (!ok || port <= 0 || port > 65535) {
        *error = QStringLiteral("%1 holds no port").arg(portFile);
        return {};
    }
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

} // namespace OidcFixture
