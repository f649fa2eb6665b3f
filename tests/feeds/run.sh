#!/usr/bin/env bash
# Runs the real-client tests (clients.test.mjs) with Node's test runner.
# Needs node, xmllint and tests/feeds/node_modules (scripts/test runs
# `npm ci` here). Skips (exit 77) when they are missing, fails when CI=true.
set -u
here=$(cd "$(dirname "$0")" && pwd)
missing=""
command -v node >/dev/null || missing+=" node"
command -v xmllint >/dev/null || missing+=" xmllint"
[[ -d "$here/node_modules/rss-parser" ]] || missing+=" tests/feeds/node_modules (run: npm ci --prefix tests/feeds)"
if [[ -n "$missing" ]]; then
  echo "feeds_clients: missing:$missing" >&2
  [[ "${CI:-}" == "true" ]] && exit 1
  exit 77
fi
cd "$here" && exec node --test --test-reporter=spec clients.test.mjs
