#include "check/office_input.hpp"

#include <zip.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <vector>

namespace gongkai::check {
namespace {

constexpr zip_uint64_t kMaxMemberBytes = 64u << 20;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

ZipPtr OpenZip(std::string_view bytes) {
  if (bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4)) return nullptr;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) {
    zip_error_fini(&error);
    return nullptr;
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (z == nullptr) {
    zip_source_free(src);
    return nullptr;
  }
  return ZipPtr(z);
}

std::optional<std::string> ReadMember(zip_t* z, const char* name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > kMaxMemberBytes) {
    return std::nullopt;
  }
  zip_file_t* f = zip_fopen(z, name, 0);
  if (f == nullptr) return std::nullopt;
  std::string out(static_cast<size_t>(st.size), '\0');
  zip_int64_t got = 0;
  while (static_cast<zip_uint64_t>(got) < st.size) {
    const zip_int64_t n = zip_fread(f, out.data() + got, st.size - static_cast<zip_uint64_t>(got));
    if (n <= 0) break;
    got += n;
  }
  zip_fclose(f);
  if (static_cast<zip_uint64_t>(got) != st.size) return std::nullopt;
  return out;
}

bool HasMember(zip_t* z, const char* name) { return zip_name_locate(z, name, 0) >= 0; }

// Element names without their namespace prefix ("w:p" → "p").
std::string_view Local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_node c : n.children()) {
    if (Local(c) == local) return c;
  }
  return {};
}

// The text of a w:p (runs, tabs, breaks).
void ParagraphText(const pugi::xml_node& n, std::string& out) {
  for (pugi::xml_node c : n.children()) {
    const std::string_view name = Local(c);
    if (name == "t") {
      out += c.text().get();
    } else if (name == "tab") {
      out += ' ';
    } else if (name == "br" || name == "cr") {
      out += ' ';
    } else if (name != "rPr" && name != "pPr") {
      ParagraphText(c, out);
    }
  }
}

std::string CellText(const pugi::xml_node& tc) {
  std::string text;
  for (pugi::xml_node c : tc.children()) {
    if (Local(c) == "p") {
      if (!text.empty()) text += ' ';
      ParagraphText(c, text);
    }
  }
  for (char& ch : text) {
    if (ch == '|') ch = '/';
  }
  return text;
}

void BodyText(const pugi::xml_node& body, std::string& out) {
  for (pugi::xml_node n : body.children()) {
    const std::string_view name = Local(n);
    if (name == "p") {
      std::string line;
      ParagraphText(n, line);
      out += line + "\n";
    } else if (name == "tbl") {
      for (pugi::xml_node tr : n.children()) {
        if (Local(tr) != "tr") continue;
        std::string row;
        for (pugi::xml_node tc : tr.children()) {
          if (Local(tc) != "tc") continue;
          const pugi::xml_node merge = Child(Child(tc, "tcPr"), "vMerge");
          if (merge && std::string_view(merge.attribute("w:val").value()) != "restart") continue;
          row += CellText(tc) + " | ";
        }
        out += row + "\n";
      }
      out += "\n";
    } else if (name == "sdt" || name == "customXml") {
      BodyText(Child(n, "sdtContent") ? Child(n, "sdtContent") : n, out);
    }
  }
}

// "AB12" → 27 (0-based column of the reference).
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    col = col * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  return i == 0 ? -1 : col - 1;
}

std::string InlineText(const pugi::xml_node& n) {
  std::string out;
  for (const pugi::xpath_node& t : n.select_nodes(".//*[local-name()='t']")) {
    out += t.node().text().get();
  }
  return out;
}

}  // namespace

OfficeKind DetectOffice(std::string_view bytes) {
  ZipPtr z = OpenZip(bytes);
  if (z == nullptr) return OfficeKind::kNone;
  if (HasMember(z.get(), "word/document.xml")) return OfficeKind::kDocx;
  if (HasMember(z.get(), "xl/workbook.xml")) return OfficeKind::kXlsx;
  return OfficeKind::kNone;
}

core::Result<std::string> DocxToText(std::string_view bytes) {
  ZipPtr z = OpenZip(bytes);
  if (z == nullptr) return core::InvalidArgument("无法读取 DOCX 文件（压缩包损坏）");
  std::optional<std::string> xml = ReadMember(z.get(), "word/document.xml");
  if (!xml) return core::InvalidArgument("无法读取 DOCX 文件中的 word/document.xml");
  pugi::xml_document doc;
  if (!doc.load_buffer(xml->data(), xml->size())) {
    return core::InvalidArgument("DOCX 文件的 word/document.xml 不是有效的 XML");
  }
  const pugi::xml_node body = Child(doc.document_element(), "body");
  if (!body) return core::InvalidArgument("DOCX 文件没有正文（w:body）");
  std::string out;
  BodyText(body, out);
  return out;
}

core::Result<std::string> XlsxToText(std::string_view bytes) {
  ZipPtr z = OpenZip(bytes);
  if (z == nullptr) return core::InvalidArgument("无法读取 XLSX 文件（压缩包损坏）");
  std::vector<std::string> shared;
  if (std::optional<std::string> xml = ReadMember(z.get(), "xl/sharedStrings.xml")) {
    pugi::xml_document doc;
    if (!doc.load_buffer(xml->data(), xml->size())) {
      return core::InvalidArgument("XLSX 文件的 sharedStrings.xml 不是有效的 XML");
    }
    for (pugi::xml_node si : doc.document_element().children()) {
      if (Local(si) == "si") shared.push_back(InlineText(si));
    }
  }
  std::vector<std::string> sheets;
  const zip_int64_t entries = zip_get_num_entries(z.get(), 0);
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(z.get(), static_cast<zip_uint64_t>(i), 0);
    if (name == nullptr) continue;
    const std::string_view n = name;
    if (n.substr(0, 19) == "xl/worksheets/sheet" && n.size() > 4 &&
        n.substr(n.size() - 4) == ".xml") {
      sheets.emplace_back(n);
    }
  }
  // sheet1, sheet2, … sheet10 in numeric order.
  std::sort(sheets.begin(), sheets.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  if (sheets.empty()) return core::InvalidArgument("XLSX 文件没有工作表");
  std::string out;
  for (const std::string& sheet : sheets) {
    std::optional<std::string> xml = ReadMember(z.get(), sheet.c_str());
    if (!xml) return core::InvalidArgument("无法读取 XLSX 文件中的 " + sheet);
    pugi::xml_document doc;
    if (!doc.load_buffer(xml->data(), xml->size())) {
      return core::InvalidArgument("XLSX 文件的 " + sheet + " 不是有效的 XML");
    }
    const pugi::xml_node data = Child(doc.document_element(), "sheetData");
    for (pugi::xml_node row : data.children()) {
      if (Local(row) != "row") continue;
      std::vector<std::string> cells;
      for (pugi::xml_node c : row.children()) {
        if (Local(c) != "c") continue;
        const int col = ColumnOf(c.attribute("r").value());
        const std::string_view type = c.attribute("t").value();
        std::string value;
        if (type == "s") {
          const long index = std::strtol(Child(c, "v").text().get(), nullptr, 10);
          if (index >= 0 && static_cast<size_t>(index) < shared.size()) {
            value = shared[static_cast<size_t>(index)];
          }
        } else if (type == "inlineStr") {
          value = InlineText(Child(c, "is"));
        } else {
          value = Child(c, "v").text().get();
        }
        for (char& ch : value) {
          if (ch == '|' || ch == '\n') ch = ch == '|' ? '/' : ' ';
        }
        if (col >= 0 && col < 1024) {
          if (cells.size() < static_cast<size_t>(col)) cells.resize(static_cast<size_t>(col));
        }
        cells.push_back(std::move(value));
      }
      if (cells.empty()) continue;
      // A row holding a single text (a title) is prose.
      size_t non_empty = 0;
      for (const std::string& c : cells) non_empty += c.empty() ? 0 : 1;
      if (non_empty == 1 && cells.size() == 1) {
        out += cells.front() + "\n";
        continue;
      }
      std::string line;
      for (const std::string& c : cells) line += c + " | ";
      out += line + "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace gongkai::check
