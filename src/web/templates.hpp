// Mustache templates (kainjow) loaded from files under a directory (normally
// app::DataDir() + "/templates"). {{name}} is HTML-escaped; {{{name}}} inserts HTML the
// caller built and escaped itself.
//
// Every template is also a partial of the others ({{>pager}}), inlined into its callers at
// Load (so a render never parses a partial again). Parsing happens at Load (to
// report a broken template at start-up) and once more per thread at its first Render: the
// engine's parsed form is mutated while rendering, so each thread keeps its own, and a
// later Render only walks it. Thread-safety: Render may be called from any thread; a
// Templates is immutable after Load, and its copies share the parsed forms' cache key.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.hpp"

namespace gongkai::web {

// A value tree handed to a template: a string, a boolean, a list or an object.
class View {
 public:
  View();                         // an empty object
  View(const std::string& text);  // NOLINT: implicit on purpose, like mustache data
  View(const char* text);         // NOLINT
  static View Bool(bool b);
  static View List();
  View& Set(const std::string& name, View value);  // on an object
  View& Push(View value);                          // on a list
  ~View();
  View(const View&);
  View& operator=(const View&);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Templates {
 public:
  // Reads every *.mustache file of `dir` and checks that each parses. kNotFound when the
  // directory cannot be read; kInvalidArgument naming a template that does not parse.
  static core::Result<Templates> Load(const std::string& dir);
  // Renders template `name` (file name without .mustache). Other templates are available
  // as partials ({{>name}}). kNotFound for an unknown template.
  // Each template is parsed once per thread (the parsed form is not safe to share between
  // threads while rendering), and the view is read in place, not copied.
  core::Result<std::string> Render(const std::string& name, const View& view) const;

 private:
  std::map<std::string, std::string> sources_;  // by name, partials already inlined
  uint64_t id_ = 0;  // names these sources in the threads' parse caches (copies share it)
};

}  // namespace gongkai::web
