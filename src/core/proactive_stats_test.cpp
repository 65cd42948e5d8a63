// Counting for the annual reports, the proactive duty and the column self-audit.
#include "core/proactive_stats.hpp"

#include <gtest/gtest.h>

#include "core/catalog.hpp"
#include "core/column_audit.hpp"
#include "core/fake_store.hpp"

namespace gongkai::core {
namespace {

Date D(const char* iso) { return Date::Parse(iso).value(); }

Org MakeOrg(Id id, const char* code, const char* name, OrgKind kind) {
  Org org;
  org.id = id;
  org.code = code;
  org.name = name;
  org.kind = kind;
  return org;
}

Item Published(Id id, Id org, const char* on, std::vector<ItemChannel> channels = {}) {
  Item it;
  it.id = id;
  it.org_id = org;
  it.title = "信息" + std::to_string(id);
  it.formed_on = D(on);
  it.published_on = D(on);
  it.state = ItemState::kPublished;
  it.channels = channels.empty() ? std::vector<ItemChannel>{{Channel::kWebsite, D(on)}} : channels;
  return it;
}

TEST(CountChannelsTest, AnItemOnThreeChannelsCountsOnceInTheTotalAndOnceInEach) {
  std::vector<Item> items = {Published(1, 1, "2024-05-01",
                                       {{Channel::kWebsite, D("2024-05-01")},
                                        {Channel::kWechat, D("2024-05-01")},
                                        {Channel::kWeibo, D("2024-05-02")}})};
  ChannelCounts c = CountChannels(items, 2024);
  EXPECT_EQ(c.distinct, 1);
  EXPECT_EQ(c.On(Channel::kWebsite), 1);
  EXPECT_EQ(c.On(Channel::kWechat), 1);
  EXPECT_EQ(c.On(Channel::kWeibo), 1);
  EXPECT_EQ(c.On(Channel::kGazette), 0);
}

TEST(CountChannelsTest, CountsByChannelDateAndSkipsUnpublished) {
  Item late =
      Published(1, 1, "2023-12-30",
                {{Channel::kWebsite, D("2023-12-30")}, {Channel::kGazette, D("2024-01-15")}});
  Item withdrawn = Published(2, 1, "2024-02-01");
  withdrawn.state = ItemState::kWithdrawn;  // was published: counts
  Item draft = Published(3, 1, "2024-02-01");
  draft.state = ItemState::kDraft;
  std::vector<Item> items = {late, withdrawn, draft};
  ChannelCounts y2023 = CountChannels(items, 2023), y2024 = CountChannels(items, 2024);
  EXPECT_EQ(y2023.distinct, 1);
  EXPECT_EQ(y2023.On(Channel::kWebsite), 1);
  EXPECT_EQ(y2024.distinct, 2);  // the gazette reprint of item 1, and item 2
  EXPECT_EQ(y2024.On(Channel::kGazette), 1);
  EXPECT_EQ(y2024.On(Channel::kWebsite), 1);
}

TEST(CountDocumentsTest, Table2CountsAcrossAYearBoundary) {
  auto normative = [](Id id, const char* published) {
    Item it = Published(id, 1, published);
    it.is_normative = true;
    return it;
  };
  Item a = normative(1, "2019-12-31");  // issued on the last day of 2019 ...
  a.validity = Validity::kRepealed;
  a.validity_changed_on = D("2020-01-01");  // ... repealed on the first day of 2020
  Item b = normative(2, "2019-06-01");
  Item c = normative(3, "2020-03-01");
  c.validity = Validity::kExpired;
  c.validity_changed_on = D("2020-12-31");  // expired within its own year
  Item d = normative(4, "2020-07-01");
  d.state = ItemState::kWithdrawn;  // withdrawn from the portal, still in force
  Item rule = Published(5, 1, "2020-01-01");
  rule.is_regulation = true;
  Item plain = Published(6, 1, "2020-01-01");  // neither kind: not counted
  std::vector<Item> items = {a, b, c, d, rule, plain};

  Table2Documents y2019 = CountDocuments(items, 2019);
  EXPECT_EQ(y2019.normative, (DocumentCounts{2, 0, 2}));
  EXPECT_EQ(y2019.regulations, (DocumentCounts{0, 0, 0}));
  Table2Documents y2020 = CountDocuments(items, 2020);
  EXPECT_EQ(y2020.normative, (DocumentCounts{2, 2, 2}));  // c, d issued; a, c ended; b, d in force
  EXPECT_EQ(y2020.regulations, (DocumentCounts{1, 0, 1}));
  // 现行有效(N) = 现行有效(N-1) + 制发(N) - 废止(N)
  EXPECT_EQ(y2020.normative.in_force,
            y2019.normative.in_force + y2020.normative.issued - y2020.normative.repealed);
}

TEST(CountResponsesTest, ACconcernAnsweredSeveralWaysCountsOnce) {
  auto r = [](ResponseKind k, const char* key, bool principal = false) {
    Response x;
    x.kind = k;
    x.concern_key = key;
    x.principal_attended = principal;
    x.held_on = D("2024-01-01");
    return x;
  };
  ResponseCounts c = CountResponses({r(ResponseKind::kPressConference, "flood", true),
                                     r(ResponseKind::kWeiboWechat, "flood"),
                                     r(ResponseKind::kOnlineInterview, "school", false),
                                     r(ResponseKind::kOther, ""), r(ResponseKind::kOther, "")});
  EXPECT_EQ(c.concerns, 4);  // flood, school, and two unkeyed
  EXPECT_EQ(c.Of(ResponseKind::kPressConference), 1);
  EXPECT_EQ(c.Of(ResponseKind::kOther), 2);
  EXPECT_EQ(c.press_principal, 1);
  EXPECT_EQ(c.interviews_principal, 0);
}

TEST(OverdueDutiesTest, ListsItemsNotPublishedWithinTwentyWorkingDays) {
  HolidayYear y2024{2024,
                    {},
                    {D("2024-10-01"), D("2024-10-02"), D("2024-10-03"), D("2024-10-04"),
                     D("2024-10-05"), D("2024-10-06"), D("2024-10-07")},
                    {D("2024-09-29"), D("2024-10-12")}};
  Calendar calendar({y2024});
  Item draft = Published(1, 1, "2024-09-27");
  draft.state = ItemState::kSubmitted;
  draft.published_on.reset();
  Item fresh = draft;
  fresh.id = 2;
  fresh.formed_on = D("2024-10-20");
  Item done = Published(3, 1, "2024-01-02");
  // 20 working days after 2024-09-27 is 2024-10-30 (the foundation's acceptance check).
  EXPECT_TRUE(OverdueDuties({draft, fresh, done}, calendar, D("2024-10-30")).empty());
  auto overdue = OverdueDuties({draft, fresh, done}, calendar, D("2024-10-31"));
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].item_id, 1);
  EXPECT_EQ(overdue[0].due_on, D("2024-10-30"));
  EXPECT_EQ(overdue[0].working_days_late, 1);
  EXPECT_FALSE(overdue[0].provisional);
}

TEST(ColumnAuditTest, FlagsEmptyMandatoryAndStaleColumns) {
  Org org = MakeOrg(7, "QXS", "青溪市人民政府", OrgKind::kGovernment);
  auto catalog = EffectiveCatalog(org, {});
  Item news = Published(1, 7, "2024-06-01");
  news.category = "法定主动公开内容/工作动态";
  Item notice = Published(2, 7, "2024-01-05");
  notice.category = "法定主动公开内容/通知公告";
  Item nested = Published(3, 7, "2024-05-30");
  nested.category = "法定主动公开内容/通知公告/停水通知";  // counts in its parent column
  Item withdrawn = Published(4, 7, "2024-06-10");
  withdrawn.category = "法定主动公开内容/人事任免";
  withdrawn.state = ItemState::kWithdrawn;  // does not keep a column alive
  auto report =
      AuditColumns({7}, {{7, catalog}}, {news, notice, nested, withdrawn}, {}, D("2024-06-15"), 90);
  auto row = [&](const char* path) {
    for (const auto& r : report.rows) {
      if (r.path == path) return r;
    }
    ADD_FAILURE() << "no row " << path;
    return ColumnAuditRow{};
  };
  auto notices = row("法定主动公开内容/通知公告");
  EXPECT_EQ(notices.items_total, 2);
  EXPECT_EQ(notices.last_published, D("2024-05-30"));
  EXPECT_FALSE(notices.stale);
  EXPECT_TRUE(row("政府信息公开指南").empty);
  EXPECT_FALSE(row("法定主动公开内容/人事任免").empty) << "not mandatory";
  EXPECT_EQ(row("法定主动公开内容/人事任免").items_total, 0);
  // Three months later the news column has gone stale.
  auto later = AuditColumns({7}, {{7, catalog}}, {news}, {}, D("2024-09-15"), 90);
  for (const auto& r : later.rows) {
    if (r.path == "法定主动公开内容/工作动态") {
      EXPECT_TRUE(r.stale);
      EXPECT_NEAR(r.per_month, 1.0 / 12, 1e-9);
    }
  }
  EXPECT_GT(later.findings(), 0);
}

TEST(AdminStatsTest, SetValidatesAndAudits) {
  FakeStore store;
  ChangeContext ctx{"test", "2024-01-01T00:00:00Z"};
  Id org = 0;
  ASSERT_TRUE(store
                  .Transact([&](Repositories& r) -> Status {
                    GONGKAI_ASSIGN_OR_RETURN(
                        org, r.orgs().Insert(MakeOrg(0, "QXS", "青溪", OrgKind::kGovernment)));
                    return Status::Ok();
                  })
                  .ok());
  Status bad = store.Transact([&](Repositories& r) {
    return SetAdminStats(r, ctx, {org, 2024, -1, 0, 0, 0});
  });
  EXPECT_EQ(bad.field(), "licensing");
  ASSERT_TRUE(store
                  .Transact([&](Repositories& r) {
                    return SetAdminStats(r, ctx, {org, 2024, 120, 30, 4, 961716});
                  })
                  .ok());
  ASSERT_TRUE(store
                  .Transact([&](Repositories& r) -> Status {
                    GONGKAI_ASSIGN_OR_RETURN(auto s, r.orgs().GetAdminStats(org, 2024));
                    EXPECT_EQ(s->fees_yuan, 961716);
                    GONGKAI_ASSIGN_OR_RETURN(auto events,
                                             r.audit().ListFor("admin_stats", "1/2024"));
                    EXPECT_EQ(events.size(), 1u);
                    return Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace gongkai::core
