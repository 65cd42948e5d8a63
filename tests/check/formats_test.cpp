// Published file formats (PDF, DOCX, UTF-16, GB18030) and the round trip of every format
// `gongkai report` writes (HTML, Markdown, JSON, CSV, XLSX), on a 2021, a 2019 and a
// legacy report: the checker reads the report's cells, with no false alarm.
#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "check/checker.hpp"
#include "check/documents.hpp"
#include "check/flatten.hpp"
#include "check/output.hpp"
#include "check/util.hpp"
#include "report/render_common.hpp"
#include "report/render_csv.hpp"
#include "report/render_html.hpp"
#include "report/render_json.hpp"
#include "report/render_markdown.hpp"
#include "report/render_xlsx.hpp"

namespace gongkai::check {
namespace {

using CellKey = std::tuple<std::string, std::string, std::string>;

std::map<CellKey, double> Cells(const std::vector<Cell>& cells) {
  std::map<CellKey, double> out;
  for (const Cell& c : cells) {
    out[{std::string(c.table->id), std::string(c.row->id), std::string(c.column->id)}] =
        c.value.state == CellState::kNumber ? c.value.number : -1;
  }
  return out;
}

class FormatsTest : public ::testing::TestWithParam<core::ReportFormat> {
 protected:
  report::Report Report() const { return fixtures::SampleReport(GetParam(), 2); }

  // Checks `bytes` and expects the report's cells (and its year and body unless the format
  // carries no title) with no finding.
  void ExpectClean(const std::string& bytes, std::string_view kind, bool titled = true) {
    const report::Report report = Report();
    auto checked = CheckReportBytes(bytes, std::string(kind));
    ASSERT_TRUE(checked.ok()) << kind << ": " << checked.status().message();
    const CheckReport& r = *checked;
    const std::string dump = std::string(kind) + "\n" + FormatReportText(r);
    EXPECT_EQ(r.input_kind, kind) << dump;
    ASSERT_TRUE(r.format.has_value()) << dump;
    EXPECT_EQ(*r.format, report.format) << dump;
    if (titled) {
      EXPECT_EQ(r.year, report.year) << dump;
      EXPECT_EQ(r.body, report.org.name) << dump;
    }
    EXPECT_EQ(r.ErrorCount(), 0) << dump;
    EXPECT_EQ(r.WarningCount(), 0) << dump;
    EXPECT_EQ(Cells(r.cells), Cells(report::ToCheckCells(report))) << dump;
  }
};

TEST_P(FormatsTest, PdfTextLayer) { ExpectClean(fixtures::ReportPdf(Report()), "pdf"); }

TEST_P(FormatsTest, Docx) { ExpectClean(fixtures::ReportDocx(Report()), "docx"); }

TEST_P(FormatsTest, RoundTripHtml) {
  report::RenderOptions options;
  options.sections.emplace_back(report::SectionHeadings(GetParam()).front(),
                                fixtures::SampleNarrative(Report()));
  ExpectClean(report::RenderHtml(Report(), options), "html");
}

TEST_P(FormatsTest, RoundTripMarkdown) { ExpectClean(fixtures::RenderSample(Report()), "text"); }

TEST_P(FormatsTest, RoundTripJson) {
  ExpectClean(report::RenderJson(Report(), fixtures::SampleNarrative(Report())), "json");
}

TEST_P(FormatsTest, RoundTripCsv) {
  // `report --format csv` writes one file per table; checked together, as concatenated.
  std::string all;
  for (const auto& [name, content] : report::RenderCsv(Report())) all += content + "\r\n";
  ExpectClean(all, "csv", /*titled=*/false);
}

TEST_P(FormatsTest, RoundTripXlsx) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("gongkai-check-" + std::to_string(::getpid()) + "-" +
                                      std::string(core::ReportFormatId(GetParam())) + ".xlsx");
  ASSERT_TRUE(report::RenderXlsx(Report(), path.string()).ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  ExpectClean(bytes.str(), "xlsx");
}

std::string ToUtf16(std::string_view utf8, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  size_t pos = 0;
  while (pos < utf8.size()) {
    size_t len = 1;
    char32_t c = DecodeAt(utf8, pos, &len);
    pos += len;
    auto put = [&](char16_t u) {
      const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
      out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
    };
    if (c >= 0x10000) {
      c -= 0x10000;
      put(static_cast<char16_t>(0xD800 + (c >> 10)));
      put(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
    } else {
      put(static_cast<char16_t>(c));
    }
  }
  return out;
}

std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

TEST_P(FormatsTest, Utf16AndGb18030Text) {
  const std::string md = fixtures::Flatten(Report(), fixtures::Style::kCellPerParagraph);
  ExpectClean(ToUtf16(md, true), "text");
  ExpectClean(ToUtf16(md, false), "text");
  ExpectClean(ToUtf16(md, true).substr(2), "text");  // no BOM
  ExpectClean(ToGb18030(md), "text");
}

INSTANTIATE_TEST_SUITE_P(Formats, FormatsTest,
                         ::testing::Values(core::ReportFormat::kFormat2021,
                                           core::ReportFormat::kTrial2019,
                                           core::ReportFormat::kLegacy2008),
                         [](const auto& info) {
                           return std::string(core::ReportFormatId(info.param));
                         });

TEST(PdfTest, ScannedPdfIsRefusedWithAClearMessage) {
  auto r = CheckReportBytes(fixtures::MakeScannedPdf(), "scan.pdf");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("扫描件"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("OCR"), std::string::npos);
}

TEST(PdfTest, DamagedPdfAndZipAreUnreadable) {
  EXPECT_FALSE(CheckReportBytes("%PDF-1.4\n garbage", "x.pdf").ok());
  EXPECT_FALSE(CheckReportBytes(std::string("PK\x03\x04garbage", 11), "x.docx").ok());
}

TEST(PdfTest, PageNumbersAndWrappedProseAreHandled) {
  // Narrative wrapped at 20 characters: the statements are read across the line breaks
  // (a wrong figure in the prose is still compared with the table).
  report::Report report = fixtures::SampleReport(core::ReportFormat::kFormat2021, 0);
  auto clean = CheckReportBytes(fixtures::ReportPdf(report, 20), "p.pdf");
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean->ErrorCount() + clean->WarningCount(), 0) << FormatReportText(*clean);
}

}  // namespace
}  // namespace gongkai::check
