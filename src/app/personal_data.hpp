// Applicants' personal data at rest: libsodium crypto_secretbox (XSalsa20-Poly1305) under
// a 32-byte key the operator supplies in a file (--key-file or $GONGKAI_KEY_FILE), and the
// applicant's lookup code. The sealed form is what core::Request::applicant_sealed holds;
// only case handlers who hold the key can open it.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::app {

// The applicant's name (or organisation's name), ID document and contact.
struct ApplicantData {
  std::string name;
  std::string id_document;
  std::string contact;
  bool operator==(const ApplicantData&) const = default;
};

class PersonalDataKey {
 public:
  // Reads the key file: exactly 32 raw bytes, not readable or writable by "other" users.
  // Fails with kInvalidArgument naming "key_file": no path given, file missing or
  // unreadable, wrong size (the message gives the size), or permissions too open.
  static core::Result<PersonalDataKey> Load(const std::string& path);
  // `path` if given, else $GONGKAI_KEY_FILE (kInvalidArgument when neither).
  static core::Result<PersonalDataKey> LoadFromOptionOrEnv(const std::string& path);
  // Writes a fresh random key to `path` with mode 0600; refuses to overwrite
  // (kAlreadyExists).
  static core::Status Generate(const std::string& path);
  // A key from 32 raw bytes (tests).
  static core::Result<PersonalDataKey> FromBytes(std::string_view bytes);

  // base64(nonce || secretbox(JSON of data)). Never fails for valid input.
  core::Result<std::string> Seal(const ApplicantData& data) const;
  // Opens a sealed value. kPermissionDenied when it was sealed under another key or was
  // altered; kDataLoss when it does not decode.
  core::Result<ApplicantData> Open(std::string_view sealed) const;

 private:
  std::string key_;  // 32 bytes
};

// A fresh lookup code for the applicant (12 characters from an unambiguous alphabet,
// ~60 bits), shown once, and its stored hash (hex BLAKE2b-256 of the code).
struct LookupCode {
  std::string code;
  std::string hash;
};
LookupCode NewLookupCode();
std::string HashLookupCode(std::string_view code);

}  // namespace gongkai::app
