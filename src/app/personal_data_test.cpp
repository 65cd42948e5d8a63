#include "app/personal_data.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

namespace gongkai::app {
namespace {

std::string TempPath(const char* name) {
  return ::testing::TempDir() + "/" + name + std::to_string(::getpid());
}

TEST(PersonalDataTest, SealsAndOpensWithoutLeavingTheNameInClear) {
  auto key = PersonalDataKey::FromBytes(std::string(32, '\x07'));
  ASSERT_TRUE(key.ok());
  ApplicantData data{"张三丰", "身份证 110101199001011234", "13800000000"};
  auto sealed = key->Seal(data);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("张三丰"), std::string::npos);
  EXPECT_NE(*sealed, *key->Seal(data));  // fresh nonce each time
  auto opened = key->Open(*sealed);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, data);

  auto other = PersonalDataKey::FromBytes(std::string(32, '\x08'));
  EXPECT_EQ(other->Open(*sealed).status().code(), core::ErrorCode::kPermissionDenied);
  std::string tampered = *sealed;
  tampered[30] = tampered[30] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(key->Open(tampered).ok());
  EXPECT_EQ(key->Open("not base64!").status().code(), core::ErrorCode::kDataLoss);
}

TEST(PersonalDataTest, KeyFileRules) {
  std::string path = TempPath("gk-key");
  std::remove(path.c_str());
  EXPECT_EQ(PersonalDataKey::Load("").status().field(), "key_file");
  EXPECT_NE(PersonalDataKey::Load(path).status().message().find("无法读取"), std::string::npos);
  ASSERT_TRUE(PersonalDataKey::Generate(path).ok());
  EXPECT_EQ(PersonalDataKey::Generate(path).code(), core::ErrorCode::kAlreadyExists);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_TRUE(PersonalDataKey::Load(path).ok());
  ::chmod(path.c_str(), 0644);
  auto open = PersonalDataKey::Load(path);
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("chmod 600"), std::string::npos);
  std::remove(path.c_str());
  {
    std::ofstream out(path, std::ios::binary);
    out << "too short";
  }
  ::chmod(path.c_str(), 0600);
  auto short_key = PersonalDataKey::Load(path);
  ASSERT_FALSE(short_key.ok());
  EXPECT_NE(short_key.status().message().find("32"), std::string::npos);
  std::remove(path.c_str());
}

TEST(PersonalDataTest, LookupCodesAreRandomAndHashed) {
  LookupCode a = NewLookupCode(), b = NewLookupCode();
  EXPECT_EQ(a.code.size(), 12u);
  EXPECT_NE(a.code, b.code);
  EXPECT_EQ(a.hash, HashLookupCode(a.code));
  EXPECT_EQ(a.hash.size(), 64u);
  EXPECT_EQ(a.hash.find(a.code), std::string::npos);
}

}  // namespace
}  // namespace gongkai::app
