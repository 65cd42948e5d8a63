// Throughput of `gongkai check` on one core: whole reports per second, from bytes to
// findings (decode, normalise, extract, recognise, map, rules, narrative), plus text output.
// Inputs: the seed (legacy table, ~11 KB, many findings), the 2021-format fixture (text
// and HTML). Run: build with -DGONGKAI_BUILD_BENCH=ON and run bench/check_bench, or see
// bench/README.md.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>

#include "check/checker.hpp"
#include "check/output.hpp"

namespace {

std::string ReadFixture(const char* name) {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/tests/testdata/check/" + name,
                   std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void CheckFixture(benchmark::State& state, const char* name) {
  const std::string bytes = ReadFixture(name);
  size_t findings = 0;
  for (auto _ : state) {
    auto report = gongkai::check::CheckReportBytes(bytes, name);
    if (!report.ok()) {
      state.SkipWithError("fixture unreadable");
      return;
    }
    findings += report->findings.size();
    benchmark::DoNotOptimize(gongkai::check::FormatReportText(*report));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.counters["reports/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  benchmark::DoNotOptimize(findings);
}

void BM_CheckSeedLegacy(benchmark::State& s) { CheckFixture(s, "miluo-2017-annual-report.txt"); }
void BM_Check2021Text(benchmark::State& s) { CheckFixture(s, "report-2021.txt"); }
void BM_Check2021Html(benchmark::State& s) { CheckFixture(s, "report-2021.html"); }
void BM_Check2021TraditionalGb18030(benchmark::State& s) {
  CheckFixture(s, "report-2021-traditional-gb18030.txt");
}

BENCHMARK(BM_CheckSeedLegacy);
BENCHMARK(BM_Check2021Text);
BENCHMARK(BM_Check2021Html);
BENCHMARK(BM_Check2021TraditionalGb18030);

}  // namespace

BENCHMARK_MAIN();
