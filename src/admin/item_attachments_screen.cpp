// Attachments of an item before publication: uploaded on the page of a draft or returned
// item (multipart/form-data, parsed by the back office's router into ctx.files), stored by
// app::AttachmentStore under their SHA-256 — the digest the portal's download verifies —
// and recorded through core::AttachToItem (kItemEdit), so that they go through 保密审查
// with the item; removed (core::RemoveItemAttachment) while the item is still editable.
// Staff download them here before publication; the public only after.
#include "admin/item_extras.hpp"
#include "app/attachment_store.hpp"
#include "core/item_workflow.hpp"
#include "web/error_map.hpp"

namespace gongkai::admin {
namespace {

std::string SizeText(int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " 字节";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
  return std::to_string(bytes / (1024 * 1024)) + "." +
         std::to_string(bytes % (1024 * 1024) * 10 / (1024 * 1024)) + " MB";
}

bool Editable(const core::Item& item) {
  return item.state == core::ItemState::kDraft || item.state == core::ItemState::kRejected;
}

std::vector<core::ItemAttachment> List(Office& o, core::Id item_id) {
  std::vector<core::ItemAttachment> list;
  o.Transact([&](core::Repositories& repos) -> core::Status {
    GONGKAI_ASSIGN_OR_RETURN(list, repos.items().ListAttachments(item_id));
    return core::Status::Ok();
  });
  return list;
}

// Percent-encodes a file name for Content-Disposition's filename* (RFC 6266 / 8187).
std::string Rfc8187(std::string_view name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

web::HttpResponse Upload(Office& o, Ctx& ctx, const core::Item& item) {
  ctx.Require(core::Action::kItemEdit, item.org_id);
  FormState form(ctx.form);
  const web::MultipartFile* file = nullptr;
  for (const auto& f : ctx.files) {
    if (f.field == "file") file = &f;
  }
  if (o.options.attachment_dir.empty()) {
    form.Error("file", "未配置附件目录（attachment_dir），无法上传附件。");
  } else if (!file || (file->data.empty() && file->filename.empty())) {
    form.Error("file", "请选择要上传的文件。");
  } else if (!Editable(item)) {
    // The page shows no upload form then: the message goes to the top.
    form.Error("", "只有草稿或被退回的信息可以添加附件（附件须随信息一并审查）。");
  }
  if (form.ok()) {
    app::AttachmentStore store(o.options.attachment_dir, o.options.max_attachment_bytes);
    auto stored = store.Put(file->data, file->filename);
    if (!stored.ok()) {
      if (stored.status().code() != core::ErrorCode::kInvalidArgument) Fail(stored.status());
      form.Error("file", stored.status().message());
    } else {
      core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
        return core::AttachToItem(repos, ctx.Change(), ctx.user.username, item.id, *stored)
            .status();
      });
      if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
      if (s.code() == core::ErrorCode::kPermissionDenied) throw HttpError{403, s.message()};
      if (s.code() != core::ErrorCode::kInvalidArgument &&
          s.code() != core::ErrorCode::kFailedPrecondition) {
        Fail(s);
      }
      form.Error(s.code() == core::ErrorCode::kFailedPrecondition ? "" : "file", s.message());
    }
  }
  return ShowItem(o, ctx, item, "", std::move(form), 422);
}

web::HttpResponse Download(Office& o, const core::Item& item, core::Id attachment_id) {
  for (const auto& a : List(o, item.id)) {
    if (a.id != attachment_id) continue;
    auto bytes = app::AttachmentStore(o.options.attachment_dir).Read(a.sha256);
    if (!bytes.ok()) {
      if (bytes.status().code() == core::ErrorCode::kNotFound) {
        throw HttpError{404, "附件文件不存在。"};
      }
      Fail(bytes.status());
    }
    web::HttpResponse r;
    r.content_type = a.media_type;
    r.body = std::move(*bytes);
    // Always a download, never rendered in the back office's origin.
    r.Set("Content-Disposition", "attachment; filename*=UTF-8''" + Rfc8187(a.name));
    return r;
  }
  throw HttpError{404, "附件不存在。"};
}

web::HttpResponse Remove(Office& o, Ctx& ctx, const core::Item& item, core::Id attachment_id) {
  ctx.Require(core::Action::kItemEdit, item.org_id);
  core::Status s = o.TryTransact([&](core::Repositories& repos) -> core::Status {
    return core::RemoveItemAttachment(repos, ctx.Change(), ctx.user.username, item.id,
                                      attachment_id)
        .status();
  });
  if (s.ok()) return Redirect("/admin/items/" + std::to_string(item.id));
  if (s.code() == core::ErrorCode::kFailedPrecondition) {
    return ShowItem(o, ctx, item, s.message(), {}, web::HttpStatusOf(s.code()));
  }
  Fail(s);
}

}  // namespace

void AddAttachmentsView(Office& o, const Ctx& ctx, const core::Item& item, web::View& v) {
  web::View rows = web::View::List();
  auto list = List(o, item.id);
  for (const auto& a : list) {
    web::View r;
    r.Set("aid", std::to_string(a.id));
    r.Set("name", a.name);
    r.Set("media_type", a.media_type);
    r.Set("size", SizeText(a.size_bytes));
    r.Set("digest", a.sha256.substr(0, 12));
    rows.Push(r);
  }
  v.Set("attachments", rows);
  v.Set("has_attachments", web::View::Bool(!list.empty()));
  bool edit = ctx.Can(core::Action::kItemEdit, item.org_id).ok() && Editable(item);
  v.Set("can_attach", web::View::Bool(edit));
  v.Set("max_attachment", std::to_string(o.options.max_attachment_bytes / (1024 * 1024)) + " MB");
}

web::HttpResponse ItemAttachments(Office& o, Ctx& ctx, const core::Item& item,
                                  const std::vector<std::string>& parts) {
  if (parts.size() == 3) {
    if (!ctx.post()) throw HttpError{405, "请使用页面上的表单。"};
    return Upload(o, ctx, item);
  }
  if (parts.size() == 4 && !ctx.post()) return Download(o, item, PathId(parts[3]));
  if (parts.size() == 5 && parts[4] == "remove") {
    if (!ctx.post()) throw HttpError{405, "请使用页面上的按钮。"};
    return Remove(o, ctx, item, PathId(parts[3]));
  }
  throw HttpError{404, "页面不存在。"};
}

}  // namespace gongkai::admin
