#include "JsonMemberScan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace JsonMemberScan {

namespace {
// The string token (quotes included) decoded, escapes and all: "\u0061lg" is "alg".
QString decodeName(const QByteArray &token)
{
    return QJsonDocument::fromJson('[' + token + ']').array().at(0).toString();
}
} // namespace

QStringList duplicateNames(const QByteArray &jsonObject)
{
    QSet<QString> seen;
    QStringList duplicates;
    int depth = 0;
    bool expectName = false;
    const qsizetype size = jsonObject.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = jsonObject.at(i);
        if (c == '"') {
            const qsizetype start = i++;
            while (i < size && jsonObject.at(i) != '"')
                i += jsonObject.at(i) == '\\' ? 2 : 1;
            if (depth == 1 && expectName) {
                const QString name = decodeName(jsonObject.mid(start, i - start + 1));
                if (seen.contains(name) && !duplicates.contains(name))
                    duplicates << name;
                seen.insert(name);
                expectName = false;
            }
        } else if (c == '{' || c == '[') {
            ++depth;
            expectName = depth == 1 && c == '{';
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',' && depth == 1) {
            expectName = true;
        }
    }
    return duplicates;
}

} // namespace JsonMemberScan
