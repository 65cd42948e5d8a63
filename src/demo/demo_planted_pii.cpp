// Items of the demo city that carry personal data (issue 20), so that `gongkai audit
// personal-data` and the review screen have something to show: two lists published with
// full ID numbers, a mobile and a bank card (the classic leak), and two published the
// right way, masked. The audit on the demo lists exactly the first two.
#include <string>

#include "core/index_no.hpp"
#include "core/item_exposure.hpp"
#include "core/pii_scan.hpp"
#include "demo/demo_items.hpp"
#include "demo/demo_state.hpp"

namespace gongkai::demo {
namespace {

std::string Id(std::string first17) { return first17 + core::IdCardCheckChar(first17); }

struct Planted {
  size_t org;  // index into the demo's bodies
  Cat cat;
  const char* title;
  std::string body;
};

}  // namespace

core::Status PlantPersonalData(DemoState& s) {
  const std::string a = Id("43068119580312004"), b = Id("43068119631105102"),
                    c = Id("43068119720621203");
  const size_t dept = s.orgs.size() > 1 ? 1 : 0;
  const Planted planted[] = {
      {0, Cat::kNotices, "城乡最低生活保障新增对象公示",
       "| 序号 | 姓名 | 身份证号 | 联系电话 |\n|---|---|---|---|\n| 1 | 刘桂英 | " + a +
           " | 13907301234 |\n| 2 | 陈建华 | " + b + " | 138 0730 5678 |\n"},
      {dept, Cat::kRecruitment, "事业单位公开招聘拟聘用人员公示",
       "拟聘用人员：周志强，身份证号 " + c +
           "，工资发放账户 6222 0219 0300 1234 560（如有异议请于公示期内反映）。\n"},
      {0, Cat::kNotices, "临时救助对象公示（已按规定遮盖）",
       "| 序号 | 姓名 | 身份证号 | 联系电话 |\n|---|---|---|---|\n| 1 | 王秀兰 | " +
           a.substr(0, 6) + "********" + a.substr(14) + " | 139****1234 |\n"},
      {dept, Cat::kNotices, "行政处罚决定公示（已按规定遮盖）",
       "当事人：赵某某，身份证号 " + b.substr(0, 6) + "********" + b.substr(14) +
           "。违法事实：……\n"},
  };
  const Date on = s.days.last();
  for (const auto& p : planted) {
    const DemoOrg& o = s.orgs[p.org];
    GONGKAI_ASSIGN_OR_RETURN(core::Org org, s.repos.orgs().Get(o.id));
    core::Item it;
    it.org_id = o.id;
    it.publisher = o.name;
    it.topic = o.spec->topic;
    it.category = CategoryPath(p.cat);
    it.disclosure_mode = "主动公开";
    it.state = core::ItemState::kPublished;
    it.published_on = on;
    it.formed_on = on;
    it.title = p.title;
    it.summary = o.name + "发布：" + p.title;
    it.body_md = "# " + std::string(p.title) + "\n\n" + p.body +
                 "\n（青溪市为虚构城市，本条为演示数据，人员信息均为虚构。）\n";
    it.channels = {{core::Channel::kWebsite, on}};
    GONGKAI_ASSIGN_OR_RETURN(std::string index_no, core::NextIndexNo(s.repos, org, on.year()));
    it.index_no = index_no;
    std::vector<core::Item> one{it};
    GONGKAI_RETURN_IF_ERROR(s.repos.items().InsertMany(one));
    // Stored as publishing stores it, so the dashboard counts the two leaking lists.
    GONGKAI_RETURN_IF_ERROR(core::RecordExposureScan(s.repos, one.front(), org).status());
    s.summary.items += 1;
  }
  return core::Status::Ok();
}

}  // namespace gongkai::demo
