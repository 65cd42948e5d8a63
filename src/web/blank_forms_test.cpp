// BlankForms: a stored page is served for its tree only, with the marker replaced by the
// visitor's token, and the store never holds more than kMaxPages.
#include "web/blank_forms.hpp"

#include <gtest/gtest.h>

namespace gongkai::web {
namespace {

std::shared_ptr<const core::OrgTree> TreeOf(const std::string& code) {
  core::Org org;
  org.id = 1;
  org.code = code;
  org.name = "青溪市人民政府";
  return std::make_shared<const core::OrgTree>(std::vector<core::Org>{org});
}

HttpResponse PageWith(const std::string& token) {
  HttpResponse page;
  page.body = "<input name=\"token\" value=\"" + token + "\"><a data-t=\"" + token + "\">";
  page.Set("Cache-Control", "no-store");
  return page;
}

TEST(BlankFormsTest, AStoredPageIsServedForItsTreeWithTheVisitorsToken) {
  BlankForms forms;
  auto tree = TreeOf("QX");
  EXPECT_FALSE(forms.Find("apply\n", tree, "t1"));
  forms.Store("apply\n", tree, PageWith(forms.marker()));
  auto hit = forms.Find("apply\n", tree, "t1");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, PageWith("t1").body);  // every marker replaced
  EXPECT_EQ(hit->Get("Cache-Control"), "no-store");
  EXPECT_EQ(forms.Find("apply\n", tree, "t2")->body, PageWith("t2").body);
  EXPECT_FALSE(forms.Find("consult\n", tree, "t1"));
  // A new tree (bodies reloaded) serves nothing stored for the old one, and storing for it
  // drops the old pages.
  auto next = TreeOf("QX");
  EXPECT_FALSE(forms.Find("apply\n", next, "t1"));
  forms.Store("consult\n", next, PageWith(forms.marker()));
  EXPECT_FALSE(forms.Find("apply\n", tree, "t1"));
  EXPECT_FALSE(forms.Find("apply\n", next, "t1"));
  EXPECT_TRUE(forms.Find("consult\n", next, "t1"));
}

TEST(BlankFormsTest, TheStoreIsBounded) {
  BlankForms forms;
  auto tree = TreeOf("QX");
  for (size_t i = 0; i < BlankForms::kMaxPages + 10; ++i) {
    forms.Store("apply\n" + std::to_string(i), tree, PageWith(forms.marker()));
  }
  EXPECT_TRUE(forms.Find("apply\n0", tree, "t"));
  EXPECT_TRUE(forms.Find("apply\n" + std::to_string(BlankForms::kMaxPages - 1), tree, "t"));
  EXPECT_FALSE(forms.Find("apply\n" + std::to_string(BlankForms::kMaxPages), tree, "t"));
}

TEST(BlankFormsTest, TheMarkerIsRandomAndSurvivesHtmlEscaping) {
  BlankForms a, b;
  EXPECT_NE(a.marker(), b.marker());
  EXPECT_EQ(a.marker().size(), 32u);
  for (char c : a.marker())
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
}

}  // namespace
}  // namespace gongkai::web
