#include "web/form.hpp"

#include <gtest/gtest.h>

#include "web/csrf.hpp"
#include "web/rate_limit.hpp"

namespace gongkai::web {
namespace {

TEST(Form, ParsesUrlEncodedFieldsWithChinese) {
  auto f = ParseForm("name=%E5%BC%A0%E4%B8%89&desc=a+b&empty=&flag");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(FormValue(*f, "name"), "张三");
  EXPECT_EQ(FormValue(*f, "desc"), "a b");
  EXPECT_EQ(FormValue(*f, "empty"), "");
  EXPECT_EQ(f->count("flag"), 1u);
  EXPECT_EQ(FormValue(*f, "missing"), "");
}

TEST(Form, RefusesBadEscapesNulAndInvalidUtf8) {
  EXPECT_FALSE(ParseForm("a=%zz").has_value());
  EXPECT_FALSE(ParseForm("a=%4").has_value());
  EXPECT_FALSE(ParseForm("a=%00").has_value());
  EXPECT_FALSE(ParseForm("a=%C3%28").has_value());
  EXPECT_FALSE(ParseForm("a=%ED%A0%80").has_value());  // a UTF-16 surrogate
}

TEST(Form, RecognisesFormContentType) {
  HttpRequest r;
  r.headers["content-type"] = "Application/X-WWW-Form-Urlencoded; charset=UTF-8";
  EXPECT_TRUE(IsFormPost(r));
  r.headers["content-type"] = "multipart/form-data; boundary=x";
  EXPECT_FALSE(IsFormPost(r));
  r.headers.clear();
  EXPECT_FALSE(IsFormPost(r));
}

TEST(Form, ReadsCookiesAndWritesSetCookie) {
  HttpRequest r;
  r.headers["cookie"] = "a=1; gk_csrf=\"xyz\" ;b=2";
  EXPECT_EQ(CookieValue(r, "gk_csrf"), "xyz");
  EXPECT_EQ(CookieValue(r, "b"), "2");
  EXPECT_EQ(CookieValue(r, "c"), "");
  CookieOptions o;
  o.max_age_seconds = 0;
  o.secure = true;
  EXPECT_EQ(SetCookieHeader("s", "v", o),
            "s=v; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
}

TEST(Csrf, AcceptsOwnTokenAndRefusesEverythingElse) {
  CsrfTokens tokens = CsrfTokens::Random();
  std::string t = tokens.Issue("apply", "cookie-1", 1000);
  EXPECT_TRUE(tokens.Verify(t, "apply", "cookie-1", 1000, 3600));
  EXPECT_TRUE(tokens.Verify(t, "apply", "cookie-1", 4600, 3600));
  EXPECT_FALSE(tokens.Verify(t, "apply", "cookie-1", 4601, 3600));    // expired
  EXPECT_FALSE(tokens.Verify(t, "apply", "cookie-2", 1000, 3600));    // other visitor
  EXPECT_FALSE(tokens.Verify(t, "consult", "cookie-1", 1000, 3600));  // other form
  EXPECT_FALSE(tokens.Verify(t, "apply", "", 1000, 3600));
  EXPECT_FALSE(tokens.Verify("", "apply", "cookie-1", 1000, 3600));
  EXPECT_FALSE(tokens.Verify(t.substr(1), "apply", "cookie-1", 1000, 3600));
  std::string forged = t;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(tokens.Verify(forged, "apply", "cookie-1", 1000, 3600));
  EXPECT_FALSE(CsrfTokens::Random().Verify(t, "apply", "cookie-1", 1000, 3600));  // other key
  EXPECT_FALSE(tokens.Verify(t, "apply", "cookie-1", 800, 3600));  // issued in the future
  EXPECT_FALSE(CsrfTokens::FromKey("short").ok());
  EXPECT_NE(CsrfTokens::RandomId(), CsrfTokens::RandomId());
}

TEST(RateLimit, AllowsBurstThenRefills) {
  RateLimiter limiter(3, std::chrono::seconds(10));
  auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t0));
  EXPECT_FALSE(limiter.Allow("1.2.3.4", t0));
  EXPECT_TRUE(limiter.Allow("5.6.7.8", t0));  // another client is unaffected
  EXPECT_EQ(limiter.RetryAfterSeconds("1.2.3.4", t0), 10);
  EXPECT_FALSE(limiter.Allow("1.2.3.4", t0 + std::chrono::seconds(9)));
  EXPECT_TRUE(limiter.Allow("1.2.3.4", t0 + std::chrono::seconds(20)));
}

TEST(RateLimit, BoundsItsMemory) {
  RateLimiter limiter(2, std::chrono::seconds(1), 100);
  auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 1000; ++i) limiter.Allow("client-" + std::to_string(i), t0);
  // Old clients were forgotten (they get a fresh bucket); the limiter still limits.
  EXPECT_TRUE(limiter.Allow("client-999", t0));
  EXPECT_FALSE(limiter.Allow("client-999", t0));
}

}  // namespace
}  // namespace gongkai::web
