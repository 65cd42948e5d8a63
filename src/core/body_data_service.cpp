#include "core/body_data_service.hpp"

#include "core/json_writer.hpp"
#include "core/record_json.hpp"

namespace gongkai::core {

namespace {

size_t Chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Trim(std::string s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t b = 0, e = s.size();
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

Status TooLong(const std::string& what, size_t max, std::string field) {
  return InvalidArgument(what + "不能超过 " + std::to_string(max) + " 个字", std::move(field));
}

std::string FactsJson(const OrgYearFacts& f) {
  return JsonObjectWriter()
      .Add("org_id", int64_t{f.org_id})
      .Add("year", f.year)
      .Add("dedicated_bodies", f.dedicated_bodies)
      .Add("staff_full_time", f.staff_full_time)
      .Add("staff_part_time", f.staff_part_time)
      .Add("funding_yuan", f.funding_yuan)
      .Finish();
}

std::string MeetingJson(const Meeting& m) {
  return JsonObjectWriter()
      .Add("id", int64_t{m.id})
      .Add("org_id", int64_t{m.org_id})
      .Add("category", MeetingCategoryCode(m.category))
      .Add("kind", m.kind)
      .Add("title", m.title)
      .Add("held_on", m.held_on.ToIso())
      .Add("attendees", m.attendees)
      .Finish();
}

Status CheckYear(int year) {
  if (year < 2000 || year > 2999) return InvalidArgument("年份无效", "year");
  return Status::Ok();
}

}  // namespace

OrgContact ContactOf(const Org& org) {
  return {org.acceptance_address, org.acceptance_hours, org.acceptance_phone, org.reading_points};
}

Status ValidateOrgContact(const OrgContact& c) {
  if (Chars(c.acceptance_address) > kMaxAddressChars) {
    return TooLong("受理点地址", kMaxAddressChars, "acceptance_address");
  }
  if (Chars(c.acceptance_hours) > kMaxHoursChars) {
    return TooLong("受理时间", kMaxHoursChars, "acceptance_hours");
  }
  if (Chars(c.acceptance_phone) > kMaxPhoneChars) {
    return TooLong("咨询电话", kMaxPhoneChars, "acceptance_phone");
  }
  if (c.reading_points.size() > kMaxReadingPoints) {
    return InvalidArgument("查阅点不能超过 " + std::to_string(kMaxReadingPoints) + " 个",
                           "reading_points");
  }
  for (size_t i = 0; i < c.reading_points.size(); ++i) {
    const ReadingPoint& p = c.reading_points[i];
    std::string at = "reading_points[" + std::to_string(i) + "].";
    std::string which = "第 " + std::to_string(i + 1) + " 个查阅点的";
    if (p.name.empty()) return InvalidArgument(which + "名称不能为空", at + "name");
    if (Chars(p.name) > kMaxPointNameChars) {
      return TooLong(which + "名称", kMaxPointNameChars, at + "name");
    }
    if (Chars(p.address) > kMaxAddressChars) {
      return TooLong(which + "地址", kMaxAddressChars, at + "address");
    }
    if (Chars(p.hours) > kMaxHoursChars) {
      return TooLong(which + "开放时间", kMaxHoursChars, at + "hours");
    }
  }
  return Status::Ok();
}

Result<Org> UpdateOrgContact(Repositories& repos, const ChangeContext& ctx, Id org_id,
                             OrgContact contact) {
  contact.acceptance_address = Trim(std::move(contact.acceptance_address));
  contact.acceptance_hours = Trim(std::move(contact.acceptance_hours));
  contact.acceptance_phone = Trim(std::move(contact.acceptance_phone));
  for (auto& p : contact.reading_points) {
    p.name = Trim(std::move(p.name));
    p.address = Trim(std::move(p.address));
    p.hours = Trim(std::move(p.hours));
  }
  GONGKAI_RETURN_IF_ERROR(ValidateOrgContact(contact));
  GONGKAI_ASSIGN_OR_RETURN(Org before, repos.orgs().Get(org_id));
  Org after = before;
  after.acceptance_address = std::move(contact.acceptance_address);
  after.acceptance_hours = std::move(contact.acceptance_hours);
  after.acceptance_phone = std::move(contact.acceptance_phone);
  after.reading_points = std::move(contact.reading_points);
  GONGKAI_RETURN_IF_ERROR(repos.orgs().Update(after));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "org.contact", "org",
                                       std::to_string(org_id), ToAuditJson(before),
                                       ToAuditJson(after)));
  return after;
}

Status SetOrgYearFacts(Repositories& repos, const ChangeContext& ctx, const OrgYearFacts& f) {
  GONGKAI_RETURN_IF_ERROR(ValidateOrgYearFacts(f));
  GONGKAI_RETURN_IF_ERROR(repos.orgs().Get(f.org_id).status());
  GONGKAI_ASSIGN_OR_RETURN(auto before, repos.orgs().GetYearFacts(f.org_id, f.year));
  GONGKAI_RETURN_IF_ERROR(repos.orgs().PutYearFacts(f));
  return RecordChange(repos.audit(), ctx, "org_year_facts.set", "org_year_facts",
                      std::to_string(f.org_id) + "/" + std::to_string(f.year),
                      before ? FactsJson(*before) : "", FactsJson(f));
}

Result<Meeting> AddMeeting(Repositories& repos, const ChangeContext& ctx, int year, Meeting m) {
  GONGKAI_RETURN_IF_ERROR(CheckYear(year));
  m.title = Trim(std::move(m.title));
  m.kind = Trim(std::move(m.kind));
  if (m.title.empty()) return InvalidArgument("请填写会议或培训名称", "title");
  if (Chars(m.title) > kMaxMeetingTitleChars) {
    return TooLong("名称", kMaxMeetingTitleChars, "title");
  }
  if (Chars(m.kind) > kMaxMeetingKindChars) return TooLong("类型", kMaxMeetingKindChars, "kind");
  if (m.held_on.year() != year) {
    return InvalidArgument("举办日期应在 " + std::to_string(year) + " 年内", "held_on");
  }
  if (m.attendees < 0) return InvalidArgument("人数不能为负", "attendees");
  if (m.attendees > kMaxAttendees) return InvalidArgument("人数过大", "attendees");
  GONGKAI_RETURN_IF_ERROR(repos.orgs().Get(m.org_id).status());
  GONGKAI_ASSIGN_OR_RETURN(m.id, repos.orgs().InsertMeeting(m));
  GONGKAI_RETURN_IF_ERROR(RecordChange(repos.audit(), ctx, "meeting.create", "meeting",
                                       std::to_string(m.id), "", MeetingJson(m)));
  return m;
}

Status DeleteMeeting(Repositories& repos, const ChangeContext& ctx, Id org_id, int year,
                     Id meeting_id) {
  GONGKAI_RETURN_IF_ERROR(CheckYear(year));
  GONGKAI_ASSIGN_OR_RETURN(auto held, repos.orgs().ListMeetings(org_id, year));
  for (const Meeting& m : held) {
    if (m.id != meeting_id) continue;
    GONGKAI_RETURN_IF_ERROR(repos.orgs().DeleteMeeting(meeting_id));
    return RecordChange(repos.audit(), ctx, "meeting.delete", "meeting", std::to_string(meeting_id),
                        MeetingJson(m), "");
  }
  return NotFound("会议或培训不存在: id " + std::to_string(meeting_id), "meeting");
}

}  // namespace gongkai::core
