// The route template of a request path ("/item/{id}", "/org/{code}/report/{year}"), for
// metrics labels: bounded cardinality, never a raw path (which could carry anything).
#pragma once

#include <string>
#include <string_view>

namespace gongkai::web {

// Known first segments keep their name; digits-only segments become {id}; the segment
// after /org/ becomes {code}; a static file becomes {file}; anything else is "other".
// At most four segments are kept.
std::string RouteLabel(std::string_view path);

}  // namespace gongkai::web
