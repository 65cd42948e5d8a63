// The route template of a request path ("/item/{id}", "/admin/items/{id}/publish"), for
// metrics labels. Labels come only from a fixed list of templates — the portal's and the
// back office's routes (the JSON API labels from its own route table, api::JsonApi) — and
// every other path shares the one label "unmatched", so the number of series stays bounded
// whatever paths clients send.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::web {

// The label for an unknown path.
inline constexpr std::string_view kUnmatchedRoute = "unmatched";

// The template `path` matches, or "unmatched". Template segments are literals or
// variables: {id}, {year} and {n} match digits only, any other {name} matches any non-empty
// segment; a segment may wrap a variable in a literal prefix and suffix
// ("sitemap-{n}.xml").
std::string RouteLabel(std::string_view path);

// Every template RouteLabel knows, in matching order (first match wins).
const std::vector<std::string>& RouteTemplates();

}  // namespace gongkai::web
