// Attachments of items: the bytes live in a directory outside the database, named by
// their SHA-256 (so identical files are stored once and a file cannot be swapped behind a
// record's back); the record (core::ItemAttachment) keeps name, digest, type and size.
//
// Layout: DIR/ab/abcdef…(64 hex). Writes go to a temporary file in DIR and are renamed
// into place, so a reader never sees a partial file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/item.hpp"

namespace gongkai::app {

inline constexpr int64_t kDefaultAttachmentLimit = 20 * 1024 * 1024;

// The media type of `bytes`, from their magic bytes and, for ZIP and OLE containers, the
// extension of `name`: PDF, PNG, JPEG, GIF, WebP, OFD, DOCX/XLSX/PPTX, ZIP, DOC/XLS/PPT/WPS/ET,
// RTF, and plain UTF-8 text for .txt/.csv/.md names. Fails with kInvalidArgument (field
// "file") for anything else — executables, HTML, SVG and unknown types are refused.
core::Result<std::string> SniffMediaType(std::string_view bytes, std::string_view name);

// A safe display name: the last path component, control characters removed, characters
// reserved on common file systems (<>:"/\|?*) replaced by '_', leading dots and spaces and
// trailing dots and spaces removed, at most 120 bytes (cut at a UTF-8 boundary, keeping the
// extension), and the extension replaced by the canonical one of `media_type` when it does
// not fit it. "附件" plus the extension when nothing is left.
std::string SanitizeFileName(std::string_view name, std::string_view media_type);

class AttachmentStore {
 public:
  // `dir` is created on first Put. `max_bytes` > 0.
  explicit AttachmentStore(std::string dir, int64_t max_bytes = kDefaultAttachmentLimit);

  // Checks size (kInvalidArgument when empty or above the limit), sniffs the type, and
  // stores the bytes unless a file with the same digest is already there. Returns the
  // record to attach (item_id and position unset). kUnavailable when the directory cannot
  // be written.
  core::Result<core::ItemAttachment> Put(std::string_view bytes, std::string_view name) const;
  // Reads `path` and Puts it under its file name. kNotFound when unreadable.
  core::Result<core::ItemAttachment> PutFile(const std::string& path) const;
  // The stored bytes, verified against the digest (kDataLoss on mismatch, kNotFound).
  core::Result<std::string> Read(std::string_view sha256) const;
  std::string PathFor(std::string_view sha256) const;

 private:
  std::string dir_;
  int64_t max_bytes_;
};

}  // namespace gongkai::app
