// The organisation tree: roots, children, subtrees, and their rendering as text.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/org.hpp"

namespace gongkai::core {

class OrgTree {
 public:
  // Requires parents to exist in `orgs`; an org whose parent is missing is treated as a
  // root (so a damaged tree still lists everything).
  explicit OrgTree(std::vector<Org> orgs);

  const std::vector<Org>& orgs() const { return orgs_; }
  // Roots in sort order. A well-formed gongkai database has exactly one.
  std::vector<const Org*> Roots() const;
  std::vector<const Org*> Children(Id id) const;
  const Org* Find(Id id) const;
  const Org* FindByCode(const std::string& code) const;
  // `id` and everything below it, depth first.
  std::vector<const Org*> Subtree(Id id) const;
  // True iff `id` lies in the subtree rooted at `ancestor` (an org is in its own subtree).
  bool Contains(Id ancestor, Id id) const;
  // Indented lines: "名称 [CODE] (类型)", two spaces per level, roots first.
  std::string Render() const;

 private:
  std::vector<Org> orgs_;
  std::map<Id, size_t> by_id_;
  std::map<Id, std::vector<Id>> children_;
};

}  // namespace gongkai::core
