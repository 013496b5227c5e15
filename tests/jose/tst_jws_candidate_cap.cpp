// A JWKS with many keys that fit a token: only JwsVerifier::MaximumCandidates of them are tried, and the
// outcome says so; only JwkSetParser::MaximumKeys entries of a JWKS are read. Without these caps a kid-less
// token against a maximal JWKS costs a key conversion and a signature check per key: most of a second.
#include "JoseTestKeys.h"
#include "JwkSetParser.h"
#include "JwsVerifier.h"
#include "JwtParser.h"

#include <QJsonObject>
#include <QTest>

namespace {
constexpr int Cap = JwsVerifier::MaximumCandidates;

Jwt es256Token(EVP_PKEY *signer, const QString &kid = {})
{
    QJsonObject header { { QStringLiteral("alg"), QStringLiteral("ES256") } };
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), kid);
    return JwtParser().parse(JoseTestKeys::compact(header, "{\"sub\":\"someone\"}", signer)).token;
}
} // namespace

class TestJwsCandidateCap final : public QObject
{
    Q_OBJECT

private:
    EvpPkeyPtr m_signer;
    EvpPkeyPtr m_other; // fits ES256, but did not sign
    EvpPkeyPtr m_rsa; // does not fit ES256

    // `others` copies of the other key's JWK, and the signer's key at `signerAt` (-1: not in the set).
    JwkSet keySet(int others, int signerAt, const QString &kid = {}) const
    {
        QList<QJsonObject> jwks(others, JoseTestKeys::publicJwk(m_other.get(), kid));
        if (signerAt >= 0)
            jwks.insert(signerAt, JoseTestKeys::publicJwk(m_signer.get(), kid));
        const JwkSetParseResult parsed = JwkSetParser::parse(JoseTestKeys::jwks(jwks));
        return parsed.set;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_signer = JoseTestKeys::generateEc("P-256");
        m_other = JoseTestKeys::generateEc("P-256");
        m_rsa = JoseTestKeys::generateRsa(2048);
        QVERIFY(m_signer && m_other && m_rsa);
    }

    void kidlessTokenTriesOnlyTheFirstKeys()
    {
        const JwkSet keys = keySet(Cap + 40, Cap + 40); // the signer's key comes last
        QCOMPARE(keys.keys.size(), Cap + 41);
        const JwsVerification result = JwsVerifier().verify(es256Token(m_signer.get()), keys);
        QCOMPARE(result.status, JwsVerification::Status::InvalidSignature);
        QCOMPARE(result.keysTried, Cap);
        QCOMPARE(result.keysSkipped, 41);
        QVERIFY2(
            result.message.contains(
                QStringLiteral("the token has no kid and %1 keys of the JWKS fit ES256: only the first %2 "
                               "were tried")
                    .arg(Cap + 41)
                    .arg(Cap)),
            qPrintable(result.message));
    }

    void kidlessTokenSignedByAnEarlyKeyIsValidWithAWarning()
    {
        const JwkSet keys = keySet(Cap + 40, 3);
        const JwsVerification result = JwsVerifier().verify(es256Token(m_signer.get()), keys);
        QVERIFY2(result.isValid(), qPrintable(result.message));
        QCOMPARE(result.keysTried, 4);
        QCOMPARE(result.keysSkipped, 41);
        QVERIFY(
            result.warnings.join(QLatin1Char('\n')).contains(QStringLiteral("only the first %1").arg(Cap)));
    }

    void exactlyTheCapIsNotCapped()
    {
        const JwkSet keys = keySet(Cap - 1, Cap - 1); // the signer's key is the last of Cap keys
        const JwsVerification result = JwsVerifier().verify(es256Token(m_signer.get()), keys);
        QVERIFY2(result.isValid(), qPrintable(result.message));
        QCOMPARE(result.keysTried, Cap);
        QCOMPARE(result.keysSkipped, 0);
        QVERIFY(result.warnings.isEmpty());
    }

    void keysThatDoNotFitAreNotCounted()
    {
        QList<QJsonObject> jwks(Cap * 3, JoseTestKeys::publicJwk(m_rsa.get()));
        jwks.append(JoseTestKeys::publicJwk(m_signer.get()));
        const JwkSet keys = JwkSetParser::parse(JoseTestKeys::jwks(jwks)).set;
        QCOMPARE(keys.keys.size(), Cap * 3 + 1);
        const JwsVerification result = JwsVerifier().verify(es256Token(m_signer.get()), keys);
        QVERIFY2(result.isValid(), qPrintable(result.message));
        QCOMPARE(result.keysTried, 1);
        QCOMPARE(result.keysSkipped, 0);
    }

    void manyKeysSharingTheKidAreCappedToo()
    {
        const QString kid = QStringLiteral("shared");
        const JwkSet keys = keySet(Cap + 5, Cap + 5, kid);
        const JwsVerification result = JwsVerifier().verify(es256Token(m_signer.get(), kid), keys);
        QCOMPARE(result.status, JwsVerification::Status::InvalidSignature);
        QCOMPARE(result.keysTried, Cap);
        QCOMPARE(result.keysSkipped, 6);
        QVERIFY2(result.message.contains(
                     QStringLiteral("%1 keys of the JWKS share the kid \"shared\"").arg(Cap + 6)),
                 qPrintable(result.message));
    }

    void jwksOverTheKeyLimitIsReadInPart()
    {
        const int listed = JwkSetParser::MaximumKeys + 30;
        const QList<QJsonObject> jwks(listed, JoseTestKeys::publicJwk(m_other.get()));
        const JwkSetParseResult parsed = JwkSetParser::parse(JoseTestKeys::jwks(jwks));
        QVERIFY(parsed.ok);
        QCOMPARE(parsed.set.keys.size(), JwkSetParser::MaximumKeys);
        const QString warnings = parsed.set.warnings.join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("the JWKS lists %1 keys; only the first %2 were read")
                                       .arg(listed)
                                       .arg(JwkSetParser::MaximumKeys)),
                 qPrintable(warnings));
    }

    void jwksAtTheKeyLimitIsReadWhole()
    {
        const QList<QJsonObject> jwks(JwkSetParser::MaximumKeys, JoseTestKeys::publicJwk(m_other.get()));
        const JwkSetParseResult parsed = JwkSetParser::parse(JoseTestKeys::jwks(jwks));
        QCOMPARE(parsed.set.keys.size(), JwkSetParser::MaximumKeys);
        QVERIFY2(parsed.set.warnings.isEmpty(), qPrintable(parsed.set.warnings.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestJwsCandidateCap)
#include "tst_jws_candidate_cap.moc"
