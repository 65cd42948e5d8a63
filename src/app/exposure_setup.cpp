#include "app/exposure_setup.hpp"

#include <fstream>
#include <sstream>

#include "app/attachment_store.hpp"
#include "app/holiday_file.hpp"
#include "check/office_input.hpp"
#include "check/pdf_input.hpp"
#include "core/item_exposure.hpp"
#include "text/encoding.hpp"

namespace gongkai::app {
namespace {

core::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::NotFound("无法读取 " + path, "file");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

core::Result<std::string> AttachmentText(std::string_view bytes, std::string_view media_type) {
  if (media_type == "application/pdf") return check::PdfToText(bytes);
  if (media_type.find("wordprocessingml.document") != std::string_view::npos)
    return check::DocxToText(bytes);
  if (media_type.find("spreadsheetml.sheet") != std::string_view::npos)
    return check::XlsxToText(bytes);
  if (media_type.starts_with("text/plain") || media_type.starts_with("text/csv"))
    return text::DecodeToUtf8(bytes);
  return core::InvalidArgument("无文字可读（" + std::string(media_type) + "），请人工审读", "file");
}

core::Result<std::vector<core::MisstatementRule>> LoadMisstatementRules(
    const std::string& extra_file) {
  std::vector<core::MisstatementRule> rules;
  std::vector<std::string> files = {DataDir() + "/data/misstatements.tsv"};
  if (!extra_file.empty()) files.push_back(extra_file);
  for (const auto& path : files) {
    GONGKAI_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    auto parsed = core::ParseMisstatementRules(text);
    if (!parsed.ok()) {
      return core::InvalidArgument(
          path + " " + parsed.status().field() + "：" + parsed.status().message(), "file");
    }
    rules.insert(rules.end(), parsed->begin(), parsed->end());
  }
  return rules;
}

core::Status InstallExposureScanning(const std::string& attachment_dir) {
  GONGKAI_ASSIGN_OR_RETURN(auto rules, LoadMisstatementRules());
  core::SetMisstatementRules(std::move(rules));
  core::SetAttachmentTextReader([store = AttachmentStore(attachment_dir)](
                                    const core::ItemAttachment& a) -> core::Result<std::string> {
    GONGKAI_ASSIGN_OR_RETURN(std::string bytes, store.Read(a.sha256));
    return AttachmentText(bytes, a.media_type);
  });
  return core::Status::Ok();
}

}  // namespace gongkai::app
