// Misstatements checked at 保密审查 next to personal data (issue 20): outdated names of
// state organs, wrong titles, expressions a style guide or the office forbids. The rules
// are data (data/misstatements.tsv, plus a body's own file), each with its source and a
// suggested correction; this module parses them and finds them in text. Pure, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace gongkai::core {

struct MisstatementRule {
  std::string phrase;      // the text that is wrong
  std::string correction;  // what to write instead
  std::string kind;        // outdated_name | wrong_title | forbidden
  std::string source;      // where the rule comes from (law, notice, style guide)
  // Longer correct phrases that contain `phrase` ("农业部门" for "农业部"): a match inside
  // one of them is not a finding.
  std::vector<std::string> exceptions;
  friend bool operator==(const MisstatementRule&, const MisstatementRule&) = default;
};

// Parses the tab-separated rule file: '#' comment lines and blank lines skipped; each
// other line "phrase<TAB>correction<TAB>kind<TAB>source[<TAB>exc1,exc2]". Fails with
// kInvalidArgument naming "line N" when a line has fewer than four fields, an empty
// phrase, an unknown kind, or an exception that does not contain the phrase.
Result<std::vector<MisstatementRule>> ParseMisstatementRules(std::string_view tsv);

struct MisstatementFinding {
  std::string field;  // as for PiiFinding
  size_t offset = 0;  // byte offset of the phrase in the scanned text
  size_t length = 0;
  const MisstatementRule* rule = nullptr;  // into the rules passed to the scan
};

// Every occurrence of every rule's phrase in `text`, by offset. The rules must outlive
// the findings (they point into them).
std::vector<MisstatementFinding> ScanMisstatements(std::string_view text, std::string_view field,
                                                   const std::vector<MisstatementRule>& rules);

}  // namespace gongkai::core
