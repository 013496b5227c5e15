#pragma once

// Colours shared by the panels. Each reaches at least 4.5:1 contrast on a white background (WCAG AA), and
// none carries meaning alone: an icon, a word or a separator always says the same thing.
namespace UiColors {

inline constexpr char Error[] = "#b02a37";
inline constexpr char Warning[] = "#8a5300";
inline constexpr char Ok[] = "#146c43";
inline constexpr char Note[] = "palette(placeholder-text)";

// The parts of a compact JWT, in the spirit of jwt.io but darker.
inline constexpr char JwtHeader[] = "#b3261e";
inline constexpr char JwtPayload[] = "#7b1fa2";
inline constexpr char JwtSignature[] = "#0b57d0";
inline constexpr char JweKey[] = "#8a5300";
inline constexpr char JweIv[] = "#146c43";

} // namespace UiColors
