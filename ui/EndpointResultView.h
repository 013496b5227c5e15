#pragma once

#include "TokenActions.h"

#include <QDateTime>
#include <QWidget>

class ClaimsModel;
class QLabel;
class QPlainTextEdit;
class QTableView;

// The answer of an introspection, revocation or userinfo request: introspection as "active" plus a claims
// table, revocation as done or the server's error with a hint, userinfo as its JSON or the Bearer challenge.
class EndpointResultView final : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointResultView(QWidget *parent = nullptr);

    void showStarted(TokenActions::Action action, const QUrl &endpoint);
    void showResult(TokenActions::Action action, const EndpointResult &result, const QDateTime &now);
    void setNow(const QDateTime &now);
    void clear();

private:
    void showFailure(const EndpointResult &result);
    void setStatus(const QString &html, const char *background, const char *border, const char *text);

    QLabel *m_status;
    ClaimsModel *m_claims;
    QTableView *m_claimsView;
    QPlainTextEdit *m_body;
};
