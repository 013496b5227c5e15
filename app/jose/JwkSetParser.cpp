#include "JwkSetParser.h"

#include "JoseText.h"
#include "JwkParser.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JwkSetParser", text);
}

JwkSetParseResult failure(const QString &error)
{
    JwkSetParseResult result;
    result.error = error;
    return result;
}

QString describeKey(const Jwk &key, int index)
{
    return key.kid.isEmpty() ? tr("key #%1 (%2, no kid)").arg(index).arg(key.kty)
                             : tr("key %1 (%2)").arg(JoseText::quoted(key.kid), key.kty);
}

void addSetWarnings(JwkSet &set, const QList<int> &indexes)
{
    QSet<QString> seenKids;
    QSet<QString> reportedKids;
    for (int i = 0; i < set.keys.size(); ++i) {
        const Jwk &key = set.keys.at(i);
        const QString name = describeKey(key, indexes.at(i));
        if (key.hasPrivateMembers)
            set.warnings << tr("the JWKS publishes private key material (d): %1; whoever reads it can sign "
                               "tokens")
                                .arg(name);
        if (key.isSymmetric())
            set.warnings << tr("the JWKS publishes a symmetric key (kty oct): %1; whoever reads it can sign "
                               "tokens")
                                .arg(name);
        if (key.kid.isEmpty())
            continue;
        if (seenKids.contains(key.kid) && !reportedKids.contains(key.kid)) {
            set.warnings << tr("several keys share the kid %1").arg(JoseText::quoted(key.kid));
            reportedKids.insert(key.kid);
        }
        seenKids.insert(key.kid);
    }
    if (set.keys.isEmpty())
        set.warnings << tr("the JWKS has no usable key");
}
} // namespace

JwkSetParseResult JwkSetParser::parse(const QByteArray &json)
{
    if (json.size() > MaximumSize)
        return failure(
            tr("the JWKS is %1 bytes, over the %2 KiB limit").arg(json.size()).arg(MaximumSize / 1024));
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return failure(
            tr("the JWKS is not JSON: %1 at offset %2").arg(jsonError.errorString()).arg(jsonError.offset));
    if (!document.isObject())
        return failure(tr("a JWKS is a JSON object with a \"keys\" array"));
    const QJsonObject root = document.object();

    JwkSetParseResult result;
    QJsonArray entries;
    if (root.contains(QLatin1String("keys"))) {
        if (!root.value(QLatin1String("keys")).isArray())
            return failure(tr("the JWKS member \"keys\" is not an array"));
        entries = root.value(QLatin1String("keys")).toArray();
    } else if (root.contains(QLatin1String("kty"))) {
        entries.append(root);
        result.set.warnings << tr(
            "this is a single JWK, not a JWKS ({\"keys\": [...]}); read as a set of one");
    } else {
        return failure(tr("a JWKS is a JSON object with a \"keys\" array; this object has none"));
    }

    QList<int> indexes;
    const int read = static_cast<int>(qMin<qsizetype>(entries.size(), MaximumKeys));
    for (int i = 0; i < read; ++i) {
        const QJsonValue entry = entries.at(i);
        JwkSetProblem problem;
        problem.index = i;
        if (!entry.isObject()) {
            problem.message = tr("key #%1 is not a JSON object; skipped").arg(i);
            result.set.problems << problem;
            continue;
        }
        const JwkParseResult parsed = JwkParser::parse(entry.toObject());
        if (!parsed.ok) {
            const QJsonValue kid = entry.toObject().value(QLatin1String("kid"));
            problem.kid = kid.isString() ? kid.toString() : QString();
            problem.message = problem.kid.isEmpty()
                ? tr("key #%1 skipped: %2").arg(i).arg(parsed.error)
                : tr("key %1 skipped: %2").arg(JoseText::quoted(problem.kid), parsed.error);
            result.set.problems << problem;
            continue;
        }
        result.set.keys << parsed.key;
        indexes << i;
    }
    addSetWarnings(result.set, indexes);
    if (entries.size() > read)
        result.set.warnings
            << tr("the JWKS lists %1 keys; only the first %2 were read (an issuer publishes a "
                  "handful)")
                   .arg(entries.size())
                   .arg(read);
    result.ok = true;
    return result;
}
