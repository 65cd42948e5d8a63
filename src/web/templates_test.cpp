#include "web/templates.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace gongkai::web {
namespace {

// A directory of templates for one test, removed afterwards.
class TemplateDir {
 public:
  TemplateDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("gk_templates_" + std::to_string(::getpid()) + "_" + std::to_string(++counter_));
    std::filesystem::create_directories(path_);
  }
  ~TemplateDir() { std::filesystem::remove_all(path_); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / (name + ".mustache"), std::ios::binary) << text;
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(TemplatesTest, PartialsRenderInTheCallersContextAtAnyDepth) {
  TemplateDir dir;
  dir.Write("page", "<h1>{{title}}</h1>{{>rows}}");
  dir.Write("rows", "<ul>{{#rows}}{{> row }}{{/rows}}</ul>");
  dir.Write("row", "<li>{{name}} of {{title}}</li>");
  auto t = Templates::Load(dir.path());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  View v;
  v.Set("title", "T&1");
  View rows = View::List();
  for (const char* name : {"a", "b<"}) {
    View r;
    r.Set("name", name);
    rows.Push(r);
  }
  v.Set("rows", rows);
  auto out = t->Render("page", v);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "<h1>T&amp;1</h1><ul><li>a of T&amp;1</li><li>b&lt; of T&amp;1</li></ul>");
}

TEST(TemplatesTest, ACycleOfPartialsStopsAndAnUnknownPartialRendersNothing) {
  TemplateDir dir;
  dir.Write("a", "A{{>b}}");
  dir.Write("b", "B{{>a}}");
  dir.Write("c", "C{{>missing}}C");
  auto t = Templates::Load(dir.path());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  auto a = t->Render("a", View());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->substr(0, 6), "ABABAB");  // bounded, not endless
  auto c = t->Render("c", View());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "CC");
}

TEST(TemplatesTest, ABrokenPartialIsReportedAtLoadNamingItsCaller) {
  TemplateDir dir;
  dir.Write("page", "{{>part}}");
  dir.Write("part", "{{#open}}never closed");
  auto t = Templates::Load(dir.path());
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("part"), std::string::npos) << t.status().ToString();
}

TEST(TemplatesTest, ViewsMoveTheirValuesAndCopiesAreIndependent) {
  TemplateDir dir;
  dir.Write("list", "{{#items}}[{{x}}]{{/items}}{{^items}}none{{/items}}");
  auto t = Templates::Load(dir.path());
  ASSERT_TRUE(t.ok());
  View items = View::List();
  View one;
  one.Set("x", "1");
  items.Push(one);
  View copy = items;  // a copy taken before more pushes keeps its own rows
  View two;
  two.Set("x", "2");
  items.Push(two);
  View v, w;
  v.Set("items", items);
  w.Set("items", copy);
  EXPECT_EQ(*t->Render("list", v), "[1][2]");
  EXPECT_EQ(*t->Render("list", w), "[1]");
  v.Set("items", View::List());  // replacing a name replaces its value
  EXPECT_EQ(*t->Render("list", v), "none");
}

TEST(TemplatesTest, ThreadsRenderTheSameTemplatesConcurrently) {
  TemplateDir dir;
  dir.Write("page", "{{#rows}}{{>row}}{{/rows}}");
  dir.Write("row", "<{{n}}>");
  auto t = Templates::Load(dir.path());
  ASSERT_TRUE(t.ok());
  View v;
  View rows = View::List();
  std::string expected;
  for (int i = 0; i < 50; ++i) {
    View r;
    r.Set("n", std::to_string(i));
    rows.Push(r);
    expected += "<" + std::to_string(i) + ">";
  }
  v.Set("rows", rows);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto out = t->Render("page", v);
        if (!out.ok() || *out != expected) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace gongkai::web
