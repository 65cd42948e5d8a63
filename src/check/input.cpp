#include "check/input.hpp"

#include <algorithm>
#include <bitset>
#include <map>
#include <optional>
#include <vector>

#include "check/cell_runs.hpp"
#include "check/html_table.hpp"
#include "check/office_input.hpp"
#include "check/pdf_input.hpp"
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
    case InputKind::kPdf:
      return "pdf";
    case InputKind::kDocx:
      return "docx";
    case InputKind::kXlsx:
      return "xlsx";
    case InputKind::kCsv:
      return "csv";
  }
  return "text";
}

namespace {

// Traditional-only characters frequent in annual reports (公開, 申請, 機關, 數量, 總計, 處理,
// 辦結, 復議, 訴訟, 資訊 …). OpenCC's t2s costs ~2 ms on an average report — more than all
// the rest of the check — so it runs only when one of these occurs; a simplified report
// with a stray traditional character elsewhere still matches its labels by similarity.
constexpr std::u32string_view kTraditionalMarkers =
    U"開關請應務機門處辦數總結會議訴訟復據權與為們個來這時國從當發動網戶檔資訊統計條項體構"
    U"點類說認讓導員號區縣鄉鎮單報費經財產業專職聯繫電話廣內對規範實劃變現歷無閱覽執罰許審"
    U"訪談聞佈製廢護隱衛環醫療學習選舉熱線證紀錄繳續轉運營準備歲邊陸齊鄰決義務將並經屬於給"
    U"見問題責參與況標準歸檔簡張書寫讀銷錢價貨幣稅錄庫術團結組織";

bool NeedsSimplification(std::string_view utf8) {
  // One bit per code point of the CJK Unified Ideographs block, built once.
  static const std::bitset<0xA000 - 0x4E00>* const kMarkers = [] {
    auto* bits = new std::bitset<0xA000 - 0x4E00>;
    for (char32_t c : kTraditionalMarkers) {
      if (c >= 0x4E00 && c < 0xA000) bits->set(c - 0x4E00);
    }
    return bits;
  }();
  size_t pos = 0;
  while (pos < utf8.size()) {
    const unsigned char c = static_cast<unsigned char>(utf8[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    size_t len = 1;
    const char32_t cp = DecodeAt(utf8, pos, &len);
    if (cp >= 0x4E00 && cp < 0xA000 && kMarkers->test(cp - 0x4E00)) return true;
    pos += len;
  }
  return false;
}

// UTF-16 (LE or BE) → UTF-8; nullopt when `bytes` are not UTF-16 text.
std::optional<std::string> FromUtf16(std::string_view bytes) {
  bool le;
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    le = true;
    bytes.remove_prefix(2);
  } else if (bytes.substr(0, 2) == "\xFE\xFF") {
    le = false;
    bytes.remove_prefix(2);
  } else {
    // No BOM: NULs at one parity only.
    if (bytes.size() < 8 || bytes.size() % 2 != 0) return std::nullopt;
    size_t even = 0, odd = 0;
    const size_t n = std::min<size_t>(bytes.size(), 4096);
    for (size_t i = 0; i < n; ++i) (i % 2 ? odd : even) += bytes[i] == '\0' ? 1 : 0;
    // ASCII (digits, line ends, "|") puts NULs at one parity; a CJK character whose low
    // byte is 0 (一 U+4E00) puts an occasional one at the other.
    if (odd * 100 >= n && odd >= 8 * even) {
      le = true;
    } else if (even * 100 >= n && even >= 8 * odd) {
      le = false;
    } else {
      return std::nullopt;
    }
  }
  if (bytes.size() % 2 != 0) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  auto unit = [&](size_t i) {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char32_t>(le ? (b << 8 | a) : (a << 8 | b));
  };
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (i + 3 >= bytes.size()) return std::nullopt;
      const char32_t lo = unit(i + 2);
      if (lo < 0xDC00 || lo > 0xDFFF) return std::nullopt;
      c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
      return std::nullopt;
    }
    if (c == 0) return std::nullopt;
    AppendUtf8(out, c);
  }
  return out;
}

// Splits one CSV record (RFC 4180 quoting) starting at `pos`; advances `pos` past it.
std::vector<std::string> CsvRecord(std::string_view s, size_t& pos) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  while (pos < s.size()) {
    const char c = s[pos++];
    if (quoted) {
      if (c == '"' && pos < s.size() && s[pos] == '"') {
        fields.back() += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c == '\n' || c == '|' ? ' ' : c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields.back() += c == '|' ? '/' : c;
    }
  }
  return fields;
}

// Spreadsheet CSV: at least two lines, most non-blank lines with an ASCII comma, the first
// with two, the commonest comma count shared by half the lines, and prose sentences ("。")
// rare. Chinese prose separates clauses with "，"; prose typed with ASCII commas has no
// common field count and ends its sentences with "。".
bool LooksLikeCsv(std::string_view utf8) {
  size_t lines = 0, with_comma = 0, sentences = 0;
  bool first = true, first_ok = false;
  std::map<size_t, size_t> by_count;
  for (std::string_view line : SplitLines(utf8.substr(0, 1 << 16))) {
    if (Trim(line).empty()) continue;
    ++lines;
    const size_t commas = static_cast<size_t>(std::count(line.begin(), line.end(), ','));
    if (commas > 0) ++with_comma;
    ++by_count[commas];
    if (line.find("。") != std::string_view::npos) ++sentences;
    if (first) first_ok = commas >= 2;
    first = false;
  }
  size_t modal = 0;
  for (const auto& [count, n] : by_count) {
    if (count > 0) modal = std::max(modal, n);
  }
  return first_ok && lines >= 2 && with_comma * 10 >= lines * 8 && modal * 2 >= lines &&
         sentences * 5 < lines;
}

std::string CsvToRows(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    const std::vector<std::string> fields = CsvRecord(utf8, pos);
    size_t non_empty = 0;
    for (const std::string& f : fields) non_empty += Trim(f).empty() ? 0 : 1;
    if (non_empty == 0) {
      out += "\n";
      continue;
    }
    if (non_empty == 1 && fields.size() == 1) {
      out += fields.front() + "\n";
      continue;
    }
    for (const std::string& f : fields) out += f + " | ";
    out += "\n";
  }
  return out;
}

core::Result<DecodedInput> Normalise(std::string utf8, InputKind kind) {
  DecodedInput out;
  out.kind = kind;
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
  if (NeedsSimplification(utf8)) {
    GONGKAI_ASSIGN_OR_RETURN(std::string normalized, text::NormalizeInput(utf8));
    out.utf8.assign(leading_newlines, '\n');
    out.utf8 += normalized;
    return out;
  }
  // Already simplified: only the width folding of NormalizeInput matters for reading
  // tables (line ends are handled by the extractors, control characters by Trim).
  out.utf8 = text::FoldWidth(utf8);
  return out;
}

}  // namespace

core::Result<DecodedInput> DecodeInput(std::string_view bytes) {
  if (Trim(bytes).empty()) return core::InvalidArgument("输入为空，不是年度报告");
  if (LooksLikePdf(bytes)) {
    GONGKAI_ASSIGN_OR_RETURN(std::string text, PdfToText(bytes));
    return Normalise(std::move(text), InputKind::kPdf);
  }
  switch (DetectOffice(bytes)) {
    case OfficeKind::kDocx: {
      GONGKAI_ASSIGN_OR_RETURN(std::string text, DocxToText(bytes));
      return Normalise(std::move(text), InputKind::kDocx);
    }
    case OfficeKind::kXlsx: {
      GONGKAI_ASSIGN_OR_RETURN(std::string text, XlsxToText(bytes));
      return Normalise(std::move(text), InputKind::kXlsx);
    }
    case OfficeKind::kNone:
      break;
  }
  std::string utf8;
  if (std::optional<std::string> wide = FromUtf16(bytes)) {
    utf8 = std::move(*wide);
  } else {
    if (bytes.find('\0') != std::string_view::npos) {
      return core::InvalidArgument("输入含 NUL 字节，是二进制文件，不是年度报告");
    }
    GONGKAI_ASSIGN_OR_RETURN(utf8, text::DecodeToUtf8(bytes));
  }
  if (utf8.substr(0, 3) == "\xEF\xBB\xBF") utf8.erase(0, 3);
  std::string_view trimmed = Trim(utf8);
  if (!trimmed.empty() && trimmed.front() == '{') {
    DecodedInput out;
    out.kind = InputKind::kJson;
    out.utf8 = std::move(utf8);
    return out;
  }
  if (LooksLikeCsv(utf8)) return Normalise(CsvToRows(utf8), InputKind::kCsv);
  const InputKind kind = LooksLikeHtml(utf8) ? InputKind::kHtml : InputKind::kText;
  return Normalise(std::move(utf8), kind);
}

Document ExtractDocument(const DecodedInput& input) {
  if (input.kind == InputKind::kHtml) {
    Document doc = ExtractHtmlDocument(input.utf8);
    PromoteCellRuns(doc);  // a table flattened into paragraphs (<p>10</p><p>3</p>…)
    return doc;
  }
  return ExtractTextDocument(input.utf8);
}

}  // namespace gongkai::check
