# bench/lib.sh: what bench/compare.sh and bench/warm.sh share. Sourced,
# not run: it needs the caller's `set -euo pipefail` and repository root,
# and RUNS set before time_ms is called.

# require_tools NAME...: exit 0 with a note when a tool is missing, so a
# machine without curl or jq skips the benchmark instead of failing it.
require_tools() {
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null 2>&1; then
			echo "$(basename "$0"): skipped: $tool is not installed (e.g. apt-get install $tool)"
			exit 0
		fi
	done
}

# A work directory removed on exit, with the demo tenant stopped first.
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

# start_demo: `$GRAPHTUI demo serve` in the background, waited for until it
# is ready; sets graph to its Graph base URL (https://127.0.0.1:PORT/v1.0).
start_demo() {
	echo "Starting the demo tenant..."
	"$GRAPHTUI" demo serve --dir "$work/demo" >"$work/serve.log" 2>&1 &
	serve_pid=$!
	for _ in $(seq 300); do
		grep -q "Press Ctrl+C" "$work/serve.log" && break
		kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
		sleep 0.1
	done
	graph=$(awk '/Microsoft Graph/ { print $3; exit }' "$work/serve.log")
}

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

# release_build OUT PKG: go build with the flags releases use
# (.goreleaser.yaml: -trimpath, -s -w), so start-up is measured on the
# binary people run, not one carrying debug tables.
release_build() {
	go build -trimpath -ldflags='-s -w' -o "$1" "$2"
}
