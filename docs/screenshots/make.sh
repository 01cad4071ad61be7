#!/usr/bin/env bash
# Makes the README's pictures of the terminal UI: runs `graphtui demo` in a
# private tmux server, drives it with keys, captures each screen with its
# colours and renders it to SVG with freeze. One command: docs/screenshots/make.sh
#
# Needs tmux, Go, Python 3, fonttools (pyftsubset), and the network for the
# first `go run` of freeze (the module cache keeps it after that).
set -euo pipefail

review= # with --review DIR: PNG copies and the plain-text screens go to DIR too
while (($#)); do
	case $1 in
	--review)
		review=$(mkdir -p "${2:?--review needs a directory}" && cd "$2" && pwd)
		shift 2
		;;
	-h | --help)
		sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
		echo "Usage: $0 [--review DIR]"
		exit 0
		;;
	*)
		echo "make.sh: unknown argument $1; usage: $0 [--review DIR]" >&2
		exit 2
		;;
	esac
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
freeze=github.com/charmbracelet/freeze@v0.2.2
cols=110
rows=32
timeout=30 # seconds to wait for an expected screen

say() { printf 'make.sh: %s\n' "$*" >&2; }
die() {
	say "$@"
	exit 1
}

need() {
	command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: $2"
}
need tmux "install tmux (apt install tmux, brew install tmux), then run this again"
need go "install Go (see go.mod for the version), then run this again"
need python3 "install Python 3, then run this again"
need pyftsubset "install fonttools (apt install fonttools, brew install fonttools or pip install fonttools), then run this again"

work=$(mktemp -d)
# A socket of our own in the temporary directory: the user's tmux server and
# its settings are never touched, and a run never meets a previous one's server.
sock=$work/tmux.sock
tm() { tmux -u -S "$sock" "$@"; }
cleanup() {
	tm kill-server >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/tmux.conf" <<'EOF'
set -s exit-empty off
set -s escape-time 0
set -g status off
set -g remain-on-exit on
EOF

say "building graphtui"
(cd "$root" && go build -o "$work/graphtui" .)

say "fetching freeze ($freeze) and its font"
if ! info=$(cd "$work" && go mod download -json "$freeze"); then
	printf '%s\n' "$info" >&2
	die "could not download $freeze: the first run needs the network (the Go module proxy)"
fi
fontdir=$(printf '%s\n' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
font=$fontdir/font/JetBrainsMonoNL-Regular.ttf
[[ -f $font ]] || die "no font at $font: has freeze $freeze moved it? Look in $fontdir"

tm -f "$work/tmux.conf" start-server

# start NAME ARGS...: runs graphtui with ARGS in a new session NAME, in a fixed
# environment: an empty temporary home (no config or state of the user's), a
# truecolor xterm, UTC, and presenter mode off (its default: no --presenter).
start() {
	local name=$1
	shift
	local home=$work/home-$name
	mkdir -p "$home"
	tm new-session -d -s "$name" -x "$cols" -y "$rows" \
		env -i HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_STATE_HOME="$home/.local/state" \
		XDG_CACHE_HOME="$home/.cache" PATH=/usr/bin:/bin LANG=C.UTF-8 TZ=UTC \
		TERM=xterm-256color COLORTERM=truecolor "$work/graphtui" "$@"
}

screen() { tm capture-pane -p -t "$1"; }

# wait_for NAME TEXT: polls the screen until it shows TEXT.
wait_for() {
	local name=$1 text=$2 deadline=$((SECONDS + timeout))
	until screen "$name" | grep -qF -- "$text"; do
		if ((SECONDS >= deadline)); then
			say "waited ${timeout}s for \"$text\" on the $name screen, which shows:"
			screen "$name" >&2
			die "the keys or the TUI's words may have changed: update the steps in $0"
		fi
		sleep 0.1
	done
}

# press NAME KEY TEXT: sends one key (tmux's name for it), then waits for TEXT.
press() {
	tm send-keys -t "$1" "$2"
	wait_for "$1" "$3"
}

# type_path NAME PATH: types PATH into the path input one character at a
# time, waiting for the URL preview to show each prefix.
type_path() {
	local name=$1 path=$2 i
	for ((i = 1; i <= ${#path}; i++)); do
		tm send-keys -t "$1" -l "${path:i-1:1}"
		wait_for "$name" "/v1.0${path:0:i}"
	done
}

# shoot NAME FILE: captures the screen once it has stopped changing, checks it
# holds nothing of this machine, and renders it to FILE.svg.
shoot() {
	local name=$1 out=$here/$2.svg before after=
	before=$(tm capture-pane -e -p -t "$name")
	until [[ $before == "$after" ]]; do
		sleep 0.1
		after=$before
		before=$(tm capture-pane -e -p -t "$name")
	done
	printf '%s\n' "$before" >"$work/$name.ansi"
	screen "$name" >"$work/$name.txt"
	if grep -qF -e "$work" -e "$root" "$work/$name.txt"; then
		die "the $name screen shows a path of this machine; not writing $out"
	fi

	# Embed only the glyphs the screen uses: the whole font is about 350 KB of
	# each SVG, this subset about 10 KB.
	{
		cat "$work/$name.txt"
		printf '%s' ' !"#$%&'\''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
	} >"$work/$name.chars"
	pyftsubset "$font" --text-file="$work/$name.chars" --flavor=woff --no-hinting \
		--name-IDs='*' --output-file="$work/$name.woff"

	python3 "$here/sgr.py" <"$work/$name.ansi" >"$work/$name.freeze"
	# </dev/null: freeze reads a piped stdin instead of its file argument.
	(cd "$work" && go run "$freeze" --config "$here/freeze.json" --language ansi \
		--font.file "$work/$name.woff" --font.family "JetBrains Mono" \
		--output "$out" "$work/$name.freeze" </dev/null >/dev/null)
	say "wrote ${out#"$root"/} ($(wc -c <"$out") bytes)"
	if [[ -n $review ]]; then
		cp "$work/$name.txt" "$review/$2.txt"
		(cd "$work" && go run "$freeze" --config "$here/freeze.json" --language ansi \
			--output "$review/$2.png" "$work/$name.freeze" </dev/null >/dev/null)
	fi
}

# The doctor at work: wrong-role has only Group.Read.All, so /users answers
# 403 and the Diagnosis tab opens by itself, naming the permission to add.
start diagnosis demo -p wrong-role
wait_for diagnosis "type a Graph path"
type_path diagnosis /users
press diagnosis Enter "Next steps"
shoot diagnosis diagnosis

# The table view of a list: /users as contoso-reader, then T.
start table demo
wait_for table "type a Graph path"
type_path table /users
press table Enter "200 OK"
press table T "row 1-"
shoot table table-view
