#include "core/guide.hpp"

#include <algorithm>

#include "core/item_workflow.hpp"
#include "core/request.hpp"

namespace gongkai::core {
namespace {

constexpr std::string_view kLegalPrefix = "法定主动公开内容/";

std::string Or(const std::string& value, std::string_view fallback) {
  return value.empty() ? std::string(fallback) : value;
}

// "法定主动公开内容/通知公告" → "通知公告"; top-level columns stay as they are.
std::string ColumnName(const std::string& path) {
  std::string_view p = path;
  if (p.starts_with(kLegalPrefix)) p.remove_prefix(kLegalPrefix.size());
  return std::string(p);
}

void Catalog(const GuideRecords& r, std::string& out) {
  out += "### （一）公开的内容和分类\n\n";
  out += "本机关主动公开的政府信息按以下目录栏目分类编排（标注“必设”的为法定必设栏目）：\n\n";
  int n = 0;
  for (const CatalogCategory& c : r.catalog) {
    out += std::to_string(++n) + ". " + ColumnName(c.path);
    if (c.mandatory) out += "（必设）";
    out += "\n";
  }
  out +=
      "\n每条信息标注索引号、信息名称、发布机构、生成日期、发布日期、文号和主题分类，"
      "可按栏目浏览，也可全文检索。\n\n";
}

void Obtaining(const GuideRecords& r, std::string& out) {
  out += "### （二）公开的方式和时限\n\n";
  out +=
      "主动公开的政府信息通过本机关政府信息公开平台（门户网站“政府信息公开”专栏）发布，"
      "并视情况通过政府公报、新闻发布会、政务新媒体以及广播、电视、报刊等途径公开。"
      "属于主动公开范围的政府信息，自该信息形成或者变更之日起 20 个工作日内予以公开"
      "（第二十六条）。\n\n";
  if (!r.org.reading_points.empty()) {
    out += "可在以下政府信息公开查阅点免费查阅（第二十五条）：\n\n";
    for (const ReadingPoint& p : r.org.reading_points) {
      out += "- " + p.name + "：" + Or(p.address, "地址见门户网站") + "；开放时间 " +
             Or(p.hours, "同受理时间") + "\n";
    }
    out += "\n";
  } else {
    out += "本机关的政府信息同时在" + Or(r.root_name, "本级人民政府") +
           "设置的政府信息公开查阅点提供查阅（第二十五条）。\n\n";
  }
}

void Acceptance(const GuideRecords& r, std::string& out) {
  out += "### （一）受理机构\n\n";
  out += "- 名称：" + r.org.name + "政府信息公开工作机构\n";
  out += "- 地址：" + Or(r.org.acceptance_address, "（未登记）") + "\n";
  out += "- 办公时间：" + Or(r.org.acceptance_hours, "（未登记）") + "\n";
  out += "- 联系电话：" + Or(r.org.acceptance_phone, "（未登记）") + "\n";
  out += "- 网上申请：本平台“依申请公开”页面（/apply）\n\n";
}

void Channels(std::string& out) {
  out += "### （二）申请方式\n\n";
  out +=
      "申请人可以通过以下方式提出申请；采用书面形式确有困难的，可以口头提出，"
      "由受理机构代为填写（第二十九条）：\n\n";
  for (RequestChannel c : kAllRequestChannels) {
    out += std::string("- ") + RequestChannelLabel(c) + "：";
    switch (c) {
      case RequestChannel::kInPerson:
        out += "到受理机构当面提交，以提交之日为收到申请之日；\n";
        break;
      case RequestChannel::kPost:
        out += "信封注明“政府信息公开申请”，以签收之日为收到申请之日；\n";
        break;
      case RequestChannel::kFax:
        out += "以双方确认之日为收到申请之日；\n";
        break;
      case RequestChannel::kOnline:
        out += "通过本平台在线提交，以双方确认之日为收到申请之日；\n";
        break;
      case RequestChannel::kOther:
        out += "以双方确认之日为收到申请之日。\n";
        break;
    }
  }
  out +=
      "\n申请内容应包括：申请人的姓名或者名称、身份证明、联系方式；"
      "申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；"
      "申请公开的政府信息的形式要求，包括获取信息的方式、途径（第二十九条）。\n\n";
}

void Procedure(std::string& out) {
  out += "### （三）办理程序和期限\n\n";
  out +=
      "1. 申请内容不明确的，自收到申请之日起 7 个工作日内一次性告知申请人补正，"
      "答复期限自收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请"
      "（第三十条）。\n";
  out +=
      "2. 能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内予以答复"
      "（第三十三条）。\n";
  out +=
      "3. 需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，"
      "延长的期限最长不得超过 20 个工作日（第三十三条）。\n";
  out +=
      "4. 公开可能损害第三方合法权益的，书面征求第三方意见，第三方自收到征求意见书之日起 "
      "15 个工作日内提出意见；需要征求其他机关意见的，被征求意见机关 15 "
      "个工作日内提出意见；征求意见所需时间不计算在答复期限内（第三十二条、第三十四条）。\n";
  out +=
      "5. 答复形式按第三十六条：予以公开、部分公开、不予公开、无法提供、不予处理等，"
      "并说明理由和依据。\n\n";
}

void Fees(std::string& out) {
  out += "### （四）收费\n\n";
  out +=
      "提供政府信息不收取费用。申请公开政府信息的数量、频次明显超过合理范围的，"
      "可以依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）按件或者按量"
      "收取信息处理费，并书面通知申请人；申请人自收到收费通知之次日起 20 "
      "个工作日内未缴纳的，视为放弃申请（第四十二条）。\n\n";
}

void Remedies(const GuideRecords& r, std::string& out) {
  out += "## 三、监督和救济\n\n";
  const std::string above = r.parent_name.empty() ? std::string("上一级行政机关") : r.parent_name;
  out += "公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向" + above +
         "或者政府信息公开工作主管部门投诉、举报；也可以依法申请行政复议或者提起"
         "行政诉讼（第五十一条）。\n";
  if (r.org.kind == OrgKind::kGovernment) {
    out += "行政复议机关为上一级人民政府。\n";
  } else if (!r.root_name.empty()) {
    out += "行政复议机关为" + r.root_name + "。\n";
  }
  out += "\n";
}

}  // namespace

std::string GuideTitle(const Org& org) { return org.name + "政府信息公开指南"; }

std::string ComposeGuide(const GuideRecords& r) {
  std::string out;
  out += "# " + GuideTitle(r.org) + "\n\n";
  out += "为便于公民、法人和其他组织获取" + r.org.name +
         "的政府信息，根据《中华人民共和国政府信息公开条例》第十二条编制本指南。"
         "本指南依据本机关的目录栏目、受理点、查阅点和联系方式记录生成，记录变更时随之更新。\n\n";
  out += "## 一、主动公开\n\n";
  Catalog(r, out);
  Obtaining(r, out);
  out += "## 二、依申请公开\n\n";
  Acceptance(r, out);
  Channels(out);
  Procedure(out);
  Fees(out);
  Remedies(r, out);
  return out;
}

Result<GuideRecords> LoadGuideRecords(Repositories& repos, Id org_id) {
  GuideRecords r;
  GONGKAI_ASSIGN_OR_RETURN(r.org, repos.orgs().Get(org_id));
  GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.items().ListCategories(org_id));
  r.catalog = EffectiveCatalog(r.org, std::move(stored));
  if (r.org.parent_id) {
    GONGKAI_ASSIGN_OR_RETURN(Org parent, repos.orgs().Get(*r.org.parent_id));
    r.parent_name = parent.name;
    Org root = parent;
    while (root.parent_id) {
      GONGKAI_ASSIGN_OR_RETURN(root, repos.orgs().Get(*root.parent_id));
    }
    r.root_name = root.name;
  } else {
    r.root_name = r.org.name;
  }
  return r;
}

namespace {

// The org's items in the guide column (without body), by id.
Result<std::vector<Item>> GuideItems(Repositories& repos, Id org_id) {
  ItemQuery q;
  q.org_ids = {org_id};
  q.with_body = false;
  GONGKAI_ASSIGN_OR_RETURN(std::vector<Item> items, repos.items().Find(q));
  std::erase_if(items, [](const Item& it) { return it.category != kGuideColumn; });
  return items;
}

}  // namespace

Result<std::optional<Item>> CurrentGuide(Repositories& repos, Id org_id) {
  GONGKAI_ASSIGN_OR_RETURN(std::vector<Item> items, GuideItems(repos, org_id));
  const Item* best = nullptr;
  for (const Item& it : items) {
    if (it.state != ItemState::kPublished || !it.published_on) continue;
    if (!best || *it.published_on > *best->published_on ||
        (*it.published_on == *best->published_on && it.id > best->id)) {
      best = &it;
    }
  }
  if (!best) return std::optional<Item>();
  GONGKAI_ASSIGN_OR_RETURN(Item full, repos.items().Get(best->id));
  return std::optional<Item>(std::move(full));
}

Result<GuideProposalResult> ProposeGuideUpdate(Repositories& repos, const ChangeContext& ctx,
                                               std::string_view author, Id org_id, Date formed_on) {
  GONGKAI_ASSIGN_OR_RETURN(GuideRecords records, LoadGuideRecords(repos, org_id));
  const std::string text = ComposeGuide(records);
  GuideProposalResult result;
  GONGKAI_ASSIGN_OR_RETURN(std::optional<Item> current, CurrentGuide(repos, org_id));
  if (current && current->body_md == text) return result;
  GONGKAI_ASSIGN_OR_RETURN(std::vector<Item> items, GuideItems(repos, org_id));
  for (const Item& it : items) {
    const bool pending = it.state == ItemState::kDraft || it.state == ItemState::kSubmitted ||
                         it.state == ItemState::kApproved || it.state == ItemState::kRejected;
    if (!pending) continue;
    GONGKAI_ASSIGN_OR_RETURN(Item full, repos.items().Get(it.id));
    if (full.body_md == text) {
      result.what = GuideProposal::kAlreadyProposed;
      result.item = std::move(full);
      return result;
    }
  }
  Item draft;
  draft.org_id = org_id;
  draft.title = GuideTitle(records.org);
  draft.summary = "依据本机关目录、受理点、查阅点和联系方式记录更新的政府信息公开指南";
  draft.category = kGuideColumn;
  draft.topic = "综合政务";
  draft.formed_on = formed_on;
  draft.body_md = text;
  GONGKAI_ASSIGN_OR_RETURN(Item created, CreateItem(repos, ctx, author, std::move(draft)));
  GONGKAI_ASSIGN_OR_RETURN(Item submitted, SubmitItem(repos, ctx, author, created.id));
  result.what = GuideProposal::kProposed;
  result.item = std::move(submitted);
  return result;
}

}  // namespace gongkai::core
