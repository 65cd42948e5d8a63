// Disclosure catalogs (政府信息公开目录): the default columns every body starts with, and
// the vocabularies of item events and submissions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/item.hpp"

namespace gongkai::core {

// The default catalog of a body of `kind`: 政府信息公开指南, 政府信息公开制度, 法定主动公开内容
// with the seed's categories (政府领导 ... 应急管理), and 政府信息公开年报. Mandatory columns
// are those every such body must keep up (the guide, the rules, the annual report — each
// with a stale limit of 400 days, as they change yearly — and for governments also 政府领导,
// 政府工作报告 and 财政预算决算报告; for every body 机构职能, 法律法规规范性文件, 通知公告,
// 工作动态). org_id and id are 0.
std::vector<CatalogCategory> DefaultCatalog(OrgKind kind);

// The columns a body uses: its stored ones, or DefaultCatalog(kind) when it has none.
std::vector<CatalogCategory> EffectiveCatalog(const Org& org, std::vector<CatalogCategory> stored);

// Checks a catalog path: 1-5 non-empty '/'-separated segments of at most 60 bytes each
// (kInvalidArgument naming "category").
Status ValidateCategoryPath(std::string_view path);

}  // namespace gongkai::core
