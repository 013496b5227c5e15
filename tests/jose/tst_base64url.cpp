// base64url as JOSE uses it (RFC 7515 §2, RFC 4648 §5): strict on the alphabet and the length, lenient but
// explicit about padding and non-canonical trailing bits.
#include "Base64Url.h"

#include <QTest>

class TestBase64Url final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<bool>("hadPadding");
        QTest::addColumn<bool>("nonCanonical");

        QTest::newRow("empty") << QByteArray() << QByteArray() << false << false;
        QTest::newRow("one byte") << QByteArray("Zg") << QByteArray("f") << false << false;
        QTest::newRow("two bytes") << QByteArray("Zm8") << QByteArray("fo") << false << false;
        QTest::newRow("three bytes") << QByteArray("Zm9v") << QByteArray("foo") << false << false;
        QTest::newRow("url alphabet") << QByteArray("-_8") << QByteArray("\xfb\xff") << false << false;
        QTest::newRow("padding accepted, flagged") << QByteArray("Zg==") << QByteArray("f") << true << false;
        QTest::newRow("single pad") << QByteArray("Zm8=") << QByteArray("fo") << true << false;
        QTest::newRow("trailing bits set") << QByteArray("Zh") << QByteArray("f") << false << true;
        QTest::newRow("RFC 7515 header")
            << QByteArray("eyJhbGciOiJSUzI1NiJ9") << QByteArray(R"({"alg":"RS256"})") << false << false;
    }
    void decodes()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, data);
        QFETCH(bool, hadPadding);
        QFETCH(bool, nonCanonical);

        const Base64UrlDecoded decoded = Base64Url::decode(text);
        QVERIFY2(decoded.ok, qPrintable(decoded.error));
        QCOMPARE(decoded.data, data);
        QCOMPARE(decoded.hadPadding, hadPadding);
        QCOMPARE(decoded.nonCanonical, nonCanonical);
        QCOMPARE(decoded.notes().size(), int(hadPadding) + int(nonCanonical));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("standard base64 plus") << QByteArray("ab+c") << 2 << QStringLiteral("standard base64");
        QTest::newRow("standard base64 slash")
            << QByteArray("ab/c") << 2 << QStringLiteral("standard base64");
        QTest::newRow("space") << QByteArray("ab c") << 2 << QStringLiteral("alphabet");
        QTest::newRow("non-ASCII byte") << QByteArray("ab\xc3\xa9") << 2 << QStringLiteral("0xc3");
        QTest::newRow("impossible length 1") << QByteArray("a") << -1 << QStringLiteral("impossible length");
        QTest::newRow("impossible length 5")
            << QByteArray("abcde") << -1 << QStringLiteral("impossible length");
        QTest::newRow("pad in the middle") << QByteArray("Zg==Zg") << 2 << QStringLiteral("not at the end");
        QTest::newRow("too much padding") << QByteArray("Zg===") << 2 << QStringLiteral("padding");
        QTest::newRow("padding with wrong length") << QByteArray("Zg=") << 2 << QStringLiteral("padding");
    }
    void rejects()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, position);
        QFETCH(QString, mentions);

        const Base64UrlDecoded decoded = Base64Url::decode(text);
        QVERIFY(!decoded.ok);
        QVERIFY(decoded.data.isEmpty());
        QCOMPARE(decoded.errorPosition, position);
        QVERIFY2(decoded.error.contains(mentions), qPrintable(decoded.error));
    }

    void encodeRoundTrips()
    {
        QByteArray data;
        for (int i = 0; i < 300; ++i) {
            const QByteArray encoded = Base64Url::encode(data);
            QVERIFY(!encoded.contains('='));
            QVERIFY(!encoded.contains('+'));
            QVERIFY(!encoded.contains('/'));
            const Base64UrlDecoded decoded = Base64Url::decode(encoded);
            QVERIFY(decoded.ok);
            QVERIFY(!decoded.nonCanonical);
            QCOMPARE(decoded.data, data);
            data.append(static_cast<char>((i * 37 + 11) & 0xff));
        }
    }

    void alphabet()
    {
        int count = 0;
        for (int c = 0; c < 256; ++c)
            count += Base64Url::isAlphabet(static_cast<char>(c)) ? 1 : 0;
        QCOMPARE(count, 64);
        QVERIFY(Base64Url::isAlphabet('-'));
        QVERIFY(Base64Url::isAlphabet('_'));
        QVERIFY(!Base64Url::isAlphabet('='));
    }
};

QTEST_GUILESS_MAIN(TestBase64Url)
#include "tst_base64url.moc"
