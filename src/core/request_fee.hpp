// 信息处理费 under 国办函〔2020〕109号: the tariffs and the fee record of a request.
//
// 按件 (per request, any kind of decision): the same applicant's requests in one calendar
// month — 1–10 free; the 11th–30th 100 元 each; from the 31st, in tiers of ten, each tier
// 100 元 dearer than the one before (31–40: 200, 41–50: 300, ...).
// 按量 (per volume: paper, e-mail, copied data) per request — pages 1–30 free; 31–100:
// 10 元/页; 101–200: 20 元/页; 201 on: 40 元/页.
// Both are 超额累进 (each portion at its own rate); one basis per request, never both.
// Amounts are integer yuan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/org.hpp"

namespace gongkai::core {

enum class FeeBasis { kPerRequest, kPerVolume };  // 按件 / 按量
const char* FeeBasisCode(FeeBasis b);             // per_request / per_volume
const char* FeeBasisLabel(FeeBasis b);            // 按件计收 / 按量计收
Result<FeeBasis> ParseFeeBasis(std::string_view text);

// The fee for one request. kPerRequest: `quantity` 件 of this request on top of `prior`
// 件 the same applicant already made this month (the handler counts them). kPerVolume:
// `quantity` pages (`prior` must be 0). Fails with kInvalidArgument for a quantity < 1, a
// negative prior, or a prior with kPerVolume.
Result<int64_t> ComputeFeeYuan(FeeBasis basis, int quantity, int prior = 0);

enum class FeeStatus { kDue, kPaid, kWaived };  // 待缴 / 已缴 / 免收
const char* FeeStatusCode(FeeStatus s);         // due / paid / waived
Result<FeeStatus> ParseFeeStatus(std::string_view text);

// The fee decided on a request (one per request; stored in request_fees).
struct RequestFee {
  Id request_id = 0;
  FeeBasis basis = FeeBasis::kPerRequest;
  int quantity = 0;
  int prior = 0;
  int64_t amount_yuan = 0;
  Date notified_on;
  FeeStatus status = FeeStatus::kDue;
  std::optional<Date> settled_on;  // paid or waived on
  friend bool operator==(const RequestFee&, const RequestFee&) = default;
};

}  // namespace gongkai::core
