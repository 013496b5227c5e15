#pragma once

#include "Discovery.h"

#include <QWidget>
#include <optional>

class FindingsView;
class HttpClient;
class QLabel;
class QPushButton;

// The Discover part of the profile editor: asks the issuer for its metadata, shows what the server supports
// and what a reviewer would point out, and hands the metadata over through accepted() once its endpoints may
// be used: at once when the server announces the issuer that was asked for, only after an explicit
// confirmation when it announces another one (RFC 8414 §3.3).
class DiscoveryPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit DiscoveryPanel(HttpClient *http, QWidget *parent = nullptr);

    bool isBusy() const { return m_busy; }
    QPushButton *confirmButton() const { return m_confirm; }
    // Ignored while busy.
    void discover(const QUrl &issuer, const TransportOptions &transport);
    // The issuer field changed: a confirmation still pending no longer applies.
    void issuerEdited();

Q_SIGNALS:
    void busyChanged(bool busy);
    void accepted(const ServerMetadata &metadata);

private:
    void finished(const DiscoveryResult &result);
    void confirmMismatch();
    void accept(const ServerMetadata &metadata, const QUrl &documentUrl);
    void showSupport(const ServerMetadata &metadata);
    void setStatus(const QString &html, const char *color);
    void setBusy(bool busy);
    void reset();

    Discovery *m_discovery;
    bool m_busy = false;
    QUrl m_requested;
    std::optional<DiscoveryResult> m_pending; // an issuer mismatch waiting for confirmation

    QLabel *m_status;
    QPushButton *m_confirm;
    QLabel *m_support;
    FindingsView *m_findings;
};
