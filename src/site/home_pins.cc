#include "site/home_pins.h"

namespace warta::site {
namespace {

// The article when it is live at `now`; nullopt when gone or not live.
Result<std::optional<Article>> LiveArticle(ArticleStore& store, std::int64_t id,
                                           Timestamp now) {
  auto a = store.GetArticle(id);
  if (!a.ok() && a.status().IsNotFound()) return std::optional<Article>();
  if (!a.ok()) return a.status();
  if (!IsLive(*a, now)) return std::optional<Article>();
  return std::optional<Article>(std::move(*a));
}

}  // namespace

bool IsLive(const Article& a, Timestamp now) {
  return a.IsPublished() && a.published_at && *a.published_at <= now;
}

Result<LivePins> LoadLivePins(ArticleStore& articles, HomeStore& home,
                              Timestamp now) {
  LivePins out;
  WARTA_ASSIGN_OR_RETURN(out.stored, home.GetHomePins());
  const HomePins& pins = out.stored;
  if (pins.lead != 0 && (!pins.lead_until || *pins.lead_until > now)) {
    WARTA_ASSIGN_OR_RETURN(out.lead, LiveArticle(articles, pins.lead, now));
    if (out.lead && pins.lead_until) out.changes_at = *pins.lead_until;
  }
  for (std::int64_t id : pins.top) {
    WARTA_ASSIGN_OR_RETURN(auto a, LiveArticle(articles, id, now));
    if (a) out.top.push_back(std::move(*a));
  }
  return out;
}

}  // namespace warta::site
