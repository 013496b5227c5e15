#include "EndpointsEditor.h"

#include "CollapsibleSection.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace {

// The endpoints besides the token endpoint, in the order the editor shows them.
struct EndpointField
{
    const char *key; // editor field key; the line edit is named key + "Edit"
    const char *label;
    const char *title; // for "Still needed: ..."
    const char *placeholder;
    QUrl ServerEndpoints::*member;
};
const EndpointField EndpointFields[] = {
    { "authorizationEndpoint", QT_TRANSLATE_NOOP("EndpointsEditor", "Authorization:"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "Authorization endpoint"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "https://auth.example.com/oauth2/authorize"),
      &ServerEndpoints::authorization },
    { "introspectionEndpoint", QT_TRANSLATE_NOOP("EndpointsEditor", "Introspection:"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "Introspection endpoint"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "RFC 7662, e.g. https://auth.example.com/oauth2/introspect"),
      &ServerEndpoints::introspection },
    { "revocationEndpoint", QT_TRANSLATE_NOOP("EndpointsEditor", "Revocation:"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "Revocation endpoint"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "RFC 7009, e.g. https://auth.example.com/oauth2/revoke"),
      &ServerEndpoints::revocation },
    { "userinfoEndpoint", QT_TRANSLATE_NOOP("EndpointsEditor", "UserInfo:"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "UserInfo endpoint"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "OpenID Connect, e.g. https://auth.example.com/userinfo"),
      &ServerEndpoints::userinfo },
    { "jwksUri", QT_TRANSLATE_NOOP("EndpointsEditor", "JWKS:"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "JWKS URL"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "the signing keys, e.g. https://auth.example.com/jwks.json"),
      &ServerEndpoints::jwks },
    { "deviceAuthorizationEndpoint", QT_TRANSLATE_NOOP("EndpointsEditor", "Device authorization:"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "Device authorization endpoint"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "RFC 8628, optional"), &ServerEndpoints::deviceAuthorization },
    { "pushedAuthorizationEndpoint", QT_TRANSLATE_NOOP("EndpointsEditor", "Pushed authorization:"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "Pushed authorization endpoint"),
      QT_TRANSLATE_NOOP("EndpointsEditor", "PAR, RFC 9126, optional"),
      &ServerEndpoints::pushedAuthorization },
};

} // namespace

EndpointsEditor::EndpointsEditor(const FieldWrapper &wrap, QWidget *parent)
    : QWidget(parent)
    , m_section(new CollapsibleSection(QString(), this))
    , m_form(new QFormLayout)
{
    setObjectName(QStringLiteral("endpointsEditor"));
    m_section->setObjectName(QStringLiteral("endpointsSection"));
    m_section->toggleButton()->setObjectName(QStringLiteral("endpointsToggle"));
    m_section->toggleButton()->setToolTip(
        tr("Introspection, revocation, userinfo, JWKS and the other endpoints: Discover fills them in"));
    auto *content = new QWidget(m_section);
    content->setLayout(m_form);
    m_form->setContentsMargins(0, 0, 0, 0);
    for (const EndpointField &field : EndpointFields) {
        const QString key = QLatin1String(field.key);
        auto *edit = new QLineEdit(content);
        edit->setObjectName(key + QStringLiteral("Edit"));
        edit->setPlaceholderText(tr(field.placeholder));
        m_edits.insert(key, edit);
        m_form->addRow(tr(field.label), wrap(edit, key, tr(field.title)));
        connect(edit, &QLineEdit::textChanged, this, [this, key] {
            updateTitle();
            Q_EMIT edited(key);
        });
    }
    m_section->setContent(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_section);
    connect(m_section, &CollapsibleSection::expandedChanged, this, &EndpointsEditor::expandedChanged);
    updateTitle();
}

void EndpointsEditor::setEndpoints(const ServerEndpoints &endpoints)
{
    for (const EndpointField &field : EndpointFields)
        m_edits.value(QLatin1String(field.key))->setText((endpoints.*field.member).toString());
    m_issParameterSupported = endpoints.issParameterSupported;
}

void EndpointsEditor::readInto(ServerEndpoints &endpoints) const
{
    for (const EndpointField &field : EndpointFields)
        endpoints.*field.member
            = QUrl(m_edits.value(QLatin1String(field.key))->text().trimmed(), QUrl::StrictMode);
    endpoints.issParameterSupported = m_issParameterSupported;
}

QStringList EndpointsEditor::keys() const
{
    QStringList keys;
    for (const EndpointField &field : EndpointFields)
        keys.append(QLatin1String(field.key));
    return keys;
}

QList<QWidget *> EndpointsEditor::focusChain() const
{
    QList<QWidget *> chain { m_section->toggleButton() };
    for (const EndpointField &field : EndpointFields)
        chain.append(m_edits.value(QLatin1String(field.key)));
    return chain;
}

bool EndpointsEditor::isExpanded() const
{
    return m_section->isExpanded();
}

void EndpointsEditor::setExpanded(bool expanded)
{
    m_section->setExpanded(expanded);
}

void EndpointsEditor::updateTitle()
{
    int set = 0;
    for (const QLineEdit *edit : std::as_const(m_edits))
        set += edit->text().trimmed().isEmpty() ? 0 : 1;
    m_section->setTitle(tr("Other endpoints (%1 of %2 set)").arg(set).arg(m_edits.size()));
}
