#include "check/pdf_input.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

#include "check/util.hpp"

namespace gongkai::check {
namespace {

void Silence(const std::string&, void*) {}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 9 页", "3/9".
bool IsPageNumber(std::string_view line) {
  std::string compact;
  for (char c : line) {
    if (c != ' ') compact += c;
  }
  std::string_view s = compact;
  for (std::string_view dash : {"-", "—", "－"}) {
    if (s.size() > 2 * dash.size() && s.substr(0, dash.size()) == dash &&
        s.substr(s.size() - dash.size()) == dash) {
      s = s.substr(dash.size(), s.size() - 2 * dash.size());
    }
  }
  if (IsDigits(s)) return s.size() <= 4;
  if (s.substr(0, 3) == "第") {
    s.remove_prefix(3);
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == 0 || s.substr(i, 3) != "页") return false;
    s.remove_prefix(i + 3);
    if (s.empty()) return true;
    if (s.substr(0, 3) != "共") return false;
    s.remove_prefix(3);
    i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > 0 && s.substr(i) == "页";
  }
  const size_t slash = s.find('/');
  return slash != std::string_view::npos && IsDigits(s.substr(0, slash)) &&
         IsDigits(s.substr(slash + 1)) && s.size() <= 9;
}

int Width(std::string_view s) {
  int n = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t len = 1;
    const char32_t c = DecodeAt(s, pos, &len);
    n += c >= 0x1100 ? 2 : 1;
    pos += len;
  }
  return n;
}

bool EndsParagraph(std::string_view s) {
  for (std::string_view p : {"。", "：", "；", "！", "？", ":", ";"}) {
    if (s.size() >= p.size() && s.substr(s.size() - p.size()) == p) return true;
  }
  return false;
}

bool HasWideGap(std::string_view s) { return s.find("  ") != std::string_view::npos; }

// One page's lines: page numbers dropped, prose broken at the page width joined.
void AppendPage(std::string_view page, std::string& out) {
  std::vector<std::string> lines;
  for (std::string_view raw : SplitLines(page)) {
    std::string_view l = Trim(raw);
    if (l.empty()) {
      lines.emplace_back();
      continue;
    }
    if (IsPageNumber(l)) continue;
    lines.emplace_back(raw.substr(0, raw.find_last_not_of(" \t") + 1));
  }
  // The page's text width, from its prose lines (table rows run wider).
  int widest = 0;
  for (const std::string& l : lines) {
    if (!HasWideGap(Trim(l))) widest = std::max(widest, Width(Trim(l)));
  }
  std::string paragraph;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = Trim(lines[i]);
    if (l.empty()) {
      if (!paragraph.empty()) out += paragraph + "\n";
      paragraph.clear();
      out += "\n";
      continue;
    }
    const bool table_like = HasWideGap(l);
    if (!paragraph.empty()) {
      paragraph += std::string(l);
    } else {
      paragraph = table_like ? lines[i] : std::string(l);
    }
    // A full prose line not ending a sentence continues on the next line.
    const bool wrapped =
        !table_like && widest > 40 && Width(l) * 10 >= widest * 9 && !EndsParagraph(l);
    if (!wrapped) {
      out += paragraph + "\n";
      paragraph.clear();
    }
  }
  if (!paragraph.empty()) out += paragraph + "\n";
}

}  // namespace

bool LooksLikePdf(std::string_view bytes) { return bytes.substr(0, 5) == "%PDF-"; }

core::Result<std::string> PdfToText(std::string_view bytes) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(&Silence, nullptr); });
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return core::InvalidArgument("PDF 文件过大");
  }
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (doc == nullptr) return core::InvalidArgument("无法打开 PDF 文件（文件损坏或不是 PDF）");
  if (doc->is_locked()) return core::InvalidArgument("PDF 文件已加密，需要密码才能读取");
  std::string out;
  bool any_text = false;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (page == nullptr) continue;
    const poppler::byte_array utf8 =
        page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    const std::string text(utf8.begin(), utf8.end());
    if (!Trim(text).empty()) any_text = true;
    AppendPage(text, out);
    out += "\n";
  }
  if (!any_text) {
    return core::InvalidArgument(
        "PDF 没有文本层（可能是扫描件），无法读取其中的文字：请先进行文字识别（OCR），"
        "或使用网页版、Word 版报告");
  }
  return out;
}

}  // namespace gongkai::check
