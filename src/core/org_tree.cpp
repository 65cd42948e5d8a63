#include "core/org_tree.hpp"

#include <functional>

namespace gongkai::core {

OrgTree::OrgTree(std::vector<Org> orgs) : orgs_(std::move(orgs)) {
  for (size_t i = 0; i < orgs_.size(); ++i) by_id_[orgs_[i].id] = i;
  for (const Org& o : orgs_) {
    if (o.parent_id && by_id_.contains(*o.parent_id)) children_[*o.parent_id].push_back(o.id);
  }
}

std::vector<const Org*> OrgTree::Roots() const {
  std::vector<const Org*> out;
  for (const Org& o : orgs_) {
    if (!o.parent_id || !by_id_.contains(*o.parent_id)) out.push_back(&o);
  }
  return out;
}

std::vector<const Org*> OrgTree::Children(Id id) const {
  std::vector<const Org*> out;
  auto it = children_.find(id);
  if (it == children_.end()) return out;
  for (Id child : it->second) out.push_back(&orgs_[by_id_.at(child)]);
  return out;
}

const Org* OrgTree::Find(Id id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &orgs_[it->second];
}

const Org* OrgTree::FindByCode(const std::string& code) const {
  for (const Org& o : orgs_) {
    if (o.code == code) return &o;
  }
  return nullptr;
}

std::vector<const Org*> OrgTree::Subtree(Id id) const {
  std::vector<const Org*> out;
  std::function<void(Id)> walk = [&](Id at) {
    const Org* org = Find(at);
    if (!org) return;
    out.push_back(org);
    for (const Org* child : Children(at)) walk(child->id);
  };
  walk(id);
  return out;
}

bool OrgTree::Contains(Id ancestor, Id id) const {
  // Walk up from id; bounded by the number of orgs so a cycle cannot loop forever.
  std::optional<Id> at = id;
  for (size_t steps = 0; at && steps <= orgs_.size(); ++steps) {
    if (*at == ancestor) return true;
    const Org* org = Find(*at);
    at = org ? org->parent_id : std::nullopt;
  }
  return false;
}

std::string OrgTree::Render() const {
  std::string out;
  std::function<void(const Org*, int)> walk = [&](const Org* org, int depth) {
    out += std::string(depth * 2, ' ') + org->name + " [" + org->code + "] (" +
           OrgKindLabel(org->kind) + ")\n";
    for (const Org* child : Children(org->id)) walk(child, depth + 1);
  };
  for (const Org* root : Roots()) walk(root, 0);
  return out;
}

}  // namespace gongkai::core
