#include <map>

#include "store/internal/sql_util.hpp"
#include "store/item_extras.hpp"
#include "store/sql_repositories.hpp"
#include "store/sql_rows.hpp"

namespace gongkai::store {

using core::Id;

namespace {

const char* kItemInsert =
    "INSERT INTO items (id, org_id, index_no, title, summary, publisher, formed_on, "
    "published_on, doc_no, topic, category, disclosure_mode, validity, validity_changed_on, "
    "is_regulation, is_normative, state, body_md, author) VALUES (:id, :o, :ix, :t, :s, :p, :f, "
    ":pd, :dn, :tp, :c, :m, :v, :vc, :rg, :nm, :st, :b, :a)";

// Column vectors for a bulk insert of items.
struct ItemColumns {
  std::vector<long long> id, org_id;
  std::vector<std::string> index_no, title, summary, publisher, formed_on, published_on, doc_no,
      topic, category, mode, validity, validity_changed_on, state, body, author;
  std::vector<soci::indicator> index_no_ind, published_on_ind, validity_changed_ind;
  std::vector<int> is_regulation, is_normative;

  void Add(const core::Item& it) {
    id.push_back(it.id);
    org_id.push_back(it.org_id);
    NullableText ix(it.index_no), pd(it.published_on), vc(it.validity_changed_on);
    index_no.push_back(ix.value);
    index_no_ind.push_back(ix.ind);
    title.push_back(it.title);
    summary.push_back(it.summary);
    publisher.push_back(it.publisher);
    formed_on.push_back(it.formed_on.ToIso());
    published_on.push_back(pd.value);
    published_on_ind.push_back(pd.ind);
    doc_no.push_back(it.doc_no);
    topic.push_back(it.topic);
    category.push_back(it.category);
    mode.push_back(it.disclosure_mode);
    validity.push_back(core::ValidityCode(it.validity));
    validity_changed_on.push_back(vc.value);
    validity_changed_ind.push_back(vc.ind);
    is_regulation.push_back(it.is_regulation);
    is_normative.push_back(it.is_normative);
    state.push_back(core::ItemStateCode(it.state));
    body.push_back(it.body_md);
    author.push_back(it.author);
  }

  void Execute(soci::session& sql) {
    sql << kItemInsert, soci::use(id), soci::use(org_id), soci::use(index_no, index_no_ind),
        soci::use(title), soci::use(summary), soci::use(publisher), soci::use(formed_on),
        soci::use(published_on, published_on_ind), soci::use(doc_no), soci::use(topic),
        soci::use(category), soci::use(mode), soci::use(validity),
        soci::use(validity_changed_on, validity_changed_ind), soci::use(is_regulation),
        soci::use(is_normative), soci::use(state), soci::use(body), soci::use(author);
  }
};

}  // namespace

long long ReserveIds(soci::session& sql, Backend backend, const std::string& table, size_t count) {
  (void)count;
  if (backend == Backend::kPostgres) {
    sql << "LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE";
  }
  long long max_id = 0;
  soci::indicator ind = soci::i_ok;
  sql << "SELECT MAX(id) FROM " + table, soci::into(max_id, ind);
  return (ind == soci::i_null ? 0 : max_id) + 1;
}

void SyncIdentity(soci::session& sql, Backend backend, const std::string& table) {
  if (backend != Backend::kPostgres) return;
  sql << "SELECT setval(pg_get_serial_sequence('" + table +
             "', 'id'), "
             "COALESCE((SELECT MAX(id) FROM " +
             table + "), 0) + 1, false)";
}

void SqlItemRepository::SaveChannels(const std::vector<core::Item>& items) {
  std::vector<long long> ids;
  std::vector<std::string> channels, dates;
  for (const auto& it : items) {
    for (const auto& c : it.channels) {
      ids.push_back(it.id);
      channels.push_back(core::ChannelCode(c.channel));
      dates.push_back(c.published_on.ToIso());
    }
  }
  if (ids.empty()) return;
  sql_ << "INSERT INTO item_channels (item_id, channel, published_on) VALUES (:i, :c, :d)",
      soci::use(ids), soci::use(channels), soci::use(dates);
}

core::Status SqlItemRepository::AfterStore(const core::Item& item) {
  if (!publish_hook_ || item.state != core::ItemState::kPublished) return core::Status::Ok();
  return publish_hook_(sql_, backend_, item.id);
}

core::Result<Id> SqlItemRepository::Insert(const core::Item& item) {
  std::vector<core::Item> one{item};
  GONGKAI_RETURN_IF_ERROR(InsertMany(one));
  GONGKAI_RETURN_IF_ERROR(AfterStore(one.front()));
  return one.front().id;
}

core::Status SqlItemRepository::InsertMany(std::vector<core::Item>& items) {
  if (items.empty()) return core::Status::Ok();
  for (const auto& it : items) {
    if (!it.index_no) continue;
    GONGKAI_ASSIGN_OR_RETURN(auto taken, FindByIndexNo(*it.index_no));
    if (taken) return core::AlreadyExists("索引号已存在: " + *it.index_no, "index_no");
    if (items.size() > 1) break;  // bulk loads check the first; the unique index guards all
  }
  long long next = ReserveIds(sql_, backend_, "items", items.size());
  ItemColumns cols;
  for (auto& it : items) {
    it.id = next++;
    cols.Add(it);
  }
  cols.Execute(sql_);
  SaveChannels(items);
  SyncIdentity(sql_, backend_, "items");
  return core::Status::Ok();
}

core::Status SqlItemRepository::Update(const core::Item& it) {
  long long id = it.id, org_id = it.org_id;
  NullableText ix(it.index_no), pd(it.published_on), vc(it.validity_changed_on);
  std::string formed = it.formed_on.ToIso(), validity = core::ValidityCode(it.validity),
              state = core::ItemStateCode(it.state);
  int is_regulation = it.is_regulation, is_normative = it.is_normative;
  soci::statement st =
      (sql_.prepare << "UPDATE items SET org_id = :o, index_no = :ix, title = :t, summary = :s, "
                       "publisher = :p, formed_on = :f, published_on = :pd, doc_no = :dn, "
                       "topic = :tp, category = :c, disclosure_mode = :m, validity = :v, "
                       "validity_changed_on = :vc, is_regulation = :rg, is_normative = :nm, "
                       "state = :st, body_md = :b, author = :a WHERE id = :id",
       soci::use(org_id), soci::use(ix.value, ix.ind), soci::use(it.title), soci::use(it.summary),
       soci::use(it.publisher), soci::use(formed), soci::use(pd.value, pd.ind),
       soci::use(it.doc_no), soci::use(it.topic), soci::use(it.category),
       soci::use(it.disclosure_mode), soci::use(validity), soci::use(vc.value, vc.ind),
       soci::use(is_regulation), soci::use(is_normative), soci::use(state), soci::use(it.body_md),
       soci::use(it.author), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() == 0) return core::NotFound("信息不存在: id " + std::to_string(id));
  sql_ << "DELETE FROM item_channels WHERE item_id = :id", soci::use(id);
  SaveChannels({it});
  return AfterStore(it);
}

std::vector<core::Item> SqlItemRepository::Select(const std::string& tail,
                                                  const std::string& param) {
  return Select(tail, std::vector<std::string>{param}, true);
}

std::vector<core::Item> SqlItemRepository::Select(const std::string& tail,
                                                  const std::vector<std::string>& params,
                                                  bool with_body) {
  std::vector<core::Item> out;
  core::Item it;
  long long id = 0, org_id = 0;
  NullableText index_no, published_on, validity_changed;
  std::string formed_on, validity, state;
  int is_regulation = 0, is_normative = 0;
  soci::statement st(sql_);
  for (auto* into : {&id, &org_id}) st.exchange(soci::into(*into));
  st.exchange(soci::into(index_no.value, index_no.ind));
  st.exchange(soci::into(it.title));
  st.exchange(soci::into(it.summary));
  st.exchange(soci::into(it.publisher));
  st.exchange(soci::into(formed_on));
  st.exchange(soci::into(published_on.value, published_on.ind));
  st.exchange(soci::into(it.doc_no));
  st.exchange(soci::into(it.topic));
  st.exchange(soci::into(it.category));
  st.exchange(soci::into(it.disclosure_mode));
  st.exchange(soci::into(validity));
  st.exchange(soci::into(validity_changed.value, validity_changed.ind));
  st.exchange(soci::into(is_regulation));
  st.exchange(soci::into(is_normative));
  st.exchange(soci::into(state));
  st.exchange(soci::into(it.body_md));
  st.exchange(soci::into(it.author));
  for (const auto& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(
      "SELECT id, org_id, index_no, title, summary, publisher, formed_on, published_on, doc_no, "
      "topic, category, disclosure_mode, validity, validity_changed_on, is_regulation, "
      "is_normative, state, " +
      std::string(with_body ? "body_md" : "''") + ", author FROM items " + tail);
  st.define_and_bind();
  st.execute();
  std::map<Id, size_t> index;
  while (st.fetch()) {
    it.id = id;
    it.org_id = org_id;
    it.index_no =
        index_no.ind == soci::i_null ? std::nullopt : std::optional<std::string>(index_no.value);
    it.formed_on = ToDate(formed_on);
    it.published_on = ToOptionalDate(published_on.value, published_on.ind);
    it.validity = Unwrap(core::ParseValidity(validity));
    it.validity_changed_on = ToOptionalDate(validity_changed.value, validity_changed.ind);
    it.is_regulation = is_regulation != 0;
    it.is_normative = is_normative != 0;
    it.state = Unwrap(core::ParseItemState(state));
    index[id] = out.size();
    out.push_back(it);
  }
  // Channels in one query per chunk of items (ids are integers: inlined).
  constexpr size_t kChunk = 500;
  for (size_t begin = 0; begin < out.size(); begin += kChunk) {
    std::string ids;
    for (size_t i = begin; i < std::min(out.size(), begin + kChunk); ++i) {
      if (!ids.empty()) ids += ',';
      ids += std::to_string(out[i].id);
    }
    long long item_id = 0;
    std::string channel, date;
    soci::statement ch =
        (sql_.prepare << "SELECT item_id, channel, published_on FROM item_channels WHERE item_id "
                         "IN (" +
                             ids + ") ORDER BY item_id, channel",
         soci::into(item_id), soci::into(channel), soci::into(date));
    ch.execute();
    while (ch.fetch()) {
      out[index.at(item_id)].channels.push_back(
          {Unwrap(core::ParseChannel(channel)), ToDate(date)});
    }
  }
  return out;
}

core::Result<core::Item> SqlItemRepository::Get(Id id) {
  auto rows = Select("WHERE id = :id", std::to_string(id));
  if (rows.empty()) return core::NotFound("信息不存在: id " + std::to_string(id));
  return rows.front();
}

core::Result<std::optional<core::Item>> SqlItemRepository::FindByIndexNo(
    std::string_view index_no) {
  auto rows = Select("WHERE index_no = :ix", std::string(index_no));
  if (rows.empty()) return std::optional<core::Item>();
  return std::optional<core::Item>(rows.front());
}

core::Result<std::vector<core::Item>> SqlItemRepository::ListByOrg(Id org_id, int limit) {
  return Select("WHERE org_id = :o ORDER BY id DESC LIMIT " + std::to_string(std::max(limit, 0)),
                std::to_string(org_id));
}

core::Result<int64_t> SqlItemRepository::Count() {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM items", soci::into(n);
  return int64_t{n};
}

core::Result<Id> SqlItemRepository::InsertResponse(const core::Response& r) {
  long long id = 0, org_id = r.org_id;
  std::string kind = core::ResponseKindCode(r.kind), held = r.held_on.ToIso();
  int principal = r.principal_attended;
  NullableId item(r.interpreted_item_id);
  sql_ << "INSERT INTO responses (org_id, kind, held_on, topic, concern_key, principal_attended, "
          "interpreted_item_id) VALUES (:o, :k, :h, :t, :c, :p, :i) RETURNING id",
      soci::use(org_id), soci::use(kind), soci::use(held), soci::use(r.topic),
      soci::use(r.concern_key), soci::use(principal), soci::use(item.value, item.ind),
      soci::into(id);
  return Id{id};
}

core::Result<std::vector<core::Response>> SqlItemRepository::ListResponses(Id org_id, int year) {
  std::vector<core::Response> out;
  ResponseRow r;
  long long org = org_id;
  std::string from = YearStart(year), to = YearEnd(year);
  soci::statement st =
      (sql_.prepare << "SELECT id, org_id, kind, held_on, topic, concern_key, principal_attended, "
                       "interpreted_item_id FROM responses WHERE org_id = :k AND held_on >= :f "
                       "AND held_on <= :t ORDER BY held_on, id",
       soci::into(r.id), soci::into(r.org_id), soci::into(r.kind), soci::into(r.held_on),
       soci::into(r.topic), soci::into(r.concern_key), soci::into(r.principal_attended),
       soci::into(r.interpreted_item_id.value, r.interpreted_item_id.ind), soci::use(org),
       soci::use(from), soci::use(to));
  st.execute();
  while (st.fetch()) out.push_back(r.Decode());
  return out;
}

core::Result<std::vector<core::Response>> SqlItemRepository::ListResponsesFor(Id item_id) {
  return ReadInterpretations(*MakeStatementCache(sql_, backend_), item_id);
}

}  // namespace gongkai::store
