#include "check/report.hpp"

namespace gongkai::check {

int CheckReport::ErrorCount() const {
  int n = 0;
  for (const Finding& f : findings) n += f.severity == core::Severity::kError ? 1 : 0;
  return n;
}

int CheckReport::WarningCount() const {
  int n = 0;
  for (const Finding& f : findings) n += f.severity == core::Severity::kWarning ? 1 : 0;
  return n;
}

}  // namespace gongkai::check
