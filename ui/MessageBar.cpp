#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace {

struct Palette
{
    const char *background;
    const char *border;
    const char *text;
    QStyle::StandardPixmap icon;
};

Palette paletteFor(MessageBar::Type type)
{
    switch (type) {
    case MessageBar::Type::Positive:
        return { "#d1e7dd", "#a3cfbb", "#0a3622", QStyle::SP_DialogApplyButton };
    case MessageBar::Type::Information:
        return { "#cfe2ff", "#9ec5fe", "#052c65", QStyle::SP_MessageBoxInformation };
    case MessageBar::Type::Warning:
        return { "#fff3cd", "#ffda6a", "#664d03", QStyle::SP_MessageBoxWarning };
    case MessageBar::Type::Error:
        break;
    }
    return { "#f8d7da", "#f1aeb5", "#58151c", QStyle::SP_MessageBoxCritical };
}

} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    m_text->setObjectName(QStringLiteral("messageBarText"));
    m_close->setObjectName(QStringLiteral("messageBarCloseButton"));

    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    m_close->setText(QStringLiteral("\u2715"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close message"));
    m_close->setAccessibleName(tr("Close message"));
    connect(m_close, &QToolButton::clicked, this, &MessageBar::hideMessage);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setSpacing(8);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    hide();
}

void MessageBar::showMessage(const QString &text, Type type)
{
    m_type = type;
    const Palette palette = paletteFor(type);
    setStyleSheet(QStringLiteral("MessageBar { background: %1; border: 1px solid %2; border-radius: 4px; }"
                                 "MessageBar QLabel { color: %3; }")
                      .arg(QLatin1String(palette.background), QLatin1String(palette.border),
                           QLatin1String(palette.text)));
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(palette.icon, nullptr, this).pixmap(iconSize, iconSize));
    m_text->setText(text);
    show();
}

void MessageBar::hideMessage()
{
    m_text->clear();
    hide();
}

QString MessageBar::text() const
{
    return m_text->text();
}
