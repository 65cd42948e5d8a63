// libFuzzer target for `gongkai check`'s reader: any bytes go through decoding, layout
// detection (text, HTML, JSON), recognition, rules and both output formats. It must never
// crash, hang or trip a sanitizer. Build and run with scripts/fuzz-short.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check/checker.hpp"
#include "check/output.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (1u << 20)) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto report = gongkai::check::CheckReportBytes(bytes, "fuzz");
  if (report.ok()) {
    (void)gongkai::check::FormatReportText(*report);
    (void)gongkai::check::FormatReportJson(*report);
    (void)gongkai::check::SummaryLine(*report);
  }
  return 0;
}
