#pragma once

#include <QSignalSpy>

namespace TestSupport {

// Runs start(), waits (at most timeoutMs) for object's signal, and returns its first argument as Result, or a
// default Result when the signal never came.
template<typename Result, typename Object, typename Signal, typename Start>
Result awaitResult(Object *object, Signal signal, Start start, int timeoutMs = 15000)
{
    QSignalSpy spy(object, signal);
    start();
    if (!spy.wait(timeoutMs) && spy.isEmpty())
        return Result();
    return spy.first().first().template value<Result>();
}

} // namespace TestSupport
