// libFuzzer target for the personal-data scanner (core/pii_scan.hpp): any bytes, valid
// UTF-8 or not. Besides never crashing it checks what the review screen and the masking
// rely on: findings in offset order, inside the text, never an empty span; a preview of an
// unmasked number never shows all its characters; masking never grows the text. Build
// and run with scripts/fuzz-short.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/pii_scan.hpp"

namespace {

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "pii_scan_fuzz: %s: [%.*s]\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gongkai::core;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ScanOptions options;
  options.public_phones = {"0731-88880000"};
  auto findings = ScanPersonalData(text, "body", options);
  size_t last = 0;
  for (const auto& f : findings) {
    if (f.offset < last) Fail("findings out of order", text);
    if (f.length == 0 || f.offset + f.length > size) Fail("span outside the text", text);
    if (!f.masked && f.kind != PiiKind::kName && f.kind != PiiKind::kEmail &&
        f.preview.find('*') == std::string::npos)
      Fail("preview shows the whole value", f.preview);
    last = f.offset;
  }
  std::string masked = MaskPersonalData(text, findings, options);
  if (masked.size() > size) Fail("masking grew the text", text);
  return 0;
}
