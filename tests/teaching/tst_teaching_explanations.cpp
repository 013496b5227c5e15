// Explanations are resources: built in, overridable by a teacher's folder, translated by file name, and a
// missing one shows a placeholder.
#include "TeachingExplanations.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestTeachingExplanations final : public QObject
{
    Q_OBJECT

    static void write(const QString &path, const QByteArray &text)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }

private Q_SLOTS:
    void everyStepHasABuiltInExplanation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reference");
        QTest::newRow("cc token") << "client-credentials-token-request"
                                  << "RFC 6749 §4.4.2";
        QTest::newRow("authorize") << "authorization-request"
                                   << "RFC 7636 §4.3";
        QTest::newRow("callback") << "callback"
                                  << "RFC 6749 §4.1.2";
        QTest::newRow("code token") << "code-token-request"
                                    << "RFC 7636 §4.5";
        QTest::newRow("discovery") << "discovery"
                                   << "RFC 8414 §3";
        QTest::newRow("jwks") << "jwks"
                              << "RFC 7517 §5";
        QTest::newRow("access token") << "access-token-validation"
                                      << "RFC 9068 §4";
        QTest::newRow("id token") << "id-token-validation"
                                  << "OIDC Core §3.1.3.7";
        QTest::newRow("userinfo") << "userinfo"
                                  << "OIDC Core §5.3";
        QTest::newRow("refresh") << "refresh"
                                 << "RFC 6749 §6";
        QTest::newRow("api") << "api-call"
                             << "RFC 6750 §2.1";
        QTest::newRow("stopped") << "run-stopped"
                                 << "RFC 6749 §5.2";
    }

    void everyStepHasABuiltInExplanation()
    {
        QFETCH(QString, name);
        QFETCH(QString, reference);
        TeachingExplanations explanations;
        explanations.setOverrideFolder(QString());
        explanations.setLocale(QLocale(QLocale::English));
        const TeachingExplanation explanation = explanations.load(name);
        QVERIFY2(explanation.found, qPrintable(name));
        QCOMPARE(explanation.source, QStringLiteral(":/teaching/") + name + QStringLiteral(".md"));
        QVERIFY(!explanation.title.isEmpty());
        QVERIFY(explanation.title != name);
        QVERIFY2(explanation.reference.contains(reference), qPrintable(explanation.reference));
        QVERIFY(explanation.markdown.startsWith(QStringLiteral("# ") + explanation.title));
        // The view shows title and reference itself: the body has neither.
        QVERIFY(!explanation.body.isEmpty());
        QVERIFY(!explanation.body.contains(QStringLiteral("Reference:")));
        QVERIFY(!explanation.body.contains(QStringLiteral("# ") + explanation.title));
    }

    void overrideFolderWins()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        write(dir.filePath(QStringLiteral("jwks.md")),
              "# Keys, in my words\n\nReference: RFC 7517 §5\n\nSee the board.\n");
        TeachingExplanations explanations;
        explanations.setOverrideFolder(dir.path());
        explanations.setLocale(QLocale(QLocale::English));
        const TeachingExplanation explanation = explanations.load(QStringLiteral("jwks"));
        QVERIFY(explanation.found);
        QCOMPARE(explanation.title, QStringLiteral("Keys, in my words"));
        QCOMPARE(explanation.reference, QStringLiteral("RFC 7517 §5"));
        QVERIFY(explanation.markdown.contains(QStringLiteral("See the board.")));
        QCOMPARE(explanation.source, dir.filePath(QStringLiteral("jwks.md")));
        // Steps without an override still come from the resources.
        QCOMPARE(explanations.load(QStringLiteral("callback")).source,
                 QStringLiteral(":/teaching/callback.md"));
    }

    void translationIsPreferred()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        write(dir.filePath(QStringLiteral("callback.de.md")), "# Rückruf\n\nReference: RFC 6749 §4.1.2\n");
        write(dir.filePath(QStringLiteral("callback.de_AT.md")), "# Rückruf (Österreich)\n");
        TeachingExplanations explanations;
        explanations.setOverrideFolder(dir.path());
        explanations.setLocale(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(explanations.load(QStringLiteral("callback")).title, QStringLiteral("Rückruf"));
        explanations.setLocale(QLocale(QLocale::German, QLocale::Austria));
        QCOMPARE(explanations.load(QStringLiteral("callback")).title, QStringLiteral("Rückruf (Österreich)"));
        explanations.setLocale(QLocale(QLocale::French, QLocale::France));
        QCOMPARE(explanations.load(QStringLiteral("callback")).source,
                 QStringLiteral(":/teaching/callback.md"));
    }

    void missingFileGivesAPlaceholder()
    {
        TeachingExplanations explanations;
        explanations.setOverrideFolder(QStringLiteral("/nonexistent-teaching-folder"));
        const TeachingExplanation explanation = explanations.load(QStringLiteral("device-authorization"));
        QVERIFY(!explanation.found);
        QVERIFY(explanation.source.isEmpty());
        QCOMPARE(explanation.title, QStringLiteral("device-authorization"));
        QVERIFY(explanation.markdown.contains(QStringLiteral("device-authorization.md")));
        QVERIFY(explanation.markdown.contains(
            QDir::toNativeSeparators(QStringLiteral("/nonexistent-teaching-folder"))));
    }

    void namesCannotEscapeTheFolder()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("inner")));
        write(dir.filePath(QStringLiteral("secret.md")), "# outside\n");
        TeachingExplanations explanations;
        explanations.setOverrideFolder(dir.filePath(QStringLiteral("inner")));
        QVERIFY(explanations.candidates(QStringLiteral("../secret")).isEmpty());
        QVERIFY(!explanations.load(QStringLiteral("../secret")).found);
    }

    void defaultFolderFollowsTheDataHome()
    {
        qputenv("OAUTH_DEBUGGER_HOME", "/tmp/od-home");
        QCOMPARE(TeachingExplanations::defaultOverrideFolder(), QStringLiteral("/tmp/od-home/teaching"));
        qunsetenv("OAUTH_DEBUGGER_HOME");
    }
};

QTEST_GUILESS_MAIN(TestTeachingExplanations)
#include "tst_teaching_explanations.moc"
