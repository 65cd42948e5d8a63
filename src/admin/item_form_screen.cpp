// The new-item and edit forms (issue 21): the body is chosen first (the form is per body,
// ?org=), its 栏目 and the 主题分类 are chosen from lists — the body's effective catalog and
// core::SubjectTopics — and checked again here on the server; dates use <input type=date>;
// "预览正文" renders the Markdown with the portal's renderer (app::RenderMarkdown) without
// saving; files chosen on the new-item form are attached in the same transaction as the
// item is created.
#include <algorithm>

#include "admin/item_extras.hpp"
#include "app/attachment_store.hpp"
#include "app/markdown.hpp"
#include "core/catalog.hpp"
#include "core/item_workflow.hpp"
#include "core/subject_topics.hpp"

namespace gongkai::admin {
namespace {

const std::vector<std::string> kItemFields = {"org",   "title",    "summary",   "doc_no",
                                              "topic", "category", "formed_on", "body_md"};

// The 栏目 paths of `org`'s effective catalog, in catalog order.
std::vector<std::string> CatalogPaths(Office& o, const core::Org& org) {
  std::vector<std::string> paths;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(auto stored, repos.items().ListCategories(org.id));
    for (const auto& c : core::EffectiveCatalog(org, std::move(stored))) paths.push_back(c.path);
    return core::Status::Ok();
  });
  return paths;
}

// Options of `values` with `selected` chosen; a current value outside the list (an item
// filed before the list existed) is kept as the first option so that editing keeps it.
web::View ChoiceOptions(std::vector<std::string> values, const std::string& selected,
                        const std::string& none_label) {
  if (!selected.empty() && std::find(values.begin(), values.end(), selected) == values.end()) {
    values.insert(values.begin(), selected);
  }
  std::vector<std::pair<std::string, std::string>> pairs = {{"", none_label}};
  for (const auto& v : values) pairs.emplace_back(v, v);
  return Options(pairs, selected);
}

struct FormContext {
  const core::Org* org = nullptr;
  std::vector<std::string> categories;
  std::string kept_category, kept_topic;  // an edited item's own values, accepted as they are
};

web::View FormView(Ctx& ctx, const FormState& form, const FormContext& fc,
                   const web::FormFields& values) {
  web::View v = form.ToView();
  std::string category = web::FormValue(values, "category");
  std::string topic = web::FormValue(values, "topic");
  v.Set("categories", ChoiceOptions(fc.categories, category, "请选择栏目"));
  v.Set("topics", ChoiceOptions(core::SubjectTopics(), topic, "（不分类）"));
  v.Set("org_code", fc.org->code);
  v.Set("org_name", fc.org->name);
  v.Set("orgs", OrgOptions(ctx, ctx.Orgs(core::Action::kItemEdit), fc.org->code));
  std::string body = web::FormValue(values, "body_md");
  if (ctx.post() && ctx.Field("op") == "preview") {
    v.Set("preview", web::View::Bool(true));
    v.Set("preview_html", app::RenderMarkdown(body));
  }
  return v;
}

// Fills the editable fields from the form; records field errors in `form`.
void ReadItemForm(Ctx& ctx, FormState& form, const FormContext& fc, core::Item& item) {
  item.title = ctx.Field("title");
  item.summary = ctx.Field("summary");
  item.doc_no = ctx.Field("doc_no");
  item.topic = ctx.Field("topic");
  item.category = ctx.Field("category");
  item.body_md = ctx.Field("body_md");
  if (item.title.empty()) form.Error("title", "请填写信息名称。");
  bool known =
      std::find(fc.categories.begin(), fc.categories.end(), item.category) != fc.categories.end();
  if (item.category.empty()) {
    form.Error("category", "请选择栏目。");
  } else if (!known && item.category != fc.kept_category) {
    form.Error("category", "请从本机构的目录中选择栏目（“" + item.category + "”不在目录中）。");
  }
  if (!item.topic.empty() && !core::IsSubjectTopic(item.topic) && item.topic != fc.kept_topic) {
    form.Error("topic", "请从列表中选择主题分类。");
  }
  auto formed = FormDate(ctx, form, "formed_on", true);
  if (formed) item.formed_on = *formed;
}

// The files of the new-item form, stored (content-addressed) before the transaction that
// records them; a file that cannot be stored is a field error.
std::vector<core::ItemAttachment> StoreFiles(Office& o, Ctx& ctx, FormState& form) {
  std::vector<core::ItemAttachment> out;
  for (const auto& f : ctx.files) {
    if (f.field != "file" || (f.data.empty() && f.filename.empty())) continue;
    if (o.options.attachment_dir.empty()) {
      form.Error("file", "未配置附件目录（attachment_dir），无法上传附件。");
      return {};
    }
    app::AttachmentStore store(o.options.attachment_dir, o.options.max_attachment_bytes);
    auto stored = store.Put(f.data, f.filename);
    if (!stored.ok()) {
      if (stored.status().code() != core::ErrorCode::kInvalidArgument) Fail(stored.status());
      form.Error("file", stored.status().message());
      return {};
    }
    out.push_back(*stored);
  }
  return out;
}

}  // namespace

web::HttpResponse ItemCreateForm(Office& o, Ctx& ctx) {
  std::vector<core::Id> editable = ctx.Orgs(core::Action::kItemEdit);
  if (editable.empty()) throw HttpError{403, "无权新建信息。"};
  // The body: the form's (POST), else ?org= (the stale-columns list links with it), else
  // the first the user may edit.
  std::string code = ctx.post() ? ctx.Field("org") : ctx.req.Param("org");
  FormContext fc;
  fc.org = code.empty() ? ctx.tree->Find(editable.front()) : ctx.tree->FindByCode(code);
  if (!fc.org) throw HttpError{404, "机构不存在。"};
  ctx.Require(core::Action::kItemEdit, fc.org->id);
  fc.categories = CatalogPaths(o, *fc.org);
  if (!ctx.post()) {
    web::FormFields preset = {{"category", ctx.req.Param("category")},
                              {"formed_on", ctx.Today().ToIso()}};
    return o.Page(&ctx, "item_form", FormView(ctx, FormState(preset), fc, preset), "新建信息");
  }
  FormState form(ctx.form);
  core::Item item;
  item.org_id = fc.org->id;
  ReadItemForm(ctx, form, fc, item);
  if (ctx.Field("op") == "preview") {
    return o.Page(&ctx, "item_form", FormView(ctx, form, fc, ctx.form), "新建信息");
  }
  std::vector<core::ItemAttachment> files;
  if (form.ok()) files = StoreFiles(o, ctx, form);
  if (form.ok()) {
    core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(item,
                               core::CreateItem(repos, ctx.Change(), ctx.user.username, item));
      for (const auto& f : files) {
        GONGKAI_RETURN_IF_ERROR(
            core::AttachToItem(repos, ctx.Change(), ctx.user.username, item.id, f).status());
      }
      return core::Status::Ok();
    });
    if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
    if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
    if (s.code() != core::ErrorCode::kInvalidArgument) Fail(s);
    form.Error(s, kItemFields);
  }
  return o.Page(&ctx, "item_form", FormView(ctx, form, fc, ctx.form), "新建信息", 422);
}

web::HttpResponse ItemEditForm(Office& o, Ctx& ctx, core::Item item) {
  ctx.Require(core::Action::kItemEdit, item.org_id);
  FormContext fc;
  fc.org = ctx.tree->Find(item.org_id);
  if (!fc.org) throw HttpError{404, "机构不存在。"};
  fc.categories = CatalogPaths(o, *fc.org);
  fc.kept_category = item.category;
  fc.kept_topic = item.topic;
  FormState form(ctx.form);
  web::FormFields values = ctx.form;
  if (ctx.post()) {
    ReadItemForm(ctx, form, fc, item);
    if (form.ok() && ctx.Field("op") != "preview") {
      core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
        return core::EditItem(repos, ctx.Change(), ctx.user.username, item).status();
      });
      if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
      if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
      if (s.code() != core::ErrorCode::kInvalidArgument &&
          s.code() != core::ErrorCode::kFailedPrecondition) {
        Fail(s);
      }
      form.Error(s, kItemFields);
    }
  } else {
    values = {{"title", item.title},       {"summary", item.summary},
              {"doc_no", item.doc_no},     {"topic", item.topic},
              {"category", item.category}, {"formed_on", item.formed_on.ToIso()},
              {"body_md", item.body_md}};
    form = FormState(values);
  }
  web::View v = FormView(ctx, form, fc, values);
  v.Set("id", std::to_string(item.id));
  v.Set("edit", web::View::Bool(true));
  return o.Page(&ctx, "item_form", v, "编辑信息", form.ok() ? 200 : 422);
}

}  // namespace gongkai::admin
