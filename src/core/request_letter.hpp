// Reply letters (告知书): which article each outcome rests on, and filling a letter
// template. Templates are text files (data/letters/<outcome>.txt) that the app reads;
// here they are only strings.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace gongkai::core {

struct RequestView;

// The label of an outcome code as in table 三 (e.g. r3_1 → "1.属于国家秘密"), prefixed by
// its group for sub-items ("（三）不予公开 1.属于国家秘密"). Empty for an unknown code.
std::string OutcomeLabel(std::string_view outcome);

// The article of the 2019 条例 an answer with `outcome` cites (see annual-report-formats
// §1.5), e.g. r3_1 → "第十四条". `basis` distinguishes r4_1's two grounds ("not_ours" →
// 第三十六条第（五）项, else 第三十六条第（四）项); `published` marks an r1_open answer that
// points to proactively published information (第三十六条第（一）项, else （二）). Empty for an
// unknown code.
std::string OutcomeArticle(std::string_view outcome, std::string_view basis = "",
                           bool published = false);

// Replaces every {{name}} in `tmpl` by values.at(name) (spaces inside the braces are
// ignored). Fails with kInvalidArgument naming the first placeholder that has no value or
// is not closed — a letter never goes out with a hole in it.
Result<std::string> RenderTemplate(std::string_view tmpl,
                                   const std::map<std::string, std::string>& values);

// The values a reply letter's template is filled with: the request, its body, outcome and
// article (reading the answer event's published item and basis) and the fee. `applicant`
// is the name to print — "申请人" unless the caller may open the sealed personal data.
std::map<std::string, std::string> LetterValues(const RequestView& view,
                                                const std::string& applicant);

}  // namespace gongkai::core
