// A supervising office's run: `gongkai check` over a generated province of reports in every
// flattening (tests/check/flatten.hpp: 2021, 2019 trial and legacy reports, 14 layouts),
// and in the same run the baseline — the same reports as gongkai JSON. Each report is
// read from disk, checked and summarised (what `gongkai check DIR --summary csv` does per
// file), on one thread. Prints reports/s per pass (median of the passes), the median and
// p95 time per report, and the ratio flattened / JSON. See bench/README.md.
//
//   check_batch_bench [--reports N] [--passes K] [--dir DIR] [--keep] [--reuse]
//
// --keep leaves the generated files in DIR (for timing `gongkai check DIR/flat --summary
// csv`); --reuse checks the files a previous --keep run left instead of generating them.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "check/checker.hpp"
#include "check/flatten.hpp"
#include "check/summary.hpp"
#include "report/render_json.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using gongkai::check::fixtures::Style;

struct PassResult {
  double seconds = 0;      // wall
  double cpu_seconds = 0;  // this thread's CPU time (the machine is shared)
  std::vector<double> per_report_us;
  int errors = 0, warnings = 0, unreadable = 0, unrecognised = 0;
};

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

PassResult Pass(const std::vector<std::string>& files) {
  PassResult r;
  r.per_report_us.reserve(files.size());
  std::vector<gongkai::check::SummaryRow> rows;
  rows.reserve(files.size());
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  for (const std::string& f : files) {
    const auto t0 = Clock::now();
    const std::string bytes = Slurp(f);
    auto report = gongkai::check::CheckReportBytes(bytes, f);
    if (report.ok()) {
      rows.push_back(gongkai::check::SummarizeReport(*report));
      r.errors += rows.back().errors;
      r.warnings += rows.back().warnings;
      r.unrecognised += rows.back().cells == 0 ? 1 : 0;
    } else {
      ++r.unreadable;
    }
    r.per_report_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  const std::string csv = gongkai::check::FormatSummaryCsv(rows);
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.cpu_seconds = CpuSeconds() - cpu_start;
  if (csv.empty()) std::abort();
  return r;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

double Median(std::vector<double> v) { return Percentile(std::move(v), 0.5); }

}  // namespace

int main(int argc, char** argv) {
  int reports = 10000, passes = 5;
  std::string dir = (fs::temp_directory_path() / "gongkai-province").string();
  bool keep = false, reuse = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--reports" && i + 1 < argc) {
      reports = std::atoi(argv[++i]);
    } else if (a == "--passes" && i + 1 < argc) {
      passes = std::atoi(argv[++i]);
    } else if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--keep") {
      keep = true;
    } else if (a == "--reuse") {
      reuse = keep = true;
    } else {
      std::cerr << "usage: check_batch_bench [--reports N] [--passes K] [--dir DIR] [--keep] "
                   "[--reuse]\n";
      return 2;
    }
  }
  const std::vector<Style> styles = gongkai::check::fixtures::AllStyles();
  const gongkai::core::ReportFormat formats[] = {gongkai::core::ReportFormat::kFormat2021,
                                                 gongkai::core::ReportFormat::kTrial2019,
                                                 gongkai::core::ReportFormat::kLegacy2008};
  if (!reuse) {
    fs::remove_all(dir);
    fs::create_directories(fs::path(dir) / "flat");
    fs::create_directories(fs::path(dir) / "json");
  }
  std::vector<std::string> flat, json;
  size_t flat_bytes = 0, json_bytes = 0;
  const auto gen0 = Clock::now();
  for (int i = 0; i < reports; ++i) {
    const Style style = styles[static_cast<size_t>(i) % styles.size()];
    const auto format = formats[static_cast<size_t>(i / static_cast<int>(styles.size())) % 3];
    const gongkai::report::Report report = gongkai::check::fixtures::SampleReport(format, i);
    const std::string text = gongkai::check::fixtures::Flatten(report, style);
    const std::string as_json =
        gongkai::report::RenderJson(report, gongkai::check::fixtures::SampleNarrative(report));
    char name[64];
    std::snprintf(name, sizeof name, "%05d-%s.txt", i,
                  std::string(gongkai::check::fixtures::StyleName(style)).c_str());
    flat.push_back((fs::path(dir) / "flat" / name).string());
    std::snprintf(name, sizeof name, "%05d.json", i);
    json.push_back((fs::path(dir) / "json" / name).string());
    flat_bytes += text.size();
    json_bytes += as_json.size();
    if (reuse) continue;
    std::ofstream(flat.back(), std::ios::binary) << text;
    std::ofstream(json.back(), std::ios::binary) << as_json;
  }
  std::printf("generated %d reports (%zu styles x 3 formats) in %.1f s under %s\n", reports,
              styles.size(), std::chrono::duration<double>(Clock::now() - gen0).count(),
              dir.c_str());
  std::printf("flattened: %.1f MB, JSON: %.1f MB\n", flat_bytes / 1e6, json_bytes / 1e6);

  std::vector<double> flat_rate, json_rate, flat_cpu, json_cpu;
  PassResult last_flat, last_json;
  for (int p = 0; p < passes; ++p) {  // alternate, so both see the same machine load
    last_flat = Pass(flat);
    last_json = Pass(json);
    flat_rate.push_back(reports / last_flat.seconds);
    json_rate.push_back(reports / last_json.seconds);
    flat_cpu.push_back(reports / last_flat.cpu_seconds);
    json_cpu.push_back(reports / last_json.cpu_seconds);
    std::printf(
        "pass %d: flattened %.0f reports/s (%.0f per CPU-second), JSON %.0f reports/s (%.0f per "
        "CPU-second)\n",
        p + 1, flat_rate.back(), flat_cpu.back(), json_rate.back(), json_cpu.back());
  }
  auto row = [&](const char* name, const std::vector<double>& rates, const std::vector<double>& cpu,
                 const PassResult& r) {
    std::printf("| %s | %d | %.0f | %.0f | %.0f | %.0f | %d | %d | %d | %d |\n", name, reports,
                Median(rates), Median(cpu), Median(r.per_report_us),
                Percentile(r.per_report_us, 0.95), r.errors, r.warnings, r.unreadable,
                r.unrecognised);
  };
  std::printf(
      "\n| input | reports | reports/s wall (median of %d passes) | reports per CPU-second "
      "(median) | median µs/report | p95 µs/report | errors | warnings | unreadable | no cells "
      "|\n|---|---|---|---|---|---|---|---|---|---|\n",
      passes);
  row("flattened (14 layouts × 3 formats)", flat_rate, flat_cpu, last_flat);
  row("same reports as JSON (baseline)", json_rate, json_cpu, last_json);
  std::printf("\nratio flattened / JSON (time per report): %.2f wall, %.2f CPU\n",
              Median(json_rate) / Median(flat_rate), Median(json_cpu) / Median(flat_cpu));
  if (!keep) fs::remove_all(dir);
  return last_flat.errors + last_flat.unreadable + last_json.errors + last_json.unreadable == 0 ? 0
                                                                                                : 1;
}
