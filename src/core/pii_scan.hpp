// The personal-data scanner of 保密审查 (issue 20): finds 居民身份证号, mobile and landline
// numbers, bank card numbers, e-mail addresses, passport and 港澳通行证 numbers, and a
// person's name right next to any of them, in text about to be published or already public.
//
// Pure: no I/O, no allocation per byte, one forward pass (bench/pii_scan_bench measures it
// against a naive std::regex pass). The scanner reads digits however they were typed:
// ASCII, full-width (４３０６８１) and Chinese numerals (四三〇六八一); a number split by
// spaces, line breaks, hyphens or brackets (as PDF table cells and pasted lists split them)
// is read as one when the joined digits validate. It stays silent on what looks similar
// but is public: 统一社会信用代码 (GB 32100 check character), 文号, 索引号, dates, amounts,
// postal codes and the body's own published phone numbers (ScanOptions::public_phones).
// Already-masked forms (430681********1234, 138****5678) are reported with masked = true:
// they need no action but show that the text carries personal data.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::core {

enum class PiiKind {
  kIdCard,    // 居民身份证号: 18 digits with the GB 11643 check digit, or 15-digit legacy
  kMobile,    // 11 digits with an allocated 1xx prefix (optionally +86)
  kLandline,  // area code + subscriber number: 0731-84561234, (010)12345678
  kBankCard,  // 16-19 digits passing the Luhn check
  kEmail,     // local@domain.tld
  kPassport,  // 护照 (E/G + 8) and 港澳通行证 (C/W + 8)
  kName,      // a Chinese name directly next to one of the above
};
// Stored/exported form: "id_card", "mobile", ...
const char* PiiKindCode(PiiKind kind);
// UI label: 居民身份证号, 手机号码, 固定电话, 银行卡号, 电子邮箱, 护照/通行证号, 姓名.
const char* PiiKindLabel(PiiKind kind);

struct PiiFinding {
  PiiKind kind = PiiKind::kIdCard;
  std::string field;       // which field of the record ("title", "body", "attachment:名单.xlsx")
  size_t offset = 0;       // byte offset of the first character in the scanned text
  size_t length = 0;       // bytes, separators inside a split number included
  std::string preview;     // the value with the standard mask applied (never the raw value)
  bool masked = false;     // the text already masks it: nothing to do
  int confidence_pct = 0;  // 0-100: check digits validated ≈ 95+, pattern only ≈ 60-80
  friend bool operator==(const PiiFinding&, const PiiFinding&) = default;
};

struct ScanOptions {
  // Phone numbers the body publishes itself (its acceptance phone, office lines), in any
  // written form; matched by digits, with or without the area code. They never fire.
  std::vector<std::string> public_phones;
  // How many leading/trailing characters the masked form of an ID number keeps (the
  // standard form keeps the region code and the last four).
  int id_keep_head = 6;
  int id_keep_tail = 4;
  // Whether a name next to a finding is reported (kName).
  bool names = true;
};

// Every finding in `text`, in order of offset. `field` is copied into each finding.
// Invalid UTF-8 is skipped byte by byte, never an error.
std::vector<PiiFinding> ScanPersonalData(std::string_view text, std::string_view field,
                                         const ScanOptions& options = {});

// Findings the text does not already mask (the ones that block approval).
int CountUnmasked(const std::vector<PiiFinding>& findings);

// `text` with every unmasked finding of `findings` (from ScanPersonalData on this same
// text) replaced by its standard masked form, keeping the original characters where the
// mask keeps them: ID first 6 and last 4 (as configured), mobile the middle 4, bank card
// all but the first 4 and last 4, landline the subscriber number but its last 2, e-mail
// the local part but its first character, passport all but the first 2 and last 2, a name
// all but its first character (张** ). Masked findings are left as they are.
std::string MaskPersonalData(std::string_view text, const std::vector<PiiFinding>& findings,
                             const ScanOptions& options = {});

// Check digits, exposed for tests and for the importers' own validation.
// GB 11643-1999 (ISO 7064 MOD 11-2) over 17 ASCII digits: '0'-'9' or 'X'.
char IdCardCheckChar(std::string_view first17);
// Luhn over ASCII digits.
bool LuhnValid(std::string_view digits);
// GB 32100-2015: true when the 18 characters are a 统一社会信用代码 with a valid check char.
bool CreditCodeValid(std::string_view code);

}  // namespace gongkai::core
