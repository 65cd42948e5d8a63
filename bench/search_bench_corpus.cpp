// The corpus and the query set of search_bench (see search_bench_corpus.hpp).
#include "search_bench_corpus.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace gongkai::bench {

// ---------------------------------------------------------------------------------------
// The corpus: a fictional city's bodies publishing notices, announcements, news, plans,
// procurement and personnel items over ten years, ids in publication order.

struct Dept {
  const char* name;
  std::vector<const char*> subjects;
};

const std::vector<Dept>& Depts() {
  static const std::vector<Dept> d = {
      {"市人民政府", {"营商环境", "乡村振兴", "民生实事", "安全生产", "政务公开", "疫情防控"}},
      {"市人民政府办公室", {"政务公开", "政务服务", "督查督办", "应急值守", "电子政务"}},
      {"市发展和改革局", {"重点项目", "价格监测", "粮食储备", "节能减排", "以工代赈"}},
      {"市教育局", {"义务教育", "学前教育", "职业教育", "校园安全", "教师招聘", "学生资助"}},
      {"市科学技术局", {"科技创新", "高新技术企业", "科技特派员", "知识产权"}},
      {"市工业和信息化局", {"工业经济", "中小企业", "技术改造", "数字经济"}},
      {"市公安局", {"道路交通安全", "户籍管理", "禁毒", "扫黑除恶", "电信网络诈骗"}},
      {"市民政局", {"城乡低保", "养老服务", "社会救助", "婚姻登记", "殡葬改革"}},
      {"市司法局", {"法治政府建设", "人民调解", "法律援助", "普法宣传"}},
      {"市财政局", {"财政预算", "政府采购", "国有资产管理", "惠民惠农补贴"}},
      {"市人力资源和社会保障局", {"就业创业", "社会保险", "职业技能培训", "根治欠薪"}},
      {"市自然资源和规划局", {"耕地保护", "不动产登记", "国土空间规划", "地质灾害防治"}},
      {"市生态环境局", {"大气污染防治", "水污染防治", "土壤污染防治", "环境影响评价"}},
      {"市住房和城乡建设局", {"老旧小区改造", "保障性住房", "建筑施工安全", "燃气安全"}},
      {"市交通运输局", {"农村公路", "公路建设", "道路运输", "公交优先", "治超"}},
      {"市水利局", {"防汛抗旱", "河长制", "农村饮水安全", "水土保持", "水库除险加固"}},
      {"市农业农村局", {"高标准农田", "动物防疫", "农产品质量安全", "粮食生产", "农机补贴"}},
      {"市商务局", {"招商引资", "外贸稳增长", "电子商务进农村", "成品油市场"}},
      {"市文化广电旅游局", {"文物保护", "全域旅游", "公共文化服务", "非物质文化遗产"}},
      {"市卫生健康委员会", {"医疗卫生", "疫情防控", "家庭医生签约", "爱国卫生运动", "妇幼健康"}},
      {"市退役军人事务局", {"退役军人服务", "优抚安置", "双拥共建"}},
      {"市应急管理局", {"安全生产", "森林防火", "危险化学品", "防灾减灾"}},
      {"市审计局", {"审计整改", "经济责任审计", "政府投资审计"}},
      {"市市场监督管理局",
       {"食品安全", "药品安全", "特种设备安全", "消费者权益保护", "个体工商户"}},
      {"市统计局", {"统计调查", "经济普查", "人口普查", "统计执法"}},
      {"市医疗保障局", {"医疗保障", "医保基金监管", "药品集中带量采购", "城乡居民医保"}},
      {"市城市管理局", {"垃圾分类", "市容环境", "城市照明", "违法建设治理"}},
      {"市林业局", {"森林防火", "国土绿化", "古树名木保护", "林长制"}},
      {"市体育局", {"全民健身", "体育场馆", "青少年体育"}},
      {"市信访局", {"信访工作", "矛盾纠纷化解"}},
  };
  return d;
}

// Town and village names are made from these characters (fictional; a few coincide with
// real places, as any Chinese place name would).
constexpr const char* kPlaceA[] = {"青", "石", "龙", "凤", "桃", "柳", "松", "梅", "兰", "竹",
                                   "金", "银", "白", "黄", "红", "新", "东", "西", "南", "北",
                                   "大", "小", "高", "长", "安", "平", "和", "兴", "福", "永",
                                   "清", "明", "丰", "泰", "宁", "盛", "双", "三", "五", "七"};
constexpr const char* kPlaceB[] = {"溪", "山", "河", "湖", "岭", "坪", "塘", "桥", "冲", "湾",
                                   "口", "田", "林", "坡", "港", "洲", "岗", "垸", "铺", "庄"};
constexpr const char* kProjects[] = {
    "村级道路硬化工程", "饮水安全巩固提升工程", "农田水利设施",
    "村部建设项目",     "危桥改造工程",         "文化广场建设项目",
    "人居环境整治项目", "光伏发电项目",         "小型水库除险加固工程"};
constexpr const char* kRoads[] = {"人民路", "建设路", "解放路", "迎宾大道", "文化路", "学府路",
                                  "滨江路", "中山路", "新华路", "五一路",   "车站路", "工业大道"};
constexpr const char* kHolidays[] = {"元旦",   "春节",   "清明节", "劳动节",
                                     "端午节", "中秋节", "国庆节"};

class Corpus {
 public:
  explicit Corpus(int64_t n) : n_(n), rng_(20240607) {
    for (const char* a : kPlaceA) {
      for (const char* b : kPlaceB) places_.push_back(std::string(a) + b);
    }
    // A fixed shuffle so that "rare" is not "alphabetically late".
    for (size_t k = places_.size() - 1; k > 0; --k)
      std::swap(places_[k], places_[rng_() % (k + 1)]);
    for (int t = 0; t < 24; ++t) towns_.push_back(places_[static_cast<size_t>(t)] + "镇");
  }

  const std::vector<std::string>& towns() const { return towns_; }
  const std::string& Place(size_t k) const { return places_[k % places_.size()]; }
  std::string RareVillage(size_t k, size_t a) const {
    return places_[24 + k % (places_.size() - 24)] + kPlaceA[a % std::size(kPlaceA)] + "村";
  }

  // A village name: two-character ones Zipf-like (the first common, the last a few hundred
  // times in a million items), one in ten a three-character one out of 31,040 (a few times).
  std::string Village() {
    if (Below(10) == 0) return RareVillage(Below(places_.size() - 24), Below(std::size(kPlaceA)));
    double u = Unit();
    size_t k = static_cast<size_t>(static_cast<double>(places_.size() - 24) * u * u * u);
    return places_[24 + k] + "村";
  }

  // Item number `k` (0-based); org_ids[0] is the city government, then the departments,
  // then the towns.
  core::Item Make(int64_t k, const std::vector<core::Id>& org_ids) {
    core::Item it;
    const auto& depts = Depts();
    size_t org = Below(10) < 7 ? Below(depts.size()) : depts.size() + Below(towns_.size());
    it.org_id = org_ids[org];
    std::string o = org < depts.size() ? depts[org].name : towns_[org - depts.size()];
    std::string full = org < depts.size() ? "青溪" + o : "青溪市" + o;
    it.publisher = full;
    std::string s =
        org < depts.size() ? Pick(depts[org].subjects) : Pick(depts[Below(depts.size())].subjects);
    // Ten years, ids in publication order.
    core::Date first = core::Date::FromYmd(2016, 1, 1);
    it.published_on = first.AddDays(static_cast<int32_t>(k * 3653 / n_));
    it.formed_on = it.published_on->AddDays(-static_cast<int32_t>(Below(5)));
    int year = it.published_on->year();
    std::string y = std::to_string(year);
    it.state = core::ItemState::kPublished;
    it.disclosure_mode = "主动公开";
    it.index_no = "QX" + std::to_string(org) + "/" + y + "-" + std::to_string(k);
    std::string v = org >= depts.size() || Below(3) == 0 ? Village() : "";
    it.title = Title(full, s, y, v, it);
    it.body_md = Body(full, s, y, v);
    it.summary = Summary(it.body_md);
    it.channels = {{core::Channel::kWebsite, *it.published_on}};
    return it;
  }

 private:
  uint64_t Below(uint64_t n) { return rng_() % n; }
  double Unit() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }
  template <typename T, size_t N>
  const T& Pick(const T (&v)[N]) {
    return v[Below(N)];
  }
  std::string Num(int lo, int hi) {
    return std::to_string(lo + static_cast<int>(Below(hi - lo + 1)));
  }

  std::string Title(const std::string& o, const std::string& s, const std::string& y,
                    const std::string& v, core::Item& it) {
    if (!v.empty() && Below(2) == 0) {
      switch (Below(4)) {
        case 0:
          return o + "关于" + v + Pick(kProjects) + "的公示";
        case 1:
          return v + Pick(kProjects) + "竣工验收公告";
        case 2:
          return o + v + y + "年度惠民资金发放情况公示";
        default:
          return o + "关于" + v + s + "工作情况的通报";
      }
    }
    switch (Below(16)) {
      case 0:
        return o + "关于做好" + y + "年" + s + "工作的通知";
      case 1:
        it.doc_no =
            "青" + std::string(Below(2) ? "政办发" : "政发") + "〔" + y + "〕" + Num(1, 120) + "号";
        return o + "关于印发《" + y + "年" + s + "工作方案》的通知";
      case 2:
        return o + "关于" + s + "有关事项的公告";
      case 3:
        return o + "召开" + s + "工作推进会";
      case 4:
        return o + "开展" + s + "专项检查";
      case 5:
        return o + "扎实推进" + s + "工作";
      case 6:
        return o + y + "年" + s + "工作总结";
      case 7:
        return o + s + "相关服务项目采购公告";
      case 8:
        return o + s + "相关服务项目中标（成交）结果公告";
      case 9:
        return y + "年" + o + "公开招聘工作人员公告";
      case 10:
        return o + "关于" + y + "年" + Pick(kHolidays) + "放假安排的通知";
      case 11:
        return o + y + "年部门预算公开";
      case 12:
        return o + "关于" + y + "年第" + Num(1, 4) + "季度" + s + "督查情况的通报";
      case 13:
        return "《青溪市" + s + "管理办法》政策解读";
      case 14:
        return o + s + "办事指南";
      default:
        return o + "关于" + s + "行政许可的批复";
    }
  }

  std::string Sentence(const std::string& o, const std::string& s, const std::string& y,
                       const std::string& v) {
    std::string place = v.empty() ? towns_[Below(towns_.size())] : v;
    switch (Below(18)) {
      case 0:
        return "为深入贯彻落实上级关于" + s + "的决策部署，进一步做好" + s +
               "工作，现将有关事项通知如下。";
      case 1:
        return y + "年，" + o + "坚持以人民为中心的发展思想，扎实推进" + s + "工作，取得明显成效。";
      case 2:
        return "各乡镇（街道）、各有关单位要高度重视，明确责任分工，确保各项任务落到实处。";
      case 3:
        return place + "共有" + Num(20, 900) + "户群众受益，项目总投资" + Num(10, 5000) + "万元。";
      case 4:
        return "请于" + y + "年" + Num(1, 12) + "月" + Num(1, 28) + "日前将有关材料报送" + o + "。";
      case 5:
        return "本次检查共发现问题" + Num(1, 60) + "个，已全部整改到位。";
      case 6:
        return std::string(Pick(kRoads)) + "改造工程已完工并通过验收，道路通行条件明显改善。";
      case 7:
        return "对工作中发现的问题，要及时研究解决，重大情况及时报告。";
      case 8:
        return "公示期间，如有异议，请以书面形式向" + o + "反映。";
      case 9:
        return "本公告自发布之日起施行。";
      case 10:
        return "各有关单位要加强组织领导，压实工作责任，强化督促检查，形成工作合力。";
      case 11:
        return o + "将继续加大" + s + "工作力度，切实保障人民群众合法权益。";
      case 12:
        return "根据《中华人民共和国政府信息公开条例》有关规定，现予以公开。";
      case 13:
        return "全市共完成" + s + "项目" + Num(3, 300) + "个，完成投资" + Num(100, 90000) +
               "万元，同比增长" + Num(1, 30) + "%。";
      case 14:
        return place + "位于" + towns_[Below(towns_.size())] + "，距市区约" + Num(3, 80) + "公里。";
      case 15:
        return "受理地点：" + o + "政务服务窗口（" + Pick(kRoads) + Num(1, 399) + "号）。";
      case 16:
        return "会议要求，要坚持问题导向，聚焦" + s + "重点难点，补齐短板弱项。";
      default:
        return "联系人及电话：" + o + "办公室，0000-" + Num(52000, 59999) + "。";
    }
  }

  std::string Body(const std::string& o, const std::string& s, const std::string& y,
                   const std::string& v) {
    std::string body;
    int paragraphs = 1 + static_cast<int>(Below(3));
    for (int p = 0; p < paragraphs; ++p) {
      if (p) body += "\n\n";
      int sentences = 2 + static_cast<int>(Below(3));
      for (int k = 0; k < sentences; ++k) body += Sentence(o, s, y, v);
    }
    return body;
  }

  // The first sentence of the body (内容概述).
  static std::string Summary(const std::string& body) {
    size_t end = body.find("。");
    return end == std::string::npos ? body : body.substr(0, end + 3);
  }

  int64_t n_;
  std::mt19937_64 rng_;
  std::vector<std::string> places_;
  std::vector<std::string> towns_;
};

core::Status Generate(store::SociStore& store, int64_t n, Corpus& corpus) {
  std::vector<core::Id> org_ids;
  GONGKAI_RETURN_IF_ERROR(store.Transact([&](core::Repositories& r) -> core::Status {
    core::Org root;
    root.code = "QXS";
    root.name = "青溪市人民政府";
    root.kind = core::OrgKind::kGovernment;
    GONGKAI_ASSIGN_OR_RETURN(root.id, r.orgs().Insert(root));
    org_ids.push_back(root.id);
    const auto& depts = Depts();
    for (size_t k = 1; k < depts.size() + corpus.towns().size(); ++k) {
      core::Org o;
      o.code = "QX" + std::to_string(k);
      o.name = k < depts.size() ? std::string("青溪") + depts[k].name
                                : "青溪市" + corpus.towns()[k - depts.size()];
      o.kind = k < depts.size() ? core::OrgKind::kDepartment : core::OrgKind::kTownship;
      o.parent_id = root.id;
      GONGKAI_ASSIGN_OR_RETURN(o.id, r.orgs().Insert(o));
      org_ids.push_back(o.id);
    }
    return core::Status::Ok();
  }));
  constexpr int64_t kBatch = 20000;
  for (int64_t k = 0; k < n; k += kBatch) {
    std::vector<core::Item> batch;
    for (int64_t j = k; j < std::min(n, k + kBatch); ++j) batch.push_back(corpus.Make(j, org_ids));
    GONGKAI_RETURN_IF_ERROR(store.Transact(
        [&](core::Repositories& r) -> core::Status { return r.items().InsertMany(batch); }));
  }
  return store.Analyze();
}

// ---------------------------------------------------------------------------------------
// The query set.

std::vector<Q> Queries(const Corpus& corpus) {
  std::vector<Q> q;
  auto add = [&](const char* kind, std::vector<std::string> texts) {
    for (auto& t : texts) q.push_back({kind, t});
  };
  add("common",
      {"通知", "公告", "教育", "政府", "工作", "信息公开", "安全", "管理", "服务", "建设", "发展",
       "关于", "年度", "公示", "项目", "农村", "医疗",     "交通", "环境", "卫生", "招聘", "预算",
       "采购", "会议", "检查", "市场", "社会", "企业",     "青溪", "群众", "整改", "责任"});
  add("topic",
      {"食品安全",     "河长制",       "垃圾分类",   "老旧小区改造", "义务教育", "防汛抗旱",
       "养老服务",     "城乡低保",     "高标准农田", "耕地保护",     "森林防火", "禁毒",
       "法律援助",     "不动产登记",   "招商引资",   "全民健身",     "文物保护", "退役军人",
       "医保基金监管", "电信网络诈骗", "根治欠薪",   "燃气安全",     "人口普查", "危险化学品",
       "学生资助",     "家庭医生签约", "以工代赈",   "林长制",       "殡葬改革", "政府采购"});
  // Rare: village names from the far end of the Zipf pool, projects, and words that occur
  // nowhere in the corpus.
  std::vector<std::string> rare;
  for (size_t k = 0; k < 12; ++k) rare.push_back(corpus.Place(790 - k * 7) + "村");
  for (size_t k = 0; k < 12; ++k) rare.push_back(corpus.RareVillage(k * 37 + 100, k * 3));
  add("rare", rare);
  add("absent", {"量子计算", "航天发射", "区块链", "冬奥会", "海洋捕捞", "核电站", "高铁站",
                 "机场航线", "沙漠治理", "冰雪运动", "稀土开采", "深海探测"});
  add("single",
      {"水", "路", "电", "气", "山", "河", "林", "田", "粮", "药", "桥", "站", "校", "税", "房",
       "车", "火", "灾", "油", "茶", "鱼", "猪", "矿", "碳", "煤", "雪", "冰", "网", "铁", "港"});
  add("two", {"教育 通知",
              "食品安全 检查",
              "河长制 工作",
              "通知 放假",
              "采购 中标",
              "公告 招聘",
              "预算 公开",
              "交通 安全",
              "养老 服务",
              "垃圾分类 城市",
              "医疗 疫情",
              "森林防火 通知",
              "道路 改造",
              "农田 水利",
              "禁毒 宣传",
              "社会保险 就业",
              "学前教育 公告",
              "水 路",
              "村 光伏",
              "督查 通报",
              "政策解读 管理办法",
              "青溪 春节",
              "整改 审计",
              "燃气安全 检查",
              "文物 保护",
              corpus.Place(30) + "村 公示",
              corpus.Place(200) + "村 道路",
              "工作方案 2021",
              "2019 预算",
              "国庆节 放假"});
  add("three",
      {"教育 学生 资助", "食品 药品 安全", "通知 工作 方案", "村 道路 硬化", "防汛 抗旱 水库",
       "公告 招聘 工作人员", "养老 服务 民政", "农村 饮水 安全", "医保 基金 监管", "垃圾 分类 市容",
       "安全 生产 检查", "政府 采购 公告", "河长制 水 污染", "森林 防火 林业", "就业 创业 培训"});
  add("four",
      {"教育 通知 2020 工作", "农村 公路 建设 项目", "食品 安全 专项 检查", "政府 信息 公开 条例",
       "老旧 小区 改造 工程", "退役 军人 服务 优抚", "城乡 低保 社会 救助", "高标准 农田 粮食 生产",
       "大气 污染 防治 环境", "电子商务 进农村 商务 招商"});
  add("phrase",
      {"\"政府信息公开条例\"", "“工作推进会”", "\"放假安排的通知\"", "“相关服务项目采购公告”",
       "\"竣工验收公告\"", "“惠民资金发放情况”", "\"坚持以人民为中心\"", "“问题导向”",
       "\"道路通行条件明显改善\"", "“行政许可的批复”", "\"公开招聘工作人员\"", "“督查情况的通报”",
       "\"危桥改造工程\"", "“光伏发电项目”", "\"政策解读\""});
  add("exclude", {"通知 -教育", "公告 -采购", "安全 -食品", "工作 -会议", "道路 -改造",
                  "招聘 -教师", "森林防火 -通知", "水 -水利", "预算 -2020", "养老 -民政"});
  add("ascii", {"2019", "2021年", "2016", "0000", "52013", "110", "5000万元", "30%"});
  return q;
}

std::shared_ptr<Corpus> MakeCorpus(int64_t n) { return std::make_shared<Corpus>(n); }

}  // namespace gongkai::bench
