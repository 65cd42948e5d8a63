#include "core/doc_no.hpp"

#include <gtest/gtest.h>

namespace gongkai::core {
namespace {

TEST(DocNoTest, NormalisesBracketsDigitsAndSpaces) {
  const std::pair<const char*, const char*> cases[] = {
      {"汨政发〔2017〕12号", "汨政发〔2017〕12号"},
      {"汨政发(2017)12号", "汨政发〔2017〕12号"},
      {"汨政发（2017）12号", "汨政发〔2017〕12号"},
      {"汨政发[2017]12号", "汨政发〔2017〕12号"},
      {"汨政发【2017】12号", "汨政发〔2017〕12号"},
      {"汨政发［２０１７］１２号", "汨政发〔2017〕12号"},
      {"汨政发〖2017〗第12号", "汨政发〔2017〕12号"},
      {" 汨政办发 〔2017〕 012 号 ", "汨政办发〔2017〕12号"},
      {"国办公开办函〔2021〕30号", "国办公开办函〔2021〕30号"},
      {"湖南省人民政府令第２５０号", "湖南省人民政府令第250号"},
      {"", ""},
      {"   ", ""},
  };
  for (const auto& [in, want] : cases) {
    auto got = NormalizeDocNo(in);
    ASSERT_TRUE(got.ok()) << in << ": " << got.status().ToString();
    EXPECT_EQ(*got, want) << in;
  }
}

TEST(DocNoTest, RejectsMalformedNumbers) {
  for (const char* bad :
       {"汨政发〔2017〕12", "汨政发〔17〕12号", "汨政发2017年12号", "〔2017〕12号",
        "ABC〔2017〕12号", "汨政发〔2017〕号", "汨政发〔2017〕0号", "汨政发〔1900〕1号",
        "汨政发〔2017〕12号附件", "汨政发〔2017〕1234567号", "\xff\xfe"}) {
    auto got = NormalizeDocNo(bad);
    EXPECT_FALSE(got.ok()) << bad;
    if (!got.ok()) {
      EXPECT_EQ(got.status().field(), "doc_no") << bad;
    }
  }
}

}  // namespace
}  // namespace gongkai::core
