#pragma once

#include "JwtParseResult.h"

#include <QTextEdit>

// A compact token, read-only, wrapping anywhere, each part in its own colour (header, payload and signature
// of a JWS; the five parts of a JWE). The dots stay in the text colour, and legendHtml() names the colours.
class TokenPartsView final : public QTextEdit
{
    Q_OBJECT
public:
    explicit TokenPartsView(QWidget *parent = nullptr);

    void setToken(const QString &token, JwtParseResult::Kind kind);
    void clearToken();

    // "■ header · ■ payload · ■ signature" in the colours of the parts.
    static QString legendHtml(JwtParseResult::Kind kind);
};
