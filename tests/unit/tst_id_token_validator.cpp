// ID token validation, OpenID Connect Core §3.1.3.7: each numbered check, passing and failing. The signature
// (step 6) is the verifier's job and exp/nbf (step 9) the general token findings': not checked here.
#include "Base64Url.h"
#include "IdTokenValidator.h"
#include "JwtParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(IdTokenExpectations)

namespace {

constexpr qint64 Now = 1900000000;

QDateTime now()
{
    return QDateTime::fromSecsSinceEpoch(Now, Qt::UTC);
}

const QString issuer = QStringLiteral("https://as.example.test");
const QString clientId = QStringLiteral("client-1");
const QString nonce = QStringLiteral("n-0S6_WzA2Mj");

QStringList summary(const Findings &findings)
{
    QStringList lines;
    for (const Finding &finding : findings)
        lines << finding.id + QLatin1Char(':') + Finding::severityName(finding.severity);
    lines.sort();
    return lines;
}

QJsonObject patched(QJsonObject base, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull())
            base.remove(it.key());
        else
            base.insert(it.key(), it.value());
    }
    return base;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Jwt idToken(const QJsonObject &claims)
{
    const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("RS256") },
                               { QStringLiteral("kid"), QStringLiteral("k1") } };
    const QByteArray compact = Base64Url::encode(compactJson(header)) + '.'
        + Base64Url::encode(compactJson(claims)) + '.' + Base64Url::encode("signature");
    return JwtParser().parse(compact).token;
}

// The ID token of OIDC Core §A.2, moved to our clock: signed in 100 s ago, issued 10 s ago.
QJsonObject goodClaims()
{
    return QJsonObject {
        { QStringLiteral("iss"), issuer },          { QStringLiteral("sub"), QStringLiteral("248289761001") },
        { QStringLiteral("aud"), clientId },        { QStringLiteral("nonce"), nonce },
        { QStringLiteral("exp"), Now + 300 },       { QStringLiteral("iat"), Now - 10 },
        { QStringLiteral("auth_time"), Now - 100 },
    };
}

IdTokenExpectations expectations(const QString &sentNonce = nonce,
                                 std::optional<qint64> maxAge = std::nullopt)
{
    IdTokenExpectations expected;
    expected.issuer = issuer;
    expected.clientId = clientId;
    expected.nonce = sentNonce;
    expected.maxAgeSeconds = maxAge;
    return expected;
}

} // namespace

class TestIdTokenValidator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data()
    {
        QTest::addColumn<QJsonObject>("patch"); // applied to goodClaims(); null removes a claim
        QTest::addColumn<IdTokenExpectations>("expected");
        QTest::addColumn<QStringList>("findings");

        const QJsonValue remove = QJsonValue::Null;
        const auto claim = [](const char *name, const QJsonValue &value) {
            return QJsonObject { { QLatin1String(name), value } };
        };
        const QString other = QStringLiteral("client-2");

        QTest::newRow("good token") << QJsonObject() << expectations() << QStringList();

        // (2) iss
        QTest::newRow("iss mismatch")
            << claim("iss", QStringLiteral("https://evil.example.test")) << expectations()
            << QStringList { QStringLiteral("idtoken.iss-mismatch:error") };
        QTest::newRow("iss with a trailing slash")
            << claim("iss", QStringLiteral("https://as.example.test/")) << expectations()
            << QStringList { QStringLiteral("idtoken.iss-mismatch:error") };
        QTest::newRow("iss missing") << claim("iss", remove) << expectations()
                                     << QStringList { QStringLiteral("idtoken.iss-mismatch:error") };
        QTest::newRow("iss not a string") << claim("iss", 1) << expectations()
                                          << QStringList { QStringLiteral("idtoken.iss-mismatch:error") };

        // (3) aud
        QTest::newRow("aud is another client")
            << claim("aud", other) << expectations()
            << QStringList { QStringLiteral("idtoken.aud-mismatch:error") };
        QTest::newRow("aud missing") << claim("aud", remove) << expectations()
                                     << QStringList { QStringLiteral("idtoken.aud-mismatch:error") };
        QTest::newRow("aud array without the client")
            << claim("aud", QJsonArray { other, QStringLiteral("client-3") }) << expectations()
            << QStringList { QStringLiteral("idtoken.aud-mismatch:error"),
                             QStringLiteral("idtoken.azp-missing:warning") };
        QTest::newRow("aud array of one, the client")
            << claim("aud", QJsonArray { clientId }) << expectations() << QStringList();
        QTest::newRow("aud with a different case")
            << claim("aud", QStringLiteral("Client-1")) << expectations()
            << QStringList { QStringLiteral("idtoken.aud-mismatch:error") };

        // (4) several audiences want azp; (5) azp must be the client
        QTest::newRow("several audiences, no azp")
            << claim("aud", QJsonArray { clientId, other }) << expectations()
            << QStringList { QStringLiteral("idtoken.azp-missing:warning") };
        QTest::newRow("several audiences, azp is the client")
            << QJsonObject { { QStringLiteral("aud"), QJsonArray { clientId, other } },
                             { QStringLiteral("azp"), clientId } }
            << expectations() << QStringList();
        QTest::newRow("several audiences, azp is another client")
            << QJsonObject { { QStringLiteral("aud"), QJsonArray { clientId, other } },
                             { QStringLiteral("azp"), other } }
            << expectations() << QStringList { QStringLiteral("idtoken.azp-mismatch:error") };
        QTest::newRow("one audience, azp mismatch")
            << claim("azp", other) << expectations()
            << QStringList { QStringLiteral("idtoken.azp-mismatch:error") };
        QTest::newRow("one audience, azp is the client")
            << claim("azp", clientId) << expectations() << QStringList();

        // required claims (OIDC Core §2)
        QTest::newRow("exp missing") << claim("exp", remove) << expectations()
                                     << QStringList { QStringLiteral("idtoken.exp-missing:error") };
        QTest::newRow("iat missing") << claim("iat", remove) << expectations()
                                     << QStringList { QStringLiteral("idtoken.iat-missing:error") };
        QTest::newRow("iat not a number") << claim("iat", QStringLiteral("yesterday")) << expectations()
                                          << QStringList { QStringLiteral("idtoken.iat-missing:error") };
        QTest::newRow("sub missing") << claim("sub", remove) << expectations()
                                     << QStringList { QStringLiteral("idtoken.sub-missing:error") };
        QTest::newRow("sub not a string") << claim("sub", 248289761001LL) << expectations()
                                          << QStringList { QStringLiteral("idtoken.sub-missing:error") };

        // (11) nonce
        QTest::newRow("nonce sent, none in the token")
            << claim("nonce", remove) << expectations()
            << QStringList { QStringLiteral("idtoken.nonce-missing:error") };
        QTest::newRow("nonce mismatch") << claim("nonce", QStringLiteral("replayed")) << expectations()
                                        << QStringList { QStringLiteral("idtoken.nonce-mismatch:error") };
        QTest::newRow("nonce differs in case")
            << claim("nonce", nonce.toLower()) << expectations()
            << QStringList { QStringLiteral("idtoken.nonce-mismatch:error") };
        QTest::newRow("no nonce sent, token has one: not checked")
            << QJsonObject() << expectations(QString()) << QStringList();
        QTest::newRow("no nonce sent, token has none")
            << claim("nonce", remove) << expectations(QString()) << QStringList();

        // (13) max_age and auth_time
        QTest::newRow("max_age 1 h, signed in 100 s ago")
            << QJsonObject() << expectations(nonce, 3600) << QStringList();
        QTest::newRow("max_age 60 s, signed in 100 s ago: within the 60 s skew")
            << QJsonObject() << expectations(nonce, 60) << QStringList();
        QTest::newRow("max_age 60 s, signed in 10 min ago")
            << claim("auth_time", Now - 600) << expectations(nonce, 60)
            << QStringList { QStringLiteral("idtoken.auth-too-old:error") };
        QTest::newRow("max_age 0, signed in 2 min ago")
            << claim("auth_time", Now - 121) << expectations(nonce, 0)
            << QStringList { QStringLiteral("idtoken.auth-too-old:error") };
        QTest::newRow("max_age requested, no auth_time")
            << claim("auth_time", remove) << expectations(nonce, 3600)
            << QStringList { QStringLiteral("idtoken.auth-time-missing:error") };
        QTest::newRow("no max_age, old auth_time: not checked")
            << claim("auth_time", Now - 86400 * 30) << expectations() << QStringList();

        QTest::newRow("everything wrong at once")
            << QJsonObject { { QStringLiteral("iss"), remove },   { QStringLiteral("sub"), remove },
                             { QStringLiteral("aud"), other },    { QStringLiteral("azp"), other },
                             { QStringLiteral("exp"), remove },   { QStringLiteral("iat"), remove },
                             { QStringLiteral("nonce"), remove }, { QStringLiteral("auth_time"), remove } }
            << expectations(nonce, 60) << QStringList { QStringLiteral("idtoken.aud-mismatch:error"),
                                                        QStringLiteral("idtoken.auth-time-missing:error"),
                                                        QStringLiteral("idtoken.azp-mismatch:error"),
                                                        QStringLiteral("idtoken.exp-missing:error"),
                                                        QStringLiteral("idtoken.iat-missing:error"),
                                                        QStringLiteral("idtoken.iss-mismatch:error"),
                                                        QStringLiteral("idtoken.nonce-missing:error"),
                                                        QStringLiteral("idtoken.sub-missing:error") };
    }

    void validate()
    {
        QFETCH(QJsonObject, patch);
        QFETCH(IdTokenExpectations, expected);
        QFETCH(QStringList, findings);

        const Jwt token = idToken(patched(goodClaims(), patch));
        QVERIFY(token.isJws());
        const Findings result = IdTokenValidator::validate(token, expected, now(), 60);
        QCOMPARE(summary(result), findings);
        for (const Finding &finding : result) {
            QVERIFY(!finding.message.isEmpty());
            QVERIFY2(finding.reference.startsWith(QLatin1String("OIDC Core")), qPrintable(finding.reference));
        }
    }

    void messagesNameTheValues()
    {
        QJsonObject claims = goodClaims();
        claims.insert(QStringLiteral("iss"), QStringLiteral("https://evil.example.test"));
        claims.insert(QStringLiteral("aud"), QStringLiteral("client-2"));
        const Findings result = IdTokenValidator::validate(idToken(claims), expectations(), now(), 60);
        QCOMPARE(result.size(), 2);
        const QString text = result.at(0).message + QLatin1Char('\n') + result.at(1).message;
        for (const QString &part :
             { QStringLiteral("https://evil.example.test"), issuer, QStringLiteral("client-2"), clientId })
            QVERIFY2(text.contains(part), qPrintable(text));
    }

    void theNonceIsNotLeakedInTheMessage()
    {
        // The nonce binds the token to a session; the message says it differs, not what it should have been.
        QJsonObject claims = goodClaims();
        claims.insert(QStringLiteral("nonce"), QStringLiteral("attacker-nonce"));
        const Findings result = IdTokenValidator::validate(idToken(claims), expectations(), now(), 60);
        QCOMPARE(result.size(), 1);
        QVERIFY(!result.constFirst().message.contains(nonce));
    }

    void maxAgeWithoutClock()
    {
        // No clock: the age cannot be judged, but a missing auth_time still can.
        QJsonObject claims = goodClaims();
        claims.insert(QStringLiteral("auth_time"), Now - 86400);
        QCOMPARE(
            summary(IdTokenValidator::validate(idToken(claims), expectations(nonce, 60), QDateTime(), 60)),
            QStringList());
        claims.remove(QStringLiteral("auth_time"));
        QCOMPARE(
            summary(IdTokenValidator::validate(idToken(claims), expectations(nonce, 60), QDateTime(), 60)),
            QStringList { QStringLiteral("idtoken.auth-time-missing:error") });
    }

    void anEncryptedTokenIsNotAnIdToken()
    {
        // A JWE that was not decrypted: the claims cannot be read, so nothing else is claimed about it.
        const QByteArray header = Base64Url::encode(
            compactJson(QJsonObject { { QStringLiteral("alg"), QStringLiteral("RSA-OAEP") },
                                      { QStringLiteral("enc"), QStringLiteral("A256GCM") } }));
        const JwtParseResult parsed = JwtParser().parse(header + ".a2V5.aXY.Y2lwaGVy.dGFn");
        QCOMPARE(parsed.kind, JwtParseResult::Kind::Jwe);
        QCOMPARE(summary(IdTokenValidator::validate(parsed.token, expectations(), now(), 60)),
                 QStringList { QStringLiteral("idtoken.not-signed:error") });
    }
};

QTEST_GUILESS_MAIN(TestIdTokenValidator)
#include "tst_id_token_validator.moc"
