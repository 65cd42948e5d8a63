// Issue 20 through the API: an approval with an unmasked ID number is 409 naming the
// finding; a justified one passes; 遮盖 and 撤下并遮盖重新提交 answer the masked item.
#include "api/api_test_support.hpp"

namespace gongkai::api::test {
namespace {

class ItemExposureApiTest : public ApiFixture {
 protected:
  // A submitted draft of QX-A whose body holds a full ID number (the GB 11643 example).
  std::string Submitted() {
    Reply r = Post("/api/v1/items", "editor",
                   R"({"org":"QX-A","title":"名单公示","formed_on":"2024-05-30",)"
                   R"("category":"通知公告","body_md":"张三 11010519491231002X"})");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string base = "/api/v1/items/" + std::to_string(r.Json().at("id").as_int64());
    EXPECT_EQ(Post(base + "/submit", "editor", "").status, 200);
    return base;
  }
};

TEST_P(ItemExposureApiTest, ApprovalNeedsMaskingOrAReason) {
  std::string base = Submitted();
  Reply refused = Post(base + "/review", "reviewer", R"({"approve":true})");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("body@7"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.body.find("11010519491231002X"), std::string::npos);
  Reply approved =
      Post(base + "/review", "reviewer", R"({"approve":true,"reason":"body@7：依法公示"})");
  EXPECT_EQ(approved.status, 200) << approved.body;
}

TEST_P(ItemExposureApiTest, MaskThenRepublishMasked) {
  std::string base = Submitted();
  Reply masked = Post(base + "/mask", "reviewer", "{}");
  ASSERT_EQ(masked.status, 200) << masked.body;
  EXPECT_EQ(masked.Json().at("body_md").as_string(), "张三 110105********002X");
  EXPECT_EQ(Post(base + "/mask", "reviewer", "{}").status, 409);  // nothing left
  EXPECT_EQ(Post(base + "/review", "reviewer", R"({"approve":true})").status, 200);
  // Not published yet: nothing to withdraw.
  EXPECT_EQ(Post(base + "/republish-masked", "editor", "{}").status, 409);
}

// Findings are reported as the text arrives: create (201) and update (200) answer a
// personal_data array with kind, field, offset, key and the masked preview, never the value.
TEST_P(ItemExposureApiTest, WritesAnswerThePersonalDataFound) {
  Reply created = Post("/api/v1/items", "editor",
                       R"({"org":"QX-A","title":"名单公示","formed_on":"2024-05-30",)"
                       R"("category":"通知公告","body_md":"张三 11010519491231002X"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.body.find("11010519491231002X"), created.body.rfind("11010519491231002X"))
      << "the value appears once (body_md), never in the findings";
  const auto created_json = created.Json();
  const auto& found = created_json.at("personal_data").as_array();
  bool id_card = false;
  for (const auto& f : found) {
    if (f.at("kind").as_string() != "id_card") continue;
    id_card = true;
    EXPECT_EQ(f.at("field").as_string(), "body");
    EXPECT_EQ(f.at("offset").as_int64(), 7);
    EXPECT_EQ(f.at("key").as_string(), "body@7");
    EXPECT_EQ(f.at("preview").as_string(), "110105********002X");
    EXPECT_FALSE(f.at("masked").as_bool());
  }
  EXPECT_TRUE(id_card) << created.body;
  std::string base = "/api/v1/items/" + std::to_string(created.Json().at("id").as_int64());
  Reply updated = Post(base, "editor", R"({"body_md":"联系人 138****5678"})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  const auto updated_json = updated.Json();
  const auto& now = updated_json.at("personal_data").as_array();
  ASSERT_EQ(now.size(), 1u) << updated.body;
  EXPECT_EQ(now[0].at("kind").as_string(), "mobile");
  EXPECT_TRUE(now[0].at("masked").as_bool());
  Reply clean = Post(base, "editor", R"({"body_md":"正文"})");
  ASSERT_EQ(clean.status, 200);
  EXPECT_TRUE(clean.Json().at("personal_data").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ItemExposureApiTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::api::test
