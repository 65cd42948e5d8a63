// The JSON API over a real server: token authentication, the item workflow, pagination and
// errors, over SQLite and PostgreSQL.
#include "api/api_test_support.hpp"

namespace gongkai::api::test {
namespace {

namespace json = boost::json;

class ApiTest : public ApiFixture {};

TEST_P(ApiTest, TokensAuthenticateAndAreScopedLikeTheirUser) {
  Reply none = Get("/api/v1/orgs", "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.ErrorCode(), "unauthenticated");
  EXPECT_FALSE(none.Header("WWW-Authenticate").empty());
  EXPECT_EQ(Get("/api/v1/orgs", "gk_not-a-real-token").status, 401);
  // A cookie is never a credential, nor is a token in another scheme.
  EXPECT_EQ(Exchange(port_, "GET /api/v1/orgs HTTP/1.1\r\nHost: x\r\nCookie: session=" +
                                Token("editor") + "\r\nConnection: close\r\n\r\n")
                .status,
            401);
  EXPECT_EQ(Exchange(port_, "GET /api/v1/orgs HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " +
                                Token("editor") + "\r\nConnection: close\r\n\r\n")
                .status,
            401);

  Reply orgs = Get("/api/v1/orgs", "editor");
  ASSERT_EQ(orgs.status, 200) << orgs.body;
  json::value orgs_json = orgs.Json();
  const auto& list = orgs_json.at("orgs").as_array();
  ASSERT_EQ(list.size(), 1u);  // editor@QX-A reads its own subtree only
  EXPECT_EQ(list[0].at("code").as_string(), "QX-A");
  EXPECT_EQ(Get("/api/v1/orgs", "handler").Json().at("orgs").as_array().size(), 3u);

  // Another subtree: 403, naming nothing about the record.
  Reply other =
      Post("/api/v1/items", "editor",
           R"({"org":"QX-B","title":"越权","formed_on":"2024-05-30","category":"通知公告"})");
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_EQ(other.ErrorCode(), "permission_denied");
  int64_t b_item = CreateDraft("recorder", "QX-B", "卫健委通知");
  EXPECT_EQ(Get("/api/v1/items/" + std::to_string(b_item), "editor").status, 403);

  // Revoked: 401 from then on.
  core::Status s = store_->Transact([&](core::Repositories& r) {
    return RevokeApiToken(r, {"test", "2024-06-03T03:00:00Z"}, token_ids_["editor"]).status();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Get("/api/v1/orgs", "editor").status, 401);
}

TEST_P(ApiTest, ItemWorkflowFromDraftToWithdrawal) {
  int64_t id = CreateDraft("editor", "QX-A", "关于开展2024年招生工作的通知");
  ASSERT_GT(id, 0);
  std::string base = "/api/v1/items/" + std::to_string(id);
  Reply got = Get(base, "editor");
  ASSERT_EQ(got.status, 200);
  auto item = got.Json().as_object();
  EXPECT_EQ(item.at("state").as_string(), "draft");
  EXPECT_EQ(item.at("category").as_string(), "法定主动公开内容/通知公告");
  EXPECT_EQ(item.at("author").as_string(), "editor");
  EXPECT_EQ(item.at("body_md").as_string(), "正文");

  Reply patched = Post(base, "editor", R"({"summary":"招生","doc_no":"青教发〔2024〕3号"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json().at("summary").as_string(), "招生");
  EXPECT_EQ(Post(base + "/submit", "editor", "").Json().at("state").as_string(), "submitted");
  // The author may not review; the reviewer may not publish.
  EXPECT_EQ(Post(base + "/review", "editor", R"({"approve":true})").status, 403);
  Reply reviewed = Post(base + "/review", "reviewer", R"({"approve":true})");
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_EQ(reviewed.Json().at("state").as_string(), "approved");
  EXPECT_EQ(Post(base + "/publish", "reviewer", "{}").status, 403);
  Reply published =
      Post(base + "/publish", "editor", R"({"on":"2024-06-03","channels":["website","wechat"]})");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.Json().at("index_no").as_string(), "QX-A/2024-00001");
  EXPECT_EQ(published.Json().at("channels").as_array().size(), 2u);
  // Published content is not edited: 409.
  Reply late = Post(base, "editor", R"({"title":"改"})");
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.ErrorCode(), "failed_precondition");
  Reply withdrawn = Post(base + "/withdraw", "editor", R"({"reason":"内容有误"})");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.Json().at("state").as_string(), "withdrawn");

  EXPECT_EQ(Get(base + "/audit", "editor").status, 403);  // editors do not read the audit trail
  Reply audit = Get(base + "/audit", "auditor");
  ASSERT_EQ(audit.status, 200) << audit.body;
  json::value audit_json = audit.Json();
  const auto& events = audit_json.at("events").as_array();
  ASSERT_GE(events.size(), 6u);  // create, edit, submit, approve, publish, withdraw
  EXPECT_EQ(events[0].at("action").as_string(), "item.create");
  EXPECT_EQ(events[0].at("actor").as_string(), "api:editor");
}

TEST_P(ApiTest, ItemListsPageAndFilter) {
  for (int n = 1; n <= 5; ++n) CreateDraft("editor", "QX-A", "通知第" + std::to_string(n) + "号");
  CreateDraft("recorder", "QX-B", "卫健委通知");
  Reply p1 = Get("/api/v1/items?per_page=2", "editor");
  ASSERT_EQ(p1.status, 200) << p1.body;
  auto page = p1.Json().as_object();
  EXPECT_EQ(page.at("total").as_int64(), 5);  // QX-B's item is not visible
  EXPECT_EQ(page.at("page").as_int64(), 1);
  EXPECT_EQ(page.at("per_page").as_int64(), 2);
  ASSERT_EQ(page.at("items").as_array().size(), 2u);
  EXPECT_EQ(page.at("items").as_array()[0].at("title").as_string(), "通知第5号");  // newest first
  EXPECT_FALSE(page.at("items").as_array()[0].as_object().contains("body_md"));
  auto p3 = Get("/api/v1/items?per_page=2&page=3", "editor").Json();
  EXPECT_EQ(p3.at("items").as_array().size(), 1u);
  EXPECT_EQ(Get("/api/v1/items?page=9", "editor").Json().at("items").as_array().size(), 0u);

  EXPECT_EQ(Get("/api/v1/items", "handler").Json().at("total").as_int64(), 6);
  EXPECT_EQ(Get("/api/v1/items?org=QX-B", "handler").Json().at("total").as_int64(), 1);
  EXPECT_EQ(Get("/api/v1/items?state=published", "handler").Json().at("total").as_int64(), 0);
  EXPECT_EQ(Get("/api/v1/items?org=QX-B", "editor").status, 403);

  Reply bad = Get("/api/v1/items?per_page=0", "editor");
  EXPECT_EQ(bad.status, 422) << "invalid input is 422 with the field, in a query too";
  EXPECT_EQ(bad.ErrorField(), "per_page");
  EXPECT_EQ(Get("/api/v1/items?state=nope", "editor").ErrorField(), "state");
  EXPECT_EQ(Get("/api/v1/items?published_from=2024-02-30", "editor").ErrorField(),
            "published_from");
}

TEST_P(ApiTest, ErrorsAreJsonNamingTheField) {
  Reply bad_date =
      Post("/api/v1/items", "editor", R"({"org":"QX-A","title":"标题","formed_on":"2024-13-01"})");
  EXPECT_EQ(bad_date.status, 422) << bad_date.body;
  EXPECT_EQ(bad_date.ErrorCode(), "invalid_argument");
  EXPECT_EQ(bad_date.ErrorField(), "formed_on");
  EXPECT_NE(bad_date.Header("Content-Type").find("application/json"), std::string::npos);

  Reply missing = Post("/api/v1/items", "editor", R"({"org":"QX-A","formed_on":"2024-05-01"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.ErrorField(), "title");
  Reply unknown = Post("/api/v1/items", "editor",
                       R"({"org":"QX-A","title":"标题","formed_on":"2024-05-01","titel":"x"})");
  EXPECT_EQ(unknown.ErrorField(), "titel");
  Reply wrong_type =
      Post("/api/v1/items", "editor", R"({"org":"QX-A","title":42,"formed_on":"2024-05-01"})");
  EXPECT_EQ(wrong_type.ErrorField(), "title");
  Reply category =
      Post("/api/v1/items", "editor",
           R"({"org":"QX-A","title":"标题","formed_on":"2024-05-01","category":"没有"})");
  EXPECT_EQ(category.status, 422);
  EXPECT_EQ(category.ErrorField(), "category");

  Reply malformed = Post("/api/v1/items", "editor", "{not json");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.ErrorCode(), "invalid_argument");
  EXPECT_EQ(Post("/api/v1/items", "editor", "[1,2]").status, 400);

  Reply form = Call("POST", "/api/v1/items", "editor", "org=QX-A&title=x",
                    "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415);
  EXPECT_EQ(form.ErrorCode(), "unsupported_media_type");
  EXPECT_EQ(Call("POST", "/api/v1/items", "editor", "{}", "text/plain").status, 415);
  EXPECT_EQ(Call("POST", "/api/v1/items", "editor",
                 R"({"org":"QX-A","title":"t","formed_on":"2024-05-01","category":"通知公告"})",
                 "application/json; charset=utf-8")
                .status,
            201);

  EXPECT_EQ(Get("/api/v1/items/999999", "editor").status, 404);
  EXPECT_EQ(Get("/api/v1/items/abc", "editor").ErrorCode(), "not_found");
  EXPECT_EQ(Get("/api/v1/nothing", "editor").status, 404);
  Reply wrong_method = Post("/api/v1/orgs", "editor", "{}");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.Header("Allow"), "GET");
}

TEST_P(ApiTest, TooManyRequestsAre429) {
  ApiOptions o = Options();
  o.rate_burst = 2;
  o.rate_interval = std::chrono::hours(1);
  auto api = JsonApi::Create(*pool_, o);
  ASSERT_TRUE(api.ok());
  web::HttpRequest r;
  r.method = "GET";
  r.path = "/api/v1/orgs";
  r.headers["authorization"] = "Bearer " + Token("editor");
  EXPECT_EQ((*api)->Handle(r).status, 200);
  EXPECT_EQ((*api)->Handle(r).status, 200);
  web::HttpResponse limited = (*api)->Handle(r);
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.Get("Retry-After").empty());
  r.headers["authorization"] = "Bearer " + Token("handler");  // per token
  EXPECT_EQ((*api)->Handle(r).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace gongkai::api::test
