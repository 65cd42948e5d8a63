// The body and user the item import tests start from (tests only): BulkImportTest (cli)
// and ImportPipelineTest (app) import their CSV files as this editor into this body, on
// SQLite and on PostgreSQL alike.
#pragma once

#include "core/org_service.hpp"
#include "core/store.hpp"
#include "core/user.hpp"

namespace gongkai::testing {

// Creates the body QXS (青溪市人民政府, a government) and its editor zhang.san in one
// transaction of `store`, through the core services (so with their audit events); returns
// the first failure. Call once, on an empty store.
inline core::Status SeedImportBody(core::Store& store, const core::ChangeContext& ctx) {
  return store.Transact([&](core::Repositories& r) -> core::Status {
    core::Org root;
    root.code = "QXS";
    root.name = "青溪市人民政府";
    root.kind = core::OrgKind::kGovernment;
    GONGKAI_RETURN_IF_ERROR(core::CreateOrg(r, ctx, root, "").status());
    core::User u;
    u.username = "zhang.san";
    u.password_hash = "x";
    return core::CreateUser(r, ctx, u, core::Role::kEditor, "QXS").status();
  });
}

}  // namespace gongkai::testing
