#include "JsonIndenter.h"

namespace JsonIndenter {

namespace {

constexpr int IndentWidth = 4;
constexpr qsizetype CancelCheckInterval = 1024 * 1024;

bool isJsonWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void newLine(QByteArray &out, int depth)
{
    out += '\n';
    out.append(qsizetype(depth) * IndentWidth, ' ');
}

} // namespace

QByteArray indent(const QByteArray &json, qsizetype maxOutput, bool *complete,
                  const std::function<bool()> &cancelled)
{
    QByteArray out;
    const qsizetype size = json.size();
    out.reserve(maxOutput >= 0 ? qMin(maxOutput + 256, size * 2) : size + size / 2);
    const char *data = json.constData();
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    qsizetype i = 0;
    for (; i < size; ++i) {
        if (maxOutput >= 0 && out.size() >= maxOutput)
            break;
        if (cancelled && i % CancelCheckInterval == 0 && cancelled())
            break;
        const char c = data[i];
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            out += c;
            // An empty object or array stays on one line: {} and [].
            qsizetype next = i + 1;
            while (next < size && isJsonWhitespace(data[next]))
                ++next;
            if (next < size && data[next] == (c == '{' ? '}' : ']')) {
                out += data[next];
                i = next;
            } else {
                newLine(out, ++depth);
            }
            break;
        }
        case '}':
        case ']':
            depth = qMax(0, depth - 1);
            newLine(out, depth);
            out += c;
            break;
        case ',':
            out += c;
            newLine(out, depth);
            break;
        case ':':
            out += ": ";
            break;
        default:
            if (!isJsonWhitespace(c))
                out += c;
        }
    }
    const bool done = i >= size;
    if (done)
        out += '\n';
    if (complete)
        *complete = done;
    return out;
}

} // namespace JsonIndenter
