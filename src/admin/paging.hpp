// Paging of the back office's lists (issue 21): ?page=N (1-based) over pages of a fixed
// size, and the "上一页 / 下一页" links that keep the list's other filters.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "admin/office.hpp"

namespace gongkai::admin {

struct Paging {
  int page = 1;  // 1-based
  int size = 50;
  int offset() const { return (page - 1) * size; }
};

// ?page= of the request (default 1); HttpError 400 for anything but a positive number.
Paging ReadPaging(const Ctx& ctx, int size = 50);

// The [first, last) indexes of the page in a list of `total` rows already in memory (empty
// past the end). For the lists of one body and year that sort by a computed order.
std::pair<size_t, size_t> PageBounds(const Paging& paging, size_t total);

// {"total", "page", "pages", "prev_href", "next_href", "first", "last"} for a list at `path`
// whose filters are `params` (empty values are left out of the links).
web::View PagingView(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& params,
                     const Paging& paging, int64_t total);

}  // namespace gongkai::admin
