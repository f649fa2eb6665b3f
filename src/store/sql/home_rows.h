// Rows (store/sql/rows.h), both SQL backends: the home page's pinned stories
// (store/home_store.h), kept in home_pins (migration 050): position 0 the
// lead, 1.. the top stories.
#include <set>

#include "store/sql/rows.h"

namespace warta::sql {

template <typename Core>
Result<HomePins> Rows<Core>::GetHomePins() {
  WARTA_ASSIGN_OR_RETURN(auto r, BorrowReader());
  WARTA_ASSIGN_OR_RETURN(
      auto st, (*r)->Prepare("SELECT position, article_id, until FROM "
                             "home_pins WHERE position BETWEEN 0 AND 4 "
                             "ORDER BY position"));
  HomePins pins;
  while (true) {
    WARTA_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    if (st.Int(0) == 0) {
      pins.lead = st.Int(1);
      pins.lead_until = st.OptInt(2);
    } else {
      pins.top.push_back(st.Int(1));
    }
  }
  return pins;
}

template <typename Core>
Status Rows<Core>::SetHomePins(const HomePins& pins) {
  if (static_cast<int>(pins.top.size()) > kMaxTopStories)
    return Status::InvalidArgument("top: at most " +
                                   std::to_string(kMaxTopStories) + " stories")
        .WithField("top");
  if (pins.lead_until && pins.lead == 0)
    return Status::InvalidArgument("lead: an expiry needs a lead")
        .WithField("lead");
  std::vector<std::int64_t> ids;
  if (pins.lead != 0) ids.push_back(pins.lead);
  ids.insert(ids.end(), pins.top.begin(), pins.top.end());
  std::set<std::int64_t> seen;
  for (std::int64_t id : ids) {
    if (id <= 0)
      return Status::InvalidArgument("pins: expected article ids")
          .WithField("pins");
    if (!seen.insert(id).second)
      return Status::InvalidArgument("pins: article " + std::to_string(id) +
                                     " pinned twice")
          .WithField("pins");
  }
  return Write([&](Connection& c) -> Status {
    WARTA_ASSIGN_OR_RETURN(auto live,
                           c.Prepare("SELECT 1 FROM articles WHERE id = ? AND "
                                     "deleted_at IS NULL"));
    for (std::int64_t id : ids) {
      WARTA_ASSIGN_OR_RETURN(bool row, live.Bind(1, id).Step());
      live.Reset();
      if (!row)
        return Status::NotFound("article " + std::to_string(id))
            .WithReason("not_found", {{"what", "article"}});
    }
    WARTA_ASSIGN_OR_RETURN(auto clear, c.Prepare("DELETE FROM home_pins"));
    WARTA_RETURN_IF_ERROR(clear.Run());
    WARTA_ASSIGN_OR_RETURN(
        auto ins, c.Prepare("INSERT INTO home_pins (position, article_id, "
                            "until) VALUES (?, ?, ?)"));
    auto put = [&](int position, std::int64_t id,
                   std::optional<Timestamp> until) -> Status {
      ins.Bind(1, position).Bind(2, id).Bind(3, until);
      WARTA_RETURN_IF_ERROR(ins.Run());
      ins.Reset();
      return Status::Ok();
    };
    if (pins.lead != 0)
      WARTA_RETURN_IF_ERROR(put(0, pins.lead, pins.lead_until));
    for (size_t i = 0; i < pins.top.size(); ++i)
      WARTA_RETURN_IF_ERROR(put(static_cast<int>(i) + 1, pins.top[i], {}));
    NoteChangedKey("home");  // the home page alone shows the pins
    return Status::Ok();
  });
}

}  // namespace warta::sql
