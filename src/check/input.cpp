#include "check/input.hpp"

#include "check/html_table.hpp"
#include "check/text_table.hpp"
#include "check/util.hpp"
#include "text/encoding.hpp"
#include "text/normalize.hpp"

namespace gongkai::check {

std::string_view InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kText:
      return "text";
    case InputKind::kHtml:
      return "html";
    case InputKind::kJson:
      return "json";
  }
  return "text";
}

core::Result<DecodedInput> DecodeInput(std::string_view bytes) {
  if (Trim(bytes).empty()) return core::InvalidArgument("输入为空，不是年度报告");
  if (bytes.find('\0') != std::string_view::npos) {
    return core::InvalidArgument("输入含 NUL 字节，是二进制文件，不是年度报告");
  }
  GONGKAI_ASSIGN_OR_RETURN(std::string utf8, text::DecodeToUtf8(bytes));
  DecodedInput out;
  std::string_view trimmed = Trim(utf8);
  if (!trimmed.empty() && trimmed.front() == '{') {
    out.kind = InputKind::kJson;
    out.utf8 = std::move(utf8);
    return out;
  }
  out.kind = LooksLikeHtml(utf8) ? InputKind::kHtml : InputKind::kText;
  // NormalizeInput trims leading white space; keep the leading line breaks so that line
  // numbers stay those of the file.
  size_t leading_newlines = 0;
  for (char c : utf8) {
    if (c == '\n') {
      ++leading_newlines;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      break;
    }
  }
  GONGKAI_ASSIGN_OR_RETURN(std::string normalized, text::NormalizeInput(utf8));
  out.utf8.assign(leading_newlines, '\n');
  out.utf8 += normalized;
  return out;
}

Document ExtractDocument(const DecodedInput& input) {
  if (input.kind == InputKind::kHtml) return ExtractHtmlDocument(input.utf8);
  return ExtractTextDocument(input.utf8);
}

}  // namespace gongkai::check
