// The text fields of the public forms (依申请公开 applications, consultations, complaints):
// each field's label, its limits in characters and whether it is normalised before it is
// stored. Pure: no I/O, so the limits are checked the same way for every form.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "web/form.hpp"

namespace gongkai::web {

// One text field of a form: its limits in characters and whether it is normalised
// (full-width → half-width, traditional → simplified) before it is stored.
struct FieldSpec {
  const char* name;
  const char* label;
  size_t min_chars;  // 0: optional
  size_t max_chars;
  bool normalize;
};

inline constexpr FieldSpec kApplyFields[] = {
    {"name", "申请人姓名或名称", 1, 100, false},
    {"id_document", "身份证明（证件类型及号码）", 1, 60, false},
    {"contact", "联系方式（电话、邮箱或地址）", 1, 200, false},
    {"description", "所需政府信息的名称、文号或特征描述", 5, 2000, true},
    {"doc_no", "文号（如知道）", 0, 100, true},
};
// The core keeps consultation topics and complaint subjects within 500 bytes (≥ 160
// Chinese characters).
inline constexpr FieldSpec kConsultFields[] = {
    {"question", "咨询事项", 5, 160, true},
    {"name", "姓名（选填）", 0, 100, false},
    {"contact", "联系方式（选填，用于答复）", 0, 200, false},
};
inline constexpr FieldSpec kComplaintFields[] = {
    {"subject", "投诉事由", 5, 160, true},
    {"name", "姓名或名称", 1, 100, false},
    {"contact", "联系方式（用于答复）", 1, 200, false},
};

// Characters (code points) of UTF-8 text.
size_t CharCount(std::string_view s);

// Replaces each of `specs`' values in `fields` by its normalised (or space-collapsed) form
// and records a message in `errors` (field → message) for a value that cannot be read or
// is outside its limits.
void CheckTextFields(FormFields& fields, std::map<std::string, std::string>& errors,
                     std::span<const FieldSpec> specs);

}  // namespace gongkai::web
