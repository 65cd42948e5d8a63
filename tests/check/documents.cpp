#include "check/documents.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <map>
#include <stdexcept>

#include "check/util.hpp"
#include "report/render_common.hpp"

namespace gongkai::check::fixtures {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

class PdfWriter {
 public:
  std::string Write(const std::vector<std::vector<std::string>>& pages, bool text) {
    std::vector<std::string> contents;
    double width = 600;
    for (size_t p = 0; p < pages.size(); ++p) {
      std::string c;
      if (text) {
        c += "BT\n/F1 10 Tf\n";
        double y = 800;
        std::vector<std::string> lines = pages[p];
        lines.push_back(fmt::format("- {} -", p + 1));
        for (const std::string& line : lines) {
          double x = 40;
          for (const std::string& cell : Split(line, '\t')) {
            const std::u32string cps = ToCodePoints(cell);
            c += fmt::format("1 0 0 1 {:.0f} {:.0f} Tm <", x, y);
            for (char32_t cp : cps) c += fmt::format("{:04X}", Cid(cp));
            c += "> Tj\n";
            x += 10.0 * static_cast<double>(cps.size()) + 24;
          }
          width = std::max(width, x + 40);
          y -= 14;
        }
        c += "ET\n";
      }
      contents.push_back(std::move(c));
    }
    // Objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 ToUnicode, 6 descriptor, then
    // page/content pairs.
    std::vector<std::string> objects(6);
    std::string kids;
    for (size_t p = 0; p < pages.size(); ++p) kids += fmt::format("{} 0 R ", 7 + 2 * p);
    objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
    objects[1] = fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, pages.size());
    objects[2] =
        "<< /Type /Font /Subtype /Type0 /BaseFont /GongkaiTest /Encoding /Identity-H "
        "/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>";
    objects[3] =
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GongkaiTest /CIDSystemInfo << "
        "/Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R "
        "/DW 1000 /CIDToGIDMap /Identity >>";
    objects[4] = Stream(ToUnicode());
    objects[5] =
        "<< /Type /FontDescriptor /FontName /GongkaiTest /Flags 4 /FontBBox [0 -200 1000 "
        "900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>";
    for (size_t p = 0; p < pages.size(); ++p) {
      objects.push_back(fmt::format(
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {:.0f} 842] /Resources << /Font << "
          "/F1 3 0 R >> >> /Contents {} 0 R >>",
          width, 8 + 2 * p));
      objects.push_back(Stream(contents[p]));
    }
    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    for (size_t i = 0; i < objects.size(); ++i) {
      offsets.push_back(out.size());
      out += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
    }
    const size_t xref = out.size();
    out += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
    for (size_t o : offsets) out += fmt::format("{:010d} 00000 n \n", o);
    out += fmt::format("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{}\n%%EOF\n",
                       objects.size() + 1, xref);
    return out;
  }

 private:
  int Cid(char32_t cp) {
    auto it = cids_.find(cp);
    if (it != cids_.end()) return it->second;
    const int cid = static_cast<int>(cids_.size()) + 1;
    cids_[cp] = cid;
    return cid;
  }

  static std::string Stream(const std::string& data) {
    return fmt::format("<< /Length {} >>\nstream\n{}\nendstream", data.size() + 1, data);
  }

  std::string ToUnicode() const {
    std::string m =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<std::pair<char32_t, int>> all(cids_.begin(), cids_.end());
    for (size_t i = 0; i < all.size(); i += 100) {
      const size_t n = std::min<size_t>(100, all.size() - i);
      m += fmt::format("{} beginbfchar\n", n);
      for (size_t k = i; k < i + n; ++k) {
        m += fmt::format("<{:04X}> <{:04X}>\n", all[k].second, static_cast<unsigned>(all[k].first));
      }
      m += "endbfchar\n";
    }
    m += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
    return m;
  }

  std::map<char32_t, int> cids_;
};

std::string XmlEscape(std::string_view s) { return report::HtmlEscape(s); }

std::vector<std::string> Wrap(const std::string& text, int width) {
  std::vector<std::string> out;
  const std::u32string cps = ToCodePoints(text);
  for (size_t i = 0; i < cps.size(); i += static_cast<size_t>(width)) {
    std::string line;
    for (size_t k = i; k < std::min(cps.size(), i + static_cast<size_t>(width)); ++k) {
      AppendUtf8(line, cps[k]);
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace

std::string MakePdf(const std::vector<std::vector<std::string>>& pages) {
  return PdfWriter().Write(pages, true);
}

std::string MakeScannedPdf() { return PdfWriter().Write({{}}, false); }

std::string ReportPdf(const report::Report& report, int wrap) {
  std::vector<std::string> lines;
  for (const Block& b : RenderedBlocks(report)) {
    if (!b.table) {
      for (std::string& l : Wrap(b.text, wrap)) lines.push_back(std::move(l));
      lines.emplace_back();
      continue;
    }
    for (const auto& row : b.rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) line += (i ? "\t" : "") + row[i];
      lines.push_back(line);
    }
    lines.emplace_back();
  }
  std::vector<std::vector<std::string>> pages(1);
  for (std::string& l : lines) {
    if (pages.back().size() >= 50) pages.emplace_back();
    pages.back().push_back(std::move(l));
  }
  return MakePdf(pages);
}

std::string ReportDocx(const report::Report& report) {
  std::string body;
  for (const Block& b : RenderedBlocks(report)) {
    if (!b.table) {
      body += "<w:p><w:r><w:t xml:space=\"preserve\">" + XmlEscape(b.text) + "</w:t></w:r></w:p>";
      continue;
    }
    body += "<w:tbl><w:tblPr/>";
    for (const auto& row : b.rows) {
      body += "<w:tr>";
      for (const std::string& cell : row) {
        body += "<w:tc><w:tcPr/><w:p><w:r><w:t>" + XmlEscape(cell) + "</w:t></w:r></w:p></w:tc>";
      }
      body += "</w:tr>";
    }
    body += "</w:tbl>";
  }
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:body>" +
      body + "<w:sectPr/></w:body></w:document>";
  const std::string content_types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
      "Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/"
      "document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
  // Write the archive into memory with libzip.
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* z = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (z == nullptr) throw std::runtime_error("zip_open_from_source");
  zip_source_keep(buffer);
  for (const auto& [name, data] :
       {std::pair<const char*, const std::string*>{"[Content_Types].xml", &content_types},
        std::pair<const char*, const std::string*>{"word/document.xml", &document}}) {
    zip_source_t* s = zip_source_buffer(z, data->data(), data->size(), 0);
    if (s == nullptr || zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add");
    }
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");
  std::string out;
  if (zip_source_open(buffer) == 0) {
    char chunk[8192];
    zip_int64_t n;
    while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
      out.append(chunk, static_cast<size_t>(n));
    }
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return out;
}

}  // namespace gongkai::check::fixtures
