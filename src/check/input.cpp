#include "check/input.hpp"

#include <bitset>

#include "check/cell_runs.hpp"
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

}  // namespace

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

Document ExtractDocument(const DecodedInput& input) {
  if (input.kind == InputKind::kHtml) {
    Document doc = ExtractHtmlDocument(input.utf8);
    PromoteCellRuns(doc);  // a table flattened into paragraphs (<p>10</p><p>3</p>…)
    return doc;
  }
  return ExtractTextDocument(input.utf8);
}

}  // namespace gongkai::check
