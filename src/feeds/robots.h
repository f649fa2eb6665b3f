// robots.txt (RFC 9309): the sitemaps, the admin area kept out, and the
// "no AI crawlers" rules. Pure function, thread-safe.
#ifndef WARTA_FEEDS_ROBOTS_H_
#define WARTA_FEEDS_ROBOTS_H_

#include <string>
#include <vector>

namespace warta::feeds {

// Crawlers that collect text for AI training or AI answers, by the product
// token their operators document. The default of ai.user_agents.
inline constexpr const char* kDefaultAiUserAgents =
    "GPTBot, ChatGPT-User, OAI-SearchBot, ClaudeBot, Claude-Web, anthropic-ai, "
    "Google-Extended, Applebot-Extended, CCBot, PerplexityBot, Bytespider, "
    "Meta-ExternalAgent, Amazonbot, cohere-ai, Diffbot, Omgilibot, "
    "ImagesiftBot, Timpibot";

struct RobotsOptions {
  std::vector<std::string> sitemaps;     // absolute URLs
  std::vector<std::string> disallow;     // for every crawler: "/admin/"
  bool block_ai = false;                 // site-wide: AI crawlers get "/"
  std::vector<std::string> ai_agents;    // product tokens
  std::vector<std::string> ai_disallow;  // per-article paths AI may not take
};

std::string RenderRobots(const RobotsOptions& options);

}  // namespace warta::feeds

#endif  // WARTA_FEEDS_ROBOTS_H_
