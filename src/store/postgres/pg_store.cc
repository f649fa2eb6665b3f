#include "store/postgres/pg_store.h"

namespace warta {

Result<std::unique_ptr<Store>> OpenPgStore(const PgOptions& options,
                                           const Clock& clock) {
  (void)options;
  (void)clock;
  return Status::FailedPrecondition("the PostgreSQL store is not built yet");
}

}  // namespace warta
