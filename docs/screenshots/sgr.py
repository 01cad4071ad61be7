#!/usr/bin/env python3
"""Rewrite a `tmux capture-pane -e` screen into the ANSI that freeze draws right.

tmux writes a colour only where it changes, so a line may start in the colour the
line before it ended with, and it ends colours with 39/49. freeze starts every line
afresh and ignores 39 and 49. So: track the full style, and before any text whose
style differs from what freeze last drew, write a reset and the whole style again.

Reads the capture on stdin, writes the rewritten one on stdout.
"""

import re
import sys

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
ESC = re.compile(r"\x1b(\[[0-9;:?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")

# Attributes freeze knows (bold it ignores, but keeping it costs nothing),
# keyed by the code that turns each one off.
ATTR_OFF = {22: (1, 2), 23: (3,), 24: (4,), 25: (5,), 27: (7,), 28: (8,), 29: (9,)}


def colour(params, i):
    """The extended colour at params[i] (38 or 48) and the index after it."""
    kind = params[i + 1] if i + 1 < len(params) else None
    if kind == 5 and i + 2 < len(params):
        return f"5;{params[i + 2]}", i + 3
    if kind == 2 and i + 4 < len(params):
        return ";".join(map(str, [2] + params[i + 2 : i + 5])), i + 5
    return None, len(params)


def apply(style, text):
    fg, bg, attrs = style
    params = [int(p) if p else 0 for p in re.split("[;:]", text)] if text else [0]
    i = 0
    while i < len(params):
        p = params[i]
        if p == 0:
            fg, bg, attrs = None, None, frozenset()
        elif p in (1, 2, 3, 4, 5, 7, 8, 9):
            attrs = attrs | {p}
        elif p in ATTR_OFF:
            attrs = attrs - set(ATTR_OFF[p])
        elif 30 <= p <= 37 or 90 <= p <= 97:
            fg = str(p)
        elif 40 <= p <= 47:
            bg = f"48;5;{p - 40}"  # freeze draws only 48;… and 100-107
        elif 100 <= p <= 107:
            bg = str(p)
        elif p == 39:
            fg = None
        elif p == 49:
            bg = None
        elif p in (38, 48):
            c, i = colour(params, i)
            if c is not None:
                if p == 38:
                    fg = "38;" + c
                else:
                    bg = "48;" + c
            continue
        i += 1
    return fg, bg, attrs


def spelled(style):
    """The style as freeze reads it: one code per sequence, the foreground last
    because freeze puts the text in the last span it made."""
    fg, bg, attrs = style
    out = "\x1b[0m"
    if bg:
        out += f"\x1b[{bg}m"
    for a in sorted(attrs):
        out += f"\x1b[{a}m"
    if fg:
        out += f"\x1b[{fg}m"
    return out


def rewrite(lines):
    plain = (None, None, frozenset())
    style = plain
    for line in lines:
        drawn = plain  # freeze starts each line with no style
        out = []
        pos = 0
        for m in ESC.finditer(line):
            out.extend(text_in(line[pos : m.start()], style, drawn))
            if line[pos : m.start()]:
                drawn = style
            pos = m.end()
            sgr = SGR.fullmatch(m.group(0))
            if sgr:
                style = apply(style, sgr.group(1))
            # any other escape is dropped: a screen capture has no use for it
        rest = line[pos:]
        out.extend(text_in(rest, style, drawn))
        out.append("\x1b[0m")
        yield "".join(out)


def text_in(text, style, drawn):
    if not text:
        return []
    if style == drawn:
        return [text]
    return [spelled(style), text]


def main():
    data = sys.stdin.read()
    lines = data.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for line in rewrite(lines):
        sys.stdout.write(line + "\n")


if __name__ == "__main__":
    main()
