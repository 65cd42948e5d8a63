#include "text/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <cctype>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "core/utf8.hpp"

namespace gongkai::text {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

core::Status NotUtf8(std::size_t offset) {
  return core::InvalidArgument("文本不是有效的 UTF-8 编码（第 " + std::to_string(offset + 1) +
                               " 字节处）");
}

core::Result<std::string> DecodeUtf8Strict(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());
  if (std::size_t bad = FindInvalidUtf8(bytes); bad != std::string_view::npos) {
    return NotUtf8(bad);
  }
  return std::string(bytes);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Decodes GB18030 with ICU, stopping at the first byte sequence that is not valid
// GB18030 (ICU's default would substitute U+FFFD / U+001A silently).
core::Result<std::string> DecodeGb18030(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max() / 2)) {
    return core::InvalidArgument("文件过大，无法转换编码");
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open("GB18030", &status));
  if (U_FAILURE(status)) {
    return core::Internal(std::string("ICU 无法打开 GB18030 转换器: ") + u_errorName(status));
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  // Every GB18030 byte yields at most one UTF-16 unit (4-byte sequences yield two).
  std::u16string utf16(bytes.size() + 1, u'\0');
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar* dst = utf16.data();
  ucnv_toUnicode(conv.get(), &dst, utf16.data() + utf16.size(), &src, src_end, nullptr,
                 /*flush=*/true, &status);
  if (U_FAILURE(status)) {
    // `src` has consumed the offending bytes; report roughly where they start.
    int8_t invalid_len = 0;
    char invalid[32];
    UErrorCode ignored = U_ZERO_ERROR;
    invalid_len = sizeof invalid;
    ucnv_getInvalidChars(conv.get(), invalid, &invalid_len, &ignored);
    std::size_t offset = static_cast<std::size_t>(src - bytes.data());
    if (U_SUCCESS(ignored) && static_cast<std::size_t>(invalid_len) <= offset) {
      offset -= static_cast<std::size_t>(invalid_len);
    }
    return core::InvalidArgument("文本既不是有效的 UTF-8 也不是有效的 GB18030/GBK 编码（第 " +
                                 std::to_string(offset + 1) + " 字节处）");
  }
  const int32_t units = static_cast<int32_t>(dst - utf16.data());
  const UChar* begin = utf16.data();
  int32_t len = units;
  if (len > 0 && begin[0] == 0xFEFF) {
    ++begin;
    --len;
  }
  std::string out;
  int32_t needed = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &needed, begin, len, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    return core::Internal(std::string("UTF-16 → UTF-8 转换失败: ") + u_errorName(status));
  }
  out.resize(static_cast<std::size_t>(needed));
  status = U_ZERO_ERROR;
  u_strToUTF8(out.data(), needed, &needed, begin, len, &status);
  if (U_FAILURE(status)) {
    return core::Internal(std::string("UTF-16 → UTF-8 转换失败: ") + u_errorName(status));
  }
  return out;
}

std::string CanonicalEncodingName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == ' ') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

std::size_t FindInvalidUtf8(std::string_view bytes) {
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    // ASCII fast path.
    if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const core::Utf8Char c = core::DecodeUtf8(bytes, pos);
    if (!c.valid) return pos;
    pos += c.length;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view bytes) {
  return FindInvalidUtf8(bytes) == std::string_view::npos;
}

std::string ToValidUtf8(std::string_view bytes) {
  std::size_t bad = FindInvalidUtf8(bytes);
  if (bad == std::string_view::npos) return std::string(bytes);
  std::string out(bytes.substr(0, bad));
  std::size_t pos = bad;
  while (pos < bytes.size()) {
    const core::Utf8Char c = core::DecodeUtf8(bytes, pos);
    if (c.valid) {
      out.append(bytes.substr(pos, c.length));
    } else {
      core::AppendUtf8(out, 0xFFFD);
    }
    pos += c.length;
  }
  return out;
}

core::Result<std::string> DecodeToUtf8(std::string_view bytes) {
  if (bytes.starts_with(kUtf8Bom)) return DecodeUtf8Strict(bytes);
  if (IsValidUtf8(bytes)) return std::string(bytes);
  return DecodeGb18030(bytes);
}

core::Result<std::string> DecodeAs(std::string_view bytes, std::string_view encoding) {
  const std::string name = CanonicalEncodingName(encoding);
  if (name == "utf8") return DecodeUtf8Strict(bytes);
  if (name == "gb18030" || name == "gbk" || name == "gb2312" || name == "cp936") {
    return DecodeGb18030(bytes);
  }
  return core::InvalidArgument(
      "不支持的文本编码: '" + ToValidUtf8(encoding.substr(0, 40)) + "'（可用 utf-8、gb18030、gbk）",
      "encoding");
}

}  // namespace gongkai::text
