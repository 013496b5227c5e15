// Server text on a terminal or in a label: no escape sequences, no bells, no bidi tricks.
#include "TextSanitizer.h"

#include <QTest>

namespace {

QString withChar(const QString &before, char32_t c, const QString &after)
{
    return before + QString::fromUcs4(&c, 1) + after;
}

bool hasControlCharacters(const QString &text, bool newlinesAllowed)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '\n' && newlinesAllowed)
            continue;
        if (u == '\t')
            continue;
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u <= 0x9f) || (u >= 0x202a && u <= 0x202e)
            || (u >= 0x2066 && u <= 0x2069))
            return true;
    }
    return false;
}

} // namespace

class TestTextSanitizer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stripsOneCharacter_data()
    {
        QTest::addColumn<uint>("codePoint");
        QTest::newRow("NUL") << 0x00u;
        QTest::newRow("BEL") << 0x07u;
        QTest::newRow("backspace") << 0x08u;
        QTest::newRow("vertical tab") << 0x0bu;
        QTest::newRow("form feed") << 0x0cu;
        QTest::newRow("ESC") << 0x1bu;
        QTest::newRow("DEL") << 0x7fu;
        QTest::newRow("C1 first (PAD)") << 0x80u;
        QTest::newRow("C1 NEL") << 0x85u;
        QTest::newRow("C1 CSI") << 0x9bu;
        QTest::newRow("C1 last (APC)") << 0x9fu;
        QTest::newRow("LRE") << 0x202au;
        QTest::newRow("RLE") << 0x202bu;
        QTest::newRow("PDF") << 0x202cu;
        QTest::newRow("LRO") << 0x202du;
        QTest::newRow("RLO") << 0x202eu;
        QTest::newRow("LRI") << 0x2066u;
        QTest::newRow("RLI") << 0x2067u;
        QTest::newRow("FSI") << 0x2068u;
        QTest::newRow("PDI") << 0x2069u;
    }

    void stripsOneCharacter()
    {
        QFETCH(uint, codePoint);
        const QString input = withChar(QStringLiteral("abc"), codePoint, QStringLiteral("def"));
        QCOMPARE(input.size(), 7);
        QCOMPARE(TextSanitizer::sanitize(input), QStringLiteral("abcdef"));
        QCOMPARE(TextSanitizer::sanitize(input, true), QStringLiteral("abcdef"));
    }

    void escapeSequencesLoseTheirEscape()
    {
        const QString input = QStringLiteral("\x1b[31mred\x1b[0m \x1b]0;title\x07 end");
        const QString out = TextSanitizer::sanitize(input);
        QVERIFY(!out.contains(QChar(0x1b)));
        QVERIFY(!out.contains(QChar(0x07)));
        QVERIFY(out.contains(QStringLiteral("red")));
        QVERIFY(out.contains(QStringLiteral("end")));
    }

    void printableTextIsUnchanged_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QStringLiteral("Hello, world! {\"a\": [1, 2]} <b>x</b> ~`'\\");
        QTest::newRow("latin-1 letters") << QStringLiteral("caf\u00e9 \u00fcber \u00a0nbsp \u00bf");
        QTest::newRow("cjk and emoji")
            << QStringLiteral("\u4e2d\u6587 ") + QString::fromUtf8("\xf0\x9f\x98\x80");
        QTest::newRow("arabic (right-to-left letters, no overrides)")
            << QStringLiteral("\u0645\u0631\u062d\u0628\u0627");
        QTest::newRow("empty") << QString();
    }

    void printableTextIsUnchanged()
    {
        QFETCH(QString, text);
        QCOMPARE(TextSanitizer::sanitize(text), text);
        QCOMPARE(TextSanitizer::sanitize(text, true), text);
    }

    void newlines()
    {
        const QString input = QStringLiteral("line1\nline2\nline3");
        QCOMPARE(TextSanitizer::sanitize(input, true), input);

        const QString flat = TextSanitizer::sanitize(input, false);
        QVERIFY2(!flat.contains(QLatin1Char('\n')), qPrintable(flat));
        QVERIFY(!flat.contains(QLatin1Char('\r')));
        QVERIFY(flat.contains(QStringLiteral("line1")));
        QVERIFY(flat.contains(QStringLiteral("line3")));
        QVERIFY2(!flat.contains(QStringLiteral("line1line2")), "lines must not be glued together");
    }

    void carriageReturnsNeverSurviveAlone()
    {
        // a bare CR lets text overwrite what was printed before it on a terminal
        const QString out = TextSanitizer::sanitize(QStringLiteral("Status: ok\rStatus: HACKED"), true);
        QVERIFY(!out.contains(QLatin1Char('\r')) || out.contains(QStringLiteral("\r\n")));
        QVERIFY(!out.contains(QLatin1Char('\r')));
    }

    void tabs()
    {
        const QString out = TextSanitizer::sanitize(QStringLiteral("a\tb"));
        QVERIFY2(out == QStringLiteral("a\tb")
                     || (out.startsWith(QLatin1Char('a')) && out.endsWith(QLatin1Char('b'))
                         && out.mid(1, out.size() - 2).trimmed().isEmpty() && out.size() > 2),
                 qPrintable(out));
    }

    void flattenedNewlinesCountAgainstMaxLength()
    {
        const QString out = TextSanitizer::sanitize(QStringLiteral("a\nb\nc\nd\ne\nf\ng"), false, 6);
        QCOMPARE(out, QStringLiteral("a b c") + QChar(0x2026));
    }

    void maxLength_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("maxLength");
        QTest::addColumn<bool>("truncated");
        QTest::newRow("longer") << QStringLiteral("abcdefghijklmnopqrstuvwxyz") << 10 << true;
        QTest::newRow("exactly") << QStringLiteral("abcdefghij") << 10 << false;
        QTest::newRow("shorter") << QStringLiteral("abc") << 10 << false;
        QTest::newRow("no limit") << QString(5000, QLatin1Char('x')) << -1 << false;
        QTest::newRow("emoji not split") << QString::fromUtf8("\xf0\x9f\x98\x80").repeated(6) << 4 << true;
    }

    void maxLength()
    {
        QFETCH(QString, text);
        QFETCH(int, maxLength);
        QFETCH(bool, truncated);
        const QString out = TextSanitizer::sanitize(text, false, maxLength);
        if (!truncated) {
            QCOMPARE(out, text);
            return;
        }
        // maxLength bounds the result, ellipsis included (counted in characters, UTF-16 units or code points)
        QVERIFY2(out.toUcs4().size() <= maxLength, qPrintable(out));
        QVERIFY2(out.endsWith(QStringLiteral("\u2026")), qPrintable(out));
        QVERIFY(out.size() > 1);
        QVERIFY(text.startsWith(out.chopped(1)));
        QVERIFY2(QStringView(out).isValidUtf16(), "no lone surrogate after truncation");
    }

    void maxLengthCountsTheSanitizedText()
    {
        // control characters removed first do not eat into the budget
        const QString out
            = TextSanitizer::sanitize(QStringLiteral("\x07\x07\x07\x07\x07\x07hello"), false, 5);
        QCOMPARE(out, QStringLiteral("hello"));
    }

    void fromServer_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("valid utf-8") << QByteArray("caf\xc3\xa9") << QStringLiteral("caf\u00e9");
        QTest::newRow("invalid lead byte") << QByteArray("ok \xff\xfe end") << QStringLiteral("end");
        QTest::newRow("truncated sequence") << QByteArray("abc \xe2\x82") << QStringLiteral("abc");
        QTest::newRow("overlong encoding") << QByteArray("x \xc0\xaf y") << QStringLiteral("y");
        QTest::newRow("encoded C1 CSI") << QByteArray("a\xc2\x9b"
                                                      "31mb")
                                        << QStringLiteral("31mb");
        QTest::newRow("NUL bytes") << QByteArray("a\0b\0c", 5) << QStringLiteral("c");
        QTest::newRow("escape") << QByteArray("\x1b[2Jcleared") << QStringLiteral("cleared");
    }

    void fromServer()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mustContain);
        const QString out = TextSanitizer::fromServer(bytes);
        QVERIFY2(out.contains(mustContain), qPrintable(out));
        QVERIFY2(!hasControlCharacters(out, false), qPrintable(out));
    }

    void fromServerKeepsNewlinesWhenAsked()
    {
        QCOMPARE(TextSanitizer::fromServer("a\nb", true), QStringLiteral("a\nb"));
        QVERIFY(!TextSanitizer::fromServer("a\nb", false).contains(QLatin1Char('\n')));
        const QString cut = TextSanitizer::fromServer(QByteArray(100, 'z'), false, 20);
        QVERIFY2(cut.toUcs4().size() <= 20, qPrintable(cut));
        QVERIFY(cut.endsWith(QStringLiteral("\u2026")));
    }
};

QTEST_GUILESS_MAIN(TestTextSanitizer)
#include "tst_text_sanitizer.moc"
