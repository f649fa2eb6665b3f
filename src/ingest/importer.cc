#include "ingest/importer.h"

#include <sys/stat.h>

#include "base/strings.h"
#include "ingest/file_reader.h"
#include "ingest/jsonl_format.h"
#include "ingest/markdown_format.h"
#include "ingest/text_format.h"

namespace warta::ingest {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         EqualsIgnoreAsciiCase(s.substr(s.size() - suffix.size()), suffix);
}

std::string FileStem(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  if (EndsWith(name, ".gz")) name.resize(name.size() - 3);
  size_t dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

std::vector<std::string> Names(const std::vector<Tag>& v) {
  std::vector<std::string> out;
  for (const auto& t : v) out.push_back(t.name);
  return out;
}

std::vector<std::string> Names(const std::vector<Author>& v) {
  std::vector<std::string> out;
  for (const auto& a : v) out.push_back(a.name);
  return out;
}

// True when saving `next` over `cur` would change what an editor controls.
bool SameContent(const Article& cur, const Article& next) {
  auto cat = [](const Article& a) {
    return a.category ? a.category->name : "";
  };
  auto editor = [](const Article& a) { return a.editor ? a.editor->name : ""; };
  return cur.title == next.title && cur.slug == next.slug &&
         cur.body == next.body && cur.custom_excerpt == next.custom_excerpt &&
         cur.dateline_city == next.dateline_city &&
         cur.dateline_outlet == next.dateline_outlet &&
         cur.source == next.source && cur.source_url == next.source_url &&
         cat(cur) == cat(next) && Names(cur.tags) == Names(next.tags) &&
         Names(cur.authors) == Names(next.authors) &&
         editor(cur) == editor(next) && cur.status == next.status &&
         cur.published_at == next.published_at &&
         cur.feature_image == next.feature_image &&
         cur.feature_image_alt == next.feature_image_alt &&
         cur.feature_image_caption == next.feature_image_caption &&
         cur.noindex == next.noindex && cur.no_ai == next.no_ai;
}

}  // namespace

FileFormat DetectFormat(const std::string& path, std::string_view head) {
  std::string p = path;
  if (EndsWith(p, ".gz")) p.resize(p.size() - 3);
  if (EndsWith(p, ".txt")) return FileFormat::kText;
  if (EndsWith(p, ".md") || EndsWith(p, ".markdown"))
    return FileFormat::kMarkdown;
  if (EndsWith(p, ".jsonl") || EndsWith(p, ".ndjson"))
    return FileFormat::kJsonLines;
  std::string_view h = Trim(head);
  if (h.substr(0, 3) == "---") return FileFormat::kMarkdown;
  if (!h.empty() && h[0] == '{') return FileFormat::kJsonLines;
  return FileFormat::kText;
}

Importer::Importer(Newsroom& newsroom, ImportDefaults defaults)
    : newsroom_(newsroom), defaults_(std::move(defaults)) {}

Result<std::pair<Article, ImportAction>> Importer::Save(
    const ParsedArticle& p) {
  WARTA_ASSIGN_OR_RETURN(
      std::optional<Article> existing,
      newsroom_.store().FindArticleByImportKey(p.import_key));
  Article a = existing ? *existing : Article();
  a.title = p.title;
  if (!p.slug.empty()) a.slug = p.slug;
  a.body = p.body;
  a.custom_excerpt = p.custom_excerpt;
  a.dateline_city = p.dateline_city;
  a.dateline_outlet = p.dateline_outlet;
  a.source = p.source;
  WARTA_ASSIGN_OR_RETURN(a.source_url,
                         NormalizeArticleLink("source_url", p.source_url));
  a.category =
      Category{0, "", p.category.empty() ? defaults_.category : p.category, ""};
  a.tags.clear();
  for (const auto& t : p.tags) a.tags.push_back(Tag{0, "", t});
  a.authors.clear();
  for (const auto& n : p.authors.empty()
                           ? std::vector<std::string>{defaults_.author}
                           : p.authors) {
    a.authors.push_back(Author{0, "", n, "", ""});
  }
  a.editor.reset();
  if (!p.editor.empty()) a.editor = Author{0, "", p.editor, "", ""};
  WARTA_ASSIGN_OR_RETURN(
      a.feature_image, NormalizeArticleLink("feature_image", p.feature_image));
  a.feature_image_alt = p.feature_image_alt;
  a.feature_image_caption = p.feature_image_caption;
  a.status =
      defaults_.status.value_or(p.status.value_or(ArticleStatus::kPublished));
  if (p.published_at) a.published_at = p.published_at;
  Timestamp now = newsroom_.clock().Now();
  if (a.status == ArticleStatus::kPublished && a.published_at &&
      *a.published_at > now + 60) {
    a.status = ArticleStatus::kScheduled;  // a future date waits for its time
  }
  if (a.status == ArticleStatus::kPublished && !a.published_at)
    a.published_at = now;
  a.import_key = p.import_key;
  a.noindex = p.noindex;
  a.no_ai = p.no_ai;
  if (existing && SameContent(*existing, a)) {
    return std::make_pair(*existing, ImportAction::kUnchanged);
  }
  WARTA_ASSIGN_OR_RETURN(Article saved, newsroom_.Save(std::move(a)));
  return std::make_pair(std::move(saved), existing ? ImportAction::kUpdated
                                                   : ImportAction::kCreated);
}

ImportStats Importer::ImportFile(
    const std::string& path,
    const std::function<void(const ImportEvent&)>& on_event) {
  ImportStats stats;
  auto report = [&](int line, Result<std::pair<Article, ImportAction>> r) {
    ImportEvent e;
    e.file = path;
    e.line = line;
    if (r.ok()) {
      e.article = std::move(r->first);
      e.action = r->second;
      switch (e.action) {
        case ImportAction::kCreated:
          ++stats.created;
          break;
        case ImportAction::kUpdated:
          ++stats.updated;
          break;
        case ImportAction::kUnchanged:
          ++stats.unchanged;
          break;
      }
    } else {
      e.status = r.status();
      ++stats.failed;
    }
    on_event(e);
  };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    report(0, Status::NotFound("no such file"));
    return stats;
  }
  if (!S_ISREG(st.st_mode)) {
    report(0, Status::InvalidArgument("not a regular file"));
    return stats;
  }
  auto reader = LineReader::Open(path);
  if (!reader.ok()) {
    report(0, reader.status());
    return stats;
  }
  std::string first;
  auto got = (*reader)->Next(first);
  if (!got.ok()) {
    report(1, got.status());
    return stats;
  }
  FileFormat format = DetectFormat(path, first);
  if (format == FileFormat::kJsonLines) {
    int line_no = 1;
    std::string line = std::move(first);
    bool more = *got;
    while (more) {
      if (!Trim(line).empty()) {
        auto parsed = ParseJsonLine(line, defaults_);
        if (!parsed.ok()) {
          report(line_no, parsed.status());
        } else {
          parsed->line = line_no;
          report(line_no, Save(*parsed));
        }
      }
      auto next = (*reader)->Next(line);
      if (!next.ok()) {
        report(line_no + 1, next.status());
        break;
      }
      more = *next;
      ++line_no;
    }
    return stats;
  }
  reader->reset();
  auto text = ReadWholeFile(path);
  if (!text.ok()) {
    report(0, text.status());
    return stats;
  }
  Result<ParsedArticle> parsed =
      format == FileFormat::kMarkdown
          ? ParseMarkdownArticle(*text, FileStem(path), defaults_)
          : ParseTextArticle(*text);
  if (!parsed.ok()) {
    // Parsers say "line N: ..."; lift N into the event.
    const std::string& m = parsed.status().message();
    int line = 0;
    if (m.rfind("line ", 0) == 0) {
      line =
          static_cast<int>(ParseInt(m.substr(5, m.find(':') - 5)).value_or(0));
    }
    std::string rest = line ? m.substr(m.find(':') + 2) : m;
    report(line, Status(parsed.status().code(), rest));
    return stats;
  }
  report(parsed->line, Save(*parsed));
  return stats;
}

}  // namespace warta::ingest
