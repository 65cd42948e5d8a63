// The public forms as a visitor first sees them (申请, 查询, 咨询, 投诉 with nothing typed
// yet), rendered once and kept. The pages list every body of the tree as an option, which
// made a blank form cost as much as ten cached pages to render (a tenth of the portal's
// traffic in the soak mix). Every visitor's copy differs only in its CSRF token, so a page is
// rendered once with a random marker in the token's place and each visitor gets the stored
// page with the marker replaced by a token bound to them.
//
// Pages are kept for one body tree: a new tree (a body added, renamed or moved) drops them
// all. Keys are chosen by the caller from a bounded set (a form and a body that exists);
// at most kMaxPages are kept, so a crawler cycling through ?org= values costs renders, never
// memory.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/org_tree.hpp"
#include "web/http.hpp"

namespace gongkai::web {

class BlankForms {
 public:
  static constexpr size_t kMaxPages = 512;

  BlankForms();

  // What a page is rendered with in place of the token: 32 random URL-safe characters, so
  // neither the template engine's escaping nor any published text can produce it.
  const std::string& marker() const { return marker_; }

  // The page stored under `key` for `tree`, with `token` in place of the marker.
  std::optional<HttpResponse> Find(const std::string& key,
                                   const std::shared_ptr<const core::OrgTree>& tree,
                                   std::string_view token) const;

  // Keeps `page` (rendered with marker() as its token) under `key` for `tree`.
  void Store(const std::string& key, const std::shared_ptr<const core::OrgTree>& tree,
             HttpResponse page);

  // `page` with every marker in its body replaced by `token`.
  HttpResponse WithToken(HttpResponse page, std::string_view token) const;

 private:
  std::string marker_;
  mutable std::mutex mu_;
  std::shared_ptr<const core::OrgTree> tree_;  // the tree the pages were rendered for
  std::unordered_map<std::string, std::shared_ptr<const HttpResponse>> pages_;
};

}  // namespace gongkai::web
