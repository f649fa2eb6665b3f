// The PostgreSQL store's final class: the rows code both SQL backends share
// (store/sql), instantiated over PgStore and its driver.
#include "store/postgres/pg_store_impl.h"
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

namespace warta::sql {
template class Rows<pg::PgStore>;
}  // namespace warta::sql
