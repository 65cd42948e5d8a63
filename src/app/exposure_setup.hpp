// Wiring of 保密审查's second reader (core/item_exposure.hpp) into the application: the
// text of attachments, read with the same readers `gongkai check` uses (Poppler for the
// PDF text layer; libzip + pugixml for DOCX paragraphs and XLSX cells), and the
// misstatement rules from data/misstatements.tsv plus an optional file of the body's own.
#pragma once

#include <string>
#include <string_view>

#include "core/item.hpp"
#include "core/misstatements.hpp"

namespace gongkai::app {

// The text of an attachment's bytes by media type: PDF (text layer; a scan without one
// is an error saying so), DOCX, XLSX (each row a line, cells " | "-separated), plain text
// and CSV (UTF-8 or GB18030). kInvalidArgument for images, OFD, legacy Office files and
// anything else without a text reader: the reviewer must read those by eye.
core::Result<std::string> AttachmentText(std::string_view bytes, std::string_view media_type);

// data/misstatements.tsv under DataDir(), then `extra_file` when not empty (a body's own
// forbidden expressions, same format). kNotFound / kInvalidArgument naming file and line.
core::Result<std::vector<core::MisstatementRule>> LoadMisstatementRules(
    const std::string& extra_file = {});

// Installs the attachment reader (attachments stored under `attachment_dir`) and the
// bundled misstatement rules for core::ScanItemExposure and the review gate. Call once
// at start-up, before threads. Fails when the rule file is damaged.
core::Status InstallExposureScanning(const std::string& attachment_dir);

}  // namespace gongkai::app
