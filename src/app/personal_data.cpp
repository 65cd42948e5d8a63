#include "app/personal_data.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace gongkai::app {
namespace {

core::Status KeyError(std::string message) {
  return core::InvalidArgument("个人信息密钥: " + std::move(message), "key_file");
}

bool InitSodium() { return sodium_init() >= 0; }

}  // namespace

core::Result<PersonalDataKey> PersonalDataKey::FromBytes(std::string_view bytes) {
  if (bytes.size() != crypto_secretbox_KEYBYTES) {
    return KeyError("密钥须为 32 字节，实际 " + std::to_string(bytes.size()) + " 字节");
  }
  PersonalDataKey key;
  key.key_ = std::string(bytes);
  return key;
}

core::Result<PersonalDataKey> PersonalDataKey::Load(const std::string& path) {
  if (path.empty()) return KeyError("未指定密钥文件（--key-file 或 GONGKAI_KEY_FILE）");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return KeyError("无法读取密钥文件 " + path);
  if (!S_ISREG(st.st_mode)) return KeyError(path + " 不是普通文件");
  if (st.st_mode & S_IRWXO) {
    return KeyError(path + " 的权限过宽（其他用户可访问）：请执行 chmod 600 " + path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return KeyError("无法读取密钥文件 " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return FromBytes(bytes);
}

core::Result<PersonalDataKey> PersonalDataKey::LoadFromOptionOrEnv(const std::string& path) {
  if (!path.empty()) return Load(path);
  const char* env = std::getenv("GONGKAI_KEY_FILE");
  return Load(env ? env : "");
}

core::Status PersonalDataKey::Generate(const std::string& path) {
  if (!InitSodium()) return core::Internal("libsodium 初始化失败");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    return core::AlreadyExists("密钥文件已存在，不会覆盖: " + path, "key_file");
  }
  unsigned char key[crypto_secretbox_KEYBYTES];
  crypto_secretbox_keygen(key);
  mode_t old = ::umask(077);
  std::ofstream out(path, std::ios::binary);
  ::umask(old);
  if (!out) return KeyError("无法写入 " + path);
  out.write(reinterpret_cast<const char*>(key), sizeof key);
  sodium_memzero(key, sizeof key);
  ::chmod(path.c_str(), 0600);
  return out ? core::Status::Ok() : KeyError("无法写入 " + path);
}

core::Result<std::string> PersonalDataKey::Seal(const ApplicantData& data) const {
  if (!InitSodium()) return core::Internal("libsodium 初始化失败");
  std::string plain = boost::json::serialize(boost::json::object{
      {"name", data.name}, {"id_document", data.id_document}, {"contact", data.contact}});
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        reinterpret_cast<const unsigned char*>(key_.data()));
  sodium_memzero(plain.data(), plain.size());
  std::string out(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(box.data()),
                    box.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

core::Result<ApplicantData> PersonalDataKey::Open(std::string_view sealed) const {
  if (!InitSodium()) return core::Internal("libsodium 初始化失败");
  std::string box(sealed.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(),
                        sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return core::DataLoss("加密的个人信息无法解码");
  }
  box.resize(len);
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return core::PermissionDenied("个人信息无法用此密钥解密（密钥不对或数据被改动）");
  }
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(plain, ec);
  sodium_memzero(plain.data(), plain.size());
  if (ec || !v.is_object()) return core::DataLoss("解密后的个人信息格式无效");
  ApplicantData data;
  const auto& o = v.as_object();
  auto field = [&](const char* k) -> std::string {
    auto it = o.find(k);
    return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
  };
  data.name = field("name");
  data.id_document = field("id_document");
  data.contact = field("contact");
  return data;
}

std::string HashLookupCode(std::string_view code) {
  InitSodium();
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(code.data()),
                     code.size(), nullptr, 0);
  std::string hex(sizeof hash * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), hash, sizeof hash);
  hex.pop_back();
  return hex;
}

LookupCode NewLookupCode() {
  InitSodium();
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";  // no 0/O, 1/I/L
  constexpr uint32_t kSize = sizeof kAlphabet - 1;
  LookupCode out;
  for (int i = 0; i < 12; ++i) out.code += kAlphabet[randombytes_uniform(kSize)];
  out.hash = HashLookupCode(out.code);
  return out;
}

}  // namespace gongkai::app
