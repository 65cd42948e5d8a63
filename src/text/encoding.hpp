// Byte-level text encodings: validating UTF-8 and turning the bytes of uploaded files
// (CSV and text exports from Chinese portals, often GBK) into UTF-8.
//
// Everything above this layer speaks UTF-8 only; the functions here are the one place
// where other encodings are accepted. All functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::text {

// True iff `bytes` is well-formed UTF-8 in the strict sense of RFC 3629 / Unicode §3.9:
// no overlong forms, no surrogate code points (U+D800..U+DFFF), nothing above U+10FFFF,
// no truncated sequences. The empty string is valid. NUL bytes are valid (U+0000).
bool IsValidUtf8(std::string_view bytes);

// The byte offset of the first ill-formed UTF-8 sequence in `bytes`, or
// std::string_view::npos when `bytes` is valid. For error messages.
std::size_t FindInvalidUtf8(std::string_view bytes);

// Replaces every ill-formed sequence in `bytes` with U+FFFD (one per maximal ill-formed
// subpart, as the Unicode standard recommends); valid input is returned unchanged.
std::string ToValidUtf8(std::string_view bytes);

// Decodes the bytes of a file whose encoding is not declared:
//  - UTF-8 with a byte order mark: the BOM is stripped; the rest must be valid UTF-8.
//  - valid UTF-8 (which includes plain ASCII): returned unchanged.
//  - otherwise the bytes are decoded as GB18030 (a superset of GBK and GB2312, which is
//    what Excel and most Chinese government portals export). A leading U+FEFF that the
//    GB18030 bytes encode is stripped too.
// Fails with kInvalidArgument (Chinese message naming the byte offset) when the bytes are
// neither valid UTF-8 nor valid GB18030 (e.g. truncated multi-byte sequences, stray bytes
// 0x80/0xFF), or when the input exceeds 2 GiB.
// Caveat: a short GBK text can happen to be valid UTF-8 as well; such input is taken as
// UTF-8. Callers that know the encoding should use DecodeAs.
core::Result<std::string> DecodeToUtf8(std::string_view bytes);

// Decodes `bytes` in a declared encoding. `encoding` is matched case-insensitively,
// ignoring '-' and '_': "utf-8"/"utf8" (a BOM is stripped; the rest must be valid UTF-8),
// "gb18030", "gbk", "gb2312", "cp936" (all decoded as GB18030, their superset; a leading
// U+FEFF is stripped). Fails with kInvalidArgument on an unknown encoding name or bytes
// that are not valid in the declared encoding.
core::Result<std::string> DecodeAs(std::string_view bytes, std::string_view encoding);

}  // namespace gongkai::text
