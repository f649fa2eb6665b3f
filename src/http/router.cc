#include "http/router.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <stdexcept>

#include "base/strings.h"

namespace warta::http {
namespace {

constexpr size_t kMethodCount = static_cast<size_t>(Method::kOther) + 1;
using MethodMask = unsigned;

struct RouteEntry {
  Handler handler;
  RouteOptions options;
  // Names of the "{name}" segments in order, then the "{name*}" one.
  std::vector<std::string> param_names;
  const std::string* pattern = nullptr;  // in Router::Impl::pattern_names
};

using RouteSet = std::array<std::optional<RouteEntry>, kMethodCount>;

struct Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;  // a "{name}" segment
  RouteSet routes;              // patterns ending at this node
  RouteSet rest_routes;         // patterns ending in "{name*}" below it
};

// "/" -> {""}, "/a/b" -> {"a", "b"}, "/a/" -> {"a", ""}. `path` starts with
// '/'; the views point into it.
std::vector<std::string_view> Segments(std::string_view path) {
  return Split(path.substr(1), '/');
}

// The route for `m` in `set`, with HEAD falling back to GET; adds the methods
// present to `allowed` when there is none.
const RouteEntry* Pick(const RouteSet& set, Method m, MethodMask* allowed) {
  const auto& exact = set[static_cast<size_t>(m)];
  if (exact) return &*exact;
  if (m == Method::kHead && set[static_cast<size_t>(Method::kGet)]) {
    return &*set[static_cast<size_t>(Method::kGet)];
  }
  for (size_t i = 0; i < kMethodCount; ++i) {
    if (set[i]) *allowed |= 1u << i;
  }
  return nullptr;
}

// Route patterns have at most this many parameters, so a match needs no
// heap memory.
constexpr size_t kMaxParams = 8;

struct Match {
  const RouteEntry* route = nullptr;
  std::array<std::string_view, kMaxParams> values;
  size_t value_count = 0;
  MethodMask allowed = 0;  // methods of routes matching the path otherwise
};

// The path segment starting at `start` (see Segments) and where the next one
// starts, npos after the last.
std::string_view SegmentAt(std::string_view path, size_t start, size_t* next) {
  size_t slash = path.find('/', start);
  *next = slash == std::string_view::npos ? slash : slash + 1;
  return path.substr(start, slash == std::string_view::npos
                                ? std::string_view::npos
                                : slash - start);
}

// Matches the segments of `path` from the one starting at `start` (npos: all
// matched) below `node`.
bool Find(const Node& node, std::string_view path, size_t start, Method m,
          Match* match) {
  if (start == std::string_view::npos) {
    match->route = Pick(node.routes, m, &match->allowed);
    return match->route != nullptr;
  }
  size_t next = 0;
  std::string_view seg = SegmentAt(path, start, &next);
  if (auto it = node.literals.find(seg); it != node.literals.end()) {
    if (Find(*it->second, path, next, m, match)) return true;
  }
  if (node.param && !seg.empty() && match->value_count < kMaxParams) {
    match->values[match->value_count++] = seg;
    if (Find(*node.param, path, next, m, match)) return true;
    --match->value_count;
  }
  // The rest of the path, from this segment to the end.
  std::string_view rest = path.substr(start);
  if (!rest.empty() && match->value_count < kMaxParams) {
    match->route = Pick(node.rest_routes, m, &match->allowed);
    if (match->route) {
      match->values[match->value_count++] = rest;
      return true;
    }
  }
  return false;
}

std::string AllowHeader(MethodMask allowed) {
  if (allowed & (1u << static_cast<unsigned>(Method::kGet))) {
    allowed |= 1u << static_cast<unsigned>(Method::kHead);
  }
  std::string out;
  for (size_t i = 0; i < static_cast<size_t>(Method::kOther); ++i) {
    if (!(allowed & (1u << i))) continue;
    if (!out.empty()) out += ", ";
    out += MethodName(static_cast<Method>(i));
  }
  return out;
}

}  // namespace

struct Router::Impl {
  Node root;
  std::vector<std::string> patterns;
  // Stable copies of the patterns for RouteEntry::pattern.
  std::map<std::string, std::unique_ptr<std::string>, std::less<>>
      pattern_names;
  Handler not_found = [](const Request&) { return Response::Error(404); };

  bool FindRoute(Method m, std::string_view path, Match* match) const {
    if (path.empty() || path.front() != '/') return false;
    return Find(root, path, 1, m, match);
  }
};

Router::Router() : impl_(std::make_unique<Impl>()) {}
Router::~Router() = default;

void Router::Add(Method method, std::string_view pattern, Handler handler,
                 RouteOptions options) {
  auto fail = [&](std::string_view why) {
    throw std::invalid_argument("route " + std::string(MethodName(method)) +
                                " " + std::string(pattern) + ": " +
                                std::string(why));
  };
  if (pattern.empty() || pattern.front() != '/') fail("must start with '/'");
  RouteEntry route{std::move(handler), options, {}, nullptr};
  Node* node = &impl_->root;
  RouteSet* set = nullptr;
  std::vector<std::string_view> segs = Segments(pattern);
  for (size_t i = 0; i < segs.size(); ++i) {
    std::string_view seg = segs[i];
    if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
      std::string_view name = seg.substr(1, seg.size() - 2);
      bool rest = !name.empty() && name.back() == '*';
      if (rest) name.remove_suffix(1);
      if (name.empty()) fail("empty parameter name");
      route.param_names.emplace_back(name);
      if (route.param_names.size() > kMaxParams) fail("too many parameters");
      if (rest) {
        if (i + 1 != segs.size()) fail("{name*} must be the last segment");
        set = &node->rest_routes;
        break;
      }
      if (!node->param) node->param = std::make_unique<Node>();
      node = node->param.get();
    } else {
      if (seg.find_first_of("{}") != std::string_view::npos) {
        fail("braces must enclose a whole segment");
      }
      auto it = node->literals.find(seg);
      if (it == node->literals.end()) {
        it = node->literals.emplace(std::string(seg), std::make_unique<Node>())
                 .first;
      }
      node = it->second.get();
    }
  }
  if (!set) set = &node->routes;
  auto& slot = (*set)[static_cast<size_t>(method)];
  if (slot) fail("duplicate route");
  auto& name = impl_->pattern_names[std::string(pattern)];
  if (!name) {
    name = std::make_unique<std::string>(pattern);
    impl_->patterns.emplace_back(pattern);
  }
  route.pattern = name.get();
  slot = std::move(route);
}

void Router::AddSlashRedirect(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/' || pattern == "/") {
    throw std::invalid_argument("AddSlashRedirect: bad pattern " +
                                std::string(pattern));
  }
  bool canonical_has_slash = pattern.back() == '/';
  std::string twin(pattern);
  if (canonical_has_slash) {
    twin.pop_back();
  } else {
    twin += '/';
  }
  Add(Method::kGet, twin, [canonical_has_slash](const Request& req) {
    // From the parsed path, never the raw target: an absolute-form target
    // ("http://evil.example/admin/") must not reach Location.
    std::string location = UrlEncodePath(req.path);
    if (canonical_has_slash) {
      location += '/';
    } else if (!location.empty() && location.back() == '/') {
      location.pop_back();
    }
    if (!req.query.empty()) location += "?" + req.query;
    return Response::Redirect(301, std::move(location));
  });
}

void Router::SetNotFound(Handler handler) {
  impl_->not_found = std::move(handler);
}

RouteOptions Router::OptionsFor(Method method, std::string_view path) const {
  Match match;
  if (impl_->FindRoute(method, path, &match)) return match.route->options;
  return {};
}

const std::vector<std::string>& Router::Patterns() const {
  return impl_->patterns;
}

Response Router::Route(Request& request) const {
  Match match;
  if (impl_->FindRoute(request.method, request.path, &match)) {
    request.route = *match.route->pattern;
    // Assigned in place: a request reused for the next one keeps its
    // strings' memory.
    const auto& names = match.route->param_names;
    size_t n = std::min(names.size(), match.value_count);
    request.path_params.resize(n);
    for (size_t i = 0; i < n; ++i) {
      request.path_params[i].first.assign(names[i]);
      request.path_params[i].second.assign(match.values[i]);
    }
    return match.route->handler(request);
  }
  request.path_params.clear();
  if (request.method == Method::kOther) return Response::Error(501);
  if (match.allowed) {
    Response r = Response::Error(405);
    r.SetHeader("Allow", AllowHeader(match.allowed));
    return r;
  }
  return impl_->not_found(request);
}

}  // namespace warta::http
