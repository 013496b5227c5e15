// The start-up reference: what a bare Qt Widgets window costs on this machine. run.sh compares the app's
// first paint with this program's.
#include "FirstPaintProbe.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("Bare Qt window"));
    window.menuBar()->addMenu(QStringLiteral("&File"))->addAction(QStringLiteral("&Quit"));

    auto *central = new QWidget(&window);
    auto *layout = new QVBoxLayout(central);
    auto *line = new QHBoxLayout;
    line->addWidget(new QLineEdit(central), 1);
    line->addWidget(new QPushButton(QStringLiteral("Send"), central));
    layout->addLayout(line);
    auto *splitter = new QSplitter(Qt::Vertical, central);
    splitter->addWidget(new QPlainTextEdit(QStringLiteral("{ \"hello\": \"world\" }"), splitter));
    splitter->addWidget(new QTableView(splitter));
    layout->addWidget(splitter, 1);
    window.setCentralWidget(central);
    window.statusBar()->addPermanentWidget(new QLabel(QStringLiteral("Ready"), &window), 1);
    window.resize(1200, 800);

    FirstPaintProbe::installIfRequested(&window);
    window.show();
    return QApplication::exec();
}
