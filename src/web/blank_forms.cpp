#include "web/blank_forms.hpp"

#include "web/csrf.hpp"

namespace gongkai::web {

BlankForms::BlankForms() : marker_(CsrfTokens::RandomId()) {}

std::optional<HttpResponse> BlankForms::Find(const std::string& key,
                                             const std::shared_ptr<const core::OrgTree>& tree,
                                             std::string_view token) const {
  std::shared_ptr<const HttpResponse> page;
  {
    std::lock_guard lock(mu_);
    if (tree_ != tree) return std::nullopt;
    auto it = pages_.find(key);
    if (it == pages_.end()) return std::nullopt;
    page = it->second;
  }
  return WithToken(*page, token);
}

void BlankForms::Store(const std::string& key, const std::shared_ptr<const core::OrgTree>& tree,
                       HttpResponse page) {
  auto stored = std::make_shared<const HttpResponse>(std::move(page));
  std::lock_guard lock(mu_);
  if (tree_ != tree) {
    pages_.clear();
    tree_ = tree;
  }
  if (pages_.size() >= kMaxPages && !pages_.count(key)) return;
  pages_[key] = std::move(stored);
}

HttpResponse BlankForms::WithToken(HttpResponse page, std::string_view token) const {
  std::string& body = page.body;
  for (size_t at = body.find(marker_); at != std::string::npos;
       at = body.find(marker_, at + token.size())) {
    body.replace(at, marker_.size(), token);
  }
  return page;
}

}  // namespace gongkai::web
