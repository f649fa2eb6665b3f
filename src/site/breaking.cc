#include "site/breaking.h"

#include "base/strings.h"

namespace warta::site {

std::optional<BreakingNews> BreakingFromSettings(
    const std::map<std::string, std::string>& settings) {
  auto text = settings.find(kBreakingTextKey);
  if (text == settings.end() || text->second.empty()) return std::nullopt;
  BreakingNews news;
  news.text = text->second;
  if (auto url = settings.find(kBreakingUrlKey); url != settings.end())
    news.url = url->second;
  if (auto exp = settings.find(kBreakingExpiresKey); exp != settings.end()) {
    news.expires_at = ParseInt(exp->second).value_or(0);
  }
  if (news.expires_at <= 0) return std::nullopt;
  return news;
}

std::map<std::string, std::string> BreakingSettings(
    const std::optional<BreakingNews>& news) {
  return {{kBreakingTextKey, news ? news->text : ""},
          {kBreakingUrlKey, news ? news->url : ""},
          {kBreakingExpiresKey,
           news ? std::to_string(news->expires_at) : std::string("0")}};
}

void BreakingBanner::Set(std::optional<BreakingNews> news) {
  MutexLock lock(&mu_);
  news_ = std::move(news);
}

std::optional<BreakingNews> BreakingBanner::Active(Timestamp now) const {
  MutexLock lock(&mu_);
  if (!news_ || news_->expires_at <= now) return std::nullopt;
  return news_;
}

Timestamp BreakingBanner::expires_at() const {
  MutexLock lock(&mu_);
  return news_ ? news_->expires_at : 0;
}

}  // namespace warta::site
