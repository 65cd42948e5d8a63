// Test support for the renderers (header-only, used by render_*_test.cpp): hand-built
// reports with a value in every cell, golden-file comparison, and reading a zip member.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/report_format.hpp"
#include "report/render_common.hpp"
#include "report/report.hpp"

namespace gongkai::report::testing {

// A 2021-format report for a city and its 12 bodies with every cell set; the identities of
// the format hold. Table 二's fee is 180000 yuan (18 万元).
inline Report Report2021() {
  Report r;
  r.format = core::ReportFormat::kFormat2021;
  r.year = 2023;
  r.org.id = 1;
  r.org.code = "SZF";
  r.org.name = "示例市人民政府";
  r.org.kind = core::OrgKind::kGovernment;
  r.subtree = true;
  r.body_count = 12;
  core::ReportValues& v = r.values;
  v.Set("table2", "regulations", "made", 2);
  v.Set("table2", "regulations", "repealed", 1);
  v.Set("table2", "regulations", "valid", 15);
  v.Set("table2", "normative_docs", "made", 12);
  v.Set("table2", "normative_docs", "repealed", 3);
  v.Set("table2", "normative_docs", "valid", 86);
  v.Set("table2", "licensing", "decisions", 5120);
  v.Set("table2", "punishment", "decisions", 1033);
  v.Set("table2", "coercion", "decisions", 27);
  v.Set("table2", "admin_fees", "fee_amount", 180000);

  const core::TableDef& t3 = *core::GetReportFormat(r.format).Table("table3");
  const char* kApplicants[] = {"natural_person", "business",      "research",
                               "public_welfare", "legal_service", "other_org"};
  int i = 0;
  std::array<int64_t, 6> results{};
  for (const core::RowDef& row : t3.rows) {
    if (!row.data || row.parent.empty() || row.id == "r7_total") continue;
    int64_t total = 0;
    for (int j = 0; j < 6; ++j) {
      int64_t value = (i * 7 + j * 3) % 5 + (j == 0 ? 10 : 0);
      v.Set("table3", row.id, kApplicants[j], value);
      results[static_cast<size_t>(j)] += value;
      total += value;
    }
    v.Set("table3", row.id, "total", total);
    ++i;
  }
  int64_t sums[4] = {};  // new_received, carried_in, r7_total, carried_out over columns
  for (int j = 0; j < 6; ++j) {
    int64_t carried_in = j + 1;
    int64_t carried_out = 2;
    int64_t r7 = results[static_cast<size_t>(j)];
    int64_t new_received = r7 + carried_out - carried_in;
    v.Set("table3", "new_received", kApplicants[j], new_received);
    v.Set("table3", "carried_in", kApplicants[j], carried_in);
    v.Set("table3", "r7_total", kApplicants[j], r7);
    v.Set("table3", "carried_out", kApplicants[j], carried_out);
    sums[0] += new_received;
    sums[1] += carried_in;
    sums[2] += r7;
    sums[3] += carried_out;
  }
  v.Set("table3", "new_received", "total", sums[0]);
  v.Set("table3", "carried_in", "total", sums[1]);
  v.Set("table3", "r7_total", "total", sums[2]);
  v.Set("table3", "carried_out", "total", sums[3]);

  const std::pair<const char*, int64_t> t4[] = {
      {"review_maintained", 3},
      {"review_corrected", 1},
      {"review_other", 2},
      {"review_pending", 1},
      {"review_total", 7},
      {"lit_direct_maintained", 2},
      {"lit_direct_corrected", 0},
      {"lit_direct_other", 1},
      {"lit_direct_pending", 1},
      {"lit_direct_total", 4},
      {"lit_after_review_maintained", 1},
      {"lit_after_review_corrected", 1},
      {"lit_after_review_other", 0},
      {"lit_after_review_pending", 0},
      {"lit_after_review_total", 2},
  };
  for (const auto& [column, value] : t4) v.Set("table4", "cases", column, value);
  return r;
}

// A legacy (2008 条例) report for 2017 with every data row set, consistent with its rules.
inline Report ReportLegacy() {
  Report r;
  r.format = core::ReportFormat::kLegacy2008;
  r.year = 2017;
  r.org.id = 7;
  r.org.code = "MLS";
  r.org.name = "汨罗市人民政府";
  r.org.kind = core::OrgKind::kGovernment;
  r.subtree = false;
  r.body_count = 1;
  const std::pair<const char*, int64_t> rows[] = {
      {"L1_1", 200},  {"L1_1a", 30},  {"L1_1b", 12},  {"L1_2_1", 20}, {"L1_2_2", 180},
      {"L1_2_3", 60}, {"L1_2_4", 75}, {"L1_2_5", 10}, {"L2_1", 8},    {"L2_2_1", 4},
      {"L2_2_1a", 2}, {"L2_2_2", 3},  {"L2_2_2a", 1}, {"L2_2_3", 15}, {"L2_2_4", 6},
      {"L2_2_5", 2},  {"L3_1", 53},   {"L3_1_1", 10}, {"L3_1_2", 2},  {"L3_1_3", 35},
      {"L3_1_4", 6},  {"L3_2", 53},   {"L3_2_1", 51}, {"L3_2_2", 2},  {"L3_3", 53},
      {"L3_3_1", 5},  {"L3_3_2", 30}, {"L3_3_3", 4},  {"L3_3_4", 6},  {"L3_3_4a", 1},
      {"L3_3_4b", 1}, {"L3_3_4c", 1}, {"L3_3_4d", 1}, {"L3_3_4e", 1}, {"L3_3_4f", 1},
      {"L3_3_5", 3},  {"L3_3_6", 2},  {"L3_3_7", 2},  {"L3_3_8", 1},  {"L4", 3},
      {"L4_1", 2},    {"L4_2", 1},    {"L4_3", 0},    {"L5", 2},      {"L5_1", 1},
      {"L5_2", 0},    {"L5_3", 1},    {"L6", 4},      {"L7", 1500},   {"L8_1", 1},
      {"L8_2", 3},    {"L8_3", 85},   {"L8_3_1", 2},  {"L8_3_2", 83}, {"L8_4", 180000},
      {"L9_1", 2},    {"L9_2", 3},    {"L9_3", 120},
  };
  for (const auto& [row, value] : rows) r.values.Set("legacy", row, "value", value);
  return r;
}

// Narrative as the integrator supplies it, with markup characters that must be escaped.
inline RenderOptions OptionsWithNarrative(core::ReportFormat format) {
  RenderOptions o;
  std::vector<std::string> h = SectionHeadings(format);
  o.sections.emplace_back(
      h[0], "本年度，全市政务公开工作稳步推进。\n收到申请 <b>较上年</b> 增加 & 办结及时。");
  o.sections.emplace_back(h[h.size() - 2], "部分单位更新不及时；下一步将加强培训。");
  o.sections.emplace_back("附：名词解释", "“结转”指上年未办结的申请。");
  return o;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Compares `actual` with tests/testdata/report/<name>; GONGKAI_UPDATE_GOLDEN=1 rewrites it.
inline void ExpectGolden(const std::string& name, const std::string& actual) {
  std::filesystem::path path =
      std::filesystem::path(GONGKAI_SOURCE_DIR) / "tests" / "testdata" / "report" / name;
  const char* update = std::getenv("GONGKAI_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run with GONGKAI_UPDATE_GOLDEN=1 to create it";
  std::string expected = ReadFile(path);
  if (expected == actual) return;
  // Name the first differing line rather than dumping both documents.
  std::istringstream e(expected), a(actual);
  std::string le, la;
  int line = 0;
  while (true) {
    ++line;
    bool ge = static_cast<bool>(std::getline(e, le));
    bool ga = static_cast<bool>(std::getline(a, la));
    if (!ge && !ga) break;
    if (!ge || !ga || le != la) {
      ADD_FAILURE() << name << " differs from the golden file at line " << line
                    << "\n  golden: " << (ge ? le : "<end of file>")
                    << "\n  actual: " << (ga ? la : "<end of file>")
                    << "\n(GONGKAI_UPDATE_GOLDEN=1 rewrites it after you have checked the change)";
      return;
    }
  }
  ADD_FAILURE() << name << " differs from the golden file (line endings or final newline)";
}

// A fresh path in the temporary directory; the file is removed with the object.
class TempFile {
 public:
  explicit TempFile(const std::string& suffix) {
    static int counter = 0;
    path_ =
        std::filesystem::temp_directory_path() /
        ("gongkai-render-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + suffix);
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The member `name` of the zip archive at `zip` (via `unzip -p`), or "" when absent.
inline std::string UnzipMember(const std::filesystem::path& zip, const std::string& name) {
  std::string command = "unzip -p '" + zip.string() + "' '" + name + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

}  // namespace gongkai::report::testing
