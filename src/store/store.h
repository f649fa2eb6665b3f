// Store: warta's whole durable state behind one interface. Backends:
// store/sqlite (embedded, one machine) and later store/postgres (many nodes).
// Callers never see a backend's types. Every method is thread-safe and every
// write is a single transaction that is durable once the call returns.
#ifndef WARTA_STORE_STORE_H_
#define WARTA_STORE_STORE_H_

#include <cstdint>
#include <string>

#include "base/result.h"
#include "store/article_store.h"
#include "store/discovery_store.h"
#include "store/distribution_store.h"
#include "store/editorial_store.h"
#include "store/maintenance_store.h"
#include "store/revision_store.h"
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
              public DiscoveryStore,
              public MaintenanceStore {
 public:
  ~Store() override = default;

  // A number that grows with every committed write, from any process or
  // node. Readers poll it to learn that cached pages or indexes are stale.
  virtual Result<std::int64_t> ChangeSeq() = 0;

  // The schema version after migrations ran (the highest migration number).
  virtual int SchemaVersion() const = 0;

  // "sqlite", "postgres".
  virtual std::string BackendName() const = 0;
};

}  // namespace warta

#endif  // WARTA_STORE_STORE_H_
