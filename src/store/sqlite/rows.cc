// The SQLite store's final class: the rows code both SQL backends share
// (store/sql), instantiated over SqliteStore and its driver.
#include "store/sql/discovery_rows.h"
#include "store/sql/distribution_rows.h"
#include "store/sql/home_rows.h"
#include "store/sql/listing_rows.h"
#include "store/sql/live_update_rows.h"
#include "store/sql/media_rows.h"
#include "store/sql/reader_rows.h"
#include "store/sql/review_rows.h"
#include "store/sql/revision_rows.h"
#include "store/sql/taxonomy_rows.h"
#include "store/sql/user_rows.h"
#include "store/sql/wire_rows.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace warta::sql {
template class Rows<sqlite::SqliteStore>;
}  // namespace warta::sql
