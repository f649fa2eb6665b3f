// Rows (store/sql/rows.h), both SQL backends: wire feed items and fetch status
// (migration 031). These writes do not bump change_seq: they change nothing a
// reader sees.
#include "store/sql/rows.h"

namespace warta::sql {
namespace {

constexpr std::string_view kItemColumns =
    "SELECT feed, item_key, content_hash, fingerprint, article_id, relation, "
    "link, first_seen, last_seen FROM wire_items ";

WireItem ReadItem(const auto& st) {
  WireItem w;
  w.feed = st.Text(0);
  w.item_key = st.Text(1);
  w.content_hash = st.Text(2);
  w.fingerprint = st.Text(3);
  w.article_id = st.Int(4);
  w.relation = st.Text(5) == "duplicate" ? WireRelation::kDuplicate
                                         : WireRelation::kOrigin;
  w.link = st.Text(6);
  w.first_seen = st.Int(7);
  w.last_seen = st.Int(8);
  return w;
}

}  // namespace

template <typename Core>
Result<std::optional<WireItem>> Rows<Core>::FindWireItem(
    std::string_view feed, std::string_view item_key) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(auto st,
                         (*r)->Prepare(std::string(kItemColumns) +
                                       "WHERE feed = ? AND item_key = ?"));
  st.Bind(1, feed).Bind(2, item_key);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<WireItem>();
  return std::optional<WireItem>(ReadItem(st));
}

template <typename Core>
Result<std::optional<WireItem>> Rows<Core>::FindWireItemByFingerprint(
    std::string_view fingerprint) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare(std::string(kItemColumns) +
                             "WHERE fingerprint = ? ORDER BY first_seen "
                             "LIMIT 1"));
  st.Bind(1, fingerprint);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<WireItem>();
  return std::optional<WireItem>(ReadItem(st));
}

template <typename Core>
Status Rows<Core>::SaveWireItem(const WireItem& w) {
  // Takes the write lock itself: inside this thread's batch it would wait
  // for itself.
  if (InBatchHere())
    return Status::FailedPrecondition("not available inside a write batch");
  std::lock_guard<std::mutex> lock(write_mu_);
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      writer_->Prepare(
          "INSERT INTO wire_items (feed, item_key, content_hash, fingerprint, "
          "article_id, relation, link, first_seen, last_seen) VALUES "
          "(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed, item_key) DO UPDATE "
          "SET content_hash = excluded.content_hash, fingerprint = "
          "excluded.fingerprint, article_id = excluded.article_id, relation = "
          "excluded.relation, link = excluded.link, last_seen = "
          "excluded.last_seen"));
  Timestamp now = clock_.Now();
  return st.Bind(1, w.feed)
      .Bind(2, w.item_key)
      .Bind(3, w.content_hash)
      .Bind(4, w.fingerprint)
      .Bind(5, w.article_id)
      .Bind(6, w.relation == WireRelation::kDuplicate ? "duplicate" : "origin")
      .Bind(7, w.link)
      .Bind(8, w.first_seen ? w.first_seen : now)
      .Bind(9, w.last_seen ? w.last_seen : now)
      .Run();
}

template <typename Core>
Status Rows<Core>::RecordWireFetch(const WireFetch& f) {
  const bool ok = f.error.empty();
  return WriteQuiet([&](Connection& c) -> Status {
    // A 304 keeps the counts of the last download (last_items) and says
    // so; it is a success.
    WARTA_ASSIGN_OR_RETURN(
        auto st,
        c.Prepare(
            "INSERT INTO wire_feeds (name, source, last_fetch, last_success, "
            "last_error, fetches, failures, last_items, last_created, "
            "last_updated, last_linked, not_modified, last_not_modified) "
            "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9, ?10, ?11, ?11) "
            "ON CONFLICT (name) DO UPDATE SET source = excluded.source, "
            "last_fetch = excluded.last_fetch, last_success = CASE WHEN "
            "excluded.last_error = '' THEN excluded.last_fetch ELSE "
            "wire_feeds.last_success END, last_error = excluded.last_error, "
            "fetches = wire_feeds.fetches + 1, failures = wire_feeds.failures "
            "+ excluded.failures, last_items = CASE WHEN excluded.last_error = "
            "'' AND ?11 = 0 THEN excluded.last_items ELSE "
            "wire_feeds.last_items "
            "END, last_created = excluded.last_created, last_updated = "
            "excluded.last_updated, last_linked = excluded.last_linked, "
            "not_modified = wire_feeds.not_modified + ?11, "
            "last_not_modified = ?11"));
    WARTA_RETURN_IF_ERROR(st.Bind(1, f.feed)
                              .Bind(2, f.source)
                              .Bind(3, f.at)
                              .Bind(4, ok ? f.at : 0)
                              .Bind(5, f.error)
                              .Bind(6, ok ? 0 : 1)
                              .Bind(7, f.items)
                              .Bind(8, f.created)
                              .Bind(9, f.updated)
                              .Bind(10, f.linked)
                              .Bind(11, ok && f.not_modified ? 1 : 0)
                              .Run());
    // Validators: the new ones after a download, none after a failure; a
    // 304 keeps them (or takes a new ETag it carries).
    if (ok && f.not_modified && f.validators.etag.empty() &&
        f.validators.last_modified.empty())
      return Status::Ok();
    WARTA_ASSIGN_OR_RETURN(auto v,
                           c.Prepare("INSERT INTO wire_sources (feed, source, "
                                     "etag, last_modified) VALUES (?, ?, ?, ?) "
                                     "ON CONFLICT (feed, source) DO UPDATE SET "
                                     "etag = excluded.etag, "
                                     "last_modified = excluded.last_modified"));
    return v.Bind(1, f.feed)
        .Bind(2, f.source)
        .Bind(3, ok ? f.validators.etag : "")
        .Bind(4, ok ? f.validators.last_modified : "")
        .Run();
  });
}

template <typename Core>
Result<WireValidators> Rows<Core>::GetWireValidators(std::string_view feed,
                                                     std::string_view source) {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT etag, last_modified FROM wire_sources "
                             "WHERE feed = ? AND source = ?"));
  st.Bind(1, feed).Bind(2, source);
  WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
  WireValidators v;
  if (row) {
    v.etag = st.Text(0);
    v.last_modified = st.Text(1);
  }
  return v;
}

template <typename Core>
Result<std::vector<WireFeedStatus>> Rows<Core>::ListWireFeeds() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st,
      (*r)->Prepare("SELECT name, source, last_fetch, last_success, "
                    "last_error, fetches, failures, last_items, last_created, "
                    "last_updated, last_linked, (SELECT COUNT(*) FROM "
                    "wire_items w WHERE w.feed = f.name), not_modified, "
                    "last_not_modified FROM wire_feeds f "
                    "ORDER BY name"));
  std::vector<WireFeedStatus> out;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    WireFeedStatus s;
    int i = 0;
    s.name = st.Text(i++);
    s.source = st.Text(i++);
    s.last_fetch = st.Int(i++);
    s.last_success = st.Int(i++);
    s.last_error = st.Text(i++);
    s.fetches = st.Int(i++);
    s.failures = st.Int(i++);
    s.last_items = st.Int(i++);
    s.last_created = st.Int(i++);
    s.last_updated = st.Int(i++);
    s.last_linked = st.Int(i++);
    s.items_known = st.Int(i++);
    s.not_modified = st.Int(i++);
    s.last_not_modified = st.Int(i++) != 0;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace warta::sql
