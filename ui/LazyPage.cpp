#include "LazyPage.h"

#include <QDockWidget>
#include <QSignalBlocker>
#include <QTabWidget>

LazyPage::LazyPage(Factory factory, QWidget *parent)
    : QWidget(parent)
    , m_factory(std::move(factory))
{
}

LazyPage *LazyPage::addTab(QTabWidget *tabs, const QString &label, Factory factory)
{
    auto *page = new LazyPage(std::move(factory), tabs);
    page->m_tabs = tabs;
    tabs->addTab(page, label);
    // currentChanged comes after the tab's stack has switched pages: replacing the page then is safe,
    // and still before anything is painted.
    connect(tabs, &QTabWidget::currentChanged, page, [page, tabs](int index) {
        if (tabs->widget(index) == page)
            page->build();
    });
    return page;
}

LazyPage *LazyPage::setDockWidget(QDockWidget *dock, Factory factory)
{
    auto *page = new LazyPage(std::move(factory), dock);
    page->m_dock = dock;
    dock->setWidget(page);
    // visibilityChanged comes once the dock and its children have been shown.
    connect(dock, &QDockWidget::visibilityChanged, page, [page](bool visible) {
        if (visible)
            page->build();
    });
    return page;
}

QWidget *LazyPage::build()
{
    if (m_page)
        return m_page;
    m_page = m_factory();
    m_factory = nullptr;
    if (m_tabs) {
        const int index = m_tabs->indexOf(this);
        const bool current = m_tabs->currentIndex() == index;
        {
            // The current tab does not really change: the same page, built.
            const QSignalBlocker blocker(m_tabs);
            m_tabs->insertTab(index, m_page, m_tabs->tabText(index));
            m_tabs->removeTab(index + 1);
            if (current)
                m_tabs->setCurrentIndex(index);
        }
        m_tabs = nullptr;
    } else if (m_dock) {
        const bool visible = m_dock->isVisible();
        m_dock->setWidget(m_page);
        if (visible)
            m_page->show();
        m_dock = nullptr;
    }
    hide();
    deleteLater(); // not now: build() may be running inside a signal of this placeholder's container
    return m_page;
}
