// Rows (store/sql/rows.h), both SQL backends: an article's review state.
#include "store/sql/rows.h"

namespace warta::sql {

template <typename Core>
Status Rows<Core>::WriteReviewState(Connection& c, std::int64_t id,
                                    const ReviewChange& review) {
  const std::string& state = review.state;
  if (state != "" && state != "submitted" && state != "returned")
    return Status::InvalidArgument("review state \"" + state + "\"");
  WARTA_ASSIGN_OR_RETURN(auto st,
                         c.Prepare("UPDATE articles SET review_state = ?, "
                                   "review_note = ?, review_by = ?, "
                                   "review_at = ? WHERE id = ? AND "
                                   "deleted_at IS NULL"));
  std::optional<std::int64_t> at;
  if (!state.empty()) at = clock_.Now();
  WARTA_RETURN_IF_ERROR(st.Bind(1, state)
                            .Bind(2, review.note)
                            .Bind(3, state.empty() ? 0 : review.by)
                            .Bind(4, at)
                            .Bind(5, id)
                            .Run());
  if (c.Changes() == 0)
    return Status::NotFound("article " + std::to_string(id))
        .WithReason("not_found", {{"what", "article"}});
  return Status::Ok();
}

template <typename Core>
Status Rows<Core>::SetReviewState(std::int64_t id, const std::string& state,
                                  const std::string& note, std::int64_t by) {
  return Write([&](Connection& c) -> Status {
    WARTA_RETURN_IF_ERROR(WriteReviewState(c, id, {state, note, by}));
    return LogArticleChange(c, id);
  });
}

}  // namespace warta::sql
