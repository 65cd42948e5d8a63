// The Content-Security-Policy of a complete HTML document with embedded <style> elements
// (the annual report pages): each stylesheet allowed by its SHA-256, nothing else inline.
#pragma once

#include <string>

namespace gongkai::web {

std::string CspWithStyleHashes(const std::string& html);

}  // namespace gongkai::web
