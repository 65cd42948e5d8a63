#include "web/router.hpp"

#include <algorithm>

namespace gongkai::web {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Matches one segment against a literal or "{prefix}{var}{suffix}"; the variable's value
// goes to `params`.
bool SegmentMatches(std::string_view pattern, std::string_view segment, PathParams* params) {
  size_t open = pattern.find('{');
  if (open == std::string_view::npos) return pattern == segment;
  size_t close = pattern.find('}', open);
  if (close == std::string_view::npos) return pattern == segment;
  std::string_view prefix = pattern.substr(0, open);
  std::string_view suffix = pattern.substr(close + 1);
  std::string_view var = pattern.substr(open + 1, close - open - 1);
  if (segment.size() <= prefix.size() + suffix.size()) return false;
  if (segment.substr(0, prefix.size()) != prefix) return false;
  if (segment.substr(segment.size() - suffix.size()) != suffix) return false;
  std::string_view middle =
      segment.substr(prefix.size(), segment.size() - prefix.size() - suffix.size());
  if ((var == "id" || var == "year" || var == "n" || var == "version") && !AllDigits(middle)) {
    return false;
  }
  if (params) (*params)[std::string(var)] = std::string(middle);
  return true;
}

}  // namespace

bool MatchPathTemplate(std::string_view templ, std::string_view path, PathParams* params) {
  if (path.empty() || path.front() != '/' || templ.empty()) return false;
  if (templ == "/" || path == "/") return templ == path;
  size_t t = 1, p = 1;
  while (true) {
    size_t t_end = templ.find('/', t);
    size_t p_end = path.find('/', p);
    std::string_view ts = templ.substr(t, t_end == std::string_view::npos ? t_end : t_end - t);
    std::string_view ps = path.substr(p, p_end == std::string_view::npos ? p_end : p_end - p);
    if (ps.empty() || !SegmentMatches(ts, ps, params)) return false;
    bool t_last = t_end == std::string_view::npos, p_last = p_end == std::string_view::npos;
    if (t_last || p_last) return t_last && p_last;
    t = t_end + 1;
    p = p_end + 1;
  }
}

bool MethodListed(std::string_view methods, std::string_view method) {
  if (methods == "*") return true;
  while (!methods.empty()) {
    size_t comma = methods.find(',');
    if (methods.substr(0, comma) == method) return true;
    if (comma == std::string_view::npos) break;
    methods = methods.substr(comma + 1);
  }
  return false;
}

}  // namespace gongkai::web
