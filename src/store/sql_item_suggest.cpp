// ItemRepository::FindPublished: the plain 文号 / title lookup behind "已主动公开" suggestions.
#include "store/internal/sql_util.hpp"
#include "store/sql_repositories.hpp"

namespace gongkai::store {

core::Result<std::vector<core::Item>> SqlItemRepository::FindPublished(
    std::string_view doc_no, const std::vector<std::string>& phrases, int limit) {
  if (limit <= 0 || (doc_no.empty() && phrases.empty())) return std::vector<core::Item>();
  // Exact, case-sensitive substring tests on both backends (LIKE differs between them).
  const std::string contains = backend_ == Backend::kPostgres ? "strpos" : "instr";
  std::string where;
  std::vector<std::string> params;
  if (!doc_no.empty()) {
    where = "doc_no = :dn";
    params.emplace_back(doc_no);
  }
  for (size_t i = 0; i < phrases.size(); ++i) {
    if (!where.empty()) where += " OR ";
    where += contains + "(title, :p" + std::to_string(i) + ") > 0";
    params.push_back(phrases[i]);
  }
  std::vector<long long> ids;
  long long id = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(id));
  for (const std::string& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare("SELECT id FROM items WHERE state = 'published' AND (" + where +
             ") ORDER BY id DESC LIMIT " + std::to_string(limit));
  st.define_and_bind();
  st.execute();
  while (st.fetch()) ids.push_back(id);
  std::vector<core::Item> out;
  for (long long item_id : ids) {
    GONGKAI_ASSIGN_OR_RETURN(core::Item item, Get(item_id));
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace gongkai::store
