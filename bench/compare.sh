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
#   3. Memory: peak RSS of `graphtui get -o pretty` on a BIG MB page (the
#      body is streamed, so it should stay well under the body's size), and
#      that the whole body was written.
#   4. Start-up: package initialisation (GODEBUG=inittrace=1, summed) and
#      `graphtui --version` against bench/minhttps, a minimal Go program
#      linking net/http and crypto/tls.
#
# Usage: bench/compare.sh            (from anywhere in the repository)
#        RUNS=10 MB=20 BIG=100 bench/compare.sh
#        BEFORE=/path/to/old/graphtui bench/compare.sh   (adds its rows to 3 and 4)
# Uses hyperfine when installed, else timed loops; skipped without curl or jq.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5} # timed runs per command, after one warm-up run
MB=${MB:-20}    # size of the demo's large page
BIG=${BIG:-100} # size of the page for the memory row
BEFORE=${BEFORE:-} # an older graphtui binary to compare in the memory and start-up rows

. bench/lib.sh
require_tools curl jq go

echo "Building graphtui and bench/pagetool..."
release_build "$work/graphtui" .
go build -o "$work/pagetool" ./bench/pagetool
release_build "$work/minhttps" ./bench/minhttps
export GRAPHTUI="$work/graphtui" PAGETOOL="$work/pagetool" MINHTTPS="$work/minhttps"

start_demo # sets graph: https://127.0.0.1:PORT/v1.0
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

echo
echo "Memory: get -o pretty of the ${BIG} MB demo page (peak RSS from /usr/bin/time; bytes written counted by wc)."
curl -sS --fail --cacert "$CA" -H @"$AUTH" "$graph/demo/largePage?mb=$BIG" -o "$work/big.json"
big_bytes=$(wc -c <"$work/big.json")
rm -f "$work/big.json"
pretty_bytes=
# peak_rss BINARY: the peak RSS in MB of one get, and its output's size.
peak_rss() {
	local bin=$1 kb out
	if [[ ! -x /usr/bin/time ]]; then
		echo "n/a (no /usr/bin/time)"
		return
	fi
	out=$( { /usr/bin/time -f '%M' "$bin" get "/demo/largePage?mb=$BIG" -p contoso-reader -o pretty --max-body 1GB 2>"$work/time.err" | wc -c; } )
	kb=$(tail -1 "$work/time.err")
	awk -v kb="$kb" -v body="$big_bytes" -v out="$out" 'BEGIN { printf "%.0f MB = %.2fx the body; %d bytes written\n", kb / 1024, kb * 1024 / body, out }'
}
printf '| %-20s | %s |\n' "binary" "peak RSS, ${BIG} MB page ($(awk -v b="$big_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MB)"
printf '|%s|%s|\n' "----------------------" "------------------------------------------"
for i in 1 2 3; do printf '| %-20s | %s |\n' "graphtui (run $i)" "$(peak_rss "$GRAPHTUI")"; done
if [[ -n $BEFORE ]]; then
	for i in 1 2 3; do printf '| %-20s | %s |\n' "before (run $i)" "$(peak_rss "$BEFORE")"; done
fi

# init_ms BINARY: package initialisation in ms, summed from inittrace,
# fastest and median of RUNS runs.
init_ms() {
	for _ in $(seq "$RUNS"); do
		GODEBUG=inittrace=1 "$1" --version 2>&1 >/dev/null | awk '/^init / { s += $5 } END { printf "%.1f\n", s }'
	done | sort -n | awk '{ v[NR] = $1 } END { print v[1], v[int((NR + 1) / 2)] }'
}
echo
echo "Start-up: ms, fastest / median of $RUNS runs."
printf '| %-30s | %-15s | %-15s | %-15s |\n' "binary" "init (inittrace)" "--version" "minhttps"
printf '|%s|%s|%s|%s|\n' "--------------------------------" "-----------------" "-----------------" "-----------------"
startup_row() {
	local i_min i_med v_min v_med m_min m_med
	read -r i_min i_med < <(init_ms "$2")
	export BIN=$2
	read -r v_min v_med < <(time_ms '"$BIN" --version')
	read -r m_min m_med < <(time_ms '"$MINHTTPS" --version')
	printf '| %-30s | %6s / %-6s | %6s / %-6s | %6s / %-6s | %s\n' "$1" "$i_min" "$i_med" "$v_min" "$v_med" "$m_min" "$m_med" \
		"$(awk -v g="$v_min" -v m="$m_min" 'BEGIN { printf "%.1fx the minimal program", g / (m ? m : 1) }')"
}
startup_row graphtui "$GRAPHTUI"
if [[ -n $BEFORE ]]; then
	startup_row before "$BEFORE"
fi
