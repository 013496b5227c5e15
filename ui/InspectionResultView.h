#pragma once

#include "TokenInspector.h"

#include <QWidget>

class ClaimsModel;
class EndpointResultView;
class FindingsView;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;

// What the inspector found out about a token: its kind, the signature check with the key used, the findings,
// and the decoded parts (claims table, header and payload JSON). The server's answers to Introspect, Revoke
// and UserInfo have their own tab.
class InspectionResultView final : public QWidget
{
    Q_OBJECT
public:
    explicit InspectionResultView(QWidget *parent = nullptr);

    EndpointResultView *endpointResultView() const { return m_endpointResult; }
    void showEndpointTab();

    void showBusy(const QString &text);
    void showResult(const InspectionResult &result);
    void setNow(const QDateTime &now);
    void clear();
    // The Introspect button shown beside an opaque token.
    void setIntrospectAvailable(bool enabled, const QString &toolTip);

Q_SIGNALS:
    void introspectRequested();

private:
    void showKind(const InspectionResult &result);
    void showVerification(const InspectionResult &result);
    void showDecoded(const InspectionResult &result);
    void setVerification(const QString &html, const char *background, const char *border, const char *text);

    QLabel *m_kind;
    QPushButton *m_introspect;
    QLabel *m_verification;
    QLabel *m_findingsTitle;
    FindingsView *m_findings;
    QTabWidget *m_tabs;
    ClaimsModel *m_claims;
    QTableView *m_claimsView;
    QPlainTextEdit *m_header;
    QPlainTextEdit *m_payload;
    EndpointResultView *m_endpointResult;
};
