// gongkai org add | list | tree
#include <iostream>

#include "cli/commands.hpp"
#include "core/org_service.hpp"
#include "core/org_tree.hpp"

namespace gongkai::cli {
namespace {

struct OrgArgs {
  std::string url, code, name, kind = "department", parent, address, hours, phone;
  int sort_order = 0;
};

int Add(const OrgArgs& a) {
  core::Org org;
  auto name = NormalizeArg(a.name, "name");
  if (!name.ok()) return PrintError(name.status());
  auto code = NormalizeArg(a.code, "code");
  if (!code.ok()) return PrintError(code.status());
  auto kind = core::ParseOrgKind(a.kind);
  if (!kind.ok()) return PrintError(kind.status());
  org.code = *code;
  org.name = *name;
  org.kind = *kind;
  org.sort_order = a.sort_order;
  for (auto [field, raw, out] : {std::tuple{"address", &a.address, &org.acceptance_address},
                                 std::tuple{"hours", &a.hours, &org.acceptance_hours},
                                 std::tuple{"phone", &a.phone, &org.acceptance_phone}}) {
    auto value = NormalizeArg(*raw, field);
    if (!value.ok()) return PrintError(value.status());
    *out = *value;
  }
  auto parent = NormalizeArg(a.parent, "parent");
  if (!parent.ok()) return PrintError(parent.status());
  core::ChangeContext ctx = CliChangeContext();
  core::Org created;
  int rc = RunInTransaction(a.url, [&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(created, core::CreateOrg(repos, ctx, org, *parent));
    return core::Status::Ok();
  });
  if (rc == kExitOk) std::cout << "已创建机构 " << created.name << " [" << created.code << "]\n";
  return rc;
}

int List(const OrgArgs& a) {
  return RunInTransaction(a.url, [](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    core::OrgTree tree(orgs);
    for (const auto& o : orgs) {
      const core::Org* parent = o.parent_id ? tree.Find(*o.parent_id) : nullptr;
      std::cout << o.code << '\t' << o.name << '\t' << core::OrgKindLabel(o.kind) << '\t'
                << (parent ? parent->code : "-") << '\n';
    }
    return core::Status::Ok();
  });
}

int Tree(const OrgArgs& a) {
  return RunInTransaction(a.url, [](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
    std::cout << core::OrgTree(std::move(orgs)).Render();
    return core::Status::Ok();
  });
}

}  // namespace

void AddOrgCommands(CLI::App& app, Action& action) {
  auto args = std::make_shared<OrgArgs>();
  auto* org = app.add_subcommand("org", "机构（组织树）管理");
  org->require_subcommand(1);

  auto* add = org->add_subcommand("add", "新建机构；不指定 --parent 时创建根机构");
  AddDbOption(add, args->url);
  add->add_option("code", args->code, "机构代码（大写字母、数字、-，用于索引号）")->required();
  add->add_option("name", args->name, "机构名称")->required();
  add->add_option(
      "--kind", args->kind,
      "类型: government|department|township|institution 或 人民政府|部门|乡镇街道|公共企事业单位");
  add->add_option("--parent", args->parent, "上级机构代码");
  add->add_option("--address", args->address, "依申请公开受理点地址");
  add->add_option("--hours", args->hours, "受理时间");
  add->add_option("--phone", args->phone, "受理电话");
  add->add_option("--sort", args->sort_order, "排序号");
  add->callback([&action, args] { action.Set([args] { return Add(*args); }); });

  auto* list = org->add_subcommand("list", "列出机构（代码、名称、类型、上级）");
  AddDbOption(list, args->url);
  list->callback([&action, args] { action.Set([args] { return List(*args); }); });

  auto* tree = org->add_subcommand("tree", "以树形打印机构");
  AddDbOption(tree, args->url);
  tree->callback([&action, args] { action.Set([args] { return Tree(*args); }); });
}

}  // namespace gongkai::cli
