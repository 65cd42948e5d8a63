#include "web/multipart.hpp"

#include <cctype>

#include "text/encoding.hpp"

namespace gongkai::web {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 2046 bchars (the boundary may not end in a space).
bool ValidBoundary(std::string_view b) {
  if (b.empty() || b.size() > 70 || b.back() == ' ') return false;
  for (char c : b) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) ||
              std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// The parameters of a header value after its first ';': name (lower-case) → value, quoted
// strings taken as they are. False for an unterminated quote.
bool Params(std::string_view value, std::vector<std::pair<std::string, std::string>>& out) {
  size_t semi = value.find(';');
  if (semi == std::string_view::npos) return true;
  std::string_view rest = value.substr(semi + 1);
  while (!rest.empty()) {
    rest = Trim(rest);
    if (rest.empty()) break;
    size_t eq = rest.find('=');
    size_t end = rest.find(';');
    if (eq == std::string_view::npos || (end != std::string_view::npos && end < eq)) {
      // A bare token (no value): skip it.
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
      continue;
    }
    std::string name = Lower(Trim(rest.substr(0, eq)));
    rest.remove_prefix(eq + 1);
    rest = Trim(rest);
    std::string v;
    if (!rest.empty() && rest.front() == '"') {
      size_t i = 1;
      bool closed = false;
      // Browsers send '"' as %22 and no backslash escapes (WHATWG's form encoding), so a
      // backslash is a character like any other (a Windows path, say).
      for (; i < rest.size(); ++i) {
        if (rest[i] == '"') {
          closed = true;
          break;
        }
        v += rest[i];
      }
      if (!closed) return false;
      rest.remove_prefix(i + 1);
      size_t next = rest.find(';');
      rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    } else {
      size_t next = rest.find(';');
      v = std::string(Trim(rest.substr(0, next)));
      rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    }
    out.emplace_back(std::move(name), std::move(v));
  }
  return true;
}

std::string Param(const std::vector<std::pair<std::string, std::string>>& params,
                  std::string_view name, bool& found) {
  for (const auto& [k, v] : params) {
    if (k == name) {
      found = true;
      return v;
    }
  }
  found = false;
  return "";
}

bool HasControl(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

core::Status Bad(const std::string& why, const std::string& field = "") {
  return core::InvalidArgument("上传的表单无法解析：" + why, field);
}

}  // namespace

std::string MultipartBoundary(const HttpRequest& request) {
  std::string type = request.Header("content-type");
  size_t semi = type.find(';');
  if (Lower(Trim(std::string_view(type).substr(0, semi))) != "multipart/form-data") return "";
  std::vector<std::pair<std::string, std::string>> params;
  if (!Params(type, params)) return "";
  bool found = false;
  std::string b = Param(params, "boundary", found);
  return found && ValidBoundary(b) ? b : "";
}

core::Result<MultipartForm> ParseMultipart(std::string_view body, std::string_view boundary,
                                           const MultipartLimits& limits) {
  if (!ValidBoundary(boundary)) return Bad("分隔符无效");
  const std::string delimiter = "--" + std::string(boundary);
  const std::string inner = "\r\n" + delimiter;
  // A preamble before the first delimiter is allowed (and ignored).
  size_t pos;
  if (body.substr(0, delimiter.size()) == delimiter) {
    pos = delimiter.size();
  } else {
    size_t first = body.find(inner);
    if (first == std::string_view::npos) return Bad("缺少分隔符");
    pos = first + inner.size();
  }
  MultipartForm form;
  size_t parts = 0;
  while (true) {
    // After a delimiter: "--" closes the body; otherwise (optional whitespace and) CRLF.
    if (body.substr(pos, 2) == "--") return form;
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return Bad("分隔符后缺少换行");
    pos += 2;
    if (++parts > limits.max_parts) return Bad("部分过多");
    size_t header_end = body.find("\r\n\r\n", pos);
    // The header block may be empty (a part that starts with its blank line).
    bool empty_headers = body.substr(pos, 2) == "\r\n";
    if (empty_headers) header_end = pos - 2;
    if (header_end == std::string_view::npos) return Bad("部分头不完整");
    if (header_end + 2 - pos > limits.max_header_bytes) return Bad("部分头过长");
    std::string_view headers =
        empty_headers ? std::string_view() : body.substr(pos, header_end - pos);
    pos = header_end + 4;
    std::string name, filename, content_type;
    bool has_name = false, has_filename = false, disposition = false;
    while (!headers.empty()) {
      size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Bad("部分头格式错误");
      std::string key = Lower(Trim(line.substr(0, colon)));
      std::string_view value = Trim(line.substr(colon + 1));
      if (key == "content-disposition") {
        size_t semi = value.find(';');
        if (Lower(Trim(value.substr(0, semi))) != "form-data") return Bad("不是 form-data");
        std::vector<std::pair<std::string, std::string>> params;
        if (!Params(value, params)) return Bad("引号未闭合");
        name = Param(params, "name", has_name);
        filename = Param(params, "filename", has_filename);
        disposition = true;
      } else if (key == "content-type") {
        content_type = std::string(value);
      }
    }
    if (!disposition || !has_name || name.empty()) return Bad("部分缺少字段名");
    if (!text::IsValidUtf8(name) || HasControl(name)) return Bad("字段名无效");
    size_t end = body.find(inner, pos);
    if (end == std::string_view::npos) return Bad("缺少结束分隔符");
    std::string_view data = body.substr(pos, end - pos);
    pos = end + inner.size();
    if (has_filename) {
      if (data.size() > limits.max_file_bytes) return Bad("文件过大", "file");
      if (!text::IsValidUtf8(filename) || HasControl(filename)) return Bad("文件名无效", name);
      form.files.push_back({name, filename, content_type, std::string(data)});
    } else {
      if (data.size() > limits.max_field_bytes) return Bad("字段过长", name);
      if (!text::IsValidUtf8(data) || data.find('\0') != std::string_view::npos) {
        return Bad("字段内容无效", name);
      }
      form.fields.emplace(std::move(name), std::string(data));
    }
  }
}

}  // namespace gongkai::web
