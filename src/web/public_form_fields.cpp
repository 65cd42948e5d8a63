#include "web/public_form_fields.hpp"

#include "text/normalize.hpp"

namespace gongkai::web {

size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void CheckTextFields(FormFields& fields, std::map<std::string, std::string>& errors,
                     std::span<const FieldSpec> specs) {
  for (const FieldSpec& f : specs) {
    std::string raw = FormValue(fields, f.name);
    auto normalized = text::NormalizeInput(raw);
    if (!normalized.ok()) {
      errors[f.name] = "含有无法识别的字符";
      continue;
    }
    std::string value = f.normalize ? *normalized : std::string(text::CollapseSpaces(raw));
    size_t n = CharCount(value);
    if (n < f.min_chars) {
      errors[f.name] = f.min_chars == 1 ? std::string("请填写") + f.label
                                        : "请至少填写 " + std::to_string(f.min_chars) + " 个字";
    } else if (n > f.max_chars) {
      errors[f.name] =
          "不能超过 " + std::to_string(f.max_chars) + " 个字（现有 " + std::to_string(n) + " 个）";
    }
    fields.erase(f.name);
    fields.emplace(f.name, value);
  }
}

}  // namespace gongkai::web
