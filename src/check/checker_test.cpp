#include "check/checker.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "check/output.hpp"

namespace gongkai::check {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const std::string kSource = GONGKAI_SOURCE_DIR;

TEST(CheckerTest, Fixture2021Smoke) {
  auto r = CheckReportBytes(ReadFile(kSource + "/tests/testdata/check/report-2021.txt"), "f");
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::cout << FormatReportText(*r);
}

TEST(CheckerTest, SeedSmoke) {
  auto r = CheckReportBytes(ReadFile("/work/shared/seed/miluo-2017-annual-report.txt"), "seed");
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::cout << FormatReportText(*r);
}

}  // namespace
}  // namespace gongkai::check
