#include "core/request_fee.hpp"

#include "core/enum_table.hpp"

namespace gongkai::core {
namespace {

constexpr EnumEntry<FeeBasis> kFeeBases[] = {
    {FeeBasis::kPerRequest, "per_request", "按件计收"},
    {FeeBasis::kPerVolume, "per_volume", "按量计收"},
};
constexpr EnumEntry<FeeStatus> kFeeStatuses[] = {
    {FeeStatus::kDue, "due", "待缴"},
    {FeeStatus::kPaid, "paid", "已缴"},
    {FeeStatus::kWaived, "waived", "免收"},
};

// Total per-request tariff for the n-th request of the month and all before it.
int64_t PerRequestTotal(int64_t n) {
  int64_t total = 0;
  for (int64_t k = 11; k <= n; ++k) {
    total += k <= 30 ? 100 : 100 * (1 + (k - 21) / 10);  // 31–40 → 200, 41–50 → 300 ...
  }
  return total;
}

int64_t PerVolumeTotal(int64_t pages) {
  int64_t total = 0;
  for (int64_t p = 31; p <= pages; ++p) total += p <= 100 ? 10 : p <= 200 ? 20 : 40;
  return total;
}

}  // namespace

const char* FeeBasisCode(FeeBasis b) { return EnumLookup(kFeeBases, b).code; }
const char* FeeBasisLabel(FeeBasis b) { return EnumLookup(kFeeBases, b).label; }
Result<FeeBasis> ParseFeeBasis(std::string_view t) { return EnumParse(kFeeBases, t, "basis"); }
const char* FeeStatusCode(FeeStatus s) { return EnumLookup(kFeeStatuses, s).code; }
Result<FeeStatus> ParseFeeStatus(std::string_view t) {
  return EnumParse(kFeeStatuses, t, "status");
}

Result<int64_t> ComputeFeeYuan(FeeBasis basis, int quantity, int prior) {
  if (quantity < 1 || quantity > 1000000) {
    return InvalidArgument("数量须在 1–1000000 之间", "quantity");
  }
  if (prior < 0 || prior > 1000000) return InvalidArgument("本月已申请件数不能为负", "prior");
  if (basis == FeeBasis::kPerVolume) {
    if (prior != 0) return InvalidArgument("按量计收按单件申请计算，不计本月已申请件数", "prior");
    return PerVolumeTotal(quantity);
  }
  return PerRequestTotal(int64_t{prior} + quantity) - PerRequestTotal(prior);
}

}  // namespace gongkai::core
