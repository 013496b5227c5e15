#pragma once

#include <QString>

// Text views lay out a whole line (block) at once, so one 64 KB line (a minified JSON body) costs a visible
// stall every time it is shown. Breaking such lines into pieces keeps layout to what is on screen. For
// display only: copies and saves use the data as received.
namespace LongLines {

constexpr qsizetype DisplayLimit = 4096;

// Lines longer than maxChars broken into pieces of maxChars. With prefixLength > 0, each continuation repeats
// the first prefixLength characters of its line (the "< " and "> " of the wire log). *broken says whether any
// line was broken.
QString breakLongLines(const QString &text, qsizetype maxChars = DisplayLimit, qsizetype prefixLength = 0,
                       bool *broken = nullptr);

} // namespace LongLines
