#include "app/demo_data.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "app/password.hpp"
#include "core/org_service.hpp"
#include "core/request_clock.hpp"

namespace gongkai::app {
namespace {

using core::Date;
using core::Id;
using core::OrgKind;

constexpr const char* kCity = "青溪市";
constexpr const char* kRootCode = "QXS";
constexpr const char* kActor = "demo";
constexpr size_t kItemBatch = 5000;

// ---------------------------------------------------------------------------------------
// Randomness: mt19937_64 (its sequence is fixed by the standard) with our own mappings.

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // Uniform in [0, n) for n > 0; the modulo bias (< n / 2^64) is irrelevant here.
  int64_t Below(int64_t n) {
    return n <= 1 ? 0 : static_cast<int64_t>(engine_() % static_cast<uint64_t>(n));
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) { return lo + Below(hi - lo + 1); }
  int Int(int lo, int hi) { return static_cast<int>(Between(lo, hi)); }
  // Uniform in [0, 1) from the top 53 bits.
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&values)[N]) {
    return values[Below(static_cast<int64_t>(N))];
  }
  template <typename V>
  const typename V::value_type& Pick(const V& values) {
    return values[static_cast<size_t>(Below(static_cast<int64_t>(values.size())))];
  }
  std::string Hex(int bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    uint64_t word = 0;
    for (int i = 0; i < bytes; ++i) {
      if (i % 8 == 0) word = engine_();
      out += kDigits[(word >> 4) & 0xF];
      out += kDigits[word & 0xF];
      word >>= 8;
    }
    return out;
  }

 private:
  std::mt19937_64 engine_;
};

// Picks an index with probability proportional to its weight.
class WeightedPicker {
 public:
  explicit WeightedPicker(const std::vector<int64_t>& weights) {
    int64_t sum = 0;
    for (int64_t w : weights) cumulative_.push_back(sum += std::max<int64_t>(w, 0));
  }
  size_t Pick(Rng& rng) const {
    int64_t r = rng.Below(cumulative_.back());
    return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), r) -
                               cumulative_.begin());
  }

 private:
  std::vector<int64_t> cumulative_;
};

// ---------------------------------------------------------------------------------------
// The bodies of the demo city. Names, codes and 文号 prefixes are invented.

// 主题分类 (the national subject classification of government information).
constexpr const char* kTopicGeneral = "综合政务";
constexpr const char* kTopicEconomy = "国民经济管理、国有资产监管";
constexpr const char* kTopicFinance = "财政、金融、审计";
constexpr const char* kTopicLand = "国土资源、能源";
constexpr const char* kTopicAgri = "农业、林业、水利";
constexpr const char* kTopicIndustry = "工业、交通";
constexpr const char* kTopicTrade = "商贸、海关、旅游";
constexpr const char* kTopicMarket = "市场监管、安全生产监管";
constexpr const char* kTopicBuild = "城乡建设、环境保护";
constexpr const char* kTopicScience = "科技、教育";
constexpr const char* kTopicCulture = "文化、广电、新闻出版";
constexpr const char* kTopicHealth = "卫生、体育";
constexpr const char* kTopicFamily = "人口与计划生育、妇女儿童工作";
constexpr const char* kTopicLabour = "劳动、人事、监察";
constexpr const char* kTopicSecurity = "公安、安全、司法";
constexpr const char* kTopicCivil = "民政、扶贫、救灾";

struct OrgSpec {
  const char* code;  // after "QXS-"; "" for the root
  const char* name;  // after 青溪市 unless it starts with 青溪经济 or 国家
  OrgKind kind;
  const char* parent;      // code of the parent; nullptr for children of the root
  const char* doc_prefix;  // 文号 prefix, e.g. 青发改发
  const char* topic;       // 主题分类 of most of its items
  const char* domains;     // '|'-separated subjects of its own work
  int item_weight;         // relative share of proactive items
  int request_weight;      // relative share of requests
  // Yearly base of AdminStats: licensing, punishment, coercion decisions, fees in yuan.
  int64_t licensing, punishment, coercion, fees_yuan;
};

constexpr const char* kTownshipDomains =
    "乡村振兴|人居环境整治|防汛抗旱|农村低保|安全生产|村务公开|秸秆禁烧|森林防火|土地流转|"
    "农村危房改造";

// clang-format off
constexpr OrgSpec kOrgSpecs[] = {
    {"", "人民政府", OrgKind::kGovernment, nullptr, "青政发", kTopicGeneral, "政务公开|优化营商环境|重点项目建设|民生实事|依法行政", 1500, 20, 0, 0, 0, 0},
    // 市直部门
    {"ZFB", "人民政府办公室", OrgKind::kDepartment, nullptr, "青政办发", kTopicGeneral, "政务公开|政务服务|督查督办|电子政务|议案提案办理", 600, 5, 0, 0, 0, 0},
    {"FGJ", "发展和改革局", OrgKind::kDepartment, nullptr, "青发改发", kTopicEconomy, "重点项目建设|价格监测|粮食储备|节能审查|以工代赈", 400, 3, 300, 10, 0, 0},
    {"JYJ", "教育局", OrgKind::kDepartment, nullptr, "青教发", kTopicScience, "义务教育招生|校园安全|教师招聘|学生资助|校外培训治理", 450, 3, 60, 5, 0, 0},
    {"KJJ", "科学技术局", OrgKind::kDepartment, nullptr, "青科发", kTopicScience, "科技创新|高新技术企业认定|科技特派员|知识产权", 150, 1, 10, 0, 0, 0},
    {"GXJ", "工业和信息化局", OrgKind::kDepartment, nullptr, "青工信发", kTopicIndustry, "工业园区建设|中小企业发展|节能降耗|企业技术改造", 220, 1, 20, 2, 0, 0},
    {"GAJ", "公安局", OrgKind::kDepartment, nullptr, "青公发", kTopicSecurity, "户籍管理|道路交通安全|扫黑除恶|禁毒宣传|电信诈骗防范", 500, 4, 6000, 3500, 200, 300000},
    {"MZJ", "民政局", OrgKind::kDepartment, nullptr, "青民发", kTopicCivil, "城乡低保|养老服务|婚姻登记|社会组织管理|殡葬改革", 350, 3, 40, 2, 0, 0},
    {"SFJ", "司法局", OrgKind::kDepartment, nullptr, "青司发", kTopicSecurity, "法律援助|人民调解|普法宣传|社区矫正|公共法律服务", 260, 1, 10, 1, 0, 0},
    {"CZJ", "财政局", OrgKind::kDepartment, nullptr, "青财发", kTopicFinance, "预算管理|惠民惠农补贴|政府采购|国库集中支付|债务管理", 420, 4, 0, 3, 0, 0},
    {"RSJ", "人力资源和社会保障局", OrgKind::kDepartment, nullptr, "青人社发", kTopicLabour, "社会保险|就业创业|事业单位招聘|劳动保障监察|职业技能培训", 420, 4, 200, 20, 0, 0},
    {"ZRJ", "自然资源局", OrgKind::kDepartment, nullptr, "青自然资发", kTopicLand, "国土空间规划|土地征收|矿产资源|耕地保护|土地出让", 480, 7, 900, 80, 10, 2000000},
    {"STJ", "生态环境局", OrgKind::kDepartment, nullptr, "青环发", kTopicBuild, "环境监测|大气污染防治|环评审批|水污染防治|固体废物管理", 300, 3, 120, 60, 15, 0},
    {"ZJJ", "住房和城乡建设局", OrgKind::kDepartment, nullptr, "青建发", kTopicBuild, "保障性住房|棚户区改造|建筑市场监管|老旧小区改造|物业管理", 380, 5, 400, 40, 5, 500000},
    {"JTJ", "交通运输局", OrgKind::kDepartment, nullptr, "青交发", kTopicIndustry, "农村公路|道路运输|交通项目建设|出租车管理", 300, 2, 1500, 600, 50, 80000},
    {"SLJ", "水利局", OrgKind::kDepartment, nullptr, "青水发", kTopicAgri, "防汛抗旱|河长制|农田水利|水土保持|饮水安全", 320, 2, 60, 10, 2, 150000},
    {"NYJ", "农业农村局", OrgKind::kDepartment, nullptr, "青农发", kTopicAgri, "乡村振兴|农业补贴|动物防疫|高标准农田|农产品质量安全", 450, 2, 300, 30, 3, 0},
    {"SWJ", "商务局", OrgKind::kDepartment, nullptr, "青商发", kTopicTrade, "招商引资|电子商务|外贸进出口|成品油市场|家电下乡", 200, 1, 50, 2, 0, 0},
    {"WLJ", "文化旅游广电体育局", OrgKind::kDepartment, nullptr, "青文旅发", kTopicCulture, "文化惠民|旅游市场|全民健身|文物保护|非遗传承", 300, 1, 150, 20, 0, 0},
    {"WJJ", "卫生健康局", OrgKind::kDepartment, nullptr, "青卫健发", kTopicHealth, "医疗机构管理|家庭医生签约|公共卫生服务|计划免疫|爱国卫生运动", 520, 3, 700, 60, 4, 0},
    {"TYJ", "退役军人事务局", OrgKind::kDepartment, nullptr, "青退役发", kTopicCivil, "优抚安置|退役军人服务|双拥工作|烈士褒扬", 160, 1, 0, 0, 0, 0},
    {"YJJ", "应急管理局", OrgKind::kDepartment, nullptr, "青应急发", kTopicMarket, "安全生产|防灾减灾|危险化学品|非煤矿山|应急救援", 300, 1, 80, 90, 20, 0},
    {"SJJ", "审计局", OrgKind::kDepartment, nullptr, "青审发", kTopicFinance, "经济责任审计|预算执行审计|审计整改|政府投资审计", 120, 1, 0, 0, 0, 0},
    {"SCJ", "市场监督管理局", OrgKind::kDepartment, nullptr, "青市监发", kTopicMarket, "食品安全|市场主体登记|特种设备|药品安全|价格监督检查", 480, 3, 9000, 400, 80, 0},
    {"TJJ", "统计局", OrgKind::kDepartment, nullptr, "青统发", kTopicEconomy, "统计调查|经济普查|人口普查|统计执法", 220, 1, 0, 2, 0, 0},
    {"YBJ", "医疗保障局", OrgKind::kDepartment, nullptr, "青医保发", kTopicHealth, "医保缴费|医保待遇|定点医药机构|医保基金监管", 240, 2, 0, 15, 0, 0},
    {"LYJ", "林业局", OrgKind::kDepartment, nullptr, "青林发", kTopicAgri, "森林防火|林木采伐|湿地保护|国土绿化|松材线虫病防治", 220, 1, 300, 40, 2, 0},
    {"CGJ", "城市管理和综合执法局", OrgKind::kDepartment, nullptr, "青城管发", kTopicBuild, "市容环境|违法建设治理|垃圾分类|户外广告|城市照明", 300, 2, 200, 800, 100, 0},
    {"SPJ", "行政审批服务局", OrgKind::kDepartment, nullptr, "青审批发", kTopicGeneral, "一件事一次办|审批服务|证照办理|工程建设项目审批", 360, 2, 12000, 0, 0, 0},
    {"XFJ", "信访局", OrgKind::kDepartment, nullptr, "青信发", kTopicGeneral, "信访接待|矛盾纠纷化解|阳光信访|领导接访", 100, 1, 0, 0, 0, 0},
    {"ZWZX", "政务服务中心", OrgKind::kDepartment, "ZFB", "青政务发", kTopicGeneral, "政务服务大厅|12345热线|政务公开|帮代办服务", 300, 1, 0, 0, 0, 0},
    {"JGJ", "机关事务服务中心", OrgKind::kDepartment, nullptr, "青机关发", kTopicGeneral, "公务用车|公共机构节能|办公用房|机关后勤", 90, 0, 0, 0, 0, 0},
    {"MZZJ", "民族宗教事务局", OrgKind::kDepartment, nullptr, "青民宗发", kTopicCivil, "宗教活动场所|民族团结进步|少数民族发展", 80, 0, 10, 0, 0, 0},
    {"GXS", "供销合作社", OrgKind::kDepartment, nullptr, "青供销发", kTopicTrade, "农资供应|供销改革|农产品流通", 80, 0, 0, 0, 0, 0},
    {"SWU", "国家税务总局青溪市税务局", OrgKind::kDepartment, nullptr, "青税发", kTopicFinance, "减税降费|纳税服务|发票管理|社保费征收", 300, 1, 100, 50, 5, 0},
    {"QXJ", "气象局", OrgKind::kDepartment, nullptr, "青气发", kTopicAgri, "天气预报|气象灾害预警|人工影响天气|防雷安全", 140, 0, 20, 2, 0, 0},
    {"XFDD", "消防救援大队", OrgKind::kDepartment, nullptr, "青消发", kTopicSecurity, "消防安全检查|火灾防控|消防宣传|高层建筑消防", 160, 1, 60, 120, 30, 0},
    {"RMT", "融媒体中心", OrgKind::kDepartment, nullptr, "青融发", kTopicCulture, "新闻宣传|媒体融合|广播电视", 100, 0, 0, 0, 0, 0},
    {"GJJ", "住房公积金管理部", OrgKind::kDepartment, nullptr, "青公积金发", kTopicFinance, "公积金缴存|公积金贷款|公积金提取", 140, 1, 0, 0, 0, 0},
    {"BDC", "不动产登记中心", OrgKind::kDepartment, "ZRJ", "青不动产发", kTopicLand, "不动产登记|产权证办理|登记资料查询", 160, 2, 0, 0, 0, 1200000},
    {"ZSJ", "招商合作事务中心", OrgKind::kDepartment, nullptr, "青招商发", kTopicTrade, "项目签约|招商推介|营商环境", 120, 0, 0, 0, 0, 0},
    {"JKQ", "青溪经济开发区管理委员会", OrgKind::kDepartment, nullptr, "青经开发", kTopicEconomy, "园区企业服务|项目建设|标准厂房|园区环境整治", 260, 2, 50, 5, 0, 0},
    {"CL", "残疾人联合会", OrgKind::kDepartment, nullptr, "青残联发", kTopicCivil, "残疾人救助|康复服务|无障碍建设|残疾人就业", 100, 0, 0, 0, 0, 0},
    {"FL", "妇女联合会", OrgKind::kDepartment, nullptr, "青妇发", kTopicFamily, "妇女儿童权益保护|家庭教育|巾帼创业", 80, 0, 0, 0, 0, 0},
    {"HSH", "红十字会", OrgKind::kDepartment, nullptr, "青红发", kTopicHealth, "应急救护培训|人道救助|无偿献血", 70, 0, 0, 0, 0, 0},
    {"KX", "科学技术协会", OrgKind::kDepartment, nullptr, "青科协发", kTopicScience, "科普宣传|青少年科技教育|学会建设", 60, 0, 0, 0, 0, 0},
    {"XMZX", "畜牧水产事务中心", OrgKind::kDepartment, "NYJ", "青畜水发", kTopicAgri, "动物疫病防控|水产养殖|畜禽养殖污染治理", 100, 0, 40, 5, 0, 0},
    {"NJZX", "农业机械化事务中心", OrgKind::kDepartment, "NYJ", "青农机发", kTopicAgri, "农机购置补贴|农机安全生产|农机作业服务", 70, 0, 10, 2, 0, 0},
    {"GLZX", "公路建设养护中心", OrgKind::kDepartment, "JTJ", "青公路发", kTopicIndustry, "公路养护|桥梁检测|路政管理|超限超载治理", 110, 0, 40, 30, 5, 0},
    {"SYZX", "水运事务中心", OrgKind::kDepartment, "JTJ", "青水运发", kTopicIndustry, "水上交通安全|港口管理|船舶检验", 90, 0, 30, 15, 2, 0},
    {"JRZX", "地方金融服务中心", OrgKind::kDepartment, nullptr, "青金融发", kTopicFinance, "防范非法集资|金融服务实体经济|企业上市", 90, 0, 0, 0, 0, 0},
    {"GZZX", "国有资产事务中心", OrgKind::kDepartment, nullptr, "青国资发", kTopicEconomy, "国有企业改革|国有资产管理|国企监管", 100, 1, 0, 0, 0, 0},
    {"YCJ", "烟草专卖局", OrgKind::kDepartment, nullptr, "青烟发", kTopicMarket, "烟草专卖许可|卷烟市场监管|专卖执法", 70, 0, 150, 60, 5, 0},
    {"YMZX", "移民事务中心", OrgKind::kDepartment, "SLJ", "青移民发", kTopicCivil, "移民后期扶持|库区建设|移民技能培训", 80, 0, 0, 0, 0, 0},
    {"XCZX", "乡村振兴服务中心", OrgKind::kDepartment, nullptr, "青振兴发", kTopicCivil, "巩固脱贫成果|驻村帮扶|产业帮扶|易地搬迁后续扶持", 200, 1, 0, 0, 0, 0},
    {"SJZX", "数据资源中心", OrgKind::kDepartment, nullptr, "青数据发", kTopicGeneral, "政务数据共享|政务信息化|网络安全", 80, 0, 0, 0, 0, 0},
    // 乡镇、街道
    {"QXJD", "青溪街道办事处", OrgKind::kTownship, nullptr, "青溪街发", kTopicGeneral, kTownshipDomains, 320, 2, 0, 0, 0, 0},
    {"HBJD", "湖滨街道办事处", OrgKind::kTownship, nullptr, "湖滨街发", kTopicGeneral, kTownshipDomains, 300, 2, 0, 0, 0, 0},
    {"BSZ", "白沙镇人民政府", OrgKind::kTownship, nullptr, "白政发", kTopicGeneral, kTownshipDomains, 300, 1, 0, 0, 0, 0},
    {"TLZ", "桃林镇人民政府", OrgKind::kTownship, nullptr, "桃政发", kTopicGeneral, kTownshipDomains, 290, 1, 0, 0, 0, 0},
    {"SMZ", "石门镇人民政府", OrgKind::kTownship, nullptr, "石政发", kTopicGeneral, kTownshipDomains, 280, 1, 0, 0, 0, 0},
    {"FQZ", "枫桥镇人民政府", OrgKind::kTownship, nullptr, "枫政发", kTopicGeneral, kTownshipDomains, 280, 1, 0, 0, 0, 0},
    {"LTZ", "柳塘镇人民政府", OrgKind::kTownship, nullptr, "柳政发", kTopicGeneral, kTownshipDomains, 270, 1, 0, 0, 0, 0},
    {"LQZ", "龙泉镇人民政府", OrgKind::kTownship, nullptr, "龙政发", kTopicGeneral, kTownshipDomains, 270, 1, 0, 0, 0, 0},
    {"QSZ", "清水镇人民政府", OrgKind::kTownship, nullptr, "清政发", kTopicGeneral, kTownshipDomains, 260, 1, 0, 0, 0, 0},
    {"CLZ", "长乐镇人民政府", OrgKind::kTownship, nullptr, "长政发", kTopicGeneral, kTownshipDomains, 260, 1, 0, 0, 0, 0},
    {"XSZ", "新市镇人民政府", OrgKind::kTownship, nullptr, "新政发", kTopicGeneral, kTownshipDomains, 250, 1, 0, 0, 0, 0},
    {"HTZ", "荷塘镇人民政府", OrgKind::kTownship, nullptr, "荷政发", kTopicGeneral, kTownshipDomains, 240, 1, 0, 0, 0, 0},
    {"FHX", "凤凰乡人民政府", OrgKind::kTownship, nullptr, "凤政发", kTopicGeneral, kTownshipDomains, 200, 1, 0, 0, 0, 0},
    {"YSX", "云山乡人民政府", OrgKind::kTownship, nullptr, "云政发", kTopicGeneral, kTownshipDomains, 190, 1, 0, 0, 0, 0},
    // 公共企事业单位
    {"RMYY", "人民医院", OrgKind::kInstitution, "WJJ", "青人医发", kTopicHealth, "医疗服务价格|门诊服务|药品集中采购|医保结算", 140, 1, 0, 0, 0, 0},
    {"ZYYY", "中医医院", OrgKind::kInstitution, "WJJ", "青中医发", kTopicHealth, "中医药服务|门诊服务|医疗服务价格", 110, 0, 0, 0, 0, 0},
    {"FYBJY", "妇幼保健院", OrgKind::kInstitution, "WJJ", "青妇幼发", kTopicHealth, "孕产妇保健|儿童保健|出生医学证明", 90, 0, 0, 0, 0, 0},
    {"JKZX", "疾病预防控制中心", OrgKind::kInstitution, "WJJ", "青疾控发", kTopicHealth, "传染病防控|预防接种|健康教育", 120, 1, 0, 0, 0, 0},
    {"ZLSGS", "自来水公司", OrgKind::kInstitution, nullptr, "青水司发", kTopicBuild, "供水水质|停水通知|水价|用水报装", 100, 1, 0, 0, 0, 0},
    {"GJGS", "公共交通公司", OrgKind::kInstitution, "JTJ", "青公交发", kTopicIndustry, "公交线路调整|公交卡办理|公交运营", 90, 0, 0, 0, 0, 0},
    {"RQGS", "燃气公司", OrgKind::kInstitution, "ZJJ", "青燃发", kTopicBuild, "燃气安全|燃气价格|用气报装", 80, 0, 0, 0, 0, 0},
    {"YZ", "第一中学", OrgKind::kInstitution, "JYJ", "青一中发", kTopicScience, "招生录取|收费公示|学生资助", 90, 0, 0, 0, 0, 0},
    {"TSG", "图书馆", OrgKind::kInstitution, "WLJ", "青图发", kTopicCulture, "阅读推广|公益讲座|数字图书馆", 70, 0, 0, 0, 0, 0},
    {"DAG", "档案馆", OrgKind::kInstitution, nullptr, "青档发", kTopicCulture, "档案查阅|档案征集|档案开放", 60, 0, 0, 0, 0, 0},
};
// clang-format on
constexpr size_t kOrgCount = std::size(kOrgSpecs);

// Subjects any body writes about, with the years they were current (0 = open-ended).
struct GeneralTopic {
  const char* text;
  int from, to;
};
constexpr GeneralTopic kGeneralTopics[] = {
    {"安全生产", 0, 0},
    {"森林防火", 0, 0},
    {"防汛抗旱", 0, 0},
    {"文明城市创建", 0, 0},
    {"优化营商环境", 0, 0},
    {"乡村振兴", 2018, 0},
    {"农村人居环境整治", 2018, 0},
    {"扫黑除恶专项斗争", 2018, 2021},
    {"禁毒宣传", 0, 0},
    {"普法宣传", 0, 0},
    {"脱贫攻坚", 0, 2020},
    {"精准扶贫", 0, 2020},
    {"河长制", 2017, 0},
    {"垃圾分类", 2019, 0},
    {"消防安全", 0, 0},
    {"食品安全", 0, 0},
    {"信访维稳", 0, 0},
    {"招商引资", 0, 0},
    {"重点项目建设", 0, 0},
    {"党风廉政建设", 0, 0},
    {"作风建设", 0, 0},
    {"政务公开", 0, 0},
    {"减税降费", 2018, 0},
    {"重点民生实事", 0, 0},
    {"农村改厕", 2018, 0},
    {"秸秆禁烧", 0, 0},
    {"冬春农田水利建设", 0, 0},
    {"防灾减灾", 0, 0},
    {"城乡环境卫生", 0, 0},
    {"新冠肺炎疫情防控", 2020, 2022},
    {"常态化疫情防控", 2020, 2022},
    {"复工复产", 2020, 2020},
    {"“放管服”改革", 2016, 0},
    {"“互联网+政务服务”", 2016, 0},
    {"第七次全国人口普查", 2020, 2021},
    {"第四次全国经济普查", 2018, 2019},
    {"第五次全国经济普查", 2023, 2024},
    {"全国文明城市复查", 0, 0},
    {"耕地保护", 0, 0},
    {"粮食安全", 0, 0},
    {"燃气安全", 2021, 0},
    {"自建房安全专项整治", 2022, 0},
    {"根治欠薪", 0, 0},
    {"平安建设", 0, 0},
    {"网络安全", 0, 0},
    {"档案管理", 0, 0},
};

constexpr const char* kHolidays[] = {"元旦",   "春节",   "清明节", "劳动节",
                                     "端午节", "中秋节", "国庆节"};
constexpr const char* kHazards[] = {"暴雨洪涝", "森林火灾", "低温雨雪冰冻",
                                    "高温干旱", "地质灾害", "强对流天气"};
constexpr const char* kSeasons[] = {"汛期", "冬春季", "节假日期间", "夏季", "秋冬季"};

// Catalog categories, from the seed's list of proactively disclosed content.
enum class Cat {
  kLeaders,       // 政府领导
  kFunctions,     // 政府机构职能
  kLaws,          // 法律法规规范性文件
  kWorkReport,    // 政府工作报告
  kEconomy,       // 国民经济和社会发展
  kProcurement,   // 政府集中采购项目
  kLicensing,     // 行政许可项目
  kMajorMatters,  // 涉及人民群众切身利益的重大事项
  kPersonnel,     // 人事任免
  kBudget,        // 财政预算决算报告
  kRecruitment,   // 事业单位人员招考
  kNotices,       // 通知公告
  kNews,          // 工作动态
  kRules,         // 政府信息公开制度
  kGuide,         // 政府信息公开指南
  kSupervision,   // 公众监督
  kServices,      // 公共服务
  kEmergency,     // 应急管理
  kAnnualReport,  // 政府信息公开年报
};
const char* CategoryPath(Cat c) {
  switch (c) {
    case Cat::kLeaders:
      return "法定主动公开内容/政府领导";
    case Cat::kFunctions:
      return "法定主动公开内容/政府机构职能";
    case Cat::kLaws:
      return "法定主动公开内容/法律法规规范性文件";
    case Cat::kWorkReport:
      return "法定主动公开内容/政府工作报告";
    case Cat::kEconomy:
      return "法定主动公开内容/国民经济和社会发展";
    case Cat::kProcurement:
      return "法定主动公开内容/政府集中采购项目";
    case Cat::kLicensing:
      return "法定主动公开内容/行政许可项目";
    case Cat::kMajorMatters:
      return "法定主动公开内容/涉及人民群众切身利益的重大事项";
    case Cat::kPersonnel:
      return "法定主动公开内容/人事任免";
    case Cat::kBudget:
      return "法定主动公开内容/财政预算决算报告";
    case Cat::kRecruitment:
      return "法定主动公开内容/事业单位人员招考";
    case Cat::kNotices:
      return "法定主动公开内容/通知公告";
    case Cat::kNews:
      return "法定主动公开内容/工作动态";
    case Cat::kRules:
      return "政府信息公开制度";
    case Cat::kGuide:
      return "政府信息公开指南";
    case Cat::kSupervision:
      return "法定主动公开内容/公众监督";
    case Cat::kServices:
      return "法定主动公开内容/公共服务";
    case Cat::kEmergency:
      return "法定主动公开内容/应急管理";
    case Cat::kAnnualReport:
      return "政府信息公开年报";
  }
  return "";
}

// Categories of the bulk of items, weighted (per mille) as portals of such cities look.
constexpr std::pair<Cat, int> kCategoryWeights[] = {
    {Cat::kNews, 400},       {Cat::kNotices, 220},    {Cat::kServices, 60},
    {Cat::kLicensing, 50},   {Cat::kProcurement, 40}, {Cat::kMajorMatters, 40},
    {Cat::kEconomy, 30},     {Cat::kBudget, 30},      {Cat::kEmergency, 30},
    {Cat::kRecruitment, 20}, {Cat::kSupervision, 20}, {Cat::kLaws, 20},
    {Cat::kPersonnel, 15},   {Cat::kFunctions, 5},
};

// ---------------------------------------------------------------------------------------
// Helpers.

std::string Str(int n) { return std::to_string(n); }

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t bar = text.find('|', start);
    if (bar == std::string_view::npos) bar = text.size();
    out.emplace_back(text.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

std::string JsonText(const boost::json::object& object) { return boost::json::serialize(object); }

Date YearStart(int year) { return Date::FromYmd(year, 1, 1); }
Date YearEnd(int year) { return Date::FromYmd(year, 12, 31); }

// The working days of each year, as the calendar classifies them (years the calendar lacks
// follow the weekend rule, which is what the calendar answers for them).
class WorkingDays {
 public:
  explicit WorkingDays(const core::Calendar& calendar) : calendar_(calendar) {}

  const std::vector<Date>& Of(int year) {
    auto it = years_.find(year);
    if (it != years_.end()) return it->second;
    std::vector<Date> days;
    for (Date d = YearStart(year); d <= YearEnd(year); d = d.Next()) {
      if (calendar_.IsWorkingDay(d)) days.push_back(d);
    }
    return years_.emplace(year, std::move(days)).first->second;
  }

  // A random working day in [from, to] (both in the same year); `from` when there is none.
  Date Random(Rng& rng, Date from, Date to) {
    const auto& days = Of(from.year());
    auto lo = std::lower_bound(days.begin(), days.end(), from);
    auto hi = std::upper_bound(days.begin(), days.end(), to);
    if (lo >= hi) return from;
    return *(lo + rng.Below(hi - lo));
  }
  Date RandomInYear(Rng& rng, int year) { return Random(rng, YearStart(year), YearEnd(year)); }
  Date RandomInMonths(Rng& rng, int year, unsigned from_month, unsigned to_month) {
    Date to = to_month == 12 ? YearEnd(year) : Date::FromYmd(year, to_month + 1, 1).AddDays(-1);
    return Random(rng, Date::FromYmd(year, from_month, 1), to);
  }
  // The first working day on or after `d`.
  Date OnOrAfter(Date d) {
    while (!calendar_.IsWorkingDay(d)) d = d.Next();
    return d;
  }

 private:
  const core::Calendar& calendar_;
  std::map<int, std::vector<Date>> years_;
};

// A body as the generator sees it: its spec, its stored id, and derived strings.
struct DemoOrg {
  const OrgSpec* spec = nullptr;
  Id id = 0;
  std::string code;
  std::string name;
  std::vector<std::string> domains;
};

std::string FullName(const OrgSpec& spec) {
  std::string_view name = spec.name;
  if (name.starts_with("青溪经济") || name.starts_with("国家")) return std::string(name);
  return std::string(kCity) + std::string(name);
}

constexpr const char* kRoads[] = {"迎宾大道", "青溪路", "人民路", "建设路", "文化路", "滨江路",
                                  "解放路",   "新华路", "东风路", "育才路", "湖滨路", "工业大道"};
constexpr const char* kOfficeHours = "工作日 上午8:30-12:00 下午14:30-17:30";

core::Org BuildOrg(const OrgSpec& spec, size_t index, std::optional<Id> parent_id, Rng& rng) {
  core::Org org;
  org.parent_id = parent_id;
  org.code = spec.code[0] ? std::string(kRootCode) + "-" + spec.code : kRootCode;
  org.name = FullName(spec);
  org.kind = spec.kind;
  org.sort_order = static_cast<int>(index) * 10;
  org.acceptance_hours = kOfficeHours;
  // Numbers in the reserved-looking 0000 area: no real line is ever published.
  org.acceptance_phone = "0000-52" + Str(rng.Int(10000, 99999));
  if (spec.kind == OrgKind::kGovernment) {
    org.acceptance_address = "青溪市迎宾大道88号市政务服务中心一楼政府信息公开受理窗口";
    org.reading_points = {{"青溪市政务服务中心政府信息公开查阅点",
                           "青溪市迎宾大道88号市政务服务中心一楼", "工作日 8:30-17:30"},
                          {"青溪市档案馆政府信息公开查阅点", "青溪市文化路16号市档案馆二楼阅览室",
                           "周一至周五 9:00-17:00"}};
  } else if (spec.kind == OrgKind::kTownship) {
    org.acceptance_address = org.name + "党政办公室";
  } else {
    // "青溪市人民路12号发展和改革局办公室"; 办公室 bodies are their own office.
    std::string short_name = org.name;
    if (short_name.starts_with(kCity)) short_name.erase(0, std::string_view(kCity).size());
    org.acceptance_address = std::string(kCity) + rng.Pick(kRoads) + Str(rng.Int(1, 399)) + "号" +
                             short_name + (short_name.ends_with("办公室") ? "" : "办公室");
  }
  std::string_view code = spec.code;
  if (code == "TSG") {
    org.reading_points = {{"青溪市图书馆政府信息公开查阅点", "青溪市文化路12号市图书馆一楼",
                           "周二至周日 9:00-20:30"}};
  } else if (code == "ZRJ" || code == "ZJJ" || code == "RSJ") {
    org.reading_points = {{org.name + "政务公开查阅室", org.acceptance_address, kOfficeHours}};
  }
  return org;
}

// ---------------------------------------------------------------------------------------
// Proactive items.

struct DraftItem {
  core::Item item;
  size_t org = 0;          // index into the orgs
  int seq = 0;             // generation order within (org, year): ties in the sort
  std::string doc_prefix;  // non-empty: give a 文号 with this prefix
};

class ItemFactory {
 public:
  ItemFactory(Rng& rng, WorkingDays& days, const std::vector<DemoOrg>& orgs)
      : rng_(rng), days_(days), orgs_(orgs) {
    std::vector<int64_t> weights;
    for (const auto& [cat, weight] : kCategoryWeights) weights.push_back(weight);
    categories_ = std::make_unique<WeightedPicker>(weights);
  }

  Cat RandomCategory() { return kCategoryWeights[categories_->Pick(rng_)].first; }

  // The subject of an item: the body's own work mostly, a city-wide one otherwise.
  std::string Subject(size_t org, int year, bool own_work = false) {
    if (own_work || rng_.Chance(0.65)) return rng_.Pick(orgs_[org].domains);
    for (;;) {
      const GeneralTopic& t = rng_.Pick(kGeneralTopics);
      if ((t.from == 0 || year >= t.from) && (t.to == 0 || year <= t.to)) return t.text;
    }
  }

  DraftItem Make(size_t org, int year, Cat cat, int seq) {
    DraftItem d;
    d.org = org;
    d.seq = seq;
    core::Item& it = d.item;
    const DemoOrg& o = orgs_[org];
    it.org_id = o.id;
    it.publisher = o.name;
    it.topic = o.spec->topic;
    it.category = CategoryPath(cat);
    it.disclosure_mode = "主动公开";
    it.state = core::ItemState::kPublished;
    Date published = days_.RandomInYear(rng_, year);
    it.published_on = published;
    it.formed_on = published.AddDays(-static_cast<int32_t>(rng_.Below(rng_.Chance(0.6) ? 1 : 8)));
    it.title = Title(d, cat, year, published);
    if (cat == Cat::kBudget || cat == Cat::kWorkReport) {
      // Budgets go out in spring after the people's congress, final accounts in summer.
      const bool accounts = it.title.find("决算") != std::string::npos;
      published = accounts ? days_.RandomInMonths(rng_, year, 7, 9)
                           : days_.RandomInMonths(rng_, year, 1, cat == Cat::kWorkReport ? 2 : 4);
      it.published_on = published;
      it.formed_on = published.AddDays(-static_cast<int32_t>(rng_.Below(5)));
    }
    it.summary = o.name + "发布：" + it.title;
    it.body_md = "# " + it.title + "\n\n" + o.name + "，" + published.ToIso() +
                 "。\n\n（青溪市为虚构城市，本条为演示数据。）\n";
    AddChannels(it, published, year);
    return d;
  }

  // A 行政规范性文件 (normative document) of `org`.
  DraftItem MakeNormative(size_t org, int year, int seq) {
    DraftItem d = Make(org, year, Cat::kLaws, seq);
    const DemoOrg& o = orgs_[org];
    static constexpr const char* kForms[] = {"管理办法", "实施细则", "实施办法", "若干规定",
                                             "管理暂行办法"};
    std::string subject = rng_.Pick(o.domains);
    d.item.title = rng_.Chance(0.75)
                       ? o.name + "关于印发《" + kCity + subject + rng_.Pick(kForms) + "》的通知"
                       : o.name + "关于进一步加强" + subject + "工作的意见";
    d.item.is_normative = true;
    d.doc_prefix = o.spec->doc_prefix;
    d.item.formed_on = d.item.published_on->AddDays(-rng_.Int(3, 20));
    if (o.spec->kind == OrgKind::kGovernment || std::string_view(o.spec->code) == "ZFB") {
      d.item.channels.push_back(
          {core::Channel::kGazette, d.item.published_on->AddDays(rng_.Int(10, 40))});
    }
    return d;
  }

  // A 规章 of the province, republished by the city government.
  DraftItem MakeRegulation(size_t root, int year, int seq) {
    DraftItem d = Make(root, year, Cat::kLaws, seq);
    d.item.title = orgs_[root].name + "关于转发《省" +
                   rng_.Pick(orgs_[rng_.Below(kOrgCount)].domains) + "管理办法》（省人民政府令第" +
                   Str(rng_.Int(250, 330)) + "号）的通知";
    d.item.is_regulation = true;
    d.doc_prefix = "青政函";
    return d;
  }

 private:
  std::string Title(DraftItem& d, Cat cat, int year, Date published) {
    const DemoOrg& o = orgs_[d.org];
    const std::string& org = o.name;
    const bool is_root = o.spec->kind == OrgKind::kGovernment;
    // Permits, purchases and services concern the body's own work; news anything current.
    const bool own_work =
        cat == Cat::kLicensing || cat == Cat::kProcurement || cat == Cat::kServices;
    std::string s = Subject(d.org, year, own_work);
    std::string y = Str(year);
    std::string month = Str(static_cast<int>(published.month()));
    switch (cat) {
      case Cat::kNews:
        switch (rng_.Below(9)) {
          case 0:
            return org + "召开" + s + "工作推进会";
          case 1:
            return org + "部署" + y + "年" + s + "工作";
          case 2:
            return org + "开展" + s + "专项检查";
          case 3:
            return is_root ? "市领导调研" + s + "工作" : org + "主要负责人调研" + s + "工作";
          case 4:
            return org + "扎实推进" + s + "工作";
          case 5:
            return org + "召开" + y + "年" + s + "工作会议";
          case 6:
            return org + "组织开展" + s + "宣传活动";
          case 7:
            return org + s + "工作取得阶段性成效";
          default:
            return org + "召开" + s + "专题培训会";
        }
      case Cat::kNotices:
        if (rng_.Chance(0.3)) d.doc_prefix = is_root ? "青政函" : o.spec->doc_prefix;
        switch (rng_.Below(6)) {
          case 0:
            return org + "关于做好" + y + "年" + s + "工作的通知";
          case 1:
            return org + "关于开展" + s +
                   (s.ends_with("整治") ? "行动的通知" : "专项整治行动的通知");
          case 2:
            return org + "关于" + s + "有关事项的公告";
          case 3:
            return org + "关于印发《" + y + "年" + s + "工作方案》的通知";
          case 4:
            return org + "关于" + y + "年" + rng_.Pick(kHolidays) + "放假安排的通知";
          default:
            return org + "关于公布" + y + "年" + s + "工作检查结果的公告";
        }
      case Cat::kLaws:
        switch (rng_.Below(3)) {
          case 0:
            return org + "关于转发《" + s + "条例》的通知";
          case 1:
            return "《" + std::string(kCity) + s + "管理办法》政策解读";
          default:
            return org + s + "相关法律法规汇编";
        }
      case Cat::kPersonnel:
        d.doc_prefix = o.spec->doc_prefix;
        return rng_.Chance(0.6)
                   ? org + "关于" + y + "年第" + Str(rng_.Int(1, 8)) + "批干部任免的通知"
                   : org + "拟任干部任前公示（" + y + "年第" + Str(rng_.Int(1, 5)) + "批）";
      case Cat::kBudget:
        if (is_root && rng_.Chance(0.3)) {
          return "关于青溪市" + Str(year - 1) + "年预算执行情况与" + y + "年预算草案的报告";
        }
        switch (rng_.Below(3)) {
          case 0:
            return org + y + "年部门预算公开";
          case 1:
            return org + Str(year - 1) + "年部门决算公开";
          default:
            return org + Str(year - 1) + "年度“三公”经费决算公开";
        }
      case Cat::kRecruitment:
        switch (rng_.Below(3)) {
          case 0:
            return y + "年" + org + "所属事业单位公开招聘工作人员公告";
          case 1:
            return y + "年" + org + "公开招聘工作人员拟聘用人员名单公示";
          default:
            return y + "年" + org + "公开招聘工作人员笔试成绩公告";
        }
      case Cat::kProcurement:
        switch (rng_.Below(4)) {
          case 0:
            return org + s + "相关服务项目采购公告";
          case 1:
            return org + s + "相关服务项目中标（成交）结果公告";
          case 2:
            return org + s + "相关服务项目更正公告";
          default:
            return org + y + "年" + s + "服务采购项目竞争性磋商公告";
        }
      case Cat::kLicensing:
        switch (rng_.Below(3)) {
          case 0:
            return org + y + "年" + month + "月行政许可事项办理结果公示";
          case 1:
            return org + "行政许可事项清单（" + y + "年版）";
          default:
            return org + "关于" + s + "行政许可的批复";
        }
      case Cat::kEconomy:
        switch (rng_.Below(3)) {
          case 0:
            return y + "年" + month + "月青溪市主要经济指标";
          case 1:
            return org + y + "年" + s + "工作计划";
          default:
            return org + y + "年上半年工作总结及下半年工作安排";
        }
      case Cat::kMajorMatters:
        switch (rng_.Below(4)) {
          case 0:
            return org + "关于" + s + "项目征收土地补偿安置方案的公告";
          case 1:
            return "青溪市" + y + "年重点民生实事项目进展情况（" + s + "）";
          case 2:
            return org + "关于" + s + "的听证公告";
          default:
            return org + y + "年" + s + "资金发放情况公示";
        }
      case Cat::kSupervision:
        switch (rng_.Below(3)) {
          case 0:
            return org + "关于" + y + "年第" + Str(rng_.Int(1, 4)) + "季度" + s + "督查情况的通报";
          case 1:
            return org + y + "年" + s + "问题整改情况公示";
          default:
            return org + "关于" + y + "年度政务服务“好差评”情况的通报";
        }
      case Cat::kServices:
        switch (rng_.Below(3)) {
          case 0:
            return s + "办事指南";
          case 1:
            return org + s + "服务事项公开";
          default:
            return org + s + "服务热线及办理流程";
        }
      case Cat::kEmergency:
        switch (rng_.Below(3)) {
          case 0:
            return org + "关于做好" + y + "年" + rng_.Pick(kSeasons) + rng_.Pick(kHazards) +
                   "防范应对工作的紧急通知";
          case 1:
            return org + rng_.Pick(kHazards) + "应急预案";
          default:
            return org + "关于" + y + "年" + rng_.Pick(kHazards) + "应急演练情况的通报";
        }
      case Cat::kFunctions:
        switch (rng_.Below(3)) {
          case 0:
            return org + "主要职责";
          case 1:
            return org + "内设机构及职能";
          default:
            return org + "领导班子成员分工";
        }
      case Cat::kLeaders:
        return org + "领导工作分工";
      case Cat::kWorkReport:
        return y + "年" + org + "工作报告";
      case Cat::kRules:
        return org + "政府信息公开工作制度";
      case Cat::kGuide:
        return org + "政府信息公开指南";
      case Cat::kAnnualReport:
        return org + Str(year - 1) + "年政府信息公开工作年度报告";
    }
    return org;
  }

  // Every item goes out on at least one channel, almost always the website.
  void AddChannels(core::Item& it, Date published, int year) {
    auto later = [&](int max_days) { return published.AddDays(rng_.Int(0, max_days)); };
    if (rng_.Chance(0.995)) it.channels.push_back({core::Channel::kWebsite, published});
    if (rng_.Chance(0.025)) it.channels.push_back({core::Channel::kWeibo, later(1)});
    if (rng_.Chance(0.09)) it.channels.push_back({core::Channel::kWechat, later(1)});
    if (year >= 2018 && rng_.Chance(0.05)) it.channels.push_back({core::Channel::kApp, later(2)});
    if (rng_.Chance(0.012) || it.channels.empty()) {
      it.channels.push_back({core::Channel::kOther, later(3)});  // 公开栏, 电子显示屏
    }
  }

  Rng& rng_;
  WorkingDays& days_;
  const std::vector<DemoOrg>& orgs_;
  std::unique_ptr<WeightedPicker> categories_;
};

// Sets validity for documents that can lapse: expired at the end of a typical 5-year term,
// or repealed, when that falls within the dataset.
void SetValidity(core::Item& it, Rng& rng, Date data_end) {
  Date published = *it.published_on;
  double roll = rng.Unit();
  if (roll < 0.35) {
    Date expiry = published.AddDays(rng.Chance(0.5) ? 365 * 5 : 365 * 3);
    if (expiry <= data_end) {
      it.validity = core::Validity::kExpired;
      it.validity_changed_on = expiry;
    }
  } else if (roll < 0.45) {
    Date repeal = published.AddDays(rng.Int(200, 2500));
    if (repeal <= data_end) {
      it.validity = core::Validity::kRepealed;
      it.validity_changed_on = repeal;
    }
  }
}

// ---------------------------------------------------------------------------------------
// The generator.

// An answer its applicant might take to review or court.
struct ContestedAnswer {
  size_t org;
  Date closed_on;
  Id id;
};

class Generator {
 public:
  Generator(core::Repositories& repos, const core::Calendar& calendar, const core::Clock& clock,
            const DemoOptions& options)
      : repos_(repos),
        calendar_(calendar),
        clock_(clock),
        options_(options),
        rng_(options.seed),
        days_(calendar),
        data_end_(YearEnd(options.last_year)) {}

  core::Result<DemoSummary> Run() {
    GONGKAI_ASSIGN_OR_RETURN(auto existing, repos_.orgs().List());
    if (!existing.empty()) {
      return core::FailedPrecondition("数据库中已有机构，演示数据只能写入空库");
    }
    GONGKAI_RETURN_IF_ERROR(Orgs());
    for (int year = options_.first_year; year <= options_.last_year; ++year) {
      GONGKAI_RETURN_IF_ERROR(YearFacts(year));
      GONGKAI_RETURN_IF_ERROR(Meetings(year));
      GONGKAI_RETURN_IF_ERROR(Items(year));
      GONGKAI_RETURN_IF_ERROR(Responses(year));
      GONGKAI_RETURN_IF_ERROR(Requests(year));
      GONGKAI_RETURN_IF_ERROR(Consultations(year));
      GONGKAI_RETURN_IF_ERROR(Complaints(year));
      GONGKAI_RETURN_IF_ERROR(LegalCases(year));
    }
    GONGKAI_RETURN_IF_ERROR(Audit());
    return summary_;
  }

 private:
  using Status = core::Status;

  size_t PickOrg(const WeightedPicker& picker) { return picker.Pick(rng_); }

  Status Orgs() {
    std::map<std::string_view, Id> ids;
    for (size_t i = 0; i < kOrgCount; ++i) {
      const OrgSpec& spec = kOrgSpecs[i];
      std::optional<Id> parent;
      if (i > 0) parent = ids.at(spec.parent ? std::string_view(spec.parent) : std::string_view());
      core::Org org = BuildOrg(spec, i, parent, rng_);
      GONGKAI_RETURN_IF_ERROR(core::ValidateOrg(org));
      GONGKAI_ASSIGN_OR_RETURN(Id id, repos_.orgs().Insert(org));
      ids[spec.code] = id;
      orgs_.push_back({&spec, id, org.code, org.name, Split(spec.domains)});
    }
    summary_.orgs = static_cast<int>(orgs_.size());
    std::vector<int64_t> item_w, request_w, consult_w;
    for (const DemoOrg& o : orgs_) {
      item_w.push_back(o.spec->item_weight);
      request_w.push_back(o.spec->request_weight);
      // The city's service centre takes most questions; bodies with counters the rest.
      consult_w.push_back(o.spec->kind == OrgKind::kGovernment ? 600
                                                               : 5 + 5 * o.spec->request_weight);
    }
    request_picker_ = std::make_unique<WeightedPicker>(request_w);
    consult_picker_ = std::make_unique<WeightedPicker>(consult_w);
    item_weights_ = std::move(item_w);
    return Status::Ok();
  }

  Status YearFacts(int year) {
    for (const DemoOrg& o : orgs_) {
      core::OrgYearFacts f;
      f.org_id = o.id;
      f.year = year;
      switch (o.spec->kind) {
        case OrgKind::kGovernment:
          f.dedicated_bodies = 1;
          f.staff_full_time = rng_.Int(2, 4);
          f.staff_part_time = rng_.Int(3, 6);
          f.funding_yuan = 1000 * rng_.Between(160, 200);
          break;
        case OrgKind::kDepartment:
        case OrgKind::kTownship:
          f.dedicated_bodies = 1;
          f.staff_full_time = rng_.Chance(0.05) ? 1 : 0;
          f.staff_part_time = rng_.Int(1, 2);
          f.funding_yuan = rng_.Chance(0.2) ? 500 * rng_.Between(4, 40) : 0;
          break;
        case OrgKind::kInstitution:
          f.dedicated_bodies = rng_.Chance(0.5) ? 1 : 0;
          f.staff_part_time = 1;
          break;
      }
      GONGKAI_RETURN_IF_ERROR(repos_.orgs().PutYearFacts(f));
      if (o.spec->kind == OrgKind::kDepartment) {
        auto vary = [&](int64_t base) {
          return base == 0 ? 0 : base * rng_.Between(80, 120) / 100;
        };
        core::AdminStats s;
        s.org_id = o.id;
        s.year = year;
        s.licensing_decisions = vary(o.spec->licensing);
        s.punishment_decisions = vary(o.spec->punishment);
        s.coercion_decisions = vary(o.spec->coercion);
        s.fees_yuan = vary(o.spec->fees_yuan);
        GONGKAI_RETURN_IF_ERROR(repos_.orgs().PutAdminStats(s));
        ++admin_stats_;
      }
      ++year_facts_;
    }
    return Status::Ok();
  }

  Status Meetings(int year) {
    const Id root = orgs_[0].id;
    std::string y = Str(year);
    std::vector<core::Meeting> meetings = {
        {0, root, core::MeetingCategory::kMeeting, "工作会议", "青溪市" + y + "年政务公开工作会议",
         days_.RandomInMonths(rng_, year, 2, 3), rng_.Int(80, 120)},
        {0, root, core::MeetingCategory::kMeeting, "专题会议", "政府信息公开工作专题会议",
         days_.RandomInMonths(rng_, year, 7, 9), rng_.Int(20, 40)},
        {0, root, core::MeetingCategory::kTraining, "业务培训", y + "年全市政府信息公开业务培训班",
         days_.RandomInMonths(rng_, year, 4, 6), rng_.Int(70, 82)},
    };
    if (year == 2019) {
      meetings.push_back({0, root, core::MeetingCategory::kMeeting, "专题会议",
                          "新修订《中华人民共和国政府信息公开条例》贯彻落实专题会议",
                          days_.RandomInMonths(rng_, year, 4, 5), rng_.Int(60, 90)});
    } else if (rng_.Chance(0.4)) {
      meetings.push_back({0, root, core::MeetingCategory::kMeeting, "专题会议",
                          "政府信息公开年度工作考核部署会",
                          days_.RandomInMonths(rng_, year, 11, 12), rng_.Int(30, 60)});
    }
    for (const auto& m : meetings) {
      GONGKAI_RETURN_IF_ERROR(repos_.orgs().InsertMeeting(m).status());
      ++summary_.meetings;
    }
    return Status::Ok();
  }

  Status Items(int year) {
    ItemFactory factory(rng_, days_, orgs_);
    std::vector<DraftItem> drafts;
    drafts.reserve(21000);
    std::vector<int> seq(orgs_.size(), 0);
    auto add = [&](DraftItem d) { drafts.push_back(std::move(d)); };

    // The bulk: ~19,500-20,700 a year over the bodies by weight.
    const int64_t target = 19300 + rng_.Below(1200);
    int64_t weight_sum = 0;
    for (int64_t w : item_weights_) weight_sum += w;
    for (size_t o = 0; o < orgs_.size(); ++o) {
      int64_t n = target * item_weights_[o] * rng_.Between(85, 115) / (weight_sum * 100);
      for (int64_t k = 0; k < n; ++k) {
        Cat cat = factory.RandomCategory();
        if (cat == Cat::kFunctions && rng_.Chance(0.5)) cat = Cat::kNews;
        add(factory.Make(o, year, cat, seq[o]++));
      }
    }
    // Yearly documents every body publishes.
    for (size_t o = 0; o < orgs_.size(); ++o) {
      DraftItem report = factory.Make(o, year, Cat::kAnnualReport, seq[o]++);
      Date on = days_.RandomInMonths(rng_, year, 1, 3);
      report.item.published_on = on;
      report.item.formed_on = on;
      for (auto& c : report.item.channels) c.published_on = on;
      add(std::move(report));
      if (year == options_.first_year || year == 2019 || rng_.Chance(0.1)) {
        DraftItem guide = factory.Make(o, year, Cat::kGuide, seq[o]++);
        if (year == 2019) guide.item.title = orgs_[o].name + "政府信息公开指南（2019年修订）";
        add(std::move(guide));
      }
    }
    // Root documents: the work report, the statistical bulletin, rules, leaders.
    {
      DraftItem report = factory.Make(0, year, Cat::kWorkReport, seq[0]++);
      report.item.title = Str(year) + "年青溪市人民政府工作报告";
      add(std::move(report));
      if (year == options_.first_year || year == 2019 || year == 2021) {
        for (const char* title :
             {"青溪市政府信息公开保密审查制度", "青溪市依申请公开政府信息工作规程",
              "青溪市政府信息公开工作考核办法"}) {
          DraftItem rule = factory.Make(0, year, Cat::kRules, seq[0]++);
          rule.item.title = title;
          add(std::move(rule));
        }
        DraftItem leaders = factory.Make(0, year, Cat::kLeaders, seq[0]++);
        leaders.item.title = "青溪市人民政府领导工作分工（" + Str(year) + "年）";
        add(std::move(leaders));
      }
      for (size_t o = 0; o < orgs_.size(); ++o) {
        if (std::string_view(orgs_[o].spec->code) != "TJJ") continue;
        DraftItem bulletin = factory.Make(o, year, Cat::kEconomy, seq[o]++);
        bulletin.item.title = "青溪市" + Str(year - 1) + "年国民经济和社会发展统计公报";
        add(std::move(bulletin));
      }
    }
    // 行政规范性文件 (~50 a year, as in the seed) and the odd provincial 规章.
    std::vector<size_t> normative_of_root;
    WeightedPicker normative_orgs(NormativeWeights());
    const int normatives = rng_.Int(42, 66);
    for (int k = 0; k < normatives; ++k) {
      size_t o = rng_.Chance(0.4) ? 0 : normative_orgs.Pick(rng_);
      DraftItem d = factory.MakeNormative(o, year, seq[o]++);
      SetValidity(d.item, rng_, data_end_);
      add(std::move(d));
    }
    for (int k = rng_.Int(0, 2); k > 0; --k) add(factory.MakeRegulation(0, year, seq[0]++));
    // Some notices with a 文号 lapse too.
    for (auto& d : drafts) {
      if (!d.doc_prefix.empty() && !d.item.is_normative && rng_.Chance(0.15)) {
        SetValidity(d.item, rng_, data_end_);
      }
    }

    // Ids follow publication order (the portal walks newest-first by id); the key is unique,
    // so the order does not depend on the sort algorithm.
    std::sort(drafts.begin(), drafts.end(), [](const DraftItem& a, const DraftItem& b) {
      return std::tie(*a.item.published_on, a.org, a.seq) <
             std::tie(*b.item.published_on, b.org, b.seq);
    });
    std::vector<int> serial(orgs_.size(), 0);
    std::map<std::string, int> doc_serial;
    std::string y = Str(year);
    for (auto& d : drafts) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%05d", ++serial[d.org]);
      d.item.index_no = orgs_[d.org].code + "/" + y + "-" + buf;
      if (!d.doc_prefix.empty()) {
        d.item.doc_no = d.doc_prefix + "〔" + y + "〕" + Str(++doc_serial[d.doc_prefix]) + "号";
      }
    }

    // Work in progress at the end of the data: drafts and submissions have no 索引号 yet;
    // withdrawn items keep theirs (never reused).
    if (year == options_.last_year) {
      const core::ItemState states[] = {core::ItemState::kDraft,     core::ItemState::kDraft,
                                        core::ItemState::kDraft,     core::ItemState::kSubmitted,
                                        core::ItemState::kSubmitted, core::ItemState::kSubmitted,
                                        core::ItemState::kSubmitted, core::ItemState::kRejected};
      for (core::ItemState state : states) {
        size_t o = static_cast<size_t>(rng_.Below(static_cast<int64_t>(orgs_.size())));
        DraftItem d = factory.Make(o, year, factory.RandomCategory(), seq[o]++);
        d.item.state = state;
        d.item.published_on.reset();
        d.item.channels.clear();
        d.item.formed_on = days_.RandomInMonths(rng_, year, 12, 12);
        drafts.push_back(std::move(d));
      }
      for (int k = 0; k < 3; ++k) {
        auto& d = drafts[static_cast<size_t>(rng_.Below(static_cast<int64_t>(drafts.size()) - 8))];
        d.item.state = core::ItemState::kWithdrawn;
      }
    }

    std::vector<core::Item> batch;
    batch.reserve(kItemBatch);
    year_items_.clear();
    for (size_t i = 0; i < drafts.size(); ++i) {
      batch.push_back(std::move(drafts[i].item));
      if (batch.size() == kItemBatch || i + 1 == drafts.size()) {
        GONGKAI_RETURN_IF_ERROR(repos_.items().InsertMany(batch));
        for (const auto& it : batch) {
          if (it.is_normative && it.state == core::ItemState::kPublished) {
            year_items_.push_back({it.id, it.org_id, *it.published_on});
          }
        }
        summary_.items += static_cast<int64_t>(batch.size());
        batch.clear();
      }
    }
    return Status::Ok();
  }

  std::vector<int64_t> NormativeWeights() const {
    std::vector<int64_t> w;
    for (const DemoOrg& o : orgs_) {
      w.push_back(o.spec->kind == OrgKind::kDepartment ? o.spec->item_weight : 0);
    }
    return w;
  }

  Status Responses(int year) {
    // Hot topics of the year; responses to one topic share its concern key.
    const int hotspots = rng_.Int(4, 9);
    std::vector<std::string> subjects;
    for (int k = 0; k < hotspots; ++k) {
      subjects.push_back(rng_.Pick(
          orgs_[static_cast<size_t>(rng_.Below(static_cast<int64_t>(orgs_.size())))].domains));
    }
    struct Plan {
      core::ResponseKind kind;
      int lo, hi;
    };
    const Plan plans[] = {{core::ResponseKind::kPressConference, 2, 5},
                          {core::ResponseKind::kOnlineInterview, 1, 3},
                          {core::ResponseKind::kInterpretation, 8, 20},
                          {core::ResponseKind::kWeiboWechat, 5, 15},
                          {core::ResponseKind::kOther, 3, 8}};
    for (const Plan& plan : plans) {
      const int n = rng_.Int(plan.lo, plan.hi);
      for (int k = 0; k < n; ++k) {
        core::Response r;
        const bool at_root = k == 0 || rng_.Chance(0.5);
        // Otherwise one of the first 55 市直部门 (they follow the root in kOrgSpecs).
        r.org_id = at_root ? orgs_[0].id : orgs_[1 + static_cast<size_t>(rng_.Below(55))].id;
        r.kind = plan.kind;
        r.held_on = days_.RandomInYear(rng_, year);
        const int hotspot = static_cast<int>(rng_.Below(hotspots));
        r.concern_key = Str(year) + "-hot-" + Str(hotspot + 1);
        switch (plan.kind) {
          case core::ResponseKind::kPressConference:
            r.topic = "青溪市" + subjects[hotspot] + "新闻发布会";
            r.principal_attended = k == 0 || rng_.Chance(0.4);
            break;
          case core::ResponseKind::kOnlineInterview:
            r.topic = "“" + subjects[hotspot] + "”在线访谈";
            r.principal_attended = rng_.Chance(0.3);
            break;
          case core::ResponseKind::kInterpretation:
            r.topic = subjects[hotspot] + "政策解读";
            if (!year_items_.empty() && rng_.Chance(0.7)) {
              // The drafting body interprets its own document when it is published.
              const NormativeItem& item = rng_.Pick(year_items_);
              r.org_id = item.org_id;
              r.interpreted_item_id = item.id;
              r.held_on = item.published_on;
            }
            break;
          case core::ResponseKind::kWeiboWechat:
            r.topic = "关于" + subjects[hotspot] + "网民关切的回应";
            break;
          case core::ResponseKind::kOther:
            r.topic = "关于" + subjects[hotspot] + "社会关切的答复";
            break;
        }
        GONGKAI_RETURN_IF_ERROR(repos_.items().InsertResponse(r).status());
        ++summary_.responses;
      }
    }
    return Status::Ok();
  }

  // --- Requests ------------------------------------------------------------------------

  struct PlannedRequest {
    size_t org = 0;
    int order = 0;
    core::Request request;
    std::vector<core::RequestEvent> events;
  };

  core::RequestEvent Event(std::string kind, Date on, std::string note, std::string data = "") {
    core::RequestEvent e;
    e.kind = std::move(kind);
    e.on = on;
    e.actor = kActor;
    e.note = std::move(note);
    e.data = std::move(data);
    return e;
  }

  // Event data naming the outcome, as the request clock reads it.
  static std::string OutcomeData(const std::string& outcome) {
    boost::json::object data;
    data["outcome"] = outcome;
    return JsonText(data);
  }

  std::string OutcomeForRequest(int index_in_year) {
    const auto& codes = core::OutcomeCodes();
    // A few outcomes per year in rotation, so every outcome appears over a few years;
    // the rest drawn by weight (mostly 予以公开, as in the seed).
    if (index_in_year < 3) return codes[static_cast<size_t>(forced_outcome_++) % codes.size()];
    static const std::vector<int64_t> kWeights = {500, 100, 10, 10, 10, 20, 20, 20, 10, 20, 120,
                                                  40,  20,  30, 20, 10, 10, 10, 20, 10, 30};
    static const WeightedPicker picker(kWeights);
    return codes[picker.Pick(rng_)];
  }

  Status Requests(int year) {
    static constexpr const char* kDelivery[] = {"纸质", "电子邮件", "网络平台", "当场阅览", "光盘"};
    static const WeightedPicker channel_picker({30, 13, 1, 50, 6});     // kAllRequestChannels order
    static const WeightedPicker applicant_picker({78, 8, 2, 2, 7, 3});  // kAllApplicantTypes
    const Date year_end = YearEnd(year);
    const bool last_year = year == options_.last_year;
    const int count = rng_.Int(50, 60);
    std::vector<PlannedRequest> plans;
    int closed_index = 0;
    for (int i = 0; i < count; ++i) {
      PlannedRequest p;
      p.org = PickOrg(*request_picker_);
      p.order = i;
      core::Request& r = p.request;
      r.org_id = orgs_[p.org].id;
      // The first few of each year cycle through every channel and applicant type.
      r.channel = i < 5 ? core::kAllRequestChannels[i]
                        : core::kAllRequestChannels[channel_picker.Pick(rng_)];
      r.applicant_type = i < 6 ? core::kAllApplicantTypes[(i + year) % 6]
                               : core::kAllApplicantTypes[applicant_picker.Pick(rng_)];
      r.lookup_code_hash = rng_.Hex(32);
      const std::string subject = rng_.Pick(orgs_[p.org].domains);
      r.description = "申请公开" + orgs_[p.org].name + "关于" + subject + "的" +
                      (rng_.Chance(0.5) ? "相关文件" : Str(year - rng_.Int(0, 3)) + "年相关资料");
      if (rng_.Chance(0.15)) {
        r.doc_no = std::string(orgs_[p.org].spec->doc_prefix) + "〔" + Str(year - rng_.Int(0, 4)) +
                   "〕" + Str(rng_.Int(1, 60)) + "号";
      }
      r.delivery_form = rng_.Pick(kDelivery);

      // Carried over: a few received late in December, still open on 31 December.
      const bool carried = i >= count - rng_.Int(2, 3);
      r.received_on = carried ? days_.Random(rng_, Date::FromYmd(year, 12, 18), year_end)
                              : days_.Random(rng_, YearStart(year), Date::FromYmd(year, 12, 10));
      switch (r.channel) {
        case core::RequestChannel::kPost:
          r.submitted_on = r.received_on.AddDays(-rng_.Int(2, 5));
          break;
        case core::RequestChannel::kOnline:
        case core::RequestChannel::kFax:
          r.submitted_on = r.received_on.AddDays(-rng_.Int(0, 2));
          break;
        default:
          r.submitted_on = r.received_on;
      }
      if (r.submitted_on.year() != year) r.submitted_on = r.received_on;
      // The regime's period (15 days under the 2008 regulation, 20 under 2019's) drives the
      // simulated events; the stored due date is the clock's replay of them (see below).
      const int limit = core::AnswerPeriodDays(core::RegimeFor(r.received_on));
      core::CalendarDay due = core::PlainDueDate(r.received_on, calendar_);
      r.due_on = due.date;
      r.due_provisional = due.provisional;
      p.events.push_back(
          Event(core::RequestEventKindCode(core::RequestEventKind::kReceipt), r.received_on,
                std::string("收到申请（") + core::RequestChannelLabel(r.channel) + "）"));

      // Open at the end of the data: some awaiting correction, the carried ones in progress.
      if (last_year && i == count - 5) {
        // Just received when the data ends: nothing done on it yet.
        r.received_on =
            days_.Random(rng_, Date::FromYmd(year, 12, 22), Date::FromYmd(year, 12, 28));
        r.submitted_on = r.received_on;
        p.events.front().on = r.received_on;
        core::CalendarDay d = calendar_.AddWorkingDays(r.received_on, limit);
        r.due_on = d.date;
        r.due_provisional = d.provisional;
        r.state = core::RequestState::kReceived;
        plans.push_back(std::move(p));
        continue;
      }
      if (last_year && (carried || i == count - 4)) {
        if (!carried) {
          r.received_on =
              days_.Random(rng_, Date::FromYmd(year, 12, 1), Date::FromYmd(year, 12, 10));
          r.submitted_on = r.received_on;
          p.events.front().on = r.received_on;
          r.state = core::RequestState::kCorrectionRequested;
          core::CalendarDay d = calendar_.AddWorkingDays(r.received_on, limit);
          r.due_on = d.date;
          r.due_provisional = d.provisional;
          p.events.push_back(
              Event(core::RequestEventKindCode(core::RequestEventKind::kCorrectionRequested),
                    calendar_.AddWorkingDays(r.received_on, rng_.Int(2, 6)).date, "发出补正通知"));
        } else {
          r.state = core::RequestState::kInProgress;
        }
        plans.push_back(std::move(p));
        continue;
      }

      r.outcome = OutcomeForRequest(closed_index++);
      const int max_days = carried ? limit : limit - 1;
      Date closed =
          calendar_.AddWorkingDays(r.received_on, rng_.Int(carried ? 8 : 3, max_days)).date;
      if (closed <= year_end && carried) closed = days_.OnOrAfter(year_end.Next());
      if (r.outcome == "r6_1") {
        // Asked for a correction that never came: the request lapses.
        Date notice = calendar_.AddWorkingDays(r.received_on, rng_.Int(2, 6)).date;
        p.events.push_back(
            Event(core::RequestEventKindCode(core::RequestEventKind::kCorrectionRequested), notice,
                  "发出补正通知"));
        closed = calendar_.AddWorkingDays(notice, 15).date;
        r.state = core::RequestState::kAbandoned;
        p.events.push_back(Event(core::RequestEventKindCode(core::RequestEventKind::kAbandon),
                                 closed, "申请人逾期未补正，视为放弃申请", OutcomeData(r.outcome)));
      } else if (r.outcome == "r6_2") {
        p.events.push_back(Event(core::RequestEventKindCode(core::RequestEventKind::kFeeNotice),
                                 calendar_.AddWorkingDays(r.received_on, 5).date, "发出收费通知"));
        closed = calendar_.AddWorkingDays(r.received_on, 5 + 20).date;
        r.state = core::RequestState::kAbandoned;
        p.events.push_back(Event(core::RequestEventKindCode(core::RequestEventKind::kAbandon),
                                 closed, "申请人逾期未缴费，视为放弃申请", OutcomeData(r.outcome)));
      } else if (r.outcome == "r6_3" && rng_.Chance(0.6)) {
        closed = calendar_.AddWorkingDays(r.received_on, rng_.Int(1, 8)).date;
        r.state = core::RequestState::kWithdrawn;
        p.events.push_back(Event(core::RequestEventKindCode(core::RequestEventKind::kWithdraw),
                                 closed, "申请人撤回申请", OutcomeData(r.outcome)));
      } else {
        if (r.outcome == "r4_3" || rng_.Chance(0.05)) {
          // Correction requested and received: the clock restarts on receipt.
          Date notice = calendar_.AddWorkingDays(r.received_on, rng_.Int(2, 6)).date;
          Date corrected = calendar_.AddWorkingDays(notice, rng_.Int(2, 10)).date;
          p.events.push_back(
              Event(core::RequestEventKindCode(core::RequestEventKind::kCorrectionRequested),
                    notice, "发出补正通知"));
          p.events.push_back(Event(core::RequestEventKindCode(core::RequestEventKind::kCorrected),
                                   corrected, "收到补正材料"));
          core::CalendarDay d = calendar_.AddWorkingDays(corrected, limit);
          r.due_on = d.date;
          r.due_provisional = d.provisional;
          closed = calendar_.AddWorkingDays(corrected, rng_.Int(3, limit - 1)).date;
        }
        const double roll = rng_.Unit();
        if (roll < 0.05) {
          // Extended once with approval (第三十三条).
          Date extended_on = calendar_.AddWorkingDays(r.received_on, limit - 2).date;
          core::CalendarDay d = calendar_.AddWorkingDays(*r.due_on, limit);
          boost::json::object extension;
          extension["days"] = limit;
          extension["approver"] = "办公室主任";
          p.events.push_back(Event(core::RequestEventKindCode(core::RequestEventKind::kExtension),
                                   extended_on, "经负责人同意延长答复期限", JsonText(extension)));
          closed = calendar_.AddWorkingDays(*r.due_on, rng_.Int(1, limit)).date;
          r.due_on = d.date;
          r.due_provisional = d.provisional;
        } else if (roll < 0.09) {
          closed = calendar_.AddWorkingDays(*r.due_on, rng_.Int(1, 5)).date;  // answered late
        }
        r.state = core::RequestState::kAnswered;
        p.events.push_back(Event(core::RequestEventKindCode(core::RequestEventKind::kAnswer),
                                 closed, "作出答复", OutcomeData(r.outcome)));
      }
      r.closed_on = closed;
      if (last_year && closed > year_end) {
        // Not yet answered when the data ends.
        r.state = core::RequestState::kInProgress;
        r.outcome.clear();
        r.closed_on.reset();
        p.events.resize(1);
      }
      plans.push_back(std::move(p));
    }

    // Serials follow the order of receipt within each body.
    std::sort(plans.begin(), plans.end(), [](const PlannedRequest& a, const PlannedRequest& b) {
      return std::tie(a.request.received_on, a.order) < std::tie(b.request.received_on, b.order);
    });
    std::vector<int> serial(orgs_.size(), 0);
    year_requests_.clear();
    for (auto& p : plans) {
      core::Request& r = p.request;
      r.year = year;
      r.serial = ++serial[p.org];
      char buf[24];
      std::snprintf(buf, sizeof buf, "%04d-%04d", year, r.serial);
      r.tracking_no = buf;
      // The due date is the request clock's, replayed from the generated events, so the
      // demo can never disagree with `gongkai request explain`.
      GONGKAI_ASSIGN_OR_RETURN(core::DueDate due,
                               core::ComputeDueDate(r, p.events, calendar_, core::ClockRules{}));
      r.due_on = due.date;
      r.due_provisional = due.provisional;
      GONGKAI_ASSIGN_OR_RETURN(Id id, repos_.requests().Insert(r));
      ++summary_.requests;
      for (auto& e : p.events) {
        e.request_id = id;
        GONGKAI_RETURN_IF_ERROR(repos_.requests().AppendEvent(e).status());
        ++request_events_;
      }
      const bool contested = r.outcome == "r2_partial" || r.outcome.starts_with("r3_") ||
                             r.outcome.starts_with("r4_") || r.outcome.starts_with("r5_");
      if (contested && r.state == core::RequestState::kAnswered) {
        year_requests_.push_back({p.org, *r.closed_on, id});
      }
    }
    return Status::Ok();
  }

  // --- Consultations, complaints, cases ------------------------------------------------

  Status Consultations(int year) {
    static constexpr const char* kTopics[] = {
        "户籍户证",     "婚姻登记",     "投资与创业",   "公共交通",     "社会保险",
        "医疗保险",     "不动产登记",   "住房公积金",   "义务教育入学", "企业开办",
        "税费办理",     "低保救助",     "残疾人补贴",   "退役军人优待", "出入境证件",
        "机动车驾驶证", "工程建设审批", "食品经营许可", "养老服务",     "政府信息公开申请流程"};
    std::vector<core::Consultation> rows;
    rows.reserve(9500);
    const std::pair<core::ConsultChannel, int> plan[] = {
        {core::ConsultChannel::kOnSite, rng_.Int(5050, 5350)},
        {core::ConsultChannel::kPhone, rng_.Int(2700, 2900)},
        {core::ConsultChannel::kOnline, rng_.Int(940, 1080)}};
    for (const auto& [channel, n] : plan) {
      for (int k = 0; k < n; ++k) {
        core::Consultation c;
        c.org_id = orgs_[PickOrg(*consult_picker_)].id;
        c.channel = channel;
        c.asked_on = channel == core::ConsultChannel::kOnline
                         ? YearStart(year).AddDays(static_cast<int32_t>(rng_.Below(365)))
                         : days_.RandomInYear(rng_, year);
        c.topic = rng_.Pick(kTopics);
        c.answered = !rng_.Chance(0.004);
        rows.push_back(std::move(c));
      }
    }
    GONGKAI_RETURN_IF_ERROR(repos_.cases().InsertConsultations(rows));
    summary_.consultations += static_cast<int64_t>(rows.size());
    return Status::Ok();
  }

  Status Complaints(int year) {
    static constexpr const char* kIssues[] = {
        "噪音扰民", "道路破损",       "路灯不亮", "违章搭建",    "占道经营",     "拖欠工资",
        "物业纠纷", "垃圾清运不及时", "供水中断", "排污扰民",    "校外培训收费", "医保报销",
        "房屋质量", "户籍迁移",       "食品安全", "交通拥堵",    "油烟扰民",     "农村道路硬化",
        "低保评定", "征地补偿",       "公交线路", "燃气安全隐患"};
    std::vector<core::Complaint> rows;
    rows.reserve(9600);
    const Date data_end = data_end_;
    const std::pair<core::ComplaintChannel, int> plan[] = {
        {core::ComplaintChannel::kMayorMailbox, rng_.Int(3150, 3350)},
        {core::ComplaintChannel::kHotline12345, rng_.Int(5500, 5700)},
        {core::ComplaintChannel::kOther, rng_.Int(420, 520)}};
    for (const auto& [channel, n] : plan) {
      for (int k = 0; k < n; ++k) {
        core::Complaint c;
        const size_t o = PickOrg(*consult_picker_);
        c.org_id = orgs_[o].id;
        c.channel = channel;
        c.received_on = YearStart(year).AddDays(static_cast<int32_t>(rng_.Below(365)));
        const std::string& place =
            orgs_[o].spec->kind == OrgKind::kTownship ? orgs_[o].name : std::string(kCity);
        c.subject = "反映" + place + rng_.Pick(kIssues) + "问题";
        Date replied = c.received_on.AddDays(rng_.Int(1, 12));
        if (replied <= data_end && !rng_.Chance(0.002)) c.replied_on = replied;
        rows.push_back(std::move(c));
      }
    }
    GONGKAI_RETURN_IF_ERROR(repos_.cases().InsertComplaints(rows));
    summary_.complaints += static_cast<int64_t>(rows.size());
    return Status::Ok();
  }

  Status LegalCases(int year) {
    static const WeightedPicker result_picker({50, 20, 20});  // maintained, corrected, other
    const int n = rng_.Int(1, 4);
    for (int k = 0; k < n; ++k) {
      core::LegalCase c;
      c.kind = static_cast<core::CaseKind>(forced_case_kind_++ % 3);
      if (!year_requests_.empty() && rng_.Chance(0.8)) {
        const ContestedAnswer& r = rng_.Pick(year_requests_);
        c.org_id = orgs_[r.org].id;
        c.request_id = r.id;
        c.filed_on = days_.OnOrAfter(r.closed_on.AddDays(rng_.Int(15, 55)));
      } else {
        c.org_id = orgs_[PickOrg(*request_picker_)].id;
        c.filed_on = days_.RandomInYear(rng_, year);
      }
      const int span = c.kind == core::CaseKind::kReview ? rng_.Int(30, 90) : rng_.Int(60, 180);
      Date closed = days_.OnOrAfter(c.filed_on.AddDays(span));
      if (closed > data_end_) {
        c.result = core::CaseResult::kPending;  // 尚未审结 when the data ends
      } else {
        c.result = static_cast<core::CaseResult>(result_picker.Pick(rng_));
        c.closed_on = closed;
      }
      GONGKAI_RETURN_IF_ERROR(repos_.cases().InsertLegalCase(c).status());
      ++summary_.legal_cases;
    }
    return Status::Ok();
  }

  // One event per entity type for the whole load (see demo_data.hpp for why).
  Status Audit() {
    const std::pair<const char*, int64_t> counts[] = {
        {"org", summary_.orgs},
        {"org_year_facts", year_facts_},
        {"admin_stats", admin_stats_},
        {"meeting", summary_.meetings},
        {"item", summary_.items},
        {"response", summary_.responses},
        {"request", summary_.requests},
        {"request_event", request_events_},
        {"consultation", summary_.consultations},
        {"complaint", summary_.complaints},
        {"legal_case", summary_.legal_cases},
    };
    const std::string now = clock_.NowUtc();
    for (const auto& [entity, count] : counts) {
      core::AuditEvent e;
      e.at = now;
      e.actor = "system";
      e.action = "demo.generate";
      e.entity = entity;
      e.entity_id = "*";
      boost::json::object after;
      after["count"] = count;
      after["seed"] = options_.seed;
      after["first_year"] = options_.first_year;
      after["last_year"] = options_.last_year;
      e.after_json = JsonText(after);
      GONGKAI_RETURN_IF_ERROR(repos_.audit().Append(std::move(e)).status());
    }
    return Status::Ok();
  }

  core::Repositories& repos_;
  const core::Calendar& calendar_;
  const core::Clock& clock_;
  const DemoOptions& options_;
  Rng rng_;
  WorkingDays days_;
  const Date data_end_;
  std::vector<DemoOrg> orgs_;
  std::vector<int64_t> item_weights_;
  std::unique_ptr<WeightedPicker> request_picker_, consult_picker_;
  struct NormativeItem {
    Id id;
    Id org_id;
    Date published_on;
  };
  std::vector<NormativeItem> year_items_;       // the year's published normative items
  std::vector<ContestedAnswer> year_requests_;  // the year's contestable answers
  int forced_outcome_ = 0;
  int forced_case_kind_ = 0;
  int64_t year_facts_ = 0, admin_stats_ = 0, request_events_ = 0;
  DemoSummary summary_;
};

// Sign-in accounts for the demo city (docs/admin.md): one per role on the city
// government, and an editor of 教育局, all with the documented demo password and no forced
// change, so a newcomer can sign in to /admin at once.
constexpr const char* kDemoPassword = "gongkai-demo-2024";

core::Status CreateDemoUsers(core::Repositories& repos, const core::ChangeContext& ctx,
                             const std::string& password_hash) {
  const std::string dept = std::string(kRootCode) + "-JYJ";
  struct Account {
    const char* username;
    const char* display_name;
    core::Role role;
    std::string org;
  };
  const Account accounts[] = {
      {"demo-admin", "演示管理员", core::Role::kAdmin, kRootCode},
      {"demo-editor", "演示编辑", core::Role::kEditor, kRootCode},
      {"demo-reviewer", "演示审查员", core::Role::kReviewer, kRootCode},
      {"demo-handler", "演示申请办理员", core::Role::kCaseHandler, kRootCode},
      {"demo-jyj-editor", "教育局编辑", core::Role::kEditor, dept},
  };
  for (const auto& a : accounts) {
    core::User user;
    user.username = a.username;
    user.display_name = a.display_name;
    user.password_hash = password_hash;
    user.must_change_password = false;
    GONGKAI_RETURN_IF_ERROR(core::CreateUser(repos, ctx, user, a.role, a.org).status());
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<DemoSummary> GenerateDemo(core::Store& store, const core::Calendar& calendar,
                                       const core::Clock& clock, const DemoOptions& options) {
  if (options.first_year < 2000 || options.last_year > 2999 ||
      options.first_year > options.last_year) {
    return core::InvalidArgument("演示数据年份范围无效", "years");
  }
  // Hashed once, outside the transaction (argon2id is deliberately slow).
  GONGKAI_ASSIGN_OR_RETURN(std::string password_hash, HashPassword(kDemoPassword));
  std::optional<DemoSummary> summary;
  core::Status status = store.Transact([&](core::Repositories& repos) -> core::Status {
    Generator generator(repos, calendar, clock, options);
    GONGKAI_ASSIGN_OR_RETURN(summary, generator.Run());
    GONGKAI_RETURN_IF_ERROR(CreateDemoUsers(repos, {"system", clock.NowUtc()}, password_hash));
    return core::Status::Ok();
  });
  if (!status.ok()) return status;
  return *summary;
}

}  // namespace gongkai::app
