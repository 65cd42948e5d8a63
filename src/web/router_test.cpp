#include "web/router.hpp"

#include <gtest/gtest.h>

#include "web/portal.hpp"

namespace gongkai::web {
namespace {

TEST(RouterTest, TemplatesMatchLiteralsVariablesAndWrappedVariables) {
  PathParams p;
  EXPECT_TRUE(MatchPathTemplate("/", "/", &p));
  EXPECT_FALSE(MatchPathTemplate("/", "/x", &p));
  EXPECT_TRUE(MatchPathTemplate("/item/{id}", "/item/42", &p));
  EXPECT_EQ(p.at("id"), "42");
  EXPECT_FALSE(MatchPathTemplate("/item/{id}", "/item/4x", nullptr)) << "{id} is digits only";
  EXPECT_FALSE(MatchPathTemplate("/item/{id}", "/item/", nullptr));
  EXPECT_FALSE(MatchPathTemplate("/item/{id}", "/item/42/", nullptr));
  EXPECT_FALSE(MatchPathTemplate("/item/{id}", "/item//42", nullptr));
  EXPECT_TRUE(MatchPathTemplate("/org/{code}/rss.xml", "/org/QXS-JYJ/rss.xml", &p));
  EXPECT_EQ(p.at("code"), "QXS-JYJ");
  EXPECT_TRUE(MatchPathTemplate("/sitemap-{n}.xml", "/sitemap-3.xml", &p));
  EXPECT_EQ(p.at("n"), "3");
  EXPECT_FALSE(MatchPathTemplate("/sitemap-{n}.xml", "/sitemap-x.xml", nullptr));
  EXPECT_FALSE(MatchPathTemplate("/sitemap-{n}.xml", "/sitemap-.xml", nullptr));
}

TEST(RouterTest, FindsTheFirstRouteOfTheMethodElseTellsWhichMethodsThePathHas) {
  using Fn = int;
  Router<Fn> router({{"GET", "/a/new", kPublic, 1},
                     {"GET,POST", "/a/{id}", kPublic, 2},
                     {"POST", "/a/{id}/go", kPublic, 3},
                     {"DELETE", "/a/{id}/go", kPublic, 4}});
  auto m = router.Find("GET", "/a/new");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->fn, 1);
  m = router.Find("POST", "/a/7");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->fn, 2);
  EXPECT_EQ(m.params.at("id"), "7");
  m = router.Find("GET", "/a/7/go");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allow, "POST, DELETE");
  m = router.Find("GET", "/b");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_known);
  EXPECT_EQ(router.Label("/a/7/go"), "/a/{id}/go");
  EXPECT_EQ(router.Label("/a/x/go"), "unmatched");
}

// Metrics labels come from the portal's route table; anything else is one label, however
// many distinct paths arrive (issue 16, finding 2).
TEST(RouterTest, PortalLabelsAreItsTemplatesOrUnmatched) {
  EXPECT_EQ(Portal::Label("/"), "/");
  EXPECT_EQ(Portal::Label("/item/12345"), "/item/{id}");
  EXPECT_EQ(Portal::Label("/item/12345/attachment/2"), "/item/{id}/attachment/{n}");
  EXPECT_EQ(Portal::Label("/org/QXS-JYJ"), "/org/{code}");
  EXPECT_EQ(Portal::Label("/org/QXS/report/2025"), "/org/{code}/report/{year}");
  EXPECT_EQ(Portal::Label("/static/portal.0123abcd.css"), "/static/{file}");
  EXPECT_EQ(Portal::Label("/sitemap-3.xml"), "/sitemap-{n}.xml");
  EXPECT_EQ(Portal::Label("/apply"), "/apply");
  for (const char* unknown :
       {"/etc/passwd", "/item/abcdef", "/item/7/x", "/admin/%E4%B8%AD", "/api/v1/a/b/c/d", "//",
        "/item/", "/a/b/c/d/e/f/g/h/i/j", "/sitemap-x.xml"}) {
    EXPECT_EQ(Portal::Label(unknown), kUnmatchedRoute) << unknown;
  }
  for (const std::string& t : Portal::RouteTemplates()) {
    EXPECT_EQ(t.find("//"), std::string::npos);
  }
}

}  // namespace
}  // namespace gongkai::web
