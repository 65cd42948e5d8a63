#include "admin/paging.hpp"

#include <algorithm>

namespace gongkai::admin {

Paging ReadPaging(const Ctx& ctx, int size) {
  Paging p;
  p.size = size;
  std::string text = ctx.req.Param("page");
  if (text.empty()) return p;
  if (text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(text) < 1) {
    throw HttpError{400, "页码有误。"};
  }
  p.page = std::stoi(text);
  return p;
}

std::pair<size_t, size_t> PageBounds(const Paging& paging, size_t total) {
  size_t first = std::min(total, static_cast<size_t>(paging.offset()));
  return {first, std::min(total, first + static_cast<size_t>(paging.size))};
}

web::View PagingView(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& params,
                     const Paging& paging, int64_t total) {
  int64_t pages = std::max<int64_t>(1, (total + paging.size - 1) / paging.size);
  auto href = [&](int64_t page) {
    std::string query;
    for (const auto& [k, v] : params) {
      if (v.empty()) continue;
      query += (query.empty() ? "?" : "&") + web::UrlEncode(k) + "=" + web::UrlEncode(v);
    }
    if (page > 1)
      query += (query.empty() ? "?" : "&") + std::string("page=") + std::to_string(page);
    return path + query;
  };
  web::View v;
  v.Set("total", std::to_string(total));
  v.Set("page", std::to_string(paging.page));
  v.Set("pages", std::to_string(pages));
  if (paging.page > 1) v.Set("prev_href", href(std::min<int64_t>(paging.page - 1, pages)));
  if (paging.page < pages) v.Set("next_href", href(paging.page + 1));
  v.Set("several", web::View::Bool(pages > 1));
  return v;
}

}  // namespace gongkai::admin
