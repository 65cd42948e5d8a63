// libFuzzer target for the item import path (`gongkai item import`): any bytes go through
// encoding detection, the RFC 4180 reader, column mapping, normalisation, row checks and
// core::ImportItem against an in-memory store, as CSV (all-or-nothing and --skip-bad) and,
// when the bytes look like JSON, as JSON and as a holiday calendar file. Nothing is ever
// committed (each import's commit is made to fail), so every input sees the same store.
// It must never crash, hang or trip a sanitizer. Build and run with scripts/fuzz-short.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/holiday_file.hpp"
#include "app/item_io.hpp"
#include "core/fake_store.hpp"
#include "core/org_service.hpp"

namespace {

using namespace gongkai;

const core::ChangeContext kCtx{"fuzz", "2024-06-01T00:00:00Z"};

// Two bodies (QXS and its child QXS-FGW) and an editor of the whole tree.
core::FakeStore& Store() {
  static core::FakeStore* store = [] {
    auto* s = new core::FakeStore();
    core::Status st = s->Transact([](core::Repositories& r) -> core::Status {
      core::Org root;
      root.code = "QXS";
      root.name = "青溪市人民政府";
      root.kind = core::OrgKind::kGovernment;
      GONGKAI_RETURN_IF_ERROR(core::CreateOrg(r, kCtx, root, "").status());
      core::Org fgw;
      fgw.code = "QXS-FGW";
      fgw.name = "青溪市发展和改革局";
      GONGKAI_RETURN_IF_ERROR(core::CreateOrg(r, kCtx, fgw, "QXS").status());
      core::User u;
      u.username = "zhang.san";
      u.password_hash = "x";
      return core::CreateUser(r, kCtx, u, core::Role::kEditor, "QXS").status();
    });
    if (!st.ok()) std::abort();
    return s;
  }();
  return *store;
}

void Import(std::string_view bytes, const char* format, bool skip_bad) {
  app::ImportOptions options;
  options.format = format;
  options.actor = "zhang.san";
  options.default_org = "QXS";
  options.today = core::Date::FromYmd(2024, 6, 1);
  options.skip_bad = skip_bad;
  core::FakeStore& store = Store();
  store.FailNextTransactionWith(core::Unavailable("fuzz: no commit"),
                                core::FakeStore::FailPoint::kCommit);
  auto report = app::ImportItems(store, kCtx, bytes, options);
  store.FailNextTransactionWith(core::Status::Ok());  // clears an unspent injection
  if (report.ok() && report->written) std::abort();   // the commit must have failed
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 16)) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)app::ParseCsv(bytes);
  Import(bytes, "csv", false);
  Import(bytes, "csv", true);
  size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (bytes[first] == '[' || bytes[first] == '{')) {
    Import(bytes, "json", true);
    (void)app::ParseHolidayJson(bytes);
  }
  return 0;
}
