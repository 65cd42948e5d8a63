// multipart/form-data bodies (RFC 7578): the back office's file uploads. The parser is
// bounded (parts, header bytes, field and file sizes) and strict: anything it does not
// understand is refused, never guessed at.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "web/form.hpp"
#include "web/http.hpp"

namespace gongkai::web {

// A part sent with a filename (a file input). The name is as the browser sent it: callers
// sanitise it before showing or storing it (app::SanitizeFileName).
struct MultipartFile {
  std::string field;         // the form field's name
  std::string filename;      // valid UTF-8, no control characters; may be empty
  std::string content_type;  // as sent; "" when absent (never trusted: sniff the bytes)
  std::string data;
};

struct MultipartForm {
  FormFields fields;                 // parts without a filename, by name
  std::vector<MultipartFile> files;  // parts with one, in order
};

struct MultipartLimits {
  size_t max_parts = 16;
  size_t max_header_bytes = 4 * 1024;        // of one part's header block
  size_t max_field_bytes = 64 * 1024;        // of one text part's value
  size_t max_file_bytes = 64 * 1024 * 1024;  // of one file's bytes
};

// The boundary of a request whose Content-Type is multipart/form-data (its `boundary`
// parameter, quoted or not, 1-70 characters of RFC 2046's set); "" for any other request.
std::string MultipartBoundary(const HttpRequest& request);

// Parses `body` delimited by `boundary`. Text parts must be valid UTF-8 without NUL (as
// ParseForm requires); every part needs Content-Disposition: form-data with a name. Fails
// with kInvalidArgument for a malformed body, a missing closing delimiter, or a limit
// exceeded (field "file" when a file is too large).
core::Result<MultipartForm> ParseMultipart(std::string_view body, std::string_view boundary,
                                           const MultipartLimits& limits = {});

}  // namespace gongkai::web
