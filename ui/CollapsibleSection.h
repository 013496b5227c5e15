#pragma once

#include <QWidget>

class QToolButton;

// A titled section whose content shows or hides with a click on the title (an arrow says which), so a
// dialog can offer many rarely needed fields and stay small.
class CollapsibleSection final : public QWidget
{
    Q_OBJECT
public:
    explicit CollapsibleSection(const QString &title, QWidget *parent = nullptr);

    // Takes ownership of content.
    void setContent(QWidget *content);
    QWidget *content() const { return m_content; }
    QToolButton *toggleButton() const { return m_toggle; }

    void setTitle(const QString &title);
    bool isExpanded() const;
    void setExpanded(bool expanded);

Q_SIGNALS:
    void expandedChanged(bool expanded);

private:
    void apply(bool expanded);

    QToolButton *m_toggle;
    QWidget *m_content = nullptr;
};
