// The per-record audit view beyond items and requests: a complaint's trail (creation and
// reply), scoped to the record's body, and refused for unknown kinds and ids.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

using AuditScreenTest = BackOfficeTest;

TEST_P(AuditScreenTest, AComplaintsTrailIsShownInsideItsSubtreeOnly) {
  auto handler = As("handler");
  Reply made = handler->Post("/admin/complaints/new",
                             {{"org", "QXA"},
                              {"channel", "hotline_12345"},
                              {"received_on", "2022-04-01"},
                              {"subject", "审计视图测试"},
                              {"replied_on", ""}},
                             "/admin/complaints/new");
  ASSERT_EQ(made.status, 303) << made.body;
  std::string list = handler->Get("/admin/complaints?org=QXA&year=2022").body;
  std::string prefix = "/admin/complaints/";
  size_t at = list.find("/reply");
  ASSERT_NE(at, std::string::npos) << list;
  size_t start = list.rfind(prefix, at) + prefix.size();
  std::string id = list.substr(start, at - start);
  ASSERT_EQ(handler
                ->Post(prefix + id + "/reply", {{"replied_on", "2022-04-08"}},
                       "/admin/complaints?org=QXA&year=2022")
                .status,
            303);

  Reply trail = As("admin")->Get("/admin/audit/complaint/" + id);
  ASSERT_EQ(trail.status, 200) << trail.body;
  EXPECT_NE(trail.body.find("complaint.create"), std::string::npos);
  EXPECT_NE(trail.body.find("complaint.reply"), std::string::npos);
  EXPECT_NE(trail.body.find("2022-04-08"), std::string::npos);
  EXPECT_NE(trail.body.find("举报投诉"), std::string::npos);

  // QXB's admin may not read QXA's records; unknown kinds and ids are not found.
  EXPECT_EQ(As("adminb")->Get("/admin/audit/complaint/" + id).status, 403);
  auto admin = As("admin");
  EXPECT_EQ(admin->Get("/admin/audit/password/1").status, 404);
  EXPECT_EQ(admin->Get("/admin/audit/complaint/x1").status, 404);
  EXPECT_EQ(admin->Get("/admin/audit/complaint/99999999").status, 404);
  EXPECT_EQ(admin->Get("/admin/audit/admin_stats/1/20").status, 404);
}

GONGKAI_ADMIN_BACKENDS(AuditScreenTest);

}  // namespace
}  // namespace gongkai::admin::testing
