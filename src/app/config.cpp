#include "app/config.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "app/address_range.hpp"

namespace gongkai::app {
namespace {

constexpr std::array<std::string_view, 6> kLogLevelNames = {"trace", "debug", "info",
                                                            "warn",  "error", "off"};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

core::Status Bad(std::string_view origin, std::string_view key, const std::string& what) {
  return core::InvalidArgument(std::string(origin) + "：" + what, std::string(key));
}

core::Result<int> ParseInt(std::string_view origin, std::string_view key, std::string_view value,
                           int min, int max) {
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n < min ||
      n > max) {
    return Bad(origin, key,
               std::string(key) + " 须为 " + std::to_string(min) + "–" + std::to_string(max) +
                   " 的整数: '" + std::string(value) + "'");
  }
  return n;
}

core::Result<bool> ParseBool(std::string_view origin, std::string_view key,
                             std::string_view value) {
  if (value == "true" || value == "yes" || value == "on") return true;
  if (value == "false" || value == "no" || value == "off") return false;
  return Bad(origin, key, std::string(key) + " 须为 true 或 false: '" + std::string(value) + "'");
}

}  // namespace

std::string_view LogLevelName(LogLevel level) { return kLogLevelNames[static_cast<size_t>(level)]; }

core::Result<ListenAddress> ParseListenAddress(std::string_view text) {
  auto bad = [&] {
    return core::InvalidArgument(
        "监听地址须为 地址:端口（如 127.0.0.1:8080 或 [::1]:8080）: '" + std::string(text) + "'",
        "listen");
  };
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string_view host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad();
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return bad();  // an IPv6 literal needs brackets, or the port is ambiguous
  }
  for (char c : host) {
    if (c == ' ' || c == '\t' || c == '/' || c == '[' || c == ']') return bad();
  }
  std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return bad();
  }
  return ListenAddress{std::string(host), static_cast<unsigned short>(port)};
}

const std::vector<std::string>& ConfigKeys() {
  static const std::vector<std::string> keys = {"listen",
                                                "db",
                                                "read_db",
                                                "public_url",
                                                "threads",
                                                "max_connections",
                                                "page_cache_mb",
                                                "workers",
                                                "worker_queue",
                                                "worker_nice",
                                                "search_per_client",
                                                "search_cache_entries",
                                                "search_cache_mb",
                                                "search_phrase_cache_mb",
                                                "sqlite_cache_mb",
                                                "sqlite_mmap_mb",
                                                "key_file",
                                                "attachment_dir",
                                                "log_level",
                                                "access_log",
                                                "csrf_secret_file",
                                                "secure_cookies",
                                                "trusted_proxies",
                                                "metrics_allow",
                                                "metrics_token_file",
                                                "clock_count_receipt_day",
                                                "clock_fee_notice_pauses",
                                                "legacy_overdue_as",
                                                "report_case_year"};
  return keys;
}

std::string ConfigEnvName(std::string_view key) {
  std::string name = "GONGKAI_";
  for (char c : key) name += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return name;
}

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

EnvLookup MapEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

core::Status SetConfigValue(ServerConfig& config, std::string_view key, std::string_view value,
                            std::string_view origin) {
  if (key == "listen") {
    auto parsed = ParseListenAddress(value);
    if (!parsed.ok()) return Bad(origin, key, parsed.status().message());
    config.listen = std::string(value);
    config.listen_address = *parsed;
  } else if (key == "db") {
    config.db = std::string(value);
  } else if (key == "read_db") {
    config.read_db = std::string(value);
  } else if (key == "public_url") {
    config.public_url = std::string(value);
  } else if (key == "threads") {
    GONGKAI_ASSIGN_OR_RETURN(config.threads, ParseInt(origin, key, value, 1, 256));
  } else if (key == "max_connections") {
    GONGKAI_ASSIGN_OR_RETURN(config.max_connections, ParseInt(origin, key, value, 1, 1000000));
  } else if (key == "page_cache_mb") {
    GONGKAI_ASSIGN_OR_RETURN(config.page_cache_mb, ParseInt(origin, key, value, 0, 4096));
  } else if (key == "workers") {
    GONGKAI_ASSIGN_OR_RETURN(config.workers, ParseInt(origin, key, value, 0, 256));
  } else if (key == "worker_queue") {
    GONGKAI_ASSIGN_OR_RETURN(config.worker_queue, ParseInt(origin, key, value, 1, 100000));
  } else if (key == "worker_nice") {
    GONGKAI_ASSIGN_OR_RETURN(config.worker_nice, ParseInt(origin, key, value, 0, 19));
  } else if (key == "search_per_client") {
    GONGKAI_ASSIGN_OR_RETURN(config.search_per_client, ParseInt(origin, key, value, 0, 1000));
  } else if (key == "search_cache_entries") {
    GONGKAI_ASSIGN_OR_RETURN(config.search_cache_entries, ParseInt(origin, key, value, 0, 1000000));
  } else if (key == "search_cache_mb") {
    GONGKAI_ASSIGN_OR_RETURN(config.search_cache_mb, ParseInt(origin, key, value, 1, 4096));
  } else if (key == "search_phrase_cache_mb") {
    GONGKAI_ASSIGN_OR_RETURN(config.search_phrase_cache_mb, ParseInt(origin, key, value, 0, 4096));
  } else if (key == "sqlite_cache_mb") {
    GONGKAI_ASSIGN_OR_RETURN(config.sqlite_cache_mb, ParseInt(origin, key, value, 1, 4096));
  } else if (key == "sqlite_mmap_mb") {
    GONGKAI_ASSIGN_OR_RETURN(config.sqlite_mmap_mb, ParseInt(origin, key, value, 0, 65536));
  } else if (key == "key_file") {
    config.key_file = std::string(value);
  } else if (key == "attachment_dir") {
    config.attachment_dir = value.empty() ? ServerConfig().attachment_dir : std::string(value);
  } else if (key == "log_level") {
    size_t i = 0;
    while (i < kLogLevelNames.size() && kLogLevelNames[i] != value) ++i;
    if (i == kLogLevelNames.size()) {
      return Bad(
          origin, key,
          "log_level 须为 trace、debug、info、warn、error 或 off: '" + std::string(value) + "'");
    }
    config.log_level = static_cast<LogLevel>(i);
  } else if (key == "access_log") {
    GONGKAI_ASSIGN_OR_RETURN(config.access_log, ParseBool(origin, key, value));
  } else if (key == "csrf_secret_file") {
    config.csrf_secret_file = std::string(value);
  } else if (key == "secure_cookies") {
    GONGKAI_ASSIGN_OR_RETURN(config.secure_cookies, ParseBool(origin, key, value));
  } else if (key == "trusted_proxies" || key == "metrics_allow") {
    auto ranges = AddressRanges::Parse(value, key);
    if (!ranges.ok()) return Bad(origin, key, ranges.status().message());
    (key == "trusted_proxies" ? config.trusted_proxies : config.metrics_allow) = std::string(value);
  } else if (key == "metrics_token_file") {
    config.metrics_token_file = std::string(value);
  } else if (key == "clock_count_receipt_day") {
    GONGKAI_ASSIGN_OR_RETURN(config.rules.clock.count_receipt_day, ParseBool(origin, key, value));
  } else if (key == "clock_fee_notice_pauses") {
    GONGKAI_ASSIGN_OR_RETURN(config.rules.clock.fee_notice_pauses, ParseBool(origin, key, value));
  } else if (key == "legacy_overdue_as") {
    if (value != "extended" && value != "on_time") {
      return Bad(origin, key,
                 "legacy_overdue_as 须为 extended 或 on_time: '" + std::string(value) + "'");
    }
    config.rules.legacy.overdue_counts_as_extended = value == "extended";
  } else if (key == "report_case_year") {
    auto rule = core::ParseCaseYearRule(value);
    if (!rule.ok()) return Bad(origin, key, rule.status().message());
    config.rules.case_year = *rule;
  } else {
    return Bad(origin, key, "未知的配置项 '" + std::string(key) + "'");
  }
  return core::Status::Ok();
}

core::Status ApplyConfigText(ServerConfig& config, std::string_view text,
                             std::string_view file_name) {
  std::set<std::string, std::less<>> seen;
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = Trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::string origin = std::string(file_name) + " 第 " + std::to_string(line_no) + " 行";
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return core::InvalidArgument(origin + "：应为 key = value: '" + std::string(line) + "'",
                                   "config");
    }
    std::string_view key = Trim(line.substr(0, eq));
    std::string_view value = Trim(line.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!seen.insert(std::string(key)).second) {
      return Bad(origin, key, "配置项 '" + std::string(key) + "' 重复");
    }
    GONGKAI_RETURN_IF_ERROR(SetConfigValue(config, key, value, origin));
  }
  return core::Status::Ok();
}

core::Status ApplyEnvOverrides(ServerConfig& config, const EnvLookup& env) {
  for (const std::string& key : ConfigKeys()) {
    std::string name = ConfigEnvName(key);
    std::optional<std::string> value = env(name);
    if (!value || value->empty()) continue;
    GONGKAI_RETURN_IF_ERROR(SetConfigValue(config, key, *value, "环境变量 " + name));
  }
  return core::Status::Ok();
}

core::Result<ServerConfig> LoadConfig(const std::string& path, const EnvLookup& env) {
  ServerConfig config;
  if (!path.empty()) {
    std::error_code ec;
    std::ifstream in(path, std::ios::binary);
    if (!std::filesystem::is_regular_file(path, ec) || !in) {
      return core::InvalidArgument("无法读取配置文件 " + path, "config");
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return core::InvalidArgument("无法读取配置文件 " + path, "config");
    GONGKAI_RETURN_IF_ERROR(ApplyConfigText(config, text, path));
  }
  GONGKAI_RETURN_IF_ERROR(ApplyEnvOverrides(config, env));
  return config;
}

}  // namespace gongkai::app
