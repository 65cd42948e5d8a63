// Normalisation of Chinese text typed or pasted by people: what every CLI and web text
// input goes through before it is stored (NormalizeInput), and the stronger form used to
// compare labels and search queries (NormalizeForMatch).
//
// All functions take and return UTF-8 and are thread-safe. Functions returning a plain
// std::string never fail: given ill-formed UTF-8 they treat each ill-formed sequence as
// U+FFFD (or, where noted, leave it untouched).
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::text {

// Traditional → simplified Chinese with OpenCC's "t2s" configuration (character and
// phrase tables; it does not rewrite vocabulary, so 資訊 becomes 资讯, not 信息).
// Other text is returned unchanged. The configuration is loaded once, on first use, from
// $GONGKAI_OPENCC_DIR/t2s.json if that variable is set, else from the OpenCC data
// directory of the distribution (/usr/share/opencc). If it cannot be loaded the input is
// returned unchanged and SimplifierStatus() says why. Ill-formed UTF-8 is returned
// unchanged (OpenCC is not fed bytes it cannot parse).
std::string ToSimplified(std::string_view utf8);

// True when `c` occurs in one of OpenCC's traditional→simplified rules that change text
// (at least one character of each such rule is marked), so ToSimplified may rewrite a text
// that contains it. A text with no such character comes back from ToSimplified unchanged:
// the tokenizer's fast path (search/tokenize.cpp) relies on this to skip the normalisation
// chain. False for every code point when OpenCC is not loaded (nothing is then converted).
bool SimplificationMayChange(char32_t c);

// OK when ToSimplified's OpenCC configuration is loaded (loading it if needed), otherwise
// kUnavailable naming the paths tried. For start-up checks.
core::Status SimplifierStatus();

// Full-width forms → their ASCII equivalents:
//   U+FF10..FF19 ０-９, U+FF21..FF3A Ａ-Ｚ, U+FF41..FF5A ａ-ｚ  → 0-9, A-Z, a-z
//   U+3000 ideographic space                                 → ' '
//   full-width symbols with no role as Chinese punctuation:
//   ＂＃＄％＆＇＊＋／＜＝＞＠［＼］＾＿｀｛｜｝～       → "#$%&'*+/<=>@[\]^_`{|}~
// Chinese punctuation written full-width — （）：，；！？．－ — and all other text is left
// alone (FoldPunctuation maps it when comparing).
std::string FoldWidth(std::string_view utf8);

// Maps punctuation to one canonical ASCII form, for matching only (never for storage):
//   （ ）  【 】 〔 〕 〖 〗 ［ ］  ｛ ｝       → ( )  [ ] [ ] [ ] [ ]  { }
//   《 》 〈 〉                                → < > < >
//   ：；，、                                   → : ; , ,
//   。．｡                                      → . . .
//   ！？                                       → ! ?
//   “ ” ＂ 「 」 『 』  → "        ‘ ’ ＇  → '
//   － ‐ ‑ ‒ – — ― ﹣ − (U+FF0D, U+2010..2015, U+FE63, U+2212)  → -
//   ～ 〜 → ~      … → ...      ·・ (U+00B7, U+30FB) → ·  (U+00B7, kept: names use it)
// Everything else, including full-width letters and digits (see FoldWidth), is unchanged.
std::string FoldPunctuation(std::string_view utf8);
// True for the marks outside ASCII that FoldPunctuation maps (the list above).
bool IsFoldedPunctuation(char32_t c);

// True for Unicode White_Space (the set CollapseSpaces and NormalizeForMatch treat as white
// space, listed below; the same as ICU's u_isUWhiteSpace).
bool IsWhiteSpace(char32_t c);

// Replaces every run of white space (Unicode White_Space: ASCII space, \t \n \v \f \r,
// U+0085, U+00A0, U+1680, U+2000..200A, U+2028, U+2029, U+202F, U+205F, U+3000) with one
// ASCII space, and drops white space at both ends. For single-line fields.
std::string CollapseSpaces(std::string_view utf8);

// The normalisation every text input goes through before it is stored or compared:
//   1. rejects ill-formed UTF-8: kInvalidArgument, "输入不是有效的 UTF-8 文本（第 N 字节处）";
//   2. "\r\n" and lone "\r" → "\n"; removes other control characters (C0 except \t and \n,
//      DEL, C1 U+0080..009F) and the invisible U+FEFF (BOM) and U+200B (zero-width space);
//   3. Unicode NFC (ICU Normalizer2);
//   4. FoldWidth;
//   5. ToSimplified;
//   6. trims white space (as in CollapseSpaces) at both ends; inner spacing is kept.
// Fails with kInternal only if ICU's normaliser cannot be loaded.
core::Result<std::string> NormalizeInput(std::string_view raw);

// The key under which labels and search queries are compared: NormalizeInput, then
// FoldPunctuation, then Unicode case folding (so "PDF" matches "pdf"), then every white
// space character removed — so "统 计 指 标" and "统计指标" give the same key, as do
// "（一）予以公开" and "(一)予以公开". Ill-formed UTF-8 is first repaired with U+FFFD
// (see ToValidUtf8) rather than rejected.
std::string NormalizeForMatch(std::string_view utf8);

}  // namespace gongkai::text
