// The OpenAPI document and the router come from one table: every route is documented,
// every documented operation is routed, every schema reference resolves.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <set>

#include "api/json_api.hpp"
#include "api/route.hpp"

namespace gongkai::api {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void CollectRefs(const json::value& v, std::set<std::string>& refs) {
  if (v.is_object()) {
    for (const auto& kv : v.as_object()) {
      if (kv.key() == "$ref") refs.insert(std::string(kv.value().as_string()));
      CollectRefs(kv.value(), refs);
    }
  } else if (v.is_array()) {
    for (const auto& e : v.as_array()) CollectRefs(e, refs);
  }
}

TEST(OpenApiTest, DocumentsExactlyTheRoutedOperations) {
  json::value doc = json::parse(OpenApiDocument());
  EXPECT_EQ(doc.at("openapi").as_string(), "3.0.3");
  const auto& paths = doc.at("paths").as_object();
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& p : paths) {
    for (const auto& op : p.value().as_object()) {
      documented.insert({std::string(p.key()), std::string(op.key())});
      // Every documented operation is dispatched by the router, to the route it documents.
      std::string method = op.key();
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::string concrete;  // the template with each {param} replaced by a number
      for (size_t i = 0; i < p.key().size(); ++i) {
        if (p.key()[i] == '{') {
          concrete += "7";
          i = p.key().find('}', i);
        } else {
          concrete += p.key()[i];
        }
      }
      std::map<std::string, std::string> params;
      bool known = false;
      const Route* r = MatchRoute(method, concrete, params, known);
      ASSERT_NE(r, nullptr) << method << " " << p.key();
      EXPECT_EQ(r->path, p.key());
      EXPECT_EQ(op.value().at("operationId").as_string(), r->operation_id);
    }
  }
  std::set<std::string> ids;
  for (const Route& r : Routes()) {
    EXPECT_TRUE(documented.contains({std::string(r.path), Lower(r.method)}))
        << r.method << " " << r.path;
    EXPECT_TRUE(ids.insert(std::string(r.operation_id)).second) << "duplicate " << r.operation_id;
    EXPECT_NE(r.fn, nullptr);
    EXPECT_TRUE(r.action.has_value()) << "every API route names an action: " << r.path;
  }
  EXPECT_EQ(documented.size(), Routes().size());

  std::set<std::string> refs;
  CollectRefs(doc, refs);
  const auto& schemas = doc.at("components").at("schemas").as_object();
  for (const auto& ref : refs) {
    const std::string prefix = "#/components/schemas/";
    ASSERT_EQ(ref.rfind(prefix, 0), 0u) << ref;
    EXPECT_TRUE(schemas.contains(ref.substr(prefix.size()))) << ref;
  }
}

TEST(OpenApiTest, EveryRouteNamesAnAction) {
  json::value doc = json::parse(OpenApiDocument());
  for (const Route& r : Routes()) {
    const auto& op = doc.at("paths").at(r.path).at(Lower(r.method));
    EXPECT_EQ(op.at("x-gongkai-action").as_string(),
              core::ActionCode(r.action.value_or(core::Action::kRead)));
    EXPECT_TRUE(op.at("responses").as_object().contains(std::to_string(r.success_status)));
  }
}

}  // namespace
}  // namespace gongkai::api
