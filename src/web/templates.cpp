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
// Set and Push move the value in: the engine's own set/push_back copy it deeply, which for
// a list of rows (an org page's 20 items) was a second copy of the whole list per render.
View& View::Set(const std::string& name, View value) {
  if (impl_->data.is_object()) impl_->data[name] = std::move(value.impl_->data);
  return *this;
}
View& View::Push(View value) {
  // list_value() is the list this View owns (not a const object): appending in place.
  if (impl_->data.is_list()) {
    const_cast<mstch::list&>(impl_->data.list_value()).push_back(std::move(value.impl_->data));
  }
  return *this;
}
View::~View() = default;
View::View(const View& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
View& View::operator=(const View& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}

namespace {

// `source` with every {{>name}} replaced by the text of template `name`, recursively (at
// most kMaxPartialDepth deep: a cycle stops there and leaves its tag). The engine would
// otherwise parse a partial's text again at every use, on every render; inlined, each
// template is parsed once per thread. A partial renders in its caller's context, so the
// text is equivalent (mustache's indentation of standalone partial lines aside, which only
// moves whitespace in HTML).
constexpr int kMaxPartialDepth = 8;

std::string InlinePartials(const std::string& source,
                           const std::map<std::string, std::string>& sources, int depth) {
  std::string out;
  out.reserve(source.size());
  size_t at = 0;
  while (true) {
    size_t open = source.find("{{>", at);
    if (open == std::string::npos) break;
    size_t close = source.find("}}", open);
    if (close == std::string::npos) break;
    std::string name = source.substr(open + 3, close - open - 3);
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    auto it = sources.find(name);
    out.append(source, at, open - at);
    if (it == sources.end() || depth >= kMaxPartialDepth) {
      out.append(source, open, close + 2 - open);  // left to the engine (renders nothing)
    } else {
      out += InlinePartials(it->second, sources, depth + 1);
    }
    at = close + 2;
  }
  out.append(source, at, std::string::npos);
  return out;
}

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
  std::map<std::string, std::string> inlined;
  for (const auto& [name, source] : t.sources_) {
    inlined[name] = InlinePartials(source, t.sources_, 0);
    mstch::mustache parsed(inlined[name]);
    if (!parsed.is_valid()) {
      return core::InvalidArgument("模板 " + name + " 有误: " + parsed.error_message(),
                                   "templates");
    }
  }
  t.sources_ = std::move(inlined);
  t.id_ = next_templates_id++;
  return t;
}

core::Result<std::string> Templates::Render(const std::string& name, const View& view) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) return core::NotFound("没有模板 " + name, "templates");
  mstch::mustache& tmpl = Parsed(id_, name, it->second);
  mstch::context<std::string> context(&view.impl_->data);
  std::string out = tmpl.render(context);
  if (!tmpl.is_valid()) return core::InvalidArgument("模板 " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace gongkai::web
