// The personal-data scanner (core/pii_scan.hpp) against a naive std::regex pass over the
// same text (issue 20: >= 50 MB/s of text per core, a million items rescanned in minutes).
// The text: generated item bodies — Chinese prose, dates, amounts, 文号, and one table row
// of personal data in twenty — the mix `gongkai audit personal-data` reads.
#include <benchmark/benchmark.h>

#include <random>
#include <regex>
#include <string>

#include "core/pii_scan.hpp"

namespace {

std::string Corpus(size_t bytes) {
  std::mt19937 rng(42);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  static const char* kProse[] = {
      "根据《中华人民共和国政府信息公开条例》第二十条规定，现将有关情况公开如下。",
      "为进一步做好城乡居民最低生活保障工作，经个人申请、村（居）委会评议、乡镇审核，",
      "本局深入贯彻落实党中央、国务院决策部署，扎实推进法治政府建设，全年共办理",
      "联系地址：青溪市人民路88号，邮编：414400，咨询电话：0730-5223311。",
      "经审核，符合条件的对象名单如下，公示期为七个工作日，如有异议请向民政局反映。"};
  std::string out;
  while (out.size() < bytes) {
    int r = pick(0, 19);
    if (r == 0) {
      std::string id = "43068119" + std::to_string(pick(50, 99)) + "0" +
                       std::to_string(pick(1, 9)) + "1" + std::to_string(pick(0, 9)) +
                       std::to_string(pick(100, 999));
      out += "张三 | " + id + gongkai::core::IdCardCheckChar(id) + " | 138" +
             std::to_string(pick(10000000, 99999999)) + " | 补助 " +
             std::to_string(pick(100, 999)) + " 元\n";
    } else if (r < 4) {
      out += std::to_string(pick(2015, 2026)) + "年" + std::to_string(pick(1, 12)) + "月" +
             std::to_string(pick(1, 28)) + "日，湘政发〔" + std::to_string(pick(2015, 2026)) +
             "〕" + std::to_string(pick(1, 99)) + "号，金额" + std::to_string(pick(1, 999)) + "," +
             std::to_string(pick(100, 999)) + ".00元。";
    } else {
      out += kProse[pick(0, 4)];
    }
  }
  return out;
}

void BM_PiiScan(benchmark::State& state) {
  std::string text = Corpus(static_cast<size_t>(state.range(0)));
  size_t found = 0;
  for (auto _ : state) {
    auto findings = gongkai::core::ScanPersonalData(text, "body");
    found = findings.size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_PiiScan)->Arg(8 << 20)->Unit(benchmark::kMillisecond);

// The naive way: one std::regex per kind, no check digits, no split numbers.
void BM_NaiveRegex(benchmark::State& state) {
  std::string text = Corpus(static_cast<size_t>(state.range(0)));
  const std::regex patterns[] = {std::regex(R"(\d{17}[\dXx])"), std::regex(R"(1[3-9]\d{9})"),
                                 std::regex(R"(0\d{2,3}-\d{7,8})"), std::regex(R"(\d{16,19})"),
                                 std::regex(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")};
  size_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (const auto& re : patterns)
      for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) ++found;
    benchmark::DoNotOptimize(found);
  }
  state.counters["findings"] = static_cast<double>(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_NaiveRegex)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
