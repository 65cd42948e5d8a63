#include "web/form.hpp"

#include <cctype>

#include "text/encoding.hpp"

namespace gongkai::web {
namespace {

std::optional<std::string> Decode(std::string_view in) {
  std::string out;
  if (!PercentDecode(in, true, out) || !text::IsValidUtf8(out)) return std::nullopt;
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<FormFields> ParseForm(std::string_view body) {
  FormFields fields;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    auto name = Decode(pair.substr(0, eq));
    auto value = Decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!name || !value) return std::nullopt;
    fields.emplace(std::move(*name), std::move(*value));
  }
  return fields;
}

std::string FormValue(const FormFields& fields, std::string_view name) {
  auto it = fields.find(std::string(name));
  return it == fields.end() ? std::string() : it->second;
}

bool IsFormPost(const HttpRequest& request) {
  std::string type = request.Header("content-type");
  size_t semi = type.find(';');
  std::string base(Trim(std::string_view(type).substr(0, semi)));
  for (char& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return base == "application/x-www-form-urlencoded";
}

std::string CookieValue(const HttpRequest& request, std::string_view name) {
  auto it = request.headers.find("cookie");
  if (it == request.headers.end()) return "";
  std::string_view header = it->second;
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view pair = Trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && Trim(pair.substr(0, eq)) == name) {
      std::string_view value = Trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return "";
}

std::string SetCookieHeader(std::string_view name, std::string_view value,
                            const CookieOptions& options) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=" + options.path;
  if (options.max_age_seconds >= 0) out += "; Max-Age=" + std::to_string(options.max_age_seconds);
  if (options.http_only) out += "; HttpOnly";
  if (options.secure) out += "; Secure";
  if (!options.same_site.empty()) out += "; SameSite=" + options.same_site;
  return out;
}

}  // namespace gongkai::web
