// 主题分类: the subject classification of government information that items are filed
// under (the catalog's second axis beside the 栏目). The back office offers these and
// accepts nothing else for a new value; the demo city files its items under them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gongkai::core {

// The classification's top-level subjects, in their customary order.
const std::vector<std::string>& SubjectTopics();

// True iff `topic` is one of SubjectTopics().
bool IsSubjectTopic(std::string_view topic);

}  // namespace gongkai::core
