#include "core/fake_store.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace gongkai::core {
namespace {

Date D(const char* iso) {
  Result<Date> d = Date::Parse(iso);
  EXPECT_TRUE(d.ok()) << iso;
  return d.ok() ? *d : Date();
}

Org MakeOrg(std::string code, int sort_order = 0, std::optional<Id> parent = std::nullopt) {
  Org o;
  o.parent_id = parent;
  o.code = code;
  o.name = "机构" + code;
  o.kind = OrgKind::kDepartment;
  o.sort_order = sort_order;
  o.acceptance_address = "人民路1号";
  o.acceptance_hours = "9:00-17:00";
  o.acceptance_phone = "0571-12345678";
  return o;
}

User MakeUser(std::string username) {
  User u;
  u.username = username;
  u.display_name = "用户" + username;
  u.password_hash = "$argon2id$v=19$x";
  u.created_at = "2025-01-02T03:04:05Z";
  return u;
}

Item MakeItem(Id org_id, std::optional<std::string> index_no) {
  Item it;
  it.org_id = org_id;
  it.index_no = std::move(index_no);
  it.title = "关于印发某办法的通知";
  it.summary = "概述";
  it.publisher = "某局";
  it.formed_on = D("2025-03-01");
  it.published_on = D("2025-03-05");
  it.doc_no = "某发〔2025〕1号";
  it.topic = "综合政务";
  it.category = "政策文件/规范性文件";
  it.disclosure_mode = "主动公开";
  it.is_normative = true;
  it.state = ItemState::kPublished;
  it.body_md = "# 正文";
  return it;
}

Request MakeRequest(Id org_id, int year, int serial, const char* received_on) {
  Request r;
  r.org_id = org_id;
  r.year = year;
  r.serial = serial;
  r.tracking_no = std::to_string(year) + "-" + std::to_string(serial);
  r.lookup_code_hash = "h";
  r.description = "某项目的审批文件";
  r.submitted_on = D(received_on);
  r.received_on = D(received_on);
  r.due_on = D("2026-02-02");
  return r;
}

// Runs `work` in a transaction of `store` and expects it to commit.
void Commit(FakeStore& store, const std::function<Status(Repositories&)>& work) {
  Status s = store.Transact(work);
  ASSERT_TRUE(s.ok()) << s.ToString();
}

// The status `call` produced inside a transaction that then commits.
template <typename F>
Status StatusOf(FakeStore& store, F call) {
  Status out;
  Commit(store, [&](Repositories& r) {
    out = call(r);
    return Status::Ok();
  });
  return out;
}

int64_t CountOf(FakeStore& store, const std::string& table) {
  int64_t n = -1;
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(TableCounts counts, r.CountAll());
    for (const auto& [name, count] : counts.rows) {
      if (name == table) n = count;
    }
    return Status::Ok();
  });
  return n;
}

Id InsertOrg(FakeStore& store, const Org& org) {
  Id id = 0;
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(id, r.orgs().Insert(org));
    return Status::Ok();
  });
  return id;
}

TEST(FakeStoreTest, OrgRoundTripAndOrdering) {
  FakeStore store;
  Org root = MakeOrg("ROOT", 5);
  root.kind = OrgKind::kGovernment;
  root.reading_points = {{"档案馆", "文一路1号", "周一至周五"}, {"图书馆", "文二路2号", ""}};
  Id root_id = InsertOrg(store, root);
  Id a = InsertOrg(store, MakeOrg("A", 1, root_id));
  Id b = InsertOrg(store, MakeOrg("B", 1, root_id));
  EXPECT_EQ(root_id, 1);
  EXPECT_EQ(a, 2);
  EXPECT_EQ(b, 3);

  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(Org got, r.orgs().Get(root_id));
    root.id = root_id;
    EXPECT_EQ(got, root);
    GONGKAI_ASSIGN_OR_RETURN(auto by_code, r.orgs().FindByCode("A"));
    EXPECT_TRUE(by_code.has_value() && by_code->id == a);
    GONGKAI_ASSIGN_OR_RETURN(auto none, r.orgs().FindByCode("NOPE"));
    EXPECT_FALSE(none.has_value());
    GONGKAI_ASSIGN_OR_RETURN(auto all, r.orgs().List());
    std::vector<Id> ids;
    for (const auto& o : all) ids.push_back(o.id);
    EXPECT_EQ(ids, (std::vector<Id>{a, b, root_id}));  // sort_order, then id
    return Status::Ok();
  });

  // Update replaces every field and the reading points.
  root.name = "某市人民政府";
  root.reading_points = {{"政务服务中心", "市民中心", "全天"}};
  Commit(store, [&](Repositories& r) { return r.orgs().Update(root); });
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(Org got, r.orgs().Get(root_id));
    EXPECT_EQ(got, root);
    return Status::Ok();
  });
  EXPECT_EQ(CountOf(store, "reading_points"), 1);
}

TEST(FakeStoreTest, OrgErrors) {
  FakeStore store;
  InsertOrg(store, MakeOrg("DUP"));
  Status dup =
      StatusOf(store, [](Repositories& r) { return r.orgs().Insert(MakeOrg("DUP")).status(); });
  EXPECT_EQ(dup.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.field(), "code");

  Status missing = StatusOf(store, [](Repositories& r) { return r.orgs().Get(42).status(); });
  EXPECT_EQ(missing.code(), ErrorCode::kNotFound);
  Org ghost = MakeOrg("GHOST");
  ghost.id = 42;
  EXPECT_EQ(StatusOf(store, [&](Repositories& r) { return r.orgs().Update(ghost); }).code(),
            ErrorCode::kNotFound);

  // A parent that does not exist violates the foreign key: the whole transaction fails.
  Status fk = store.Transact([](Repositories& r) {
    (void)r.orgs().Insert(MakeOrg("FINE"));
    return r.orgs().Insert(MakeOrg("ORPHAN", 0, Id{99})).status();
  });
  EXPECT_EQ(fk.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(CountOf(store, "orgs"), 1);

  // Renaming a code onto a taken one violates the unique index.
  Id other = InsertOrg(store, MakeOrg("OTHER"));
  Org clash = MakeOrg("DUP");
  clash.id = other;
  EXPECT_EQ(store.Transact([&](Repositories& r) { return r.orgs().Update(clash); }).code(),
            ErrorCode::kAlreadyExists);
}

TEST(FakeStoreTest, YearFactsStatsAndMeetings) {
  FakeStore store;
  Id org = InsertOrg(store, MakeOrg("ORG"));
  Commit(store, [&](Repositories& r) {
    GONGKAI_RETURN_IF_ERROR(r.orgs().PutYearFacts({org, 2025, 1, 2, 3, 40000}));
    GONGKAI_RETURN_IF_ERROR(r.orgs().PutYearFacts({org, 2025, 1, 3, 3, 50000}));  // replaces
    GONGKAI_RETURN_IF_ERROR(r.orgs().PutAdminStats({org, 2025, 10, 20, 30, 400}));
    Meeting m;
    m.org_id = org;
    m.title = "培训";
    m.category = MeetingCategory::kTraining;
    m.attendees = 50;
    for (const char* day : {"2025-06-01", "2024-12-31", "2025-01-01", "2025-06-01"}) {
      m.held_on = D(day);
      GONGKAI_RETURN_IF_ERROR(r.orgs().InsertMeeting(m).status());
    }
    return Status::Ok();
  });
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(auto facts, r.orgs().GetYearFacts(org, 2025));
    EXPECT_EQ(facts, (OrgYearFacts{org, 2025, 1, 3, 3, 50000}));
    GONGKAI_ASSIGN_OR_RETURN(auto no_facts, r.orgs().GetYearFacts(org, 2024));
    EXPECT_FALSE(no_facts.has_value());
    GONGKAI_ASSIGN_OR_RETURN(auto stats, r.orgs().GetAdminStats(org, 2025));
    EXPECT_EQ(stats, (AdminStats{org, 2025, 10, 20, 30, 400}));
    GONGKAI_ASSIGN_OR_RETURN(auto meetings, r.orgs().ListMeetings(org, 2025));
    std::vector<Id> ids;
    for (const auto& m : meetings) ids.push_back(m.id);
    EXPECT_EQ(ids, (std::vector<Id>{3, 1, 4}));  // by held_on, then id; 2024 left out
    return Status::Ok();
  });
  EXPECT_EQ(CountOf(store, "org_year_facts"), 1);

  // CHECK (staff_full_time >= 0) as in the schema.
  EXPECT_EQ(store
                .Transact([&](Repositories& r) {
                  return r.orgs().PutYearFacts({org, 2026, 0, -1, 0, 0});
                })
                .code(),
            ErrorCode::kAlreadyExists);
}

TEST(FakeStoreTest, UsersAndGrants) {
  FakeStore store;
  Id org = InsertOrg(store, MakeOrg("ORG"));
  Id zoe = 0, amy = 0, grant = 0;
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(zoe, r.users().Insert(MakeUser("zoe")));
    GONGKAI_ASSIGN_OR_RETURN(amy, r.users().Insert(MakeUser("amy")));
    GONGKAI_ASSIGN_OR_RETURN(
        grant, r.users().InsertGrant({0, zoe, org, Role::kEditor, "2025-01-01T00:00:00Z", {}}));
    return Status::Ok();
  });
  Status dup =
      StatusOf(store, [](Repositories& r) { return r.users().Insert(MakeUser("zoe")).status(); });
  EXPECT_EQ(dup.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.field(), "username");

  User changed = MakeUser("zoe2");
  changed.id = zoe;
  changed.disabled = true;
  changed.created_at = "2099-01-01T00:00:00Z";  // not an updatable column
  Commit(store, [&](Repositories& r) { return r.users().Update(changed); });
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(auto all, r.users().List());
    EXPECT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].username, "amy");
    EXPECT_EQ(all[1].username, "zoe2");
    EXPECT_TRUE(all[1].disabled);
    EXPECT_EQ(all[1].created_at, "2025-01-02T03:04:05Z");
    GONGKAI_ASSIGN_OR_RETURN(auto gone, r.users().FindByUsername("zoe"));
    EXPECT_FALSE(gone.has_value());
    return Status::Ok();
  });
  User ghost = MakeUser("ghost");
  ghost.id = 77;
  EXPECT_EQ(StatusOf(store, [&](Repositories& r) { return r.users().Update(ghost); }).code(),
            ErrorCode::kNotFound);

  // Revoking keeps the grant, with revoked_at; revoking again is kNotFound.
  Commit(store,
         [&](Repositories& r) { return r.users().RevokeGrant(grant, "2025-02-01T00:00:00Z"); });
  EXPECT_EQ(StatusOf(store,
                     [&](Repositories& r) {
                       return r.users().RevokeGrant(grant, "2025-03-01T00:00:00Z");
                     })
                .code(),
            ErrorCode::kNotFound);
  Commit(store, [&](Repositories& r) {
    GONGKAI_RETURN_IF_ERROR(
        r.users().InsertGrant({0, zoe, org, Role::kReviewer, "2025-02-02T00:00:00Z", {}}).status());
    GONGKAI_ASSIGN_OR_RETURN(auto grants, r.users().ListGrants(zoe));
    EXPECT_EQ(grants.size(), 2u);
    EXPECT_EQ(grants[0].id, grant);
    EXPECT_EQ(grants[0].revoked_at, std::optional<std::string>("2025-02-01T00:00:00Z"));
    EXPECT_FALSE(grants[1].revoked_at.has_value());
    GONGKAI_ASSIGN_OR_RETURN(auto none, r.users().ListGrants(amy));
    EXPECT_TRUE(none.empty());
    return Status::Ok();
  });
  // A grant for a user that does not exist violates the foreign key.
  EXPECT_EQ(store
                .Transact([&](Repositories& r) {
                  return r.users().InsertGrant({0, 999, org, Role::kAdmin, "x", {}}).status();
                })
                .code(),
            ErrorCode::kAlreadyExists);
}

TEST(FakeStoreTest, CalendarYearsAsStored) {
  FakeStore store;
  HolidayYear y2025;
  y2025.year = 2025;
  y2025.notices = {"https://example.gov.cn/a", "https://example.gov.cn/b\nc", ""};
  y2025.off_days = {D("2025-10-01"), D("2025-01-01")};
  y2025.makeup_work_days = {D("2025-09-28"), D("2025-01-26")};
  HolidayYear y2024;
  y2024.year = 2024;
  y2024.off_days = {D("2024-01-01")};
  Commit(store, [&](Repositories& r) {
    GONGKAI_RETURN_IF_ERROR(r.calendar().PutYear(y2025));
    return r.calendar().PutYear(y2024);
  });
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(auto years, r.calendar().ListYears());
    EXPECT_EQ(years.size(), 2u);
    EXPECT_EQ(years[0].year, 2024);
    EXPECT_EQ(years[1].notices,
              (std::vector<std::string>{"https://example.gov.cn/a", "https://example.gov.cn/b",
                                        "c"}));  // one TEXT column, split at '\n'

    EXPECT_EQ(years[1].off_days, (std::vector<Date>{D("2025-01-01"), D("2025-10-01")}));
    EXPECT_EQ(years[1].makeup_work_days, (std::vector<Date>{D("2025-01-26"), D("2025-09-28")}));
    return Status::Ok();
  });
  // Replacing a year may reuse its own days; another year's days are the primary key's.
  y2025.off_days = {D("2025-01-01")};
  Commit(store, [&](Repositories& r) { return r.calendar().PutYear(y2025); });
  HolidayYear clash;
  clash.year = 2023;
  clash.off_days = {D("2024-01-01")};
  EXPECT_EQ(store.Transact([&](Repositories& r) { return r.calendar().PutYear(clash); }).code(),
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(CountOf(store, "holiday_years"), 2);
}

TEST(FakeStoreTest, ItemsRoundTrip) {
  FakeStore store;
  Id org = InsertOrg(store, MakeOrg("ORG"));
  Id other_org = InsertOrg(store, MakeOrg("OTHER"));
  Item item = MakeItem(org, "ORG-2025-0001");
  item.channels = {{Channel::kWeibo, D("2025-03-06")},
                   {Channel::kWebsite, D("2025-03-05")},
                   {Channel::kApp, D("2025-03-07")}};
  Id id = 0;
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(id, r.items().Insert(item));
    return Status::Ok();
  });
  item.id = id;
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(id));
    Item expected = item;  // channels come back ordered by their code, as ORDER BY channel
    expected.channels = {{Channel::kApp, D("2025-03-07")},
                         {Channel::kWebsite, D("2025-03-05")},
                         {Channel::kWeibo, D("2025-03-06")}};
    EXPECT_EQ(got, expected);
    GONGKAI_ASSIGN_OR_RETURN(auto by_index, r.items().FindByIndexNo("ORG-2025-0001"));
    EXPECT_TRUE(by_index && by_index->id == id);
    return Status::Ok();
  });

  Status dup = StatusOf(store, [&](Repositories& r) {
    return r.items().Insert(MakeItem(org, "ORG-2025-0001")).status();
  });
  EXPECT_EQ(dup.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.field(), "index_no");
  EXPECT_EQ(StatusOf(store, [](Repositories& r) { return r.items().Get(999).status(); }).code(),
            ErrorCode::kNotFound);

  std::vector<Item> batch = {MakeItem(org, std::nullopt), MakeItem(other_org, "OTHER-1"),
                             MakeItem(org, "ORG-2025-0002")};
  Commit(store, [&](Repositories& r) { return r.items().InsertMany(batch); });
  EXPECT_EQ(batch[0].id, 2);
  EXPECT_EQ(batch[1].id, 3);
  EXPECT_EQ(batch[2].id, 4);

  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(auto newest, r.items().ListByOrg(org, 2));
    EXPECT_EQ(newest.size(), 2u);
    if (newest.size() == 2) {
      EXPECT_EQ(newest[0].id, 4);
      EXPECT_EQ(newest[1].id, 2);
    }
    GONGKAI_ASSIGN_OR_RETURN(auto none, r.items().ListByOrg(org, -1));
    EXPECT_TRUE(none.empty());
    GONGKAI_ASSIGN_OR_RETURN(int64_t n, r.items().Count());
    EXPECT_EQ(n, 4);
    return Status::Ok();
  });

  // Update replaces the fields and the channels; the old 索引号 becomes free.
  item.index_no = "ORG-2025-0009";
  item.validity = Validity::kRepealed;
  item.validity_changed_on = D("2025-12-01");
  item.channels = {{Channel::kGazette, D("2025-04-01")}};
  Commit(store, [&](Repositories& r) { return r.items().Update(item); });
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(Item got, r.items().Get(id));
    EXPECT_EQ(got, item);
    GONGKAI_ASSIGN_OR_RETURN(auto old, r.items().FindByIndexNo("ORG-2025-0001"));
    EXPECT_FALSE(old.has_value());
    return Status::Ok();
  });
  EXPECT_EQ(CountOf(store, "item_channels"), 1);
  Item ghost = MakeItem(org, std::nullopt);
  ghost.id = 999;
  EXPECT_EQ(StatusOf(store, [&](Repositories& r) { return r.items().Update(ghost); }).code(),
            ErrorCode::kNotFound);

  // A later duplicate in a bulk load hits the unique index: nothing of the batch is kept.
  std::vector<Item> bad = {MakeItem(org, "NEW-1"), MakeItem(org, "NEW-1")};
  EXPECT_EQ(store.Transact([&](Repositories& r) { return r.items().InsertMany(bad); }).code(),
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(CountOf(store, "items"), 4);
}

TEST(FakeStoreTest, ResponsesByYear) {
  FakeStore store;
  Id org = InsertOrg(store, MakeOrg("ORG"));
  Commit(store, [&](Repositories& r) {
    Response resp;
    resp.org_id = org;
    resp.topic = "解读";
    for (const char* day : {"2025-05-01", "2025-02-01", "2026-01-01"}) {
      resp.held_on = D(day);
      GONGKAI_RETURN_IF_ERROR(r.items().InsertResponse(resp).status());
    }
    GONGKAI_ASSIGN_OR_RETURN(auto list, r.items().ListResponses(org, 2025));
    EXPECT_EQ(list.size(), 2u);
    if (list.size() == 2) {
      EXPECT_EQ(list[0].id, 2);
      EXPECT_EQ(list[1].id, 1);
    }
    return Status::Ok();
  });
  Response dangling;
  dangling.org_id = org;
  dangling.interpreted_item_id = 5;
  EXPECT_EQ(
      store.Transact([&](Repositories& r) { return r.items().InsertResponse(dangling).status(); })
          .code(),
      ErrorCode::kAlreadyExists);
}

TEST(FakeStoreTest, RequestsAndEvents) {
  FakeStore store;
  Id org = InsertOrg(store, MakeOrg("ORG"));
  Request late = MakeRequest(org, 2025, 7, "2026-01-04");  // numbered 2025, received 2026
  Request first = MakeRequest(org, 2025, 2, "2025-06-01");
  Request early = MakeRequest(org, 2025, 3, "2025-03-01");
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(late.id, r.requests().Insert(late));
    GONGKAI_ASSIGN_OR_RETURN(first.id, r.requests().Insert(first));
    GONGKAI_ASSIGN_OR_RETURN(early.id, r.requests().Insert(early));
    return Status::Ok();
  });
  Status dup = StatusOf(store, [&](Repositories& r) {
    return r.requests().Insert(MakeRequest(org, 2025, 2, "2025-07-01")).status();
  });
  EXPECT_EQ(dup.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(dup.field(), "tracking_no");

  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(Request got, r.requests().Get(first.id));
    EXPECT_EQ(got, first);
    GONGKAI_ASSIGN_OR_RETURN(auto in_2025, r.requests().ListByOrgYear(org, 2025));
    EXPECT_EQ(in_2025.size(), 2u);
    if (in_2025.size() == 2) {
      EXPECT_EQ(in_2025[0].id, early.id);
      EXPECT_EQ(in_2025[1].id, first.id);
    }
    GONGKAI_ASSIGN_OR_RETURN(auto in_2026, r.requests().ListByOrgYear(org, 2026));
    EXPECT_EQ(in_2026.size(), 1u);
    GONGKAI_ASSIGN_OR_RETURN(int max_2025, r.requests().MaxSerial(org, 2025));
    EXPECT_EQ(max_2025, 7);
    GONGKAI_ASSIGN_OR_RETURN(int max_2026, r.requests().MaxSerial(org, 2026));
    EXPECT_EQ(max_2026, 0);
    GONGKAI_ASSIGN_OR_RETURN(int64_t n, r.requests().Count());
    EXPECT_EQ(n, 3);
    return Status::Ok();
  });
  EXPECT_EQ(StatusOf(store, [](Repositories& r) { return r.requests().Get(99).status(); }).code(),
            ErrorCode::kNotFound);

  first.state = RequestState::kAnswered;
  first.outcome = "3-1";
  first.closed_on = D("2025-06-20");
  first.serial = 8;
  Commit(store, [&](Repositories& r) { return r.requests().Update(first); });
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(Request got, r.requests().Get(first.id));
    EXPECT_EQ(got, first);
    GONGKAI_ASSIGN_OR_RETURN(int max_2025, r.requests().MaxSerial(org, 2025));
    EXPECT_EQ(max_2025, 8);
    return Status::Ok();
  });
  // Serial 2 is free again; serial 3 is taken by another request.
  EXPECT_TRUE(StatusOf(store, [&](Repositories& r) {
                return r.requests().Insert(MakeRequest(org, 2025, 2, "2025-08-01")).status();
              }).ok());
  Request clash = first;
  clash.serial = 3;
  EXPECT_EQ(store.Transact([&](Repositories& r) { return r.requests().Update(clash); }).code(),
            ErrorCode::kAlreadyExists);

  Commit(store, [&](Repositories& r) {
    RequestEvent e;
    e.kind = "receipt";
    e.on = D("2025-06-01");
    e.seq = 42;  // ignored: the store numbers events
    e.request_id = first.id;
    GONGKAI_RETURN_IF_ERROR(r.requests().AppendEvent(e).status());
    e.request_id = early.id;
    GONGKAI_RETURN_IF_ERROR(r.requests().AppendEvent(e).status());
    e.request_id = first.id;
    e.kind = "answer";
    GONGKAI_RETURN_IF_ERROR(r.requests().AppendEvent(e).status());
    GONGKAI_ASSIGN_OR_RETURN(auto events, r.requests().ListEvents(first.id));
    EXPECT_EQ(events.size(), 2u);
    if (events.size() == 2) {
      EXPECT_EQ(events[0].seq, 1);
      EXPECT_EQ(events[1].seq, 2);
      EXPECT_EQ(events[1].kind, "answer");
      EXPECT_EQ(events[1].id, 3);
    }
    GONGKAI_ASSIGN_OR_RETURN(auto other, r.requests().ListEvents(early.id));
    EXPECT_EQ(other.size(), 1u);
    return Status::Ok();
  });
  RequestEvent orphan;
  orphan.request_id = 999;
  EXPECT_EQ(
      store.Transact([&](Repositories& r) { return r.requests().AppendEvent(orphan).status(); })
          .code(),
      ErrorCode::kAlreadyExists);
}

TEST(FakeStoreTest, CasesRoundTrip) {
  FakeStore store;
  Id org = InsertOrg(store, MakeOrg("ORG"));
  std::vector<Consultation> consultations = {
      {0, org, ConsultChannel::kPhone, D("2025-04-02"), "a", true, ""},
      {0, org, ConsultChannel::kOnline, D("2025-04-01"), "b", false, "sealed"},
      {0, org, ConsultChannel::kOnSite, D("2024-04-01"), "c", true, ""}};
  std::vector<Complaint> complaints = {
      {0, org, ComplaintChannel::kHotline12345, D("2025-01-05"), "投诉", D("2025-01-09"), ""},
      {0, org, ComplaintChannel::kMayorMailbox, D("2025-01-04"), "信箱", std::nullopt, "sealed"}};
  LegalCase review{
      0, org, CaseKind::kReview, std::nullopt, D("2025-05-01"), CaseResult::kPending, std::nullopt};
  Commit(store, [&](Repositories& r) {
    GONGKAI_RETURN_IF_ERROR(r.cases().InsertConsultations(consultations));
    GONGKAI_RETURN_IF_ERROR(r.cases().InsertComplaints(complaints));
    GONGKAI_ASSIGN_OR_RETURN(review.id, r.cases().InsertLegalCase(review));
    return Status::Ok();
  });
  EXPECT_EQ(consultations[2].id, 3);
  EXPECT_EQ(complaints[1].id, 2);
  EXPECT_EQ(review.id, 1);

  review.result = CaseResult::kCorrected;
  review.closed_on = D("2025-07-01");
  Commit(store, [&](Repositories& r) { return r.cases().UpdateLegalCase(review); });
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(auto cons, r.cases().ListConsultations(org, 2025));
    EXPECT_EQ(cons, (std::vector<Consultation>{consultations[1], consultations[0]}));
    GONGKAI_ASSIGN_OR_RETURN(auto comp, r.cases().ListComplaints(org, 2025));
    EXPECT_EQ(comp, (std::vector<Complaint>{complaints[1], complaints[0]}));
    GONGKAI_ASSIGN_OR_RETURN(auto cases, r.cases().ListLegalCases(org, 2025));
    EXPECT_EQ(cases, (std::vector<LegalCase>{review}));
    GONGKAI_ASSIGN_OR_RETURN(auto none, r.cases().ListLegalCases(org, 2024));
    EXPECT_TRUE(none.empty());
    return Status::Ok();
  });
  complaints[1].replied_on = D("2025-01-06");
  Commit(store, [&](Repositories& r) {
    GONGKAI_RETURN_IF_ERROR(r.cases().SetComplaintReplied(complaints[1].id, D("2025-01-06")));
    GONGKAI_ASSIGN_OR_RETURN(Complaint back, r.cases().GetComplaint(complaints[1].id));
    EXPECT_EQ(back, complaints[1]);
    return Status::Ok();
  });
  EXPECT_EQ(
      StatusOf(store, [&](Repositories& r) { return r.cases().GetComplaint(9).status(); }).code(),
      ErrorCode::kNotFound);
  EXPECT_EQ(
      StatusOf(store, [&](Repositories& r) { return r.cases().SetComplaintReplied(9, {}); }).code(),
      ErrorCode::kNotFound);
  LegalCase ghost = review;
  ghost.id = 9;
  EXPECT_EQ(
      StatusOf(store, [&](Repositories& r) { return r.cases().UpdateLegalCase(ghost); }).code(),
      ErrorCode::kNotFound);
  LegalCase dangling = review;
  dangling.request_id = 12;
  EXPECT_EQ(
      store.Transact([&](Repositories& r) { return r.cases().InsertLegalCase(dangling).status(); })
          .code(),
      ErrorCode::kAlreadyExists);
}

TEST(FakeStoreTest, ErrorStatusRollsBackEverything) {
  FakeStore store;
  Status s = store.Transact([](Repositories& r) {
    (void)r.orgs().Insert(MakeOrg("A"));
    (void)r.users().Insert(MakeUser("alice"));
    return FailedPrecondition("changed my mind");
  });
  EXPECT_EQ(s.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "changed my mind");
  Commit(store, [](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(TableCounts counts, r.CountAll());
    for (const auto& [table, n] : counts.rows) EXPECT_EQ(n, 0) << table;
    return Status::Ok();
  });
  // As in SQLite, the ids of a rolled-back transaction are given out again.
  EXPECT_EQ(InsertOrg(store, MakeOrg("B")), 1);
}

TEST(FakeStoreTest, ExceptionBecomesInternalAndRollsBack) {
  FakeStore store;
  Status s = store.Transact([](Repositories& r) -> Status {
    (void)r.orgs().Insert(MakeOrg("A"));
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(s.code(), ErrorCode::kInternal);
  EXPECT_NE(s.message().find("boom"), std::string::npos);
  EXPECT_EQ(CountOf(store, "orgs"), 0);
}

TEST(FakeStoreTest, SwallowedViolationCannotCommit) {
  FakeStore store;
  Status s = store.Transact([](Repositories& r) {
    (void)r.orgs().Insert(MakeOrg("A"));
    try {
      (void)r.orgs().InsertMeeting(
          Meeting{0, 99, MeetingCategory::kMeeting, "", "t", D("2025-01-01"), 1});
    } catch (const std::exception&) {
      // A caller must not carry on after a failed statement; the fake makes sure.
    }
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(CountOf(store, "orgs"), 0);
}

TEST(FakeStoreTest, UnreadableStoredDateIsDataLoss) {
  FakeStore store;
  Id org = InsertOrg(store, MakeOrg("ORG"));
  Meeting m{0, org, MeetingCategory::kMeeting, "", "old", Date::FromYmd(1850, 1, 1), 1};
  Commit(store, [&](Repositories& r) { return r.orgs().InsertMeeting(m).status(); });
  EXPECT_EQ(
      store.Transact([&](Repositories& r) { return r.orgs().ListMeetings(org, 1850).status(); })
          .code(),
      ErrorCode::kDataLoss);
}

TEST(FakeStoreTest, NestedTransactIsUnavailable) {
  FakeStore store;
  Status inner;
  Commit(store, [&](Repositories& r) {
    inner = store.Transact([](Repositories&) { return Status::Ok(); });
    return r.orgs().Insert(MakeOrg("A")).status();
  });
  EXPECT_EQ(inner.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(CountOf(store, "orgs"), 1);
}

TEST(FakeStoreTest, AuditChainVerifiesAndDetectsTampering) {
  FakeStore store;
  std::vector<AuditEvent> appended;
  Commit(store, [&](Repositories& r) {
    for (int i = 1; i <= 3; ++i) {
      AuditEvent e;
      e.at = "2025-01-0" + std::to_string(i) + "T00:00:00Z";
      e.actor = "user:alice";
      e.action = "org.update";
      e.entity = "org";
      e.entity_id = i == 2 ? "7" : "1";
      e.after_json = R"({"n":)" + std::to_string(i) + "}";
      GONGKAI_ASSIGN_OR_RETURN(AuditEvent stored, r.audit().Append(e));
      appended.push_back(stored);
    }
    return Status::Ok();
  });
  ASSERT_EQ(appended.size(), 3u);
  EXPECT_EQ(appended[0].id, 1);
  EXPECT_EQ(appended[0].prev_hash, "");
  EXPECT_EQ(appended[1].prev_hash, appended[0].hash);
  EXPECT_EQ(appended[2].prev_hash, appended[1].hash);
  EXPECT_EQ(appended[2].hash.size(), 64u);
  EXPECT_EQ(appended[2].hash, FakeStore::AuditDigest(AuditChainInput(appended[2])));

  auto verify = [&] {
    std::optional<Id> broken;
    Commit(store, [&](Repositories& r) {
      GONGKAI_ASSIGN_OR_RETURN(broken, r.audit().Verify());
      return Status::Ok();
    });
    return broken;
  };
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(auto about_1, r.audit().ListFor("org", "1"));
    EXPECT_EQ(about_1, (std::vector<AuditEvent>{appended[0], appended[2]}));
    GONGKAI_ASSIGN_OR_RETURN(int64_t n, r.audit().Count());
    EXPECT_EQ(n, 3);
    return Status::Ok();
  });
  EXPECT_EQ(verify(), std::nullopt);

  EXPECT_EQ(store.TamperAuditEventForTest(9, "{}").code(), ErrorCode::kNotFound);
  ASSERT_TRUE(store.TamperAuditEventForTest(2, R"({"n":200})").ok());
  EXPECT_EQ(verify(), std::optional<Id>(2));
}

TEST(FakeStoreTest, AuditVerifyDetectsDeletedEvents) {
  for (Id deleted : {Id{1}, Id{3}}) {
    FakeStore store;
    Commit(store, [&](Repositories& r) {
      AuditEvent e;
      e.actor = "system";
      e.action = "x";
      e.entity = "org";
      for (int i = 0; i < 3; ++i) GONGKAI_RETURN_IF_ERROR(r.audit().Append(e).status());
      return Status::Ok();
    });
    ASSERT_TRUE(store.DeleteAuditEventForTest(deleted).ok());
    std::optional<Id> broken;
    Commit(store, [&](Repositories& r) {
      GONGKAI_ASSIGN_OR_RETURN(broken, r.audit().Verify());
      return Status::Ok();
    });
    // Deleting the first breaks the link of the second; deleting the last leaves the
    // head pointing past the end.
    EXPECT_EQ(broken, std::optional<Id>(deleted == 1 ? 2 : 3)) << deleted;
  }
}

TEST(FakeStoreTest, AuditDigestIsDeterministicAndSensitive) {
  EXPECT_EQ(FakeStore::AuditDigest("abc"), FakeStore::AuditDigest("abc"));
  EXPECT_NE(FakeStore::AuditDigest("abc"), FakeStore::AuditDigest("abd"));
  EXPECT_EQ(FakeStore::AuditDigest("").size(), 64u);
  // Lane 0 is FNV-1a 64 of "\0" followed by the input: a fixed value guards the format.
  EXPECT_EQ(FakeStore::AuditDigest("").substr(0, 16), "af63bd4c8601b7df");
}

TEST(FakeStoreTest, InjectedFailureAtBeginSkipsWork) {
  FakeStore store;
  store.FailNextTransactionWith(Unavailable("数据库连接中断"));
  bool ran = false;
  Status s = store.Transact([&](Repositories&) {
    ran = true;
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(s.message(), "数据库连接中断");
  EXPECT_FALSE(ran);
  // Only the next transaction fails.
  EXPECT_EQ(InsertOrg(store, MakeOrg("A")), 1);
}

TEST(FakeStoreTest, InjectedFailureAtCommitDiscardsWrites) {
  FakeStore store;
  store.FailNextTransactionWith(Unavailable("commit failed"), FakeStore::FailPoint::kCommit);
  Id id = 0;
  Status s = store.Transact([&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(id, r.orgs().Insert(MakeOrg("A")));
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(id, 1);                      // work ran...
  EXPECT_EQ(CountOf(store, "orgs"), 0);  // ...but nothing was kept

  store.FailNextTransactionWith(Internal("x"));
  store.FailNextTransactionWith(Status::Ok());  // clears the injection
  EXPECT_EQ(InsertOrg(store, MakeOrg("A")), 1);
}

TEST(FakeStoreTest, CountAllNamesTheSqlTables) {
  FakeStore store;
  std::vector<std::string> names;
  Commit(store, [&](Repositories& r) {
    GONGKAI_ASSIGN_OR_RETURN(TableCounts counts, r.CountAll());
    for (const auto& row : counts.rows) names.push_back(row.first);
    return Status::Ok();
  });
  EXPECT_EQ(names,
            (std::vector<std::string>{
                "orgs", "reading_points", "org_year_facts", "admin_stats", "meetings", "users",
                "role_grants", "holiday_years", "items", "item_channels", "responses", "requests",
                "request_events", "consultations", "complaints", "legal_cases", "audit_events"}));
}

TEST(FakeStoreTest, TransactionsFromManyThreadsSerialise) {
  FakeStore store;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      for (int i = 0; i < 25; ++i) {
        Status s = store.Transact([&](Repositories& r) {
          return r.orgs()
              .Insert(MakeOrg("T" + std::to_string(t) + "-" + std::to_string(i)))
              .status();
        });
        EXPECT_TRUE(s.ok()) << s.ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(CountOf(store, "orgs"), 100);
}

}  // namespace
}  // namespace gongkai::core
