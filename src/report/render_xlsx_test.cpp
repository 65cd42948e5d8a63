#include "report/render_xlsx.hpp"

#include <gtest/gtest.h>

#include "report/render_test_support.hpp"

namespace gongkai::report {
namespace {

using testing::Report2021;
using testing::ReportLegacy;
using testing::TempFile;
using testing::UnzipMember;

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(RenderXlsxTest, Format2021WorkbookReadsBack) {
  TempFile file(".xlsx");
  core::Status status = RenderXlsx(Report2021(), file.path().string());
  ASSERT_TRUE(status.ok()) << status.ToString();

  std::string workbook = UnzipMember(file.path(), "xl/workbook.xml");
  EXPECT_TRUE(Contains(workbook, "name=\"二、主动公开政府信息情况\""));
  EXPECT_TRUE(Contains(workbook, "name=\"三、收到和处理政府信息公开申请情况\""));
  EXPECT_TRUE(Contains(workbook, "name=\"四、政府信息公开行政复议、行政诉讼情况\""));

  std::string strings = UnzipMember(file.path(), "xl/sharedStrings.xml");
  for (std::string_view label :
       {"示例市人民政府2023年政府信息公开工作年度报告", "信息内容", "第二十条第（一）项",
        "本年收费金额（单位：万元）", "申请人情况", "法人或其他组织", "商业企业",
        "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "（七）总计", "行政复议",
        "行政诉讼", "未经复议直接起诉", "复议后起诉"}) {
    EXPECT_TRUE(Contains(strings, label)) << label;
  }

  // Table 二: counts and the fee in 万元 (180000 yuan → 18) are numbers, not text.
  std::string sheet1 = UnzipMember(file.path(), "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet1.empty());
  EXPECT_TRUE(Contains(sheet1, "<v>5120</v>"));
  EXPECT_TRUE(Contains(sheet1, "<v>86</v>"));
  EXPECT_TRUE(Contains(sheet1, "<v>18</v>"));
  EXPECT_FALSE(Contains(sheet1, "<v>180000</v>"));
  EXPECT_TRUE(Contains(sheet1, "<mergeCell ref=\"A3:D3\"/>"));  // block caption
  EXPECT_TRUE(Contains(sheet1, "<mergeCell ref=\"B9:D9\"/>"));  // 本年处理决定数量

  // Table 三: the corner note spans 3×3, 申请人情况 7, 法人或其他组织 5, the group rows.
  std::string sheet2 = UnzipMember(file.path(), "xl/worksheets/sheet2.xml");
  EXPECT_TRUE(Contains(sheet2, "<mergeCell ref=\"A3:C5\"/>"));
  EXPECT_TRUE(Contains(sheet2, "<mergeCell ref=\"D3:J3\"/>"));
  EXPECT_TRUE(Contains(sheet2, "<mergeCell ref=\"E4:I4\"/>"));
  EXPECT_TRUE(Contains(sheet2, "<mergeCell ref=\"A8:A29\"/>"));  // 三、本年度办理结果
  const Report report = Report2021();
  int64_t received = *report.values.Get("table3", "new_received", "total");
  EXPECT_TRUE(Contains(sheet2, "<v>" + std::to_string(received) + "</v>"));
  EXPECT_TRUE(Contains(sheet2, "<c r=\"J6\""));  // first data row, 总计 column

  // Table 四: 行政复议 over five columns, 行政诉讼 over ten, and the fifteen numbers.
  std::string sheet3 = UnzipMember(file.path(), "xl/worksheets/sheet3.xml");
  EXPECT_TRUE(Contains(sheet3, "<mergeCell ref=\"A3:E3\"/>"));
  EXPECT_TRUE(Contains(sheet3, "<mergeCell ref=\"F3:O3\"/>"));
  EXPECT_TRUE(Contains(sheet3, "<mergeCell ref=\"F4:J4\"/>"));
  EXPECT_TRUE(Contains(sheet3, "<mergeCell ref=\"A4:A5\"/>"));
  EXPECT_TRUE(Contains(sheet3, "<c r=\"E6\" s=\""));
  EXPECT_TRUE(Contains(sheet3, "<v>7</v>"));
}

TEST(RenderXlsxTest, LegacyWorkbookReadsBack) {
  TempFile file(".xlsx");
  ASSERT_TRUE(RenderXlsx(ReportLegacy(), file.path().string()).ok());
  std::string strings = UnzipMember(file.path(), "xl/sharedStrings.xml");
  EXPECT_TRUE(Contains(strings, "统计指标"));
  EXPECT_TRUE(Contains(strings, "（三）从事政府信息公开工作人员数"));
  EXPECT_TRUE(Contains(strings, "人次"));
  std::string sheet = UnzipMember(file.path(), "xl/worksheets/sheet1.xml");
  EXPECT_TRUE(Contains(sheet, "<v>85</v>"));
  EXPECT_TRUE(Contains(sheet, "<v>0.15</v>"));  // 1500 yuan in 万元
  EXPECT_TRUE(Contains(sheet, "<v>18</v>"));
  EXPECT_TRUE(UnzipMember(file.path(), "xl/worksheets/sheet2.xml").empty());
}

TEST(RenderXlsxTest, UnwritablePathFails) {
  core::Status status = RenderXlsx(Report2021(), "/nonexistent-dir/gongkai/report.xlsx");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(core::ErrorCode::kUnavailable, status.code());
}

}  // namespace
}  // namespace gongkai::report
