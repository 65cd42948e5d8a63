// 文号 (document numbers): validation and normalisation of the issuing number of an
// official document, e.g. 汨政发〔2017〕12号 (GB/T 9704-2012 §7.2.4: 发文机关代字, the year
// in hexagonal brackets 〔〕, the serial without leading zeros and without 第).
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::core {

// Normalises a 文号 to its canonical form and checks its shape. Accepted:
//   {代字}{open}{year}{close}[第]{n}号   → {代字}〔{year}〕{n}号
//   {代字}第{n}号                        → kept as is (orders: 湖南省人民政府令第250号)
// where 代字 is 1-20 Chinese characters, the brackets may be any of () （） [] ［］ 【】 〔〕
// 〖〗 (mixed pairs are tolerated), year is four digits 1949-2999, n is 1-6 digits
// (leading zeros dropped, n > 0), and digits may be full-width. White space anywhere is
// removed. An empty (or all-space) input is returned as "" (no 文号 is allowed).
// Fails with kInvalidArgument (field "doc_no") saying what is wrong, e.g. a missing 号,
// a two-digit year, or Latin letters in the 代字. Requires UTF-8 (ill-formed input fails).
Result<std::string> NormalizeDocNo(std::string_view text);

}  // namespace gongkai::core
