#include "TokenPartsView.h"

#include "DisplayFormat.h"
#include "TextSanitizer.h"
#include "UiColors.h"

#include <QCoreApplication>

namespace {

struct Part
{
    const char *color;
    const char *name;
};

QList<Part> partsFor(JwtParseResult::Kind kind)
{
    if (kind == JwtParseResult::Kind::Jws)
        return { { UiColors::JwtHeader, QT_TRANSLATE_NOOP("TokenPartsView", "header") },
                 { UiColors::JwtPayload, QT_TRANSLATE_NOOP("TokenPartsView", "payload") },
                 { UiColors::JwtSignature, QT_TRANSLATE_NOOP("TokenPartsView", "signature") } };
    if (kind == JwtParseResult::Kind::Jwe)
        return { { UiColors::JwtHeader, QT_TRANSLATE_NOOP("TokenPartsView", "header") },
                 { UiColors::JweKey, QT_TRANSLATE_NOOP("TokenPartsView", "encrypted key") },
                 { UiColors::JweIv, QT_TRANSLATE_NOOP("TokenPartsView", "IV") },
                 { UiColors::JwtPayload, QT_TRANSLATE_NOOP("TokenPartsView", "ciphertext") },
                 { UiColors::JwtSignature, QT_TRANSLATE_NOOP("TokenPartsView", "tag") } };
    return {};
}

} // namespace

TokenPartsView::TokenPartsView(QWidget *parent)
    : QTextEdit(parent)
{
    setReadOnly(true);
    setAcceptRichText(false);
    setLineWrapMode(QTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAnywhere);
    setFont(DisplayFormat::monospaceFont());
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

void TokenPartsView::setToken(const QString &token, JwtParseResult::Kind kind)
{
    const QString text = TextSanitizer::sanitize(token, false);
    const QList<Part> parts = partsFor(kind);
    const QStringList pieces = text.split(QLatin1Char('.'));
    if (parts.isEmpty() || pieces.size() != parts.size()) {
        setPlainText(text);
        return;
    }
    QString html;
    for (int i = 0; i < pieces.size(); ++i) {
        if (i > 0)
            html += QLatin1Char('.');
        html += QStringLiteral("<span style=\"color: %1;\">%2</span>")
                    .arg(QLatin1String(parts.at(i).color), pieces.at(i).toHtmlEscaped());
    }
    setHtml(html);
    document()->setDefaultFont(DisplayFormat::monospaceFont());
}

void TokenPartsView::clearToken()
{
    clear();
}

QString TokenPartsView::legendHtml(JwtParseResult::Kind kind)
{
    QStringList items;
    const QList<Part> parts = partsFor(kind);
    for (const Part &part : parts)
        items.append(QStringLiteral("<span style=\"color: %1;\">■ %2</span>")
                         .arg(QLatin1String(part.color),
                              QCoreApplication::translate("TokenPartsView", part.name).toHtmlEscaped()));
    return items.join(QStringLiteral(" &nbsp; "));
}
