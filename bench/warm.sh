#!/usr/bin/env bash
# bench/warm.sh: a warm `graphtui get /users -o json` (token from the file
# token cache) against curl with a token it already holds, on the demo
# tenant (`graphtui demo serve`). Issue 13's target: graphtui at most 1.5x
# curl's wall time, and no identity-platform request on a warm call.
#
# Usage: bench/warm.sh               (from anywhere in the repository)
#        RUNS=30 bench/warm.sh
# Uses hyperfine when installed, else timed loops; skipped without curl or jq.
# The token cache lives in a temporary XDG_CACHE_HOME, never yours.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20} # timed runs per command, after one warm-up run

. bench/lib.sh
require_tools curl jq go

echo "Building graphtui..."
release_build "$work/graphtui" .
export GRAPHTUI="$work/graphtui"

start_demo # sets graph: https://127.0.0.1:PORT/v1.0
export GRAPHTUI_CONFIG="$work/demo/config.toml" GRAPHTUI_PROFILE=contoso-reader
export GRAPHTUI_TOKEN_CACHE=file XDG_CACHE_HOME="$work/cache"
export CA="$work/demo/ca.pem" URL="$graph/users" STATS="$graph/demo/stats"
# The token goes to curl in a file (curl -H @file), not on a command line.
export AUTH="$work/auth-header"
(umask 077 && printf 'Authorization: Bearer %s\n' "$("$GRAPHTUI" token --raw)" >"$AUTH")

# identity_requests: token and discovery requests the tenant has served.
identity_requests() {
	curl -sS --fail --cacert "$CA" -H @"$AUTH" "$STATS" | jq '.tokenRequests + .discoveryRequests'
}

"$GRAPHTUI" get /users -o json >/dev/null 2>&1 # the cache is warm from here on
before=$(identity_requests)
"$GRAPHTUI" get /users -o json >/dev/null 2>&1
warm_requests=$(($(identity_requests) - before))

read -r g_min g_med < <(time_ms '"$GRAPHTUI" get /users -o json')
read -r c_min c_med < <(time_ms 'curl -sS --fail --cacert "$CA" -H @"$AUTH" "$URL"')
timed_requests=$(($(identity_requests) - before - warm_requests))

echo
echo "Wall time in ms, fastest / median of $RUNS runs. $(nproc) CPUs; load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)."
if ! command -v hyperfine >/dev/null 2>&1; then echo "(hyperfine not installed: timed with bash loops)"; fi
echo
printf '| %-38s | %-13s |\n' "command" "ms"
printf '|%s|%s|\n' "$(printf -- '-%.0s' {1..40})" "---------------"
printf '| %-38s | %5s / %-5s |\n' "graphtui get /users -o json (warm)" "$g_min" "$g_med"
printf '| %-38s | %5s / %-5s |\n' "curl with a known token" "$c_min" "$c_med"
echo
ratio=$(awk -v g="$g_min" -v c="$c_min" 'BEGIN { printf "%.2f", g / (c ? c : 1) }')
echo "graphtui / curl (fastest): ${ratio}x (target <= 1.5x)"
echo "identity-platform requests: ${warm_requests} on a warm call, ${timed_requests} over the timed runs (target 0)"
