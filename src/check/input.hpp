// Turning the bytes of a published report into a Document.
#pragma once

#include <string>
#include <string_view>

#include "check/document.hpp"
#include "core/status.hpp"

namespace gongkai::check {

enum class InputKind { kText, kHtml, kJson, kPdf, kDocx, kXlsx, kCsv };

// "text", "html", "json", "pdf", "docx", "xlsx", "csv".
std::string_view InputKindName(InputKind kind);

struct DecodedInput {
  InputKind kind = InputKind::kText;
  std::string utf8;  // normalised: NFC, full-width digits/letters folded, simplified
};

// Decodes `bytes` and tells the layouts apart:
//  - PDF ("%PDF-"): its text layer (pdf_input.hpp); a scan without one fails;
//  - DOCX / XLSX (zip archives): their text and tables (office_input.hpp);
//  - UTF-16 text (with a BOM, or without one when every other byte is NUL), UTF-8 with or
//    without BOM, else GB18030;
//  - CSV (most lines hold ASCII commas: what spreadsheets export; Chinese prose uses "，"):
//    its rows become "a | b" lines; HTML (see LooksLikeHtml); JSON (first non-blank byte
//    '{'); anything else is text.
// Text is normalised with text::NormalizeInput (traditional → simplified, full-width →
// half-width, "\r\n" → "\n"). JSON is returned decoded but not normalised (its strings are
// ids). Fails with kInvalidArgument when the bytes are empty, hold NUL bytes (another
// binary file), or are neither UTF-8, UTF-16 nor GB18030.
core::Result<DecodedInput> DecodeInput(std::string_view bytes);

// The Document of a decoded text or HTML input.
Document ExtractDocument(const DecodedInput& input);

}  // namespace gongkai::check
