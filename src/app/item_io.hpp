// Importing and exporting proactive items as CSV or JSON.
//
// CSV: a header row naming the columns (Chinese labels as disclosure catalogs print them,
// or the English field names), one item per row, RFC 4180 quoting. The bytes may be UTF-8
// (with or without BOM) or GB18030/GBK (what Excel and many portals export), detected or
// declared. JSON: an array of objects with the English field names (what ExportItems
// writes). Every text field goes through text::NormalizeInput (full-width folding,
// traditional → simplified).
//
// Columns (label / field): 索引号 index_no, 信息名称 title*, 内容概述 summary, 发布机构
// publisher, 机构代码 org (or ImportOptions::default_org), 生成日期 formed_on*, 发布日期
// published_on, 文号 doc_no, 主题分类 topic, 目录栏目 category*, 公开方式 disclosure_mode,
// 有效性 validity, 失效或废止日期 validity_changed_on, 规章 is_regulation, 行政规范性文件
// is_normative, 状态 state, 发布渠道 channels ("政府网站;政务微信:2024-03-02": a channel with
// no date takes the publication date), 正文 body_md. Dates: 2024-03-01, 2024/3/1 or
// 2024年3月1日. Flags: 是/否, 1/0, true/false. Rows with a 索引号 are past publications
// (core::ImportItem), the others drafts.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit.hpp"
#include "core/pii_scan.hpp"
#include "core/store.hpp"

namespace gongkai::app {

// Where an import's time went (ImportOptions::timings), in seconds: wall clock, the whole
// process's CPU (every thread), and the CPU of the calling thread (the database writer).
struct ImportPhase {
  double wall = 0;
  double cpu = 0;
  double writer_cpu = 0;
};
// read: decoding and parsing the file; rows: checking and storing the rows (the row workers
// overlap the writer here); index: before_commit (the CLI's bulk index build); commit: the
// transaction's commit.
struct ImportTimings {
  ImportPhase read, rows, index, commit;
};

struct ImportOptions {
  std::string format = "csv";     // "csv" or "json"
  std::string encoding = "auto";  // "auto" (text::DecodeToUtf8) or a name for text::DecodeAs
  std::string default_org;        // org code for rows without 机构代码
  std::string actor;              // username: editor or admin of each row's body
  core::Date today;
  bool skip_bad = false;  // import the good rows and report the bad; else all or nothing
  // Items imported as published (with a 索引号) whose text has unmasked personal data
  // (core/pii_scan.hpp) are row errors (field "personal_data") unless this is set: they
  // were published elsewhere without passing gongkai's review gate. Drafts and withdrawn
  // items are imported with a warning only (the review gate stops drafts later).
  bool allow_personal_data = false;
  // Rows are parsed, normalised and screened on worker threads in chunks of `chunk_rows`
  // while this thread checks and stores the chunks before them, in row order (the writer:
  // one database connection). `row_workers` is how many chunks are worked on at once:
  // 0 works each chunk on the calling thread (the serial path, for tests), -1 (default)
  // one per hardware thread, at most 4. The result does not depend on either.
  int row_workers = -1;
  size_t chunk_rows = 2048;
  // Called on the calling thread after each chunk is checked (and stored): (rows done,
  // data rows); may be empty.
  std::function<void(size_t, size_t)> progress;
  // Called once the file is parsed, before the transaction, with the number of data rows
  // (the CLI switches to its bulk path for large files); may be empty.
  std::function<void(size_t)> parsed;
  // Called inside the transaction after the rows are stored, when they are to be committed
  // (the bulk path indexes the items here); a failure rolls everything back. May be empty.
  std::function<core::Status()> before_commit;
  // Filled with the phases' times when set (`item import --timings`); may be null.
  ImportTimings* timings = nullptr;
};

struct RowError {
  size_t row = 0;     // CSV: the spreadsheet row (header = 1); JSON: 1-based array index
  std::string field;  // may be empty
  std::string message;
};

// Unmasked personal data found in an imported row (only masked previews, never the values).
struct ImportFindings {
  size_t row = 0;
  std::string title;
  std::string state;                       // core::ItemStateCode of the row
  std::vector<core::PiiFinding> findings;  // the unmasked ones
};

struct ImportReport {
  size_t rows = 0;       // data rows read
  size_t imported = 0;   // rows stored (0 unless written)
  bool written = false;  // false: nothing was stored
  std::vector<RowError> errors;
  // Rows with unmasked personal data, stored or refused, by row: for the warnings the CLI
  // prints (and the refusals, which are in `errors` too).
  std::vector<ImportFindings> findings;
};

// Decodes, parses and imports in one transaction. The rows are checked against one snapshot
// of bodies, grants and catalogs (extended chunk by chunk) and written in batches
// (core/item_bulk_import.hpp): the same items, events and audit chain as core::ImportItem
// row by row. The row work runs on worker threads (ImportOptions::row_workers); the rows,
// errors, findings and line numbers are those of the serial path. File-level problems
// (undecodable bytes, bad JSON, a missing required or unknown column) fail with kInvalidArgument
// and write nothing. Row problems are listed in the report: then nothing is written unless
// skip_bad, when the good rows are. Database failures fail the call (nothing written).
core::Result<ImportReport> ImportItems(core::Store& store, const core::ChangeContext& ctx,
                                       std::string_view bytes, const ImportOptions& options);

struct ExportOptions {
  std::string format = "csv";  // "csv" (UTF-8 with BOM, for Excel) or "json"
  std::string org;             // subtree to export (every body when empty)
  int year = 0;                // publication year (0: all years)
};

// Writes the published items (state published only: no drafts, items under review or
// withdrawn ones; no author or other personal data) of the subtree, by id, in the same
// columns ImportItems reads. kNotFound for an unknown org; kInvalidArgument for a format.
core::Result<std::string> ExportItems(core::Store& store, const ExportOptions& options,
                                      size_t* count = nullptr);

// Parses RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, newlines inside quotes) into
// records of fields. Fails with kInvalidArgument on an unterminated quote. Exposed for
// tests.
core::Result<std::vector<std::vector<std::string>>> ParseCsv(std::string_view text);

}  // namespace gongkai::app
