#include "feeds/robots.h"

namespace warta::feeds {

std::string RenderRobots(const RobotsOptions& o) {
  std::string out;
  // AI crawlers first: a crawler obeys the most specific group naming it,
  // so these groups repeat the general rules.
  if (!o.ai_agents.empty() && (o.block_ai || !o.ai_disallow.empty())) {
    for (const std::string& ua : o.ai_agents) out += "User-agent: " + ua + "\n";
    if (o.block_ai) {
      out += "Disallow: /\n";
    } else {
      for (const std::string& p : o.disallow) out += "Disallow: " + p + "\n";
      for (const std::string& p : o.ai_disallow) out += "Disallow: " + p + "\n";
    }
    out += "\n";
  }
  out += "User-agent: *\n";
  if (o.disallow.empty()) out += "Disallow:\n";
  for (const std::string& p : o.disallow) out += "Disallow: " + p + "\n";
  out += "\n";
  for (const std::string& s : o.sitemaps) out += "Sitemap: " + s + "\n";
  return out;
}

}  // namespace warta::feeds
