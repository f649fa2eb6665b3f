#include "ingest/wire_feeds.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/strings.h"

namespace warta::ingest {

std::string WireFeedConfig::MapCategory(
    const std::vector<std::string>& item_categories) const {
  for (const std::string& c : item_categories) {
    for (const auto& [from, to] : category_rules) {
      if (EqualsIgnoreAsciiCase(Trim(c), Trim(from))) return to;
    }
  }
  return category;
}

Result<std::vector<WireFeedConfig>> ParseWireFeeds(std::string_view text) {
  using nlohmann::json;
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Status::InvalidArgument("feeds.json: not a JSON object");
  std::vector<WireFeedConfig> out;
  if (!doc.contains("feeds")) return out;
  if (!doc["feeds"].is_array())
    return Status::InvalidArgument("feeds.json: \"feeds\" must be a list");
  int n = 0;
  for (const json& f : doc["feeds"]) {
    ++n;
    std::string where = "feeds.json: feed " + std::to_string(n);
    if (!f.is_object())
      return Status::InvalidArgument(where + ": not an object");
    WireFeedConfig c;
    auto str = [&](const char* key, std::string& dst) -> Status {
      if (!f.contains(key)) return Status::Ok();
      if (!f[key].is_string())
        return Status::InvalidArgument(where + ": \"" + key +
                                       "\" must be a string");
      dst = f[key].get<std::string>();
      return Status::Ok();
    };
    WARTA_RETURN_IF_ERROR(str("name", c.name));
    if (Trim(c.name).empty())
      return Status::InvalidArgument(where + ": \"name\" is required");
    where = "feeds.json: feed \"" + c.name + "\"";
    std::string url;
    WARTA_RETURN_IF_ERROR(str("url", url));
    if (!url.empty()) c.sources.push_back(url);
    if (f.contains("urls")) {
      if (!f["urls"].is_array())
        return Status::InvalidArgument(where + ": \"urls\" must be a list");
      for (const json& u : f["urls"]) {
        if (!u.is_string())
          return Status::InvalidArgument(where +
                                         ": \"urls\" must hold strings");
        c.sources.push_back(u.get<std::string>());
      }
    }
    if (f.contains("trusted")) {
      if (!f["trusted"].is_boolean())
        return Status::InvalidArgument(where +
                                       ": \"trusted\" must be true or false");
      c.trusted = f["trusted"].get<bool>();
    }
    if (f.contains("internal")) {
      if (!f["internal"].is_boolean())
        return Status::InvalidArgument(where +
                                       ": \"internal\" must be true or false");
      c.internal = f["internal"].get<bool>();
    }
    if (f.contains("interval_minutes")) {
      if (!f["interval_minutes"].is_number_integer() ||
          f["interval_minutes"].get<int>() < 1 ||
          f["interval_minutes"].get<int>() > 1440) {
        return Status::InvalidArgument(
            where + ": \"interval_minutes\" must be a whole number 1-1440");
      }
      c.interval_minutes = f["interval_minutes"].get<int>();
    }
    WARTA_RETURN_IF_ERROR(str("category", c.category));
    WARTA_RETURN_IF_ERROR(str("author", c.author));
    if (f.contains("categories")) {
      if (!f["categories"].is_object())
        return Status::InvalidArgument(
            where + ": \"categories\" must map feed categories to ours");
      for (const auto& [from, to] : f["categories"].items()) {
        if (!to.is_string())
          return Status::InvalidArgument(where + ": category \"" + from +
                                         "\" must map to a string");
        c.category_rules.emplace_back(from, to.get<std::string>());
      }
    }
    for (const WireFeedConfig& other : out) {
      if (other.name == c.name)
        return Status::InvalidArgument(where + ": named twice");
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<WireFeedConfig>> LoadWireFeeds(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::vector<WireFeedConfig>();
  std::stringstream ss;
  ss << in.rdbuf();
  auto feeds = ParseWireFeeds(ss.str());
  if (!feeds.ok()) return feeds.status().WithContext(path);
  return feeds;
}

std::optional<WireFeedConfig> FindWireFeed(
    const std::vector<WireFeedConfig>& feeds, std::string_view name) {
  for (const WireFeedConfig& f : feeds)
    if (f.name == name) return f;
  return std::nullopt;
}

}  // namespace warta::ingest
