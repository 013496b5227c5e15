// The JWKS cache against a fake server: what it fetches, when it serves its copy instead, and how each way a
// JWKS URL can fail is reported.
#include "FakeHttpServer.h"
#include "JoseTestKeys.h"
#include "JwkSetParser.h"
#include "JwksCache.h"
#include "WireLog.h"

#include <QTcpServer>
#include <QTest>

#include <memory>

using Canned = FakeHttpServer::CannedResponse;
using Recorded = FakeHttpServer::RecordedRequest;

namespace {

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

TransportOptions transport()
{
    TransportOptions options;
    options.timeoutMs = 8000;
    return options;
}

} // namespace

class TestJwksCache final : public QObject
{
    Q_OBJECT

private:
    EvpPkeyPtr m_rsa;
    EvpPkeyPtr m_ec;
    QByteArray m_twoKeys; // rsa-1 (RS256), ec-1 (ES256)
    QByteArray m_oneKey; // rsa-1 only

    struct Harness
    {
        WireLog log;
        HttpClient http { &log };
        JwksCache cache { &http };
        FakeHttpServer server;
    };

    // Runs fetch() and returns its single result; fails when the callback runs synchronously, never, or
    // twice.
    static bool fetch(JwksCache &cache, const QUrl &url, bool forceRefresh, JwksFetchResult *result)
    {
        struct State
        {
            int calls = 0;
            JwksFetchResult result;
        };
        const auto state = std::make_shared<State>();
        cache.fetch(url, transport(), forceRefresh, [state](const JwksFetchResult &r) {
            ++state->calls;
            state->result = r;
        });
        if (state->calls != 0) {
            qWarning("the callback ran synchronously");
            return false;
        }
        if (!QTest::qWaitFor([&state] { return state->calls > 0; }, 15000)) {
            qWarning("the callback never ran");
            return false;
        }
        QTest::qWait(50);
        if (state->calls != 1) {
            qWarning("the callback ran %d times", state->calls);
            return false;
        }
        *result = state->result;
        return true;
    }

    static QStringList kids(const JwkSet &set)
    {
        QStringList list;
        for (const Jwk &key : set.keys)
            list << key.kid;
        return list;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_rsa = JoseTestKeys::generateRsa(2048);
        m_ec = JoseTestKeys::generateEc("P-256");
        QVERIFY(m_rsa && m_ec);
        const QJsonObject rsa
            = JoseTestKeys::publicJwk(m_rsa.get(), QStringLiteral("rsa-1"), QStringLiteral("RS256"));
        const QJsonObject ec
            = JoseTestKeys::publicJwk(m_ec.get(), QStringLiteral("ec-1"), QStringLiteral("ES256"));
        m_twoKeys = JoseTestKeys::jwks({ rsa, ec });
        m_oneKey = JoseTestKeys::jwks({ rsa });
    }

    void fetchParsesTheKeys()
    {
        Harness h;
        QVERIFY(h.server.listen());
        h.server.setHandler([this](const Recorded &) {
            Canned response = FakeHttpServer::json(200, m_twoKeys);
            return response;
        });
        const QUrl url = h.server.url(QStringLiteral("/oauth/jwks"));
        JwksFetchResult result;
        QVERIFY(fetch(h.cache, url, false, &result));
        QVERIFY2(result.status == FlowStatus::Success, qPrintable(result.message));
        QCOMPARE(kids(result.set), (QStringList { QStringLiteral("rsa-1"), QStringLiteral("ec-1") }));
        QVERIFY(result.set.problems.isEmpty());
        QCOMPARE(result.url, url);
        QVERIFY(!result.fromCache);
        QVERIFY(result.fetchedAt.isValid());
        QCOMPARE(result.fetchedAt.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(result.fetchedAt.secsTo(QDateTime::currentDateTimeUtc())) < 30);
        QCOMPARE(result.exchangeIds.size(), 1);
        QVERIFY(h.log.findById(result.exchangeIds.constFirst()));

        QCOMPARE(h.server.requestCount(), 1);
        const Recorded request = h.server.lastRequest();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, QByteArray("/oauth/jwks"));
        QVERIFY2(request.header("Accept").contains("application/jwk-set+json"),
                 request.header("Accept").constData());
    }

    void aSecondFetchIsServedFromTheCache()
    {
        Harness h;
        QVERIFY(h.server.listen());
        h.server.setHandler([this](const Recorded &) { return FakeHttpServer::json(200, m_twoKeys); });
        const QUrl url = h.server.url(QStringLiteral("/jwks"));
        JwksFetchResult first;
        QVERIFY(fetch(h.cache, url, false, &first));
        QCOMPARE(first.status, FlowStatus::Success);

        JwksFetchResult second;
        QVERIFY(fetch(h.cache, url, false, &second));
        QCOMPARE(second.status, FlowStatus::Success);
        QVERIFY(second.fromCache);
        QCOMPARE(kids(second.set), kids(first.set));
        QCOMPARE(second.fetchedAt, first.fetchedAt);
        QVERIFY(second.exchangeIds.isEmpty());
        QCOMPARE(h.server.requestCount(), 1);
    }

    void forceRefreshFetchesAgain()
    {
        Harness h;
        QVERIFY(h.server.listen());
        h.server.setHandler([this](const Recorded &) { return FakeHttpServer::json(200, m_oneKey); });
        const QUrl url = h.server.url(QStringLiteral("/jwks"));
        JwksFetchResult first;
        QVERIFY(fetch(h.cache, url, false, &first));
        QCOMPARE(kids(first.set), QStringList { QStringLiteral("rsa-1") });

        // The issuer rotates its keys.
        h.server.setHandler([this](const Recorded &) { return FakeHttpServer::json(200, m_twoKeys); });
        JwksFetchResult refreshed;
        QVERIFY(fetch(h.cache, url, true, &refreshed));
        QCOMPARE(refreshed.status, FlowStatus::Success);
        QVERIFY(!refreshed.fromCache);
        QCOMPARE(kids(refreshed.set), (QStringList { QStringLiteral("rsa-1"), QStringLiteral("ec-1") }));
        QCOMPARE(h.server.requestCount(), 2);

        // The refreshed copy is the one cached now.
        JwksFetchResult cached;
        QVERIFY(fetch(h.cache, url, false, &cached));
        QVERIFY(cached.fromCache);
        QCOMPARE(kids(cached.set), kids(refreshed.set));
        QCOMPARE(h.server.requestCount(), 2);
    }

    void anOldCopyIsNotServed()
    {
        Harness h;
        QVERIFY(h.server.listen());
        h.server.setHandler([this](const Recorded &) { return FakeHttpServer::json(200, m_oneKey); });
        h.cache.setMaxAgeSeconds(0);
        const QUrl url = h.server.url(QStringLiteral("/jwks"));
        JwksFetchResult result;
        QVERIFY(fetch(h.cache, url, false, &result));
        QVERIFY(fetch(h.cache, url, false, &result));
        QVERIFY(!result.fromCache);
        QCOMPARE(h.server.requestCount(), 2);
    }

    void eachUrlHasItsOwnEntry()
    {
        Harness h;
        QVERIFY(h.server.listen());
        h.server.setHandler([this](const Recorded &request) {
            return FakeHttpServer::json(200, request.target == "/a" ? m_oneKey : m_twoKeys);
        });
        JwksFetchResult a;
        JwksFetchResult b;
        QVERIFY(fetch(h.cache, h.server.url(QStringLiteral("/a")), false, &a));
        QVERIFY(fetch(h.cache, h.server.url(QStringLiteral("/b")), false, &b));
        QVERIFY(!b.fromCache);
        QCOMPARE(a.set.keys.size(), 1);
        QCOMPARE(b.set.keys.size(), 2);
        QVERIFY(fetch(h.cache, h.server.url(QStringLiteral("/a")), false, &a));
        QVERIFY(a.fromCache);
        QCOMPARE(a.set.keys.size(), 1);
        QCOMPARE(h.server.requestCount(), 2);

        h.cache.clear();
        QVERIFY(fetch(h.cache, h.server.url(QStringLiteral("/a")), false, &a));
        QVERIFY(!a.fromCache);
        QCOMPARE(h.server.requestCount(), 3);
    }

    void serverErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions"); // in the message

        const QByteArray json = "application/json";
        QTest::newRow("404") << 404 << QByteArray("text/html") << QByteArray("<h1>Not Found</h1>")
                             << QStringLiteral("404");
        QTest::newRow("500 with a JWKS body")
            << 500 << json << QByteArray("{\"keys\":[]}") << QStringLiteral("500");
        QTest::newRow("302 is not followed into a JWKS") // no Location: a redirect the client cannot follow
            << 302 << QByteArray("text/plain") << QByteArray() << QStringLiteral("302");
        QTest::newRow("garbage") << 200 << json << QByteArray("this is not json")
                                 << QStringLiteral("not a JWKS");
        QTest::newRow("truncated JSON")
            << 200 << json << QByteArray("{\"keys\":[{\"kty\":\"RSA\"") << QStringLiteral("not a JWKS");
        QTest::newRow("a JSON array") << 200 << json << QByteArray("[1,2,3]") << QStringLiteral("not a JWKS");
        QTest::newRow("keys is not an array")
            << 200 << json << QByteArray("{\"keys\":\"rsa-1\"}") << QStringLiteral("not a JWKS");
        QTest::newRow("HTML login page")
            << 200 << QByteArray("text/html") << QByteArray("<!doctype html><title>Sign in</title>")
            << QStringLiteral("not a JWKS");
        QTest::newRow("empty body") << 200 << json << QByteArray() << QStringLiteral("not a JWKS");
    }

    void serverErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);

        Harness h;
        QVERIFY(h.server.listen());
        h.server.setHandler(
            [&](const Recorded &) { return FakeHttpServer::text(status, contentType, body); });
        const QUrl url = h.server.url(QStringLiteral("/jwks"));
        JwksFetchResult result;
        QVERIFY(fetch(h.cache, url, false, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QVERIFY(result.set.isEmpty());
        QVERIFY2(result.message.contains(mentions), qPrintable(result.message));
        QVERIFY2(result.message.contains(url.toDisplayString()), qPrintable(result.message));
        QCOMPARE(result.exchangeIds.size(), 1);

        // A failure is not cached: the next fetch asks again.
        QVERIFY(fetch(h.cache, url, false, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);
        QCOMPARE(h.server.requestCount(), 2);
    }

    void aFailedRefreshKeepsTheGoodCopy()
    {
        Harness h;
        QVERIFY(h.server.listen());
        h.server.setHandler([this](const Recorded &) { return FakeHttpServer::json(200, m_twoKeys); });
        const QUrl url = h.server.url(QStringLiteral("/jwks"));
        JwksFetchResult result;
        QVERIFY(fetch(h.cache, url, false, &result));
        QCOMPARE(result.status, FlowStatus::Success);

        h.server.setHandler([](const Recorded &) { return FakeHttpServer::json(503, "{}"); });
        QVERIFY(fetch(h.cache, url, true, &result));
        QCOMPARE(result.status, FlowStatus::ServerError);

        QVERIFY(fetch(h.cache, url, false, &result));
        QCOMPARE(result.status, FlowStatus::Success);
        QVERIFY(result.fromCache);
        QCOMPARE(result.set.keys.size(), 2);
        QCOMPARE(h.server.requestCount(), 2);
    }

    void aBadKeyDoesNotFailTheSet()
    {
        Harness h;
        QVERIFY(h.server.listen());
        const QByteArray body = m_oneKey.left(m_oneKey.lastIndexOf(']'))
            + ",{\"kty\":\"RSA\",\"kid\":\"broken\",\"n\":\"!!\",\"e\":\"AQAB\"}]}";
        h.server.setHandler([&](const Recorded &) { return FakeHttpServer::json(200, body); });
        JwksFetchResult result;
        QVERIFY(fetch(h.cache, h.server.url(QStringLiteral("/jwks")), false, &result));
        QVERIFY2(result.status == FlowStatus::Success, qPrintable(result.message));
        QCOMPARE(kids(result.set), QStringList { QStringLiteral("rsa-1") });
        QCOMPARE(result.set.problems.size(), 1);
        QCOMPARE(result.set.problems.constFirst().kid, QStringLiteral("broken"));
    }

    void refusedConnection()
    {
        WireLog log;
        HttpClient http(&log);
        JwksCache cache(&http);
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/jwks").arg(closedPort()));
        JwksFetchResult result;
        QVERIFY(fetch(cache, url, false, &result));
        QCOMPARE(result.status, FlowStatus::TransportError);
        QVERIFY(result.set.isEmpty());
        QVERIFY(!result.message.isEmpty());
        QVERIFY(!result.hint.isEmpty());
    }

    void tooLargeIsRefused()
    {
        // A JWKS is small; the cache caps the body at JwkSetParser::MaximumSize whatever the transport
        // allows.
        Harness h;
        QVERIFY(h.server.listen());
        const QByteArray huge
            = "{\"keys\":[],\"padding\":\"" + QByteArray(JwkSetParser::MaximumSize + 10, 'x') + "\"}";
        h.server.setHandler([&](const Recorded &) { return FakeHttpServer::json(200, huge); });
        TransportOptions generous = transport();
        generous.maxResponseBytes = 64 * 1024 * 1024;
        bool done = false;
        JwksFetchResult result;
        h.cache.fetch(h.server.url(QStringLiteral("/jwks")), generous, false, [&](const JwksFetchResult &r) {
            result = r;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
        QVERIFY(result.status != FlowStatus::Success);
        QVERIFY(result.set.isEmpty());
    }

    void destroyingTheCacheDropsTheCallback()
    {
        WireLog log;
        HttpClient http(&log);
        FakeHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([this](const Recorded &) {
            Canned response = FakeHttpServer::json(200, m_oneKey);
            response.delayMs = 200;
            return response;
        });
        auto *cache = new JwksCache(&http);
        const auto calls = std::make_shared<int>(0);
        cache->fetch(server.url(QStringLiteral("/jwks")), transport(), false,
                     [calls](const JwksFetchResult &) { ++*calls; });
        QTRY_COMPARE(server.requestCount(), 1);
        delete cache;
        QTest::qWait(500);
        QCOMPARE(*calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestJwksCache)
#include "tst_jwks_cache.moc"
