#!/usr/bin/env bash
# bench/compare.sh: graphtui's pretty-printer against `curl ... | jq -C .`,
# the tool a user would reach for instead (README, "Performance").
#
#   1. End to end: `graphtui get -o pretty` (colour forced on) against the
#      demo tenant's large page, and curl + jq -C . on the same URL with a
#      token from `graphtui token --raw`.
#   2. The same bytes from a file: jq -C . against graphtui's highlighter
#      (bench/pagetool pretty), on that page and on the generated 10 and
#      50 MiB pages the graph package's benchmarks use.
#
# Usage: bench/compare.sh            (from anywhere in the repository)
#        RUNS=10 MB=20 bench/compare.sh
# Uses hyperfine when installed, else timed loops; skipped without curl or jq.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5} # timed runs per command, after one warm-up run
MB=${MB:-20}    # size of the demo's large page

for tool in curl jq go; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "bench/compare.sh: skipped: $tool is not installed (e.g. apt-get install $tool)"
		exit 0
	fi
done

work=$(mktemp -d)
serve_pid=
cleanup() {
	if [[ -n $serve_pid ]]; then
		kill -INT "$serve_pid" 2>/dev/null || true
		wait "$serve_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "Building graphtui and bench/pagetool..."
go build -o "$work/graphtui" .
go build -o "$work/pagetool" ./bench/pagetool
export GRAPHTUI="$work/graphtui" PAGETOOL="$work/pagetool"

echo "Starting the demo tenant..."
"$GRAPHTUI" demo serve --dir "$work/demo" >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 300); do
	grep -q "Press Ctrl+C" "$work/serve.log" && break
	kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
	sleep 0.1
done
graph=$(awk '/Microsoft Graph/ { print $3; exit }' "$work/serve.log") # https://127.0.0.1:PORT/v1.0
export GRAPHTUI_CONFIG="$work/demo/config.toml"
export CA="$work/demo/ca.pem"
export URL="$graph/demo/largePage?mb=$MB"
export PAGE_PATH="/demo/largePage?mb=$MB"
# The token goes to curl in a file (curl -H @file), not on a command line
# that any process on the machine could read.
export AUTH="$work/auth-header"
(umask 077 && printf 'Authorization: Bearer %s\n' "$("$GRAPHTUI" token --raw -p contoso-reader)" >"$AUTH")

echo "Fetching the ${MB} MB page once (the demo makes it on the first request) and writing the generated pages..."
curl -sS --fail --cacert "$CA" -H @"$AUTH" "$URL" -o "$work/demo-$MB.json"
"$PAGETOOL" write 10 "$work/users-10.json"
"$PAGETOOL" write 50 "$work/users-50.json"
export WORK="$work"

# time_ms CMD: runs CMD (a bash command line, output discarded) once to
# warm up, then RUNS times, and prints the fastest and the median wall time
# in ms. On a shared machine other work only ever adds time, so the fastest
# run is the steadier figure; the median shows the spread.
time_ms() {
	local cmd=$1
	if command -v hyperfine >/dev/null 2>&1; then
		hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$work/h.json" "$cmd >/dev/null 2>&1" >/dev/null
		jq -r '.results[0] | "\(.min * 1000 | round) \(.median * 1000 | round)"' "$work/h.json"
		return
	fi
	local times=() t0 t1
	bash -c "$cmd" >/dev/null 2>&1
	for _ in $(seq "$RUNS"); do
		t0=$(date +%s%N)
		bash -c "$cmd" >/dev/null 2>&1
		t1=$(date +%s%N)
		times+=($(((t1 - t0) / 1000000)))
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[1], v[int((NR + 1) / 2)] }'
}

# compare LABEL GRAPHTUI_CMD JQ_CMD: one row of the table.
compare() {
	local g_min g_med j_min j_med
	read -r g_min g_med < <(time_ms "$2")
	read -r j_min j_med < <(time_ms "$3")
	printf '| %-44s | %6s / %-6s | %6s / %-6s | %6s |\n' "$1" "$g_min" "$g_med" "$j_min" "$j_med" \
		"$(awk -v g="$g_min" -v j="$j_min" 'BEGIN { printf "%.1fx", j / (g ? g : 1) }')"
}

size_mb() { awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

echo
echo "Wall time in ms, fastest / median of $RUNS runs; jq/gt compares the fastest. $(nproc) CPUs: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)."
echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)."
if ! command -v hyperfine >/dev/null 2>&1; then echo "(hyperfine not installed: timed with bash loops)"; fi
echo
printf '| %-44s | %-15s | %-15s | %6s |\n' "case" "graphtui" "jq" "jq/gt"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "-----------------" "-----------------" "--------"
compare "get -o pretty vs curl + jq -C ., $(size_mb "$work/demo-$MB.json") MB" \
	'COLORTERM=truecolor "$GRAPHTUI" get "$PAGE_PATH" -p contoso-reader -o pretty --color always' \
	'curl -sS --fail --cacert "$CA" -H @"$AUTH" "$URL" | jq -C .'
compare "file, demo page, $(size_mb "$work/demo-$MB.json") MB" \
	'"$PAGETOOL" pretty "$WORK/demo-'"$MB"'.json"' 'jq -C . "$WORK/demo-'"$MB"'.json"'
compare "file, generated /users, $(size_mb "$work/users-10.json") MB" \
	'"$PAGETOOL" pretty "$WORK/users-10.json"' 'jq -C . "$WORK/users-10.json"'
compare "file, generated /users, $(size_mb "$work/users-50.json") MB" \
	'"$PAGETOOL" pretty "$WORK/users-50.json"' 'jq -C . "$WORK/users-50.json"'
