// Internal to the body-data screens (body_screen.cpp: the list and a body's contact;
// body_year_screen.cpp: a body's yearly figures).
#pragma once

#include <string>
#include <vector>

#include "admin/office.hpp"

namespace gongkai::admin {

// /admin/bodies/{code}/year/{year}[/…] for `org`, which the caller has checked for kRead;
// `parts` are the path segments after "admin".
web::HttpResponse BodyYearScreen(Office& office, Ctx& ctx, const core::Org& org,
                                 const std::vector<std::string>& parts);

// The years a body page links to: this year and the four before it, newest first, as
// [{"year", "href"}].
web::View BodyYearLinks(const Ctx& ctx, const core::Org& org);

}  // namespace gongkai::admin
