#include "app/attachment_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/sha256.hpp"
#include "text/encoding.hpp"

namespace gongkai::app {
namespace {

namespace fs = std::filesystem;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string Extension(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

struct TypeInfo {
  const char* media_type;
  const char* extensions;  // space-separated, first is canonical
};

constexpr TypeInfo kTypes[] = {
    {"application/pdf", "pdf"},
    {"image/png", "png"},
    {"image/jpeg", "jpg jpeg"},
    {"image/gif", "gif"},
    {"image/webp", "webp"},
    {"application/ofd", "ofd"},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"},
    {"application/zip", "zip"},
    {"application/msword", "doc wps"},
    {"application/vnd.ms-excel", "xls et"},
    {"application/vnd.ms-powerpoint", "ppt dps"},
    {"application/rtf", "rtf"},
    {"text/plain; charset=utf-8", "txt md"},
    {"text/csv; charset=utf-8", "csv"},
};

const TypeInfo* FindType(std::string_view media_type) {
  for (const auto& t : kTypes) {
    if (media_type == t.media_type) return &t;
  }
  return nullptr;
}

bool ExtensionFits(const TypeInfo& t, const std::string& ext) {
  std::istringstream in(t.extensions);
  std::string e;
  while (in >> e) {
    if (e == ext) return true;
  }
  return false;
}

std::string CanonicalExtension(const TypeInfo& t) {
  std::string_view all(t.extensions);
  return std::string(all.substr(0, all.find(' ')));
}

core::Status Refuse(const std::string& why) {
  return core::InvalidArgument("不支持的附件类型: " + why, "file");
}

}  // namespace

core::Result<std::string> SniffMediaType(std::string_view b, std::string_view name) {
  std::string ext = Extension(name);
  if (StartsWith(b, "%PDF-")) return std::string("application/pdf");
  if (StartsWith(b, "\x89PNG\r\n\x1a\n")) return std::string("image/png");
  if (StartsWith(b, "\xFF\xD8\xFF")) return std::string("image/jpeg");
  if (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a")) return std::string("image/gif");
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") {
    return std::string("image/webp");
  }
  if (StartsWith(b, "{\\rtf")) return std::string("application/rtf");
  if (StartsWith(b, "PK\x03\x04")) {
    for (const char* e : {"ofd", "docx", "xlsx", "pptx"}) {
      if (ext == e) {
        for (const auto& t : kTypes) {
          if (ExtensionFits(t, ext)) return std::string(t.media_type);
        }
      }
    }
    return std::string("application/zip");
  }
  if (StartsWith(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    if (ext == "xls" || ext == "et") return std::string("application/vnd.ms-excel");
    if (ext == "ppt" || ext == "dps") return std::string("application/vnd.ms-powerpoint");
    return std::string("application/msword");
  }
  if (StartsWith(b, "MZ") ||
      StartsWith(b,
                 "\x7F"
                 "ELF") ||
      StartsWith(b, "#!")) {
    return Refuse("可执行文件");
  }
  if (ext == "txt" || ext == "md" || ext == "csv") {
    if (b.find('\0') != std::string_view::npos || !text::IsValidUtf8(b)) {
      return Refuse("文本附件须为 UTF-8 编码");
    }
    std::string head(b.substr(0, 512));
    std::transform(head.begin(), head.end(), head.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (head.find("<html") != std::string::npos || head.find("<script") != std::string::npos ||
        head.find("<svg") != std::string::npos) {
      return Refuse("网页或脚本内容");
    }
    return std::string(ext == "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8");
  }
  return Refuse("无法识别的文件内容（" + std::string(name.substr(0, 60)) + "）");
}

std::string SanitizeFileName(std::string_view raw, std::string_view media_type) {
  size_t slash = raw.find_last_of("/\\");
  std::string_view base = slash == std::string_view::npos ? raw : raw.substr(slash + 1);
  std::string name;
  for (size_t i = 0; i < base.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(base[i]);
    if (c < 0x20 || c == 0x7F) continue;
    if (std::string_view("<>:\"|?*").find(static_cast<char>(c)) != std::string_view::npos) {
      name += '_';
    } else {
      name += static_cast<char>(c);
    }
  }
  name = text::ToValidUtf8(name);
  while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(0, 1);
  while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
  const TypeInfo* type = FindType(media_type);
  std::string ext = Extension(name);
  std::string stem = ext.empty() ? name : name.substr(0, name.size() - ext.size() - 1);
  if (type && !ExtensionFits(*type, ext)) {
    stem = name;  // keep what was there, add the right extension
    ext = CanonicalExtension(*type);
  }
  if (stem.empty()) stem = "附件";
  const size_t limit = 120 - (ext.empty() ? 0 : ext.size() + 1);
  if (stem.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(stem[cut]) & 0xC0) == 0x80) --cut;
    stem.resize(cut);
  }
  return ext.empty() ? stem : stem + "." + ext;
}

AttachmentStore::AttachmentStore(std::string dir, int64_t max_bytes)
    : dir_(std::move(dir)), max_bytes_(max_bytes) {}

std::string AttachmentStore::PathFor(std::string_view sha256) const {
  return (fs::path(dir_) / std::string(sha256.substr(0, 2)) / std::string(sha256)).string();
}

core::Result<core::ItemAttachment> AttachmentStore::Put(std::string_view bytes,
                                                        std::string_view name) const {
  if (bytes.empty()) return core::InvalidArgument("附件为空", "file");
  if (static_cast<int64_t>(bytes.size()) > max_bytes_) {
    return core::InvalidArgument(
        "附件超过大小上限（" + std::to_string(max_bytes_ / 1024) + " KiB）", "file");
  }
  GONGKAI_ASSIGN_OR_RETURN(std::string media_type, SniffMediaType(bytes, name));
  core::ItemAttachment a;
  a.sha256 = store::Sha256Hex(bytes);
  a.media_type = media_type;
  a.size_bytes = static_cast<int64_t>(bytes.size());
  a.name = SanitizeFileName(name, media_type);
  fs::path target = PathFor(a.sha256);
  std::error_code ec;
  if (fs::exists(target, ec)) return a;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return core::Unavailable("无法创建附件目录 " + target.parent_path().string());
  // Unique per process and call: two threads storing the same new file write apart, and
  // the second rename replaces the first with identical bytes.
  static std::atomic<uint64_t> serial{0};
  fs::path tmp = fs::path(dir_) / (".tmp-" + a.sha256 + "-" + std::to_string(getpid()) + "-" +
                                   std::to_string(serial.fetch_add(1)));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      return core::Unavailable("无法写入附件目录 " + dir_);
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return core::Unavailable("无法写入附件 " + target.string());
  }
  return a;
}

core::Result<core::ItemAttachment> AttachmentStore::PutFile(const std::string& path) const {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return core::NotFound("无法读取文件: " + path, "file");
  if (static_cast<int64_t>(size) > max_bytes_) {
    return core::InvalidArgument(
        "附件超过大小上限（" + std::to_string(max_bytes_ / 1024) + " KiB）: " + path, "file");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in) return core::NotFound("无法读取文件: " + path, "file");
  return Put(buf.str(), fs::path(path).filename().string());
}

core::Result<std::string> AttachmentStore::Read(std::string_view sha256) const {
  std::ifstream in(PathFor(sha256), std::ios::binary);
  if (!in) return core::NotFound("附件不存在: " + std::string(sha256), "sha256");
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string bytes = buf.str();
  if (store::Sha256Hex(bytes) != sha256) {
    return core::DataLoss("附件内容与摘要不符: " + std::string(sha256));
  }
  return bytes;
}

}  // namespace gongkai::app
