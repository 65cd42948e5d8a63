#include "web/templates.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <kainjow/mustache.hpp>
#include <memory>
#include <sstream>
#include <utility>

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

struct Templates::Partials {
  mstch::data data{mstch::data::type::object};
};

namespace {

std::atomic<uint64_t> next_templates_id{1};

// This thread's parsed templates, by (Templates id, name). Sources never change after Load,
// so an entry stays valid for as long as any Templates with that id lives.
mstch::mustache& Parsed(uint64_t id, const std::string& name, const std::string& source) {
  thread_local std::map<std::pair<uint64_t, std::string>, std::unique_ptr<mstch::mustache>> cache;
  auto& slot = cache[{id, name}];
  if (!slot || !slot->is_valid()) slot = std::make_unique<mstch::mustache>(source);
  return *slot;
}

}  // namespace

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
  auto partials = std::make_shared<Partials>();
  for (const auto& [partial, source] : t.sources_) {
    partials->data.set(partial, mstch::partial([text = source] { return text; }));
  }
  t.partials_ = std::move(partials);
  t.id_ = next_templates_id++;
  return t;
}

core::Result<std::string> Templates::Render(const std::string& name, const View& view) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) return core::NotFound("没有模板 " + name, "templates");
  mstch::mustache& tmpl = Parsed(id_, name, it->second);
  mstch::context<std::string> context(&partials_->data);  // the view's names come first
  context.push(&view.impl_->data);
  std::string out = tmpl.render(context);
  if (!tmpl.is_valid()) return core::InvalidArgument("模板 " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace gongkai::web
