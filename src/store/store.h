// Store: warta's whole durable state, as the sum of the narrow store
// interfaces beside this file. Backends: store/sqlite (embedded, one
// machine) and store/postgres (many nodes). Callers never see a backend's
// types, and modules see only the narrow interfaces they use: the whole
// Store is named by the backends, the composition root (app/) and tests
// (tests/layering_test.sh holds this). Every method is thread-safe and every
// write is a single transaction that is durable once the call returns.
#ifndef WARTA_STORE_STORE_H_
#define WARTA_STORE_STORE_H_

#include "store/article_store.h"
#include "store/change_store.h"
#include "store/coordination_store.h"
#include "store/discovery_store.h"
#include "store/distribution_store.h"
#include "store/editorial_store.h"
#include "store/home_store.h"
#include "store/live_update_store.h"
#include "store/maintenance_store.h"
#include "store/media_store.h"
#include "store/reader_store.h"
#include "store/revision_store.h"
#include "store/settings_store.h"
#include "store/taxonomy_store.h"
#include "store/user_store.h"
#include "store/wire_store.h"

namespace warta {

class Store : public ArticleStore,
              public TaxonomyStore,
              public DistributionStore,
              public WireStore,
              public UserStore,
              public RevisionStore,
              public EditorialStore,
              public SettingsStore,
              public HomeStore,
              public LiveUpdateStore,
              public DiscoveryStore,
              public MaintenanceStore,
              public MediaStore,
              public ReaderStore,
              public ChangeStore,
              public CoordinationStore {
 public:
  ~Store() override = default;
};

}  // namespace warta

#endif  // WARTA_STORE_STORE_H_
