// Turning the bytes of a published report into a Document.
#pragma once

#include <string>
#include <string_view>

#include "check/document.hpp"
#include "core/status.hpp"

namespace gongkai::check {

enum class InputKind { kText, kHtml, kJson };

// "text", "html", "json".
std::string_view InputKindName(InputKind kind);

struct DecodedInput {
  InputKind kind = InputKind::kText;
  std::string utf8;  // normalised: NFC, full-width digits/letters folded, simplified
};

// Decodes `bytes` (UTF-8 with or without BOM, else GB18030), normalises them with
// text::NormalizeInput (traditional → simplified, full-width → half-width, "\r\n" →
// "\n") and tells HTML (see LooksLikeHtml) and JSON (first non-blank byte '{') from text.
// JSON is returned decoded but not normalised (its strings are ids). Fails with
// kInvalidArgument when the bytes are empty, hold NUL bytes (a binary file), or are
// neither UTF-8 nor GB18030.
core::Result<DecodedInput> DecodeInput(std::string_view bytes);

// The Document of a decoded text or HTML input.
Document ExtractDocument(const DecodedInput& input);

}  // namespace gongkai::check
