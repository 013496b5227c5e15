// WWW-Authenticate (RFC 9110 §11.6.1) and the Bearer challenge of a protected resource (RFC 6750 §3).
#include "WwwAuthenticate.h"

#include <QTest>

using Params = QMap<QString, QString>;

class TestWwwAuthenticate final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QStringList>("schemes");
        QTest::addColumn<Params>("lastParams"); // params of the last challenge
        QTest::addColumn<QString>("lastToken68");

        QTest::newRow("bearer with realm, error, description")
            << QByteArray("Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access "
                          "token expired\"")
            << QStringList { QStringLiteral("Bearer") }
            << Params { { QStringLiteral("realm"), QStringLiteral("example") },
                        { QStringLiteral("error"), QStringLiteral("invalid_token") },
                        { QStringLiteral("error_description"), QStringLiteral("The access token expired") } }
            << QString();
        QTest::newRow("bearer alone")
            << QByteArray("Bearer") << QStringList { QStringLiteral("Bearer") } << Params {} << QString();
        QTest::newRow("lower-case scheme, unquoted token value")
            << QByteArray("bearer error=invalid_token") << QStringList { QStringLiteral("bearer") }
            << Params { { QStringLiteral("error"), QStringLiteral("invalid_token") } } << QString();
        QTest::newRow("escaped quotes in a quoted-string")
            << QByteArray("Bearer error_description=\"a \\\"b\\\" c\"")
            << QStringList { QStringLiteral("Bearer") }
            << Params { { QStringLiteral("error_description"), QStringLiteral("a \"b\" c") } } << QString();
        QTest::newRow("escaped backslash")
            << QByteArray("Bearer realm=\"C:\\\\api\"") << QStringList { QStringLiteral("Bearer") }
            << Params { { QStringLiteral("realm"), QStringLiteral("C:\\api") } } << QString();
        QTest::newRow("comma inside a quoted-string")
            << QByteArray("Bearer realm=\"a, b\", error=\"invalid_request\"")
            << QStringList { QStringLiteral("Bearer") }
            << Params { { QStringLiteral("realm"), QStringLiteral("a, b") },
                        { QStringLiteral("error"), QStringLiteral("invalid_request") } }
            << QString();
        QTest::newRow("several challenges") << QByteArray(
            "Basic realm=\"x\", Bearer realm=\"y\", error=\"insufficient_scope\", scope=\"read write\"")
                                            << QStringList { QStringLiteral("Basic"),
                                                             QStringLiteral("Bearer") }
                                            << Params { { QStringLiteral("realm"), QStringLiteral("y") },
                                                        { QStringLiteral("error"),
                                                          QStringLiteral("insufficient_scope") },
                                                        { QStringLiteral("scope"),
                                                          QStringLiteral("read write") } }
                                            << QString();
        QTest::newRow("token68") << QByteArray("Negotiate YWJj==")
                                 << QStringList { QStringLiteral("Negotiate") } << Params {}
                                 << QStringLiteral("YWJj==");
        QTest::newRow("token68 then a challenge with params")
            << QByteArray("Negotiate YWJj==, Bearer realm=\"r\"")
            << QStringList { QStringLiteral("Negotiate"), QStringLiteral("Bearer") }
            << Params { { QStringLiteral("realm"), QStringLiteral("r") } } << QString();
        QTest::newRow("param names are case-insensitive")
            << QByteArray("Bearer Realm=\"x\", ERROR=\"invalid_token\"")
            << QStringList { QStringLiteral("Bearer") }
            << Params { { QStringLiteral("realm"), QStringLiteral("x") },
                        { QStringLiteral("error"), QStringLiteral("invalid_token") } }
            << QString();
        QTest::newRow("whitespace around '=' (BWS)")
            << QByteArray("Bearer error = \"invalid_token\"") << QStringList { QStringLiteral("Bearer") }
            << Params { { QStringLiteral("error"), QStringLiteral("invalid_token") } } << QString();
        QTest::newRow("two header fields joined")
            << QByteArray("Bearer realm=\"a\", Basic realm=\"b\"")
            << QStringList { QStringLiteral("Bearer"), QStringLiteral("Basic") }
            << Params { { QStringLiteral("realm"), QStringLiteral("b") } } << QString();
    }

    void parse()
    {
        QFETCH(QByteArray, header);
        QFETCH(QStringList, schemes);
        QFETCH(Params, lastParams);
        QFETCH(QString, lastToken68);

        const QList<AuthChallenge> challenges = parseWwwAuthenticate(header);
        QStringList parsedSchemes;
        for (const AuthChallenge &c : challenges)
            parsedSchemes << c.scheme;
        QCOMPARE(parsedSchemes, schemes);
        QCOMPARE(challenges.constLast().params, lastParams);
        QCOMPARE(challenges.constLast().token68, lastToken68);
        for (auto it = lastParams.cbegin(); it != lastParams.cend(); ++it)
            QCOMPARE(challenges.constLast().param(it.key().toUpper()), it.value());
    }

    void firstOfSeveralChallengesKeepsItsOwnParams()
    {
        const QList<AuthChallenge> challenges
            = parseWwwAuthenticate("Basic realm=\"x\", Bearer realm=\"y\", error=\"insufficient_scope\"");
        QCOMPARE(challenges.size(), 2);
        QCOMPARE(challenges.at(0).params, (Params { { QStringLiteral("realm"), QStringLiteral("x") } }));
    }

    void garbageIsHarmless_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("commas") << QByteArray(",,,");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("blanks") << QByteArray("   \t ");
        QTest::newRow("equals signs") << QByteArray("=====");
        QTest::newRow("unterminated quoted-string") << QByteArray("Basic realm=\"unterminated");
        QTest::newRow("trailing backslash") << QByteArray("Basic realm=\"x\\");
        QTest::newRow("quote only") << QByteArray("\"");
        QTest::newRow("param without scheme") << QByteArray("realm=\"x\"");
        QTest::newRow("binary") << QByteArray("\x00\xff\x1b[31m,\"\\", 9);
    }

    void garbageIsHarmless()
    {
        QFETCH(QByteArray, header);
        const QList<AuthChallenge> challenges = parseWwwAuthenticate(header);
        for (const AuthChallenge &c : challenges) {
            QVERIFY2(!c.scheme.trimmed().isEmpty(), "a challenge always has a scheme");
            QVERIFY(!c.scheme.contains(QLatin1Char(',')));
            QVERIFY(!c.scheme.contains(QLatin1Char('=')));
            QVERIFY(!c.scheme.contains(QLatin1Char('"')));
        }
        QVERIFY(!bearerChallengeFrom(challenges).present);
    }

    void bearerChallenge_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("present");
        QTest::addColumn<QString>("realm");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("scope");

        QTest::newRow("full") << QByteArray("Bearer realm=\"example\", error=\"invalid_token\", "
                                            "error_description=\"The access token expired\"")
                              << true << QStringLiteral("example") << QStringLiteral("invalid_token")
                              << QStringLiteral("The access token expired") << QString();
        QTest::newRow("alone") << QByteArray("Bearer") << true << QString() << QString() << QString()
                               << QString();
        QTest::newRow("lower-case") << QByteArray("bearer error=invalid_token") << true << QString()
                                    << QStringLiteral("invalid_token") << QString() << QString();
        QTest::newRow("picked among others") << QByteArray(
            "Basic realm=\"x\", Bearer realm=\"y\", error=\"insufficient_scope\", scope=\"read write\"")
                                             << true << QStringLiteral("y")
                                             << QStringLiteral("insufficient_scope") << QString()
                                             << QStringLiteral("read write");
        QTest::newRow("no bearer") << QByteArray("Basic realm=\"x\", Negotiate YWJj==") << false << QString()
                                   << QString() << QString() << QString();
    }

    void bearerChallenge()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, present);
        QFETCH(QString, realm);
        QFETCH(QString, error);
        QFETCH(QString, description);
        QFETCH(QString, scope);

        const BearerChallenge bearer = bearerChallengeFrom(parseWwwAuthenticate(header));
        QCOMPARE(bearer.present, present);
        QCOMPARE(bearer.realm, realm);
        QCOMPARE(bearer.error, error);
        QCOMPARE(bearer.errorDescription, description);
        QCOMPARE(bearer.scope, scope);
    }

    void errorUri()
    {
        const BearerChallenge bearer = bearerChallengeFrom(parseWwwAuthenticate(
            "Bearer error=\"invalid_token\", error_uri=\"https://docs.example.test/e\""));
        QCOMPARE(bearer.errorUri, QStringLiteral("https://docs.example.test/e"));
    }

    void summaryNamesErrorAndDescription()
    {
        BearerChallenge bearer;
        bearer.present = true;
        bearer.realm = QStringLiteral("api");
        bearer.error = QStringLiteral("invalid_token");
        bearer.errorDescription = QStringLiteral("The access token expired");
        const QString summary = bearer.summary();
        QVERIFY2(summary.contains(QStringLiteral("invalid_token")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("The access token expired")), qPrintable(summary));
    }

    void explanation_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<bool>("known");
        QTest::newRow("invalid_request") << QStringLiteral("invalid_request") << true;
        QTest::newRow("invalid_token") << QStringLiteral("invalid_token") << true;
        QTest::newRow("insufficient_scope") << QStringLiteral("insufficient_scope") << true;
        QTest::newRow("unknown code") << QStringLiteral("weird_error") << false;
    }

    void explanation()
    {
        QFETCH(QString, error);
        QFETCH(bool, known);
        BearerChallenge bearer;
        bearer.present = true;
        bearer.error = error;
        QCOMPARE(!bearer.explanation().trimmed().isEmpty(), known);
    }

    void explanationsDiffer()
    {
        QStringList texts;
        for (const char *code : { "invalid_request", "invalid_token", "insufficient_scope" }) {
            BearerChallenge bearer;
            bearer.present = true;
            bearer.error = QString::fromLatin1(code);
            texts << bearer.explanation();
        }
        texts.removeDuplicates();
        QCOMPARE(texts.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestWwwAuthenticate)
#include "tst_www_authenticate.moc"
