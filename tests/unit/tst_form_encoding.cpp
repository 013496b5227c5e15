// application/x-www-form-urlencoded as OAuth uses it (RFC 6749 Appendix B) and the client_secret_basic
// header built from it (RFC 6749 §2.3.1).
#include "FormEncoding.h"

#include <QTest>

using Fields = QList<QPair<QString, QString>>;

class TestFormEncoding final : public QObject
{
    Q_OBJECT

private:
    // Independent reference decoder for one component: '+' is a space, then %XX, then UTF-8.
    static QString formDecodeComponent(QByteArray encoded)
    {
        encoded.replace('+', ' ');
        return QString::fromUtf8(QByteArray::fromPercentEncoding(encoded));
    }

private Q_SLOTS:
    void encodeComponent_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("encoded");

        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("unreserved set stays") << QStringLiteral("AZaz09*-._") << QByteArray("AZaz09*-._");
        QTest::newRow("space is plus") << QStringLiteral("a b") << QByteArray("a+b");
        QTest::newRow("plus is escaped") << QStringLiteral("a+b") << QByteArray("a%2Bb");
        QTest::newRow("mixed, from the spec")
            << QStringLiteral("a b+c%d:\u00e9") << QByteArray("a+b%2Bc%25d%3A%C3%A9");
        QTest::newRow("tilde is escaped (not in *-._)") << QStringLiteral("~") << QByteArray("%7E");
        QTest::newRow("reserved characters") << QStringLiteral("/?#&=@!$'(),;[]")
                                             << QByteArray("%2F%3F%23%26%3D%40%21%24%27%28%29%2C%3B%5B%5D");
        QTest::newRow("quote, backslash, percent") << QStringLiteral("\"\\%") << QByteArray("%22%5C%25");
        QTest::newRow("control characters") << QStringLiteral("\n\t\r") << QByteArray("%0A%09%0D");
        QTest::newRow("hex digits are upper case")
            << QStringLiteral("\u00ff\u00fe") << QByteArray("%C3%BF%C3%BE");
        QTest::newRow("euro sign, 3 UTF-8 bytes") << QStringLiteral("\u20ac") << QByteArray("%E2%82%AC");
        QTest::newRow("emoji, 4 UTF-8 bytes")
            << QString::fromUtf8("\xf0\x9f\x98\x80") << QByteArray("%F0%9F%98%80");
    }

    void encodeComponent()
    {
        QFETCH(QString, value);
        QFETCH(QByteArray, encoded);
        QCOMPARE(FormEncoding::encodeComponent(value), encoded);
    }

    void encodeJoinsFieldsInOrder()
    {
        const Fields fields = { { QStringLiteral("grant_type"), QStringLiteral("client_credentials") },
                                { QStringLiteral("scope"), QStringLiteral("read write") },
                                { QStringLiteral("resource"), QStringLiteral("https://a.test/") },
                                { QStringLiteral("resource"), QStringLiteral("https://b.test/") },
                                { QStringLiteral("empty"), QString() } };
        QCOMPARE(FormEncoding::encode(fields),
                 QByteArray("grant_type=client_credentials&scope=read+write&resource=https%3A%2F%2Fa.test%2F"
                            "&resource=https%3A%2F%2Fb.test%2F&empty="));
        QCOMPARE(FormEncoding::encode({}), QByteArray());
    }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Fields>("fields");

        QTest::newRow("plus is a space")
            << QByteArray("scope=read+write")
            << Fields { { QStringLiteral("scope"), QStringLiteral("read write") } };
        QTest::newRow("percent escapes") << QByteArray("a=%26%3D%2B&b=%C3%A9")
                                         << Fields { { QStringLiteral("a"), QStringLiteral("&=+") },
                                                     { QStringLiteral("b"), QStringLiteral("\u00e9") } };
        QTest::newRow("lower-case hex")
            << QByteArray("a=%c3%a9") << Fields { { QStringLiteral("a"), QStringLiteral("\u00e9") } };
        QTest::newRow("repeated names keep their order")
            << QByteArray("r=1&x=2&r=3")
            << Fields { { QStringLiteral("r"), QStringLiteral("1") },
                        { QStringLiteral("x"), QStringLiteral("2") },
                        { QStringLiteral("r"), QStringLiteral("3") } };
        QTest::newRow("empty value") << QByteArray("a=&b=1")
                                     << Fields { { QStringLiteral("a"), QString() },
                                                 { QStringLiteral("b"), QStringLiteral("1") } };
        QTest::newRow("encoded name")
            << QByteArray("my+name%21=v") << Fields { { QStringLiteral("my name!"), QStringLiteral("v") } };
        QTest::newRow("only the first '=' separates")
            << QByteArray("a=b=c") << Fields { { QStringLiteral("a"), QStringLiteral("b=c") } };
        QTest::newRow("empty body") << QByteArray() << Fields {};
    }

    void decode()
    {
        QFETCH(QByteArray, body);
        QFETCH(Fields, fields);
        QCOMPARE(FormEncoding::decode(body), fields);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << QStringLiteral("client_credentials");
        QTest::newRow("space and plus") << QStringLiteral(" a + b ");
        QTest::newRow("hostile ascii") << QStringLiteral("s3cr:et%+ &/=?#~\"'\\");
        QTest::newRow("literal %2B") << QStringLiteral("%2B%");
        QTest::newRow("non-ascii") << QStringLiteral("\u00e4\u00f6\u00fc \u20ac \u4e2d\u6587");
        QTest::newRow("newline") << QStringLiteral("line1\nline2\r\n");
    }

    void roundTrip()
    {
        QFETCH(QString, value);
        const Fields fields = { { value, value }, { QStringLiteral("next"), value } };
        QCOMPARE(FormEncoding::decode(FormEncoding::encode(fields)), fields);
        QCOMPARE(formDecodeComponent(FormEncoding::encodeComponent(value)), value);
    }

    void basicAuthorization_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("clientSecret");
        QTest::addColumn<QByteArray>("encodedId"); // expected, written out by hand
        QTest::addColumn<QByteArray>("encodedSecret");

        QTest::newRow("plain") << QStringLiteral("basic-client") << QStringLiteral("basic-secret")
                               << QByteArray("basic-client") << QByteArray("basic-secret");
        QTest::newRow("colon in id and secret") << QStringLiteral("urn:client:1") << QStringLiteral("a:b")
                                                << QByteArray("urn%3Aclient%3A1") << QByteArray("a%3Ab");
        QTest::newRow("the oidc fixture's hostile client")
            << QStringLiteral("weird:client id%+") << QStringLiteral("s3cr:et%+ &/=?#~")
            << QByteArray("weird%3Aclient+id%25%2B") << QByteArray("s3cr%3Aet%25%2B+%26%2F%3D%3F%23%7E");
        QTest::newRow("non-ascii") << QStringLiteral("cli\u00e9nt") << QStringLiteral("p\u00e4ss \u20ac")
                                   << QByteArray("cli%C3%A9nt") << QByteArray("p%C3%A4ss+%E2%82%AC");
        QTest::newRow("empty secret")
            << QStringLiteral("id") << QString() << QByteArray("id") << QByteArray();
    }

    void basicAuthorization()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, clientSecret);
        QFETCH(QByteArray, encodedId);
        QFETCH(QByteArray, encodedSecret);

        const QByteArray header = FormEncoding::basicAuthorization(clientId, clientSecret);
        QCOMPARE(header, "Basic " + QByteArray(encodedId + ':' + encodedSecret).toBase64());

        // What a server does (RFC 6749 §2.3.1): base64-decode, split at the FIRST ':', form-decode both
        // halves.
        QVERIFY(header.startsWith("Basic "));
        const QByteArray decoded = QByteArray::fromBase64(header.mid(6));
        const qsizetype colon = decoded.indexOf(':');
        QVERIFY(colon >= 0);
        QCOMPARE(formDecodeComponent(decoded.left(colon)), clientId);
        QCOMPARE(formDecodeComponent(decoded.mid(colon + 1)), clientSecret);
    }
};

QTEST_GUILESS_MAIN(TestFormEncoding)
#include "tst_form_encoding.moc"
