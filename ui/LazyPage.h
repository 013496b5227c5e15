#pragma once

#include <QWidget>

#include <functional>

class QDockWidget;
class QTabWidget;

// A placeholder for a page that is costly to build and not visible when the window first appears (a tab
// other than the current one, the contents of a hidden dock). The real page is built the first time it is
// needed (its tab becomes current, its dock is shown, or build() is called) and takes the placeholder's
// place, so once built the page sits in its tab or dock exactly as if it had been built eagerly.
class LazyPage final : public QWidget
{
    Q_OBJECT
public:
    // Makes the real page; the caller wires it up there. Called at most once.
    using Factory = std::function<QWidget *()>;

    // Adds a placeholder tab labelled `label` that becomes the factory's page when first shown.
    static LazyPage *addTab(QTabWidget *tabs, const QString &label, Factory factory);
    // Sets a placeholder as the dock's widget that becomes the factory's page when the dock is first shown.
    static LazyPage *setDockWidget(QDockWidget *dock, Factory factory);

    // Builds the page now if it is not built yet, puts it in the placeholder's place and returns it.
    QWidget *build();
    bool isBuilt() const { return m_page != nullptr; }

private:
    LazyPage(Factory factory, QWidget *parent);

    Factory m_factory;
    QTabWidget *m_tabs = nullptr;
    QDockWidget *m_dock = nullptr;
    QWidget *m_page = nullptr;
};
