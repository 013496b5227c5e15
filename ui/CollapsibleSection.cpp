#include "CollapsibleSection.h"

#include <QToolButton>
#include <QVBoxLayout>

CollapsibleSection::CollapsibleSection(const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_toggle(new QToolButton(this))
{
    m_toggle->setCheckable(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_toggle->setText(title);
    m_toggle->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_toggle, 0, Qt::AlignLeft);

    connect(m_toggle, &QToolButton::toggled, this, &CollapsibleSection::apply);
}

void CollapsibleSection::setContent(QWidget *content)
{
    delete m_content;
    m_content = content;
    content->setParent(this);
    layout()->addWidget(content);
    content->setVisible(isExpanded());
}

void CollapsibleSection::setTitle(const QString &title)
{
    m_toggle->setText(title);
}

bool CollapsibleSection::isExpanded() const
{
    return m_toggle->isChecked();
}

void CollapsibleSection::setExpanded(bool expanded)
{
    m_toggle->setChecked(expanded); // apply() follows through toggled()
}

void CollapsibleSection::apply(bool expanded)
{
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    if (m_content)
        m_content->setVisible(expanded);
    Q_EMIT expandedChanged(expanded);
}
