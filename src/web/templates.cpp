#include "web/templates.hpp"

#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

namespace gongkai::web {

namespace mstch = kainjow::mustache;

struct View::Impl {
  mstch::data data;
};

View::View() : impl_(std::make_unique<Impl>()) {}
View::View(const std::string& text) : impl_(std::make_unique<Impl>()) { impl_->data = text; }
View::View(const char* text) : impl_(std::make_unique<Impl>()) { impl_->data = std::string(text); }
View View::Bool(bool b) {
  View v;
  v.impl_->data = mstch::data(b ? mstch::data::type::bool_true : mstch::data::type::bool_false);
  return v;
}
View View::List() {
  View v;
  v.impl_->data = mstch::data(mstch::data::type::list);
  return v;
}
View& View::Set(const std::string& name, View value) {
  impl_->data.set(name, value.impl_->data);
  return *this;
}
View& View::Push(View value) {
  impl_->data.push_back(value.impl_->data);
  return *this;
}
View::~View() = default;
View::View(const View& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
View& View::operator=(const View& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}

core::Result<Templates> Templates::Load(const std::string& dir) {
  Templates t;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return core::NotFound("无法读取模板目录: " + dir, "templates");
  for (const auto& entry : it) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string name = entry.path().stem().string();
    mstch::mustache parsed(ss.str());
    if (!parsed.is_valid()) {
      return core::InvalidArgument("模板 " + name + " 有误: " + parsed.error_message(),
                                   "templates");
    }
    t.sources_[name] = ss.str();
  }
  if (t.sources_.empty()) return core::NotFound("模板目录中没有模板: " + dir, "templates");
  return t;
}

core::Result<std::string> Templates::Render(const std::string& name, const View& view) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) return core::NotFound("没有模板 " + name, "templates");
  mstch::data data = view.impl_->data;
  for (const auto& [partial, source] : sources_) {
    if (partial == name) continue;
    const std::string* src = &source;
    data.set(partial, mstch::partial([src] { return *src; }));
  }
  mstch::mustache tmpl(it->second);
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) return core::InvalidArgument("模板 " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace gongkai::web
