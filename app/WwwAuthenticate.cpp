#include "WwwAuthenticate.h"

#include "TextSanitizer.h"

#include <QCoreApplication>

namespace {
bool isTchar(char c)
{
    static const QByteArray extra("!#$%&'*+-.^_`|~");
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
}

bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~' || c == '+' || c == '/';
}

// A cursor over one header value, following RFC 9110 §11 grammar.
class Reader
{
public:
    explicit Reader(const QByteArray &text)
        : m_text(text)
    {
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : '\0';
    }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    void skipSpaceAndCommas()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTchar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    // True when the next thing is `token BWS "="` but not a token68 ending in '='.
    bool paramFollows() const
    {
        qsizetype p = m_pos;
        const qsizetype start = p;
        while (p < m_text.size() && isTchar(m_text.at(p)))
            ++p;
        if (p == start)
            return false;
        while (p < m_text.size() && (m_text.at(p) == ' ' || m_text.at(p) == '\t'))
            ++p;
        if (p >= m_text.size() || m_text.at(p) != '=')
            return false;
        ++p;
        while (p < m_text.size() && (m_text.at(p) == ' ' || m_text.at(p) == '\t'))
            ++p;
        return p < m_text.size() && m_text.at(p) != ',' && m_text.at(p) != '=';
    }
    QByteArray value()
    {
        if (peek() != '"')
            return token();
        ++m_pos;
        QByteArray out;
        while (!atEnd()) {
            const char c = m_text.at(m_pos++);
            if (c == '"')
                return out;
            if (c == '\\' && !atEnd())
                out += m_text.at(m_pos++);
            else
                out += c;
        }
        return out; // unterminated quoted-string: take what there is
    }
    QByteArray token68()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isToken68Char(peek()))
            ++m_pos;
        while (!atEnd() && peek() == '=')
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    void consume(char c)
    {
        if (peek() == c)
            ++m_pos;
    }
    void skipToComma()
    {
        while (!atEnd() && peek() != ',')
            ++m_pos;
    }

private:
    QByteArray m_text;
    qsizetype m_pos = 0;
};

QString clean(const QByteArray &bytes)
{
    return TextSanitizer::fromServer(bytes, false, 2000);
}
} // namespace

QList<AuthChallenge> parseWwwAuthenticate(const QByteArray &headerValue)
{
    QList<AuthChallenge> challenges;
    Reader reader(headerValue);
    while (true) {
        reader.skipSpaceAndCommas();
        if (reader.atEnd())
            break;
        const QByteArray scheme = reader.token();
        if (scheme.isEmpty()) {
            reader.skipToComma(); // not a challenge: skip the garbage
            continue;
        }
        AuthChallenge challenge;
        challenge.scheme = clean(scheme);
        reader.skipSpace();
        if (!reader.atEnd() && reader.peek() != ',' && !reader.paramFollows()) {
            challenge.token68 = clean(reader.token68());
            reader.skipSpace();
            if (!reader.atEnd() && reader.peek() != ',')
                reader.skipToComma();
        } else {
            while (!reader.atEnd()) {
                reader.skipSpaceAndCommas();
                if (!reader.paramFollows())
                    break; // the next challenge starts here
                const QByteArray name = reader.token();
                reader.skipSpace();
                reader.consume('=');
                reader.skipSpace();
                const QByteArray value = reader.value();
                challenge.params.insert(clean(name).toLower(), clean(value));
                reader.skipSpace();
                if (!reader.atEnd() && reader.peek() != ',')
                    reader.skipToComma();
            }
        }
        challenges.append(challenge);
    }
    return challenges;
}

BearerChallenge bearerChallengeFrom(const QList<AuthChallenge> &challenges)
{
    BearerChallenge bearer;
    for (const AuthChallenge &challenge : challenges) {
        if (challenge.scheme.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
            continue;
        bearer.present = true;
        bearer.realm = challenge.param(QStringLiteral("realm"));
        bearer.error = challenge.param(QStringLiteral("error"));
        bearer.errorDescription = challenge.param(QStringLiteral("error_description"));
        bearer.errorUri = challenge.param(QStringLiteral("error_uri"));
        bearer.scope = challenge.param(QStringLiteral("scope"));
        break;
    }
    return bearer;
}

QString BearerChallenge::summary() const
{
    if (!present)
        return {};
    QString text
        = error.isEmpty() ? QCoreApplication::translate("BearerChallenge", "Bearer token required") : error;
    if (!errorDescription.isEmpty())
        text += QStringLiteral(": ") + errorDescription;
    QStringList details;
    if (!realm.isEmpty())
        details << QCoreApplication::translate("BearerChallenge", "realm \"%1\"").arg(realm);
    if (!scope.isEmpty())
        details << QCoreApplication::translate("BearerChallenge", "scope \"%1\"").arg(scope);
    if (!errorUri.isEmpty())
        details << errorUri;
    if (!details.isEmpty())
        text += QStringLiteral(" (") + details.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

QString BearerChallenge::explanation() const
{
    if (!present)
        return {};
    if (error.isEmpty())
        return QCoreApplication::translate(
            "BearerChallenge",
            "The resource server wants a bearer token and got none it could use "
            "(RFC 6750 §3: no error code means no credentials were sent).");
    if (error == QLatin1String("invalid_request"))
        return QCoreApplication::translate(
            "BearerChallenge",
            "The request is malformed: a missing or repeated parameter, or the token "
            "sent in more than one way (RFC 6750 §3.1).");
    if (error == QLatin1String("invalid_token"))
        return QCoreApplication::translate(
            "BearerChallenge",
            "The token is expired, revoked, malformed or not for this resource; get a "
            "new one (RFC 6750 §3.1).");
    if (error == QLatin1String("insufficient_scope"))
        return QCoreApplication::translate(
            "BearerChallenge",
            "The token lacks the scope this resource needs; request a token with the "
            "scope named in the challenge (RFC 6750 §3.1).");
    return {};
}
