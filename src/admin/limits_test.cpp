// Issue 16, finding 3: limits before bodies. The back office decides from a request's
// header — session cookie, then the route's body limit — before reading any body byte, so an
// unauthenticated 19 MB upload is answered at once and the connection closed, unread.
#include "admin/admin_test_support.hpp"

namespace gongkai::admin::testing {
namespace {

class LimitsTest : public BackOfficeTest {
 protected:
  // Sends only the header of a 19 MB multipart upload and reads for at most 3 s: a server
  // that waited for the body would answer nothing before its 15 s read timeout.
  web::test_client::Conversation UploadHeaderOnly(const std::string& cookie) {
    std::string head =
        "POST /admin/items/1/attachments HTTP/1.1\r\nHost: localhost\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\n"
        "Content-Length: " +
        std::to_string(19 * 1024 * 1024) + "\r\n" +
        (cookie.empty() ? std::string() : "Cookie: gk_session=" + cookie + "\r\n") + "\r\n";
    web::test_client::Connection conn(port_);
    EXPECT_TRUE(conn.ok());
    EXPECT_TRUE(conn.Send(head));
    return conn.Read(0, std::chrono::seconds(3));  // until the server closes
  }
};

TEST_P(LimitsTest, AnUnauthenticatedUploadIsRefusedAfterTheHeader) {
  for (const std::string& cookie : {std::string(), std::string("forged-session-token")}) {
    web::test_client::Conversation c = UploadHeaderOnly(cookie);
    EXPECT_FALSE(c.timed_out) << "the server waited for the body";
    ASSERT_EQ(c.replies.size(), 1u) << c.raw.substr(0, 300);
    EXPECT_EQ(c.first().status, 403);
    EXPECT_NE(c.first().body.find("登录已失效"), std::string::npos);
    EXPECT_TRUE(c.closed) << "the connection closes: the body is never read";
  }
}

TEST_P(LimitsTest, ASignedInUploadOverTheRouteLimitIsRefusedAfterTheHeader) {
  auto editor = As("editor");
  std::string cookie = editor->cookies()["gk_session"];
  ASSERT_FALSE(cookie.empty());
  web::test_client::Conversation c = UploadHeaderOnly(cookie);
  EXPECT_FALSE(c.timed_out);
  ASSERT_EQ(c.replies.size(), 1u) << c.raw.substr(0, 300);
  EXPECT_EQ(c.first().status, 413);
  // The session is still good for a normal page.
  EXPECT_EQ(editor->Get("/admin").status, 200);
}

TEST_P(LimitsTest, GetsAndTheSignInFormAreNotHeldBack) {
  Browser b(port_);
  EXPECT_EQ(b.Get("/admin/login").status, 200);
  EXPECT_EQ(b.Login("editor", kPassword).status, 303) << "the sign-in POST needs no session";
}

GONGKAI_ADMIN_BACKENDS(LimitsTest);

}  // namespace
}  // namespace gongkai::admin::testing
