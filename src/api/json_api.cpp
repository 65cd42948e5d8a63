#include "api/json_api.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "api/route.hpp"
#include "app/system_clock.hpp"
#include "store/soci_store.hpp"
#include "web/error_map.hpp"

namespace gongkai::api {

namespace {

constexpr std::string_view kOpenApiPath = "/api/openapi.json";

web::HttpResponse JsonResponse(int status, const json::value& body) {
  web::HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = json::serialize(body);
  r.Set("Cache-Control", "no-store");
  return r;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The token of "Authorization: Bearer <token>", or "".
std::string BearerToken(const web::HttpRequest& request) {
  std::string h = request.Header("authorization");
  if (h.size() < 8 || Lower(h.substr(0, 7)) != "bearer ") return {};
  std::string token = h.substr(7);
  while (!token.empty() && token.front() == ' ') token.erase(token.begin());
  while (!token.empty() && token.back() == ' ') token.pop_back();
  return token;
}

bool IsJsonType(const std::string& content_type) {
  std::string t = Lower(content_type.substr(0, content_type.find(';')));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  return t == "application/json";
}

web::HttpResponse Unauthenticated(std::string_view message) {
  web::HttpResponse r = JsonError(401, "unauthenticated", message);
  r.Set("WWW-Authenticate", "Bearer realm=\"gongkai\"");
  return r;
}

}  // namespace

std::optional<web::HttpResponse> JsonApi::Admit(const web::HttpRequest& head) {
  if (!Owns(head.path)) return std::nullopt;
  std::string token = BearerToken(head);
  if (token.empty()) return Unauthenticated("需要 Authorization: Bearer <令牌>");
  std::optional<Principal> who;
  core::Status status = pool_.With([&](store::SociStore& store) {
    return store.Transact([&](core::Repositories& repos) -> core::Status {
      GONGKAI_ASSIGN_OR_RETURN(who, Authenticate(repos, token, options_.clock->NowUtc()));
      return core::Status::Ok();
    });
  });
  if (status.code() == core::ErrorCode::kNotFound) {
    return Unauthenticated("API 令牌无效或已撤销");
  }
  if (!status.ok()) return JsonError(503, "unavailable", "服务暂不可用");
  if (who->read_only && head.method != "GET") {
    return JsonError(403, "permission_denied", "只读令牌不能修改数据", "token");
  }
  return std::nullopt;
}

web::HttpResponse JsonError(int status, std::string_view code, std::string_view message,
                            std::string_view field) {
  web::HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = web::JsonErrorBody(code, message, field);
  r.Set("Cache-Control", "no-store");
  return r;
}

core::Result<std::unique_ptr<JsonApi>> JsonApi::Create(web::StorePool& pool, ApiOptions options) {
  static const app::SystemClock system_clock;
  if (!options.clock) options.clock = &system_clock;
  if (options.max_per_page < 1) options.max_per_page = 1;
  return std::unique_ptr<JsonApi>(new JsonApi(pool, std::move(options)));
}

JsonApi::JsonApi(web::StorePool& pool, ApiOptions options)
    : pool_(pool),
      options_(std::move(options)),
      limiter_(options_.rate_burst, options_.rate_interval),
      openapi_(OpenApiDocument()) {}

bool JsonApi::Owns(std::string_view path) { return path.substr(0, 5) == "/api/"; }

std::string JsonApi::RouteLabel(const web::HttpRequest& request) const {
  if (request.path == kOpenApiPath) return std::string(kOpenApiPath);
  return ApiRouter().Label(request.path);
}

web::HttpResponse JsonApi::Handle(const web::HttpRequest& request) {
  std::string method = request.method == "HEAD" ? "GET" : request.method;
  if (request.path == kOpenApiPath) {
    if (method != "GET") return JsonError(405, "method_not_allowed", "只支持 GET");
    web::HttpResponse r;
    r.content_type = "application/json; charset=utf-8";
    r.body = openapi_;
    web::ApplyCaching(request, r, 300);
    return r;
  }
  Router::Match match = ApiRouter().Find(method, request.path);
  const Route* route = match.route;
  const web::PathParams& params = match.params;
  if (!route) {
    if (match.path_known) {
      web::HttpResponse r = JsonError(405, "method_not_allowed", "此路径不支持该方法");
      r.Set("Allow", match.allow);
      return r;
    }
    return JsonError(404, "not_found", "没有这个接口");
  }

  std::string token = BearerToken(request);
  if (token.empty()) return Unauthenticated("需要 Authorization: Bearer <令牌>");
  std::string limiter_key = HashTokenSecret(token);
  if (!limiter_.Allow(limiter_key)) {
    web::HttpResponse r = JsonError(429, "rate_limited", "请求过于频繁，请稍后再试");
    r.Set("Retry-After", std::to_string(limiter_.RetryAfterSeconds(limiter_key)));
    return r;
  }

  bool has_body = method == "POST";
  json::object body;
  if (has_body && !request.body.empty()) {
    if (!IsJsonType(request.Header("content-type"))) {
      return JsonError(415, "unsupported_media_type", "请求体须为 application/json");
    }
    boost::system::error_code ec;
    json::value parsed = json::parse(request.body, ec);
    if (ec || !parsed.is_object()) {
      return JsonError(400, "invalid_argument", "请求体不是 JSON 对象");
    }
    body = std::move(parsed.as_object());
  }

  bool unauthenticated = false;
  JsonReply reply;
  core::Status status = pool_.With([&](store::SociStore& store) {
    return store.Transact([&](core::Repositories& repos) -> core::Status {
      auto who = Authenticate(repos, token, options_.clock->NowUtc());
      if (!who.ok()) {
        unauthenticated = who.status().code() == core::ErrorCode::kNotFound;
        return who.status();
      }
      if (who->read_only && method != "GET") {
        return core::PermissionDenied("只读令牌不能修改数据");
      }
      GONGKAI_ASSIGN_OR_RETURN(auto orgs, repos.orgs().List());
      core::OrgTree tree(std::move(orgs));
      RouteCall call{request, params, body,     *who,
                     repos,   tree,   options_, route->action.value_or(core::Action::kRead)};
      GONGKAI_ASSIGN_OR_RETURN(reply, route->fn(call));
      return core::Status::Ok();
    });
  });
  if (unauthenticated) return Unauthenticated("API 令牌无效或已撤销");
  if (!status.ok()) {
    web::ErrorReply error = web::MapError(status);
    if (!error.log_message.empty()) spdlog::error("api: {}", error.log_message);
    return JsonError(error.status, error.code, error.message, error.field);
  }
  return JsonResponse(reply.status, reply.body);
}

}  // namespace gongkai::api
