#include "HttpExchange.h"

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name)
{
    QByteArray joined;
    for (const HttpHeader &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (!joined.isEmpty())
            joined += ", ";
        joined += header.second;
    }
    return joined;
}

QByteArray HttpExchange::requestHeader(const QByteArray &name) const
{
    return headerValue(requestHeaders, name);
}

QByteArray HttpExchange::responseHeader(const QByteArray &name) const
{
    return headerValue(responseHeaders, name);
}
