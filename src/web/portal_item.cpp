// An item's page and its attachments.
#include <cstdio>

#include "app/attachment_store.hpp"
#include "app/markdown.hpp"
#include "search/published_reads.hpp"
#include "web/portal_site.hpp"

namespace gongkai::web {

namespace {

// "1.5 MB", "320 KB", "12 字节".
std::string SizeText(int64_t bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else if (bytes >= 1024) {
    std::snprintf(buf, sizeof buf, "%lld KB", static_cast<long long>((bytes + 1023) / 1024));
  } else {
    std::snprintf(buf, sizeof buf, "%lld 字节", static_cast<long long>(bytes));
  }
  return buf;
}

// An IMF-fixdate for the start of civil day `d` in Beijing (16:00 GMT the day before).
std::string HttpDate(core::Date d) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  core::Date prev = d.AddDays(-1);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d 16:00:00 GMT", kDays[prev.weekday()],
                static_cast<unsigned>(prev.day()), kMonths[prev.month() - 1], prev.year());
  return buf;
}

}  // namespace

HttpResponse PortalSite::ItemPage(const HttpRequest& req, const PathParams& params) {
  const std::string& id_text = params.at("id");
  int64_t id = 0;
  if (!ParseDecimal(id_text, id, INT64_C(999999999999))) throw PortalError{404};
  auto t = Tree();
  // One connection and one snapshot for the page's reads, each on a statement prepared
  // once per connection.
  std::optional<core::Item> item;
  std::vector<core::ItemAttachment> attachments;
  std::vector<core::Response> interpretations;
  CheckRead(reads.With([&](store::SociStore& st) -> core::Result<bool> {
    search::PublishedReads port(st);
    GONGKAI_RETURN_IF_ERROR(port.InOneSnapshot([&]() -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(item, port.GetPublished(id));
      if (!item) return core::Status::Ok();
      GONGKAI_ASSIGN_OR_RETURN(attachments, port.Attachments(item->id));
      GONGKAI_ASSIGN_OR_RETURN(interpretations, port.Interpretations(item->id));
      return core::Status::Ok();
    }));
    return true;
  }));
  if (!item) throw PortalError{404};
  const core::Org* org = t->Find(item->org_id);
  View v = Base(item->title, *t);
  v.Set("title", item->title);
  v.Set("index_no", item->index_no.value_or(""));
  v.Set("publisher", item->publisher);
  v.Set("formed_on", item->formed_on.ToIso());
  v.Set("published_on", DateText(item->published_on));
  v.Set("doc_no", item->doc_no.empty() ? "无" : item->doc_no);
  v.Set("topic", item->topic);
  v.Set("category", item->category);
  if (!item->summary.empty()) v.Set("summary", item->summary);
  v.Set("validity", core::ValidityLabel(item->validity));
  // Mustache sections treat any string as true: optional values are set only when present.
  if (item->validity_changed_on) v.Set("validity_changed_on", DateText(item->validity_changed_on));
  v.Set("body_html", app::RenderMarkdown(item->body_md));
  if (org) {
    v.Set("org_name", org->name);
    v.Set("org_href", "/org/" + UrlEncode(org->code));
    v.Set("cat_href", "/org/" + UrlEncode(org->code) + "?cat=" + UrlEncode(item->category));
  }
  View channels = View::List();
  for (const auto& c : item->channels) {
    View cv;
    cv.Set("name", core::ChannelLabel(c.channel));
    cv.Set("date", c.published_on.ToIso());
    channels.Push(cv);
  }
  v.Set("channels", channels);
  View files = View::List();
  for (const auto& a : attachments) {
    View fv;
    fv.Set("href",
           "/item/" + std::to_string(item->id) + "/attachment/" + std::to_string(a.position));
    fv.Set("name", a.name);
    fv.Set("size", SizeText(a.size_bytes));
    files.Push(fv);
  }
  v.Set("attachments", files);
  v.Set("has_attachments", View::Bool(!attachments.empty()));
  View readings = View::List();
  for (const auto& resp : interpretations) {
    View rv;
    rv.Set("kind", core::ResponseKindLabel(resp.kind));
    rv.Set("date", resp.held_on.ToIso());
    rv.Set("topic", resp.topic);
    readings.Push(rv);
  }
  v.Set("interpretations", readings);
  v.Set("has_interpretations", View::Bool(!interpretations.empty()));
  HttpResponse r = Page(req, "item", v);
  if (item->published_on) r.Set("Last-Modified", HttpDate(*item->published_on));
  return r;
}

// An attachment of a published item, as stored (verified against its digest). Served as a
// download with the sanitised name, never rendered inline (no HTML or SVG is accepted at
// upload, and nosniff plus the CSP hold anyway).
HttpResponse PortalSite::Attachment(const HttpRequest& req, const PathParams& params) {
  const std::string& id_text = params.at("id");
  const std::string& position_text = params.at("n");
  int64_t id = 0, position = 0;
  if (!ParseDecimal(id_text, id, INT64_C(999999999999)) ||
      !ParseDecimal(position_text, position, 10000)) {
    throw PortalError{404};
  }
  if (options.attachment_dir.empty()) throw PortalError{404};
  std::optional<core::ItemAttachment> found;
  CheckRead(reads.With([&](store::SociStore& st) -> core::Result<bool> {
    search::PublishedReads port(st);
    GONGKAI_ASSIGN_OR_RETURN(auto item, port.GetPublished(id));
    if (!item) return false;
    GONGKAI_ASSIGN_OR_RETURN(auto list, port.Attachments(id));
    for (auto& a : list) {
      if (a.position == position) found = a;
    }
    return true;
  }));
  if (!found) throw PortalError{404};
  auto bytes = CheckRead(app::AttachmentStore(options.attachment_dir).Read(found->sha256));
  HttpResponse r;
  r.content_type = found->media_type;
  r.body = std::move(bytes);
  r.Set("Content-Disposition", "attachment; filename*=UTF-8''" + UrlEncode(found->name));
  // Short-lived like the item page: a file withdrawn (say, for personal data in it) must
  // leave proxy caches within minutes; the ETag makes revalidation cheap.
  ApplyCaching(req, r, kPageMaxAge);
  return r;
}

}  // namespace gongkai::web
