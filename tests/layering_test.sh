#!/usr/bin/env bash
# Holds the dependency table of docs/architecture.md: a module may include
# only itself and the modules listed for it. Prints each violation.
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
declare -A allowed=(
  [base]="base"
  [metrics]="metrics base"
  [config]="config base"
  [text]="text base"
  [markup]="markup base"
  [media]="media base content"
  [content]="content base text"
  [store]="store content base text metrics"
  [url]="url base content"
  [index]="index content text base config store"
  [newsroom]="newsroom content markup text store base metrics"
  [render]="render content url markup base"
  [feeds]="feeds content url markup render base"
  [ingest]="ingest content markup newsroom store base text http metrics"
  [http]="http base"
  [site]="site content store index url render feeds http base newsroom markup text metrics"
  [admin]="admin media content store index url render feeds http base newsroom markup text site config metrics"
  [ops]="ops base metrics http store config index text content"
  [app]="*"
  [cli]="*"
)
status=0
for dir in "$root"/src/*/; do
  module=$(basename "$dir")
  ok=${allowed[$module]-}
  if [ -z "$ok" ]; then
    echo "layering: module src/$module is not in the table"; status=1; continue
  fi
  [ "$ok" = "*" ] && continue
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"$line")
    case " $ok " in *" $inc "*) ;; *)
      echo "layering: $file includes $inc/, which $module may not use"; status=1;;
    esac
  done < <(grep -rHE '^#include "[a-z_]+/' "$dir" --include='*.h' --include='*.cc' | grep -v '_test\.cc:')
done
# Modules take the narrow store interfaces they use (store/*_store.h), never
# the whole Store: only the store itself, the composition root (app/) and
# tests (which build whole stores) name it or include store/store.h.
while IFS= read -r hit; do
  echo "layering: $hit names the whole Store; take the narrow store interfaces it uses"
  status=1
done < <(grep -rnE '(^|[^A-Za-z0-9_:"])(warta::)?Store[[:space:]]*[&*>]|#include "store/store\.h"' \
           "$root/src" --include='*.h' --include='*.cc' |
         grep -vE "^$root/src/(store|app)/" |
         grep -vE '_test\.cc:|/testing/' |
         grep -vE '^[^:]+:[0-9]+:[[:space:]]*//')
# Third-party headers stay in their module.
check_only() {
  local header=$1; shift
  local hits
  hits=$(grep -rlE "#include <$header" "$root/src" | grep -vE "$(IFS='|'; echo "$*")" || true)
  if [ -n "$hits" ]; then echo "layering: <$header> used outside $*: $hits"; status=1; fi
}
check_only 'sqlite3.h' 'src/store/sqlite/'
check_only 'libpq' 'src/store/postgres/'
check_only 'boost/' 'src/http/'
check_only 'kainjow/' 'src/render/'
check_only 'md4c' 'src/markup/'
check_only 'hunspell' 'src/text/'
check_only 'libstemmer' 'src/text/'
check_only 'CLI/' 'src/cli/'
check_only 'sodium' 'src/admin/'
check_only 'vips/' 'src/media/'
exit $status
