// libFuzzer target for item bodies (app::RenderMarkdown, cmark-gfm). Besides never crashing,
// it checks what markdown.hpp promises for any input: the HTML is valid UTF-8, every tag in
// it is one the renderer itself writes (raw HTML never passes through, so no <script>,
// <iframe>, <style> or event-handler attributes from the input), and no link or image URL
// uses javascript:, vbscript:, file: or a non-image data: scheme. Build and run with
// scripts/fuzz-short.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "app/markdown.hpp"

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

[[noreturn]] void Fail(const char* what, const std::string& html) {
  std::fprintf(stderr, "markdown_fuzz: %s in output:\n%s\n", what, html.c_str());
  std::abort();
}

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? c : c & (0x7f >> n);
    for (size_t k = 1; k < n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n;
  }
  return true;
}

// The element names cmark-gfm's HTML renderer (with the table, strikethrough, autolink and
// tagfilter extensions) emits.
const std::set<std::string, std::less<>> kRendererTags = {
    "p",  "h1",  "h2",    "h3",    "h4",         "h5", "h6", "em", "strong",
    "a",  "img", "code",  "pre",   "blockquote", "ul", "ol", "li", "hr",
    "br", "del", "table", "thead", "tbody",      "tr", "th", "td"};

bool DangerousUrl(std::string_view raw) {
  std::string url = Lower(raw);
  for (std::string_view scheme : {"javascript:", "vbscript:", "file:"}) {
    if (url.starts_with(scheme)) return true;
  }
  if (!url.starts_with("data:")) return false;
  for (std::string_view ok :
       {"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"}) {
    if (url.starts_with(ok)) return false;
  }
  return true;
}

// The attributes of one renderer tag (`tag` starts after its name, lower-cased): name="value"
// pairs up to '>'. Parsed pair by pair, so text inside a value (an alt text "<img src=", say)
// is never taken for an attribute; every href and src must be a safe URL.
void CheckAttributes(std::string_view tag, const std::string& html) {
  size_t i = 0;
  while (i < tag.size()) {
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i >= tag.size() || tag[i] == '>' || tag[i] == '/') return;
    size_t name_end = tag.find('=', i);
    if (name_end == std::string_view::npos || name_end + 1 >= tag.size() ||
        tag[name_end + 1] != '"') {
      Fail("an attribute without a quoted value", html);
    }
    std::string_view name = tag.substr(i, name_end - i);
    size_t start = name_end + 2;
    size_t end = tag.find('"', start);
    if (end == std::string_view::npos) Fail("an unterminated attribute", html);
    if ((name == "href" || name == "src") && DangerousUrl(tag.substr(start, end - start))) {
      Fail("a dangerous URL", html);
    }
    i = end + 1;
  }
}

void CheckHtml(const std::string& html) {
  if (!ValidUtf8(html)) Fail("invalid UTF-8", html);
  const std::string lower = Lower(html);
  for (size_t p = lower.find('<'); p != std::string::npos; p = lower.find('<', p + 1)) {
    std::string_view rest = std::string_view(lower).substr(p + 1);
    if (rest.starts_with("!-- raw html omitted -->")) continue;
    if (rest.starts_with("/")) rest.remove_prefix(1);
    size_t n = 0;
    while (n < rest.size() &&
           ((rest[n] >= 'a' && rest[n] <= 'z') || (rest[n] >= '0' && rest[n] <= '9'))) {
      ++n;
    }
    if (n == 0) Fail("a '<' that starts no renderer tag", html);
    if (!kRendererTags.contains(rest.substr(0, n))) Fail("a tag from the input", html);
    CheckAttributes(rest.substr(n), html);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 16)) return 0;
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  CheckHtml(gongkai::app::RenderMarkdown(markdown));
  return 0;
}
