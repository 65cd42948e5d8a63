#include "demo/demo_city.hpp"

#include <iterator>
#include <string_view>

namespace gongkai::demo {
namespace {

using core::Id;
using core::OrgKind;

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

std::string FullName(const OrgSpec& spec) {
  std::string_view name = spec.name;
  if (name.starts_with("青溪经济") || name.starts_with("国家")) return std::string(name);
  return std::string(kCity) + std::string(name);
}

constexpr const char* kRoads[] = {"迎宾大道", "青溪路", "人民路", "建设路", "文化路", "滨江路",
                                  "解放路",   "新华路", "东风路", "育才路", "湖滨路", "工业大道"};
constexpr const char* kOfficeHours = "工作日 上午8:30-12:00 下午14:30-17:30";

}  // namespace

std::span<const OrgSpec> OrgSpecs() { return kOrgSpecs; }
std::span<const GeneralTopic> GeneralTopics() { return kGeneralTopics; }

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

}  // namespace gongkai::demo
