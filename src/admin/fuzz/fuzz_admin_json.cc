// libFuzzer target for the admin API's JSON input: a request body goes
// through the parser and the field readers the handlers use (names, strings,
// numbers, booleans, scopes, article links). Any bytes must be read or
// refused with InvalidArgument, never crash, hang or take quadratic time.
// Built only with clang (see ../CMakeLists.txt); scripts/fuzz runs it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "admin/json_io.h"
#include "admin/policy.h"
#include "newsroom/newsroom.h"

namespace {

void ExpectRefusalOrOk(const warta::Status& s) {
  if (s.ok() || s.code() == warta::StatusCode::kInvalidArgument) return;
  std::fprintf(stderr, "unexpected status: %s\n", s.ToString().c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using warta::admin::json;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  json body = json::parse(in, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return 0;
  for (const char* field : {"tags", "authors", "scopes"}) {
    auto names = warta::admin::OptNames(body, field);
    ExpectRefusalOrOk(names.status());
    if (names.ok() && *names) {
      if ((*names)->size() > warta::admin::kMaxNames) std::abort();
      if (std::string(field) == "scopes")
        ExpectRefusalOrOk(warta::admin::NormalizeScopes(**names).status());
    }
  }
  for (const char* field : {"title", "source_url", "feature_image"}) {
    auto s = warta::admin::OptString(body, field);
    ExpectRefusalOrOk(s.status());
    if (s.ok() && *s && std::string(field) != "title") {
      ExpectRefusalOrOk(warta::NormalizeArticleLink(field, **s).status());
    }
  }
  ExpectRefusalOrOk(warta::admin::OptInt(body, "version").status());
  ExpectRefusalOrOk(warta::admin::OptBool(body, "noindex").status());
  ExpectRefusalOrOk(warta::admin::RequiredString(body, "name").status());
  return 0;
}
