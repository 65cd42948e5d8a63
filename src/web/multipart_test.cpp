#include "web/multipart.hpp"

#include <gtest/gtest.h>

namespace gongkai::web {
namespace {

const std::string kB = "XyZ123";

std::string Part(const std::string& disposition, const std::string& data,
                 const std::string& extra_headers = "") {
  return "--" + kB + "\r\nContent-Disposition: " + disposition + "\r\n" + extra_headers + "\r\n" +
         data + "\r\n";
}
std::string End() { return "--" + kB + "--\r\n"; }

HttpRequest WithType(const std::string& type) {
  HttpRequest r;
  r.method = "POST";
  r.headers["content-type"] = type;
  return r;
}

TEST(MultipartTest, BoundaryComesFromTheContentType) {
  EXPECT_EQ(MultipartBoundary(WithType("multipart/form-data; boundary=----WebKitFormBoundaryA1b2")),
            "----WebKitFormBoundaryA1b2");
  EXPECT_EQ(MultipartBoundary(WithType("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b'c\"")),
            "a b'c");
  EXPECT_EQ(MultipartBoundary(WithType("application/x-www-form-urlencoded")), "");
  EXPECT_EQ(MultipartBoundary(WithType("multipart/mixed; boundary=abc")), "");
  EXPECT_EQ(MultipartBoundary(WithType("multipart/form-data")), "");
  EXPECT_EQ(MultipartBoundary(WithType("multipart/form-data; boundary=")), "");
  EXPECT_EQ(MultipartBoundary(WithType("multipart/form-data; boundary=" + std::string(71, 'a'))),
            "");
  EXPECT_EQ(MultipartBoundary(WithType("multipart/form-data; boundary=a<b")), "");
  EXPECT_EQ(MultipartBoundary(WithType("multipart/form-data; boundary=\"open")), "");
}

TEST(MultipartTest, FieldsAndFilesAreSeparated) {
  std::string body =
      Part("form-data; name=\"csrf\"", "tok") +
      Part("form-data; name=\"file\"; filename=\"C:\\dir\\方案.pdf\"",
           std::string("%PDF\r\n\0binary--XyZ12", 20), "Content-Type: application/pdf\r\n") +
      Part("form-data; name=\"note\"", "第一行\r\n第二行") + End();
  auto form = ParseMultipart(body, kB);
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  EXPECT_EQ(FormValue(form->fields, "csrf"), "tok");
  EXPECT_EQ(FormValue(form->fields, "note"), "第一行\r\n第二行");
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].field, "file");
  EXPECT_EQ(form->files[0].filename, "C:\\dir\\方案.pdf") << "backslashes are not escapes";
  EXPECT_EQ(form->files[0].content_type, "application/pdf");
  EXPECT_EQ(form->files[0].data, std::string("%PDF\r\n\0binary--XyZ12", 20));
}

TEST(MultipartTest, PreambleAndAnEmptyFileAreAccepted) {
  std::string body =
      "ignored preamble\r\n" + Part("form-data; name=\"file\"; filename=\"\"", "") + End();
  auto form = ParseMultipart(body, kB);
  ASSERT_TRUE(form.ok()) << form.status().ToString();
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].filename, "");
  EXPECT_EQ(form->files[0].data, "");
}

TEST(MultipartTest, MalformedBodiesAreRefused) {
  struct Case {
    const char* why;
    std::string body;
  };
  const Case cases[] = {
      {"no delimiter", "just text"},
      {"no closing delimiter", Part("form-data; name=\"a\"", "1")},
      {"truncated part", "--" + kB + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1"},
      {"no disposition", Part("attachment; name=\"a\"", "1") + End()},
      {"no name", Part("form-data; filename=\"x.pdf\"", "1") + End()},
      {"empty name", Part("form-data; name=\"\"", "1") + End()},
      {"open quote", Part("form-data; name=\"a", "1") + End()},
      {"header without colon", "--" + kB + "\r\nbroken\r\n\r\n1\r\n" + End()},
      {"no CRLF after delimiter", "--" + kB + "garbage" + End()},
      {"invalid UTF-8 field", Part("form-data; name=\"a\"", "\xff\xfe") + End()},
      {"NUL in a field", Part("form-data; name=\"a\"", std::string("a\0b", 3)) + End()},
      {"control character in a file name",
       Part("form-data; name=\"f\"; filename=\"a\x01.pdf\"", "x") + End()},
      {"invalid UTF-8 file name",
       Part("form-data; name=\"f\"; filename=\"\xc3.pdf\"", "x") + End()},
  };
  for (const auto& c : cases) {
    auto form = ParseMultipart(c.body, kB);
    EXPECT_FALSE(form.ok()) << c.why;
    if (!form.ok()) {
      EXPECT_EQ(form.status().code(), core::ErrorCode::kInvalidArgument) << c.why;
    }
  }
}

TEST(MultipartTest, LimitsAreEnforced) {
  MultipartLimits limits;
  limits.max_parts = 2;
  limits.max_field_bytes = 4;
  limits.max_file_bytes = 8;
  limits.max_header_bytes = 200;
  std::string three = Part("form-data; name=\"a\"", "1") + Part("form-data; name=\"b\"", "2") +
                      Part("form-data; name=\"c\"", "3") + End();
  EXPECT_FALSE(ParseMultipart(three, kB, limits).ok());
  EXPECT_TRUE(ParseMultipart(Part("form-data; name=\"a\"", "1234") + End(), kB, limits).ok());
  EXPECT_FALSE(ParseMultipart(Part("form-data; name=\"a\"", "12345") + End(), kB, limits).ok());
  EXPECT_TRUE(
      ParseMultipart(Part("form-data; name=\"f\"; filename=\"a\"", "12345678") + End(), kB, limits)
          .ok());
  auto big = ParseMultipart(Part("form-data; name=\"f\"; filename=\"a\"", "123456789") + End(), kB,
                            limits);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().field(), "file");
  EXPECT_FALSE(
      ParseMultipart(
          Part("form-data; name=\"a\"", "1", "X-Long: " + std::string(300, 'x') + "\r\n") + End(),
          kB, limits)
          .ok());
  EXPECT_FALSE(ParseMultipart(End(), "bad<boundary", limits).ok());
}

}  // namespace
}  // namespace gongkai::web
