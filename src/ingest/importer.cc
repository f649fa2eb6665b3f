#include "ingest/importer.h"

#include <sys/stat.h>

#include "base/strings.h"
#include "ingest/jsonl_format.h"
#include "ingest/markdown_format.h"
#include "ingest/text_format.h"
#include "newsroom/revisions.h"

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
         cur.feature_image_credit == next.feature_image_credit &&
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

void ImportStats::Count(const ImportEvent& e) {
  if (!e.status.ok()) {
    ++failed;
    return;
  }
  switch (e.action) {
    case ImportAction::kCreated:
      ++created;
      break;
    case ImportAction::kUpdated:
      ++updated;
      break;
    case ImportAction::kUnchanged:
      ++unchanged;
      break;
  }
}

ImportStats& ImportStats::operator+=(const ImportStats& o) {
  created += o.created;
  updated += o.updated;
  unchanged += o.unchanged;
  failed += o.failed;
  return *this;
}

bool ItemReader::Next(ImportItem& item) {
  item = ImportItem();
  item.file = path_;
  if (done_) return false;
  auto fail = [&](int line, Status s) {
    item.line = line;
    item.error = std::move(s);
    done_ = true;
    return true;
  };
  std::string line;
  if (!started_) {
    started_ = true;
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0)
      return fail(0, Status::NotFound("no such file"));
    if (!S_ISREG(st.st_mode))
      return fail(0, Status::InvalidArgument("not a regular file"));
    auto reader = LineReader::Open(path_);
    if (!reader.ok()) return fail(0, reader.status());
    lines_ = std::move(*reader);
    auto got = lines_->Next(line);
    if (!got.ok()) return fail(1, got.status());
    line_no_ = 1;
    item.format = DetectFormat(path_, line);
    if (item.format != FileFormat::kJsonLines) {
      lines_.reset();
      auto text = ReadWholeFile(path_);
      if (!text.ok()) return fail(0, text.status());
      item.text = std::move(*text);
      done_ = true;
      return true;
    }
    if (!*got) {
      done_ = true;
      return false;
    }
  } else {
    auto got = lines_->Next(line);
    ++line_no_;
    if (!got.ok()) return fail(line_no_, got.status());
    if (!*got) {
      done_ = true;
      return false;
    }
  }
  // JSON Lines: the next non-blank line.
  while (Trim(line).empty()) {
    auto got = lines_->Next(line);
    ++line_no_;
    if (!got.ok()) return fail(line_no_, got.status());
    if (!*got) {
      done_ = true;
      return false;
    }
  }
  item.format = FileFormat::kJsonLines;
  item.line = line_no_;
  item.text = std::move(line);
  return true;
}

Importer::Importer(Newsroom& newsroom, ImportDefaults defaults)
    : newsroom_(newsroom), defaults_(std::move(defaults)) {}

Result<Article> Importer::Compose(const ParsedArticle& p,
                                  const Article* existing) const {
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
  a.feature_image_credit = p.feature_image_credit;
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
  return a;
}

PreparedItem Importer::PrepareItem(ImportItem item) const {
  PreparedItem out;
  out.file = std::move(item.file);
  out.line = item.line;
  if (!item.error.ok()) {
    out.status = std::move(item.error);
    return out;
  }
  Result<ParsedArticle> parsed = Status::Internal("not parsed");
  if (item.format == FileFormat::kJsonLines) {
    parsed = ParseJsonLine(item.text, defaults_);
    if (parsed.ok()) parsed->line = item.line;
  } else {
    parsed =
        item.format == FileFormat::kMarkdown
            ? ParseMarkdownArticle(item.text, FileStem(out.file), defaults_)
            : ParseTextArticle(item.text);
    if (parsed.ok()) {
      out.line = parsed->line;
    } else {
      // Parsers say "line N: ..."; lift N into the event.
      const std::string& m = parsed.status().message();
      int line = 0;
      if (m.rfind("line ", 0) == 0) {
        line = static_cast<int>(
            ParseInt(m.substr(5, m.find(':') - 5)).value_or(0));
      }
      out.line = line;
      out.status =
          Status(parsed.status().code(), line ? m.substr(m.find(':') + 2) : m);
      return out;
    }
  }
  if (!parsed.ok()) {
    out.status = parsed.status();
    return out;
  }
  out.parsed = std::move(*parsed);
  Result<Article> composed = Compose(out.parsed, nullptr);
  if (!composed.ok()) {
    out.status = composed.status();
    return out;
  }
  out.article = std::move(*composed);
  out.status = newsroom_.Validate(out.article);
  if (out.status.ok()) out.status = newsroom_.Prepare(out.article);
  if (!out.status.ok()) return out;
  auto rev =
      EncodeRevision(newsroom_.stores().revisions, 0, SnapshotOf(out.article));
  if (!rev.ok()) {
    out.status = rev.status();
    return out;
  }
  out.revision = std::move(*rev);
  return out;
}

Result<std::pair<Article, ImportAction>> Importer::SavePrepared(
    const PreparedItem& item) {
  WARTA_RETURN_IF_ERROR(item.status);
  WARTA_ASSIGN_OR_RETURN(std::optional<Article> existing,
                         newsroom_.stores().articles.FindArticleByImportKey(
                             item.parsed.import_key));
  if (!existing) {
    WARTA_ASSIGN_OR_RETURN(
        Article saved, newsroom_.SavePrepared(item.article, {}, item.revision));
    return std::make_pair(std::move(saved), ImportAction::kCreated);
  }
  WARTA_ASSIGN_OR_RETURN(Article a, Compose(item.parsed, &*existing));
  // Rendered from the same body and dateline.
  a.html = item.article.html;
  a.plaintext = item.article.plaintext;
  a.word_count = item.article.word_count;
  a.reading_time = item.article.reading_time;
  if (SameContent(*existing, a)) {
    return std::make_pair(*existing, ImportAction::kUnchanged);
  }
  WARTA_RETURN_IF_ERROR(newsroom_.Validate(a));
  WARTA_ASSIGN_OR_RETURN(Article saved, newsroom_.SaveRendered(std::move(a)));
  return std::make_pair(std::move(saved), ImportAction::kUpdated);
}

ImportEvent Importer::EventOf(const PreparedItem& item,
                              Result<std::pair<Article, ImportAction>> r) {
  ImportEvent e;
  e.file = item.file;
  e.line = item.line;
  if (r.ok()) {
    e.article = std::move(r->first);
    e.action = r->second;
  } else {
    e.status = r.status();
  }
  return e;
}

ImportStats Importer::ImportFile(
    const std::string& path,
    const std::function<void(const ImportEvent&)>& on_event) {
  ImportStats stats;
  ItemReader reader(path);
  ImportItem item;
  while (reader.Next(item)) {
    PreparedItem prepared = PrepareItem(std::move(item));
    ImportEvent e = EventOf(prepared, SavePrepared(prepared));
    stats.Count(e);
    on_event(e);
  }
  return stats;
}

}  // namespace warta::ingest
