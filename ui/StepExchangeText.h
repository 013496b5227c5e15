#pragma once

#include "TeachingStep.h"

#include <QString>

// A teaching step's request and response as text to show a class: HTTP/1.1 message style, JSON indented, form
// bodies one parameter per line, secrets redacted exactly as in the wire log unless they are revealed.
namespace StepExchangeText {

QString request(const TeachingStep &step, bool revealSecrets);
QString response(const TeachingStep &step, bool revealSecrets);

} // namespace StepExchangeText
