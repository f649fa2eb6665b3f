#!/usr/bin/env bash
# Checks the files under deploy/: the Prometheus alert rules with promtool,
# the systemd units with systemd-analyze, the HAProxy config of several
# nodes with haproxy -c, and the nginx front config with nginx -t (a
# throwaway certificate and cache directory stand in for the real ones). A
# missing tool skips its check with a message (and fails when CI=true, for
# promtool and haproxy).
set -u
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if command -v promtool >/dev/null; then
  promtool check rules "$root/deploy/prometheus-alerts.yml" || status=1
elif [ "${CI:-}" = true ]; then
  echo "deploy: promtool missing (Debian package prometheus)"; status=1
else
  echo "deploy: promtool not found: skipping the alert rules check"
fi

if command -v systemd-analyze >/dev/null; then
  out=$(systemd-analyze verify "$root/deploy/warta.service" \
        "$root/deploy/warta-backup.service" "$root/deploy/warta-backup.timer" 2>&1 |
        grep -v 'is not executable' | grep -v '^$' || true)
  if [ -n "$out" ]; then echo "deploy: systemd-analyze: $out"; status=1; fi
else
  echo "deploy: systemd-analyze not found: skipping the unit check"
fi

if command -v nginx >/dev/null && command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/k.pem" -out "$tmp/c.pem" \
    -days 1 -subj /CN=kabarin.id >/dev/null 2>&1
  mkdir -p "$tmp/logs"
  sed -e "s|/etc/letsencrypt/live/kabarin.id/fullchain.pem|$tmp/c.pem|" \
      -e "s|/etc/letsencrypt/live/kabarin.id/privkey.pem|$tmp/k.pem|" \
      -e "s|/var/cache/nginx/warta|$tmp/cache|" \
      "$root/deploy/nginx-warta.conf" > "$tmp/site.conf"
  printf 'pid %s/nginx.pid;\nerror_log %s/logs/error.log;\nevents {}\nhttp {\n  access_log off;\n  include %s/site.conf;\n}\n' \
    "$tmp" "$tmp" "$tmp" > "$tmp/nginx.conf"
  nginx -t -q -c "$tmp/nginx.conf" -p "$tmp" 2>&1 | grep -v ssl_stapling
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "deploy: nginx -t failed"; status=1; }
else
  echo "deploy: nginx not found: skipping the front config check"
fi
if command -v haproxy >/dev/null; then
  haproxy -c -q -f "$root/deploy/haproxy-warta.cfg" || { echo "deploy: haproxy -c failed"; status=1; }
elif [ "${CI:-}" = true ]; then
  echo "deploy: haproxy missing (Debian package haproxy)"; status=1
else
  echo "deploy: haproxy not found: skipping the load balancer config check"
fi
exit $status
