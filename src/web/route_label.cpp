#include "web/route_label.hpp"

#include <algorithm>
#include <span>

namespace gongkai::web {
namespace {

constexpr std::string_view kKnownRoots[] = {
    "item",      "org",     "search", "static",  "apply", "status", "consult",
    "complaint", "healthz", "readyz", "metrics", "admin", "api",    "robots.txt"};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Back-office and API segments are fixed words (screens, actions, versions): keep short
// lower-case words, fold the rest.
bool IsWord(std::string_view s) {
  return !s.empty() && s.size() <= 24 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '.' || (c >= '0' && c <= '9');
  });
}

}  // namespace

std::string RouteLabel(std::string_view path) {
  if (path == "/") return "/";
  // The first five segments are all that is looked at (four kept, a fifth marks "/…"):
  // kept in place, no allocation on the per-request path.
  std::string_view parts_storage[5];
  size_t count = 0;
  size_t i = 0;
  while (i < path.size() && count < 5) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) parts_storage[count++] = path.substr(i, j - i);
    i = j + 1;
  }
  std::span<const std::string_view> parts(parts_storage, count);
  if (parts.empty()) return "/";
  if (parts[0].rfind("sitemap", 0) == 0) return "/sitemap";
  if (std::find(std::begin(kKnownRoots), std::end(kKnownRoots), parts[0]) ==
      std::end(kKnownRoots)) {
    return "other";
  }
  std::string label;  // short labels stay in the string's inline buffer
  for (size_t k = 0; k < parts.size() && k < 4; ++k) {
    std::string_view p = parts[k];
    label += '/';
    if (k == 1 && parts[0] == "org") {
      label += "{code}";
    } else if (k == 1 && parts[0] == "static") {
      label += "{file}";
    } else if (AllDigits(p)) {
      label += "{id}";
    } else if (k == 0 || IsWord(p)) {
      label += p;
    } else {
      label += "{value}";
    }
  }
  if (parts.size() > 4) label += "/…";
  return label;
}

}  // namespace gongkai::web
