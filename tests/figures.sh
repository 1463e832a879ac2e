#!/bin/bash
# tests/figures.sh: the figures of the book (chapter figures.w), checked
# with other programs: Graphviz reads them back, they use the fonts they
# name, their text is large enough where the book prints them, `ltcp dot`
# refuses bad arguments, and two builds of every figure are identical to the
# byte.  Run from the top directory after `make pdf`; prints "ok NAME" or
# "FAIL NAME" with the reason.
set -u
export LC_ALL=C
ok()   { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }
names="fig1-lifecycle fig2-handshake fig3-teardown fig4-client fig5-server fig6-fsm
       step-1 step-2 step-3 step-4 step-5 step-6 step-7
       tsg-timeout tsg-newreno tsg-sack loss-goodput fig1-kernel"
fig=build/figures
ltcp=build/ltcp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

missing=""
for n in $names; do [ -s "$fig/$n.dot" ] && [ -s "$fig/$n.pdf" ] || missing="$missing $n"; done
if [ -n "$missing" ]; then
  fail "figures: every figure is built" "missing in $fig:$missing (run make pdf)"
  exit 1
fi
ok "figures: every figure is built"

# figures/README.md (committed; make figures fills the folder) lists every
# figure that the book includes, and no other.
used=$(grep -v '^@q' chapters/*.w | grep -ohE '\\fig\{[a-z0-9-]+\}' | sed -E 's/.*\{(.*)\}/\1/' | sort -u)
listed=$(grep -oE '^\| `[a-z0-9-]+`' figures/README.md | tr -d '|` ' | sort -u)
[ -n "$used" ] && [ "$used" = "$listed" ] && [ "$used" = "$(tr ' ' '\n' <<<"$names" | grep . | sort -u)" ] \
  && ok "figures: figures/README.md lists every figure of the book" \
  || fail "figures: figures/README.md lists every figure of the book" "used: $(echo $used)" "listed: $(echo $listed)"

# Graphviz reads Figure 6 back: 22 arrows, each with its kind as a class,
# and 11 boxes of class "state".
json=$(dot -Tjson0 "$fig/fig6-fsm.dot" 2>&1)
arrows=$(grep -cE '"class": "(client|server|abnormal)"' <<<"$json")
states=$(grep -c '"class": "state"' <<<"$json")
kinds=$(grep -oE '"class": "(client|server|abnormal)"' <<<"$json" | sed -E 's/.*: "(.*)"/\1/' \
  | sort | uniq -c | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}')
if [ "$arrows" -eq 22 ] && [ "$states" -eq 11 ]; then
  ok "figures: dot -Tjson0 reads Figure 6 back: 22 arrows, 11 states"
else
  fail "figures: dot -Tjson0 reads Figure 6 back: 22 arrows, 11 states" \
    "found $arrows arrows ($kinds) and $states states"
fi
[ "$kinds" = "10 abnormal, 6 client, 6 server" ] \
  && ok "figures: Figure 6 has 6 client, 6 server and 10 abnormal arrows" \
  || fail "figures: Figure 6 has 6 client, 6 server and 10 abnormal arrows" "found: $kinds"

# Every figure is read by Graphviz without a warning (a missing font, a
# label too large for its box ...).
bad=""
for n in $names; do
  w=$(dot -Tsvg "$fig/$n.dot" 2>&1 >/dev/null)
  [ -z "$w" ] || bad="$bad [$n: $(head -1 <<<"$w")]"
done
[ -z "$bad" ] && ok "figures: Graphviz draws every figure without a warning" \
  || fail "figures: Graphviz draws every figure without a warning" "$bad"

# The PDF files embed DejaVu fonts and no other.
bad=""
for n in $names; do
  f=$(pdffonts "$fig/$n.pdf" 2>/dev/null | tail -n +3 | awk '{print $1}' | grep -v DejaVu)
  [ -z "$f" ] || bad="$bad [$n: $f]"
done
[ -z "$bad" ] && ok "figures: only DejaVu fonts in the figures" \
  || fail "figures: only DejaVu fonts in the figures" "$bad"

# Legible where printed: the book prints each figure at the width given in
# its \fig; the smallest font of the figure, scaled to that width, must be
# at least 6.5 points.
bad=""
while read -r n width; do
  [ -s "$fig/$n.pdf" ] || continue
  natural=$(pdfinfo "$fig/$n.pdf" | awk '/^Page size:/ {print $3}')
  small=$(grep -oE '(fontsize|POINT-SIZE)=\\?"?[0-9.]+' "$fig/$n.dot" | grep -oE '[0-9.]+$' | sort -g | head -1)
  printed=$(awk -v w="$width" -v n="$natural" -v s="$small" 'BEGIN {printf "%.1f", s * w * 72 / n}')
  awk -v p="$printed" 'BEGIN {exit !(p >= 6.5)}' || bad="$bad [$n: ${small}pt printed at ${printed}pt]"
done < <(grep -ohE '\\fig\{[a-z0-9-]+\}\{[0-9.]+in\}' chapters/*.w | sed -E 's/\\fig\{([^}]*)\}\{([0-9.]*)in\}/\1 \2/')
[ -z "$bad" ] && ok "figures: no text printed smaller than 6.5pt" \
  || fail "figures: no text printed smaller than 6.5pt" "$bad"

# The time-sequence graphs of the book are those of the runs the book
# quotes: as many red diamonds as the core's count of repetitions ("sent
# again" in the run's report), as many hollow dots as the link lost; and
# the three runs end in the order the chapter on SACK explains.
bad="" ends=""
for c in timeout newreno sack; do
  rep="build/runs/transfer-$c.txt"
  again=$(sed -n 's/.*, \([0-9]*\) sent again.*/\1/p' "$rep" 2>/dev/null)
  lost=$(sed -n 's/.*, \([0-9]*\) lost,.*/\1/p' "$rep" 2>/dev/null)
  diamonds=$(grep -c 'class="repeat' "$fig/tsg-$c.dot")
  hollow=$(grep -c 'class="[a-z]* lost"' "$fig/tsg-$c.dot")
  [ -n "$again" ] && [ "$diamonds" = "$again" ] && [ "$hollow" = "$lost" ] \
    || bad="$bad [$c: $diamonds diamonds, $hollow hollow; the run says ${again:-?} sent again, ${lost:-?} lost]"
  ends="$ends $(sed -n 's/.*acknowledged at \([0-9.]*\) ms.*/\1/p' "$rep" 2>/dev/null)"
done
[ -z "$bad" ] && ok "figures: the time-sequence graphs show the runs' repetitions and losses" \
  || fail "figures: the time-sequence graphs show the runs' repetitions and losses" "$bad"
awk '{exit !(NF == 3 && $1 > $2 && $2 > $3)}' <<<"$ends" \
  && ok "figures: the timer alone ends last, SACK first" \
  || fail "figures: the timer alone ends last, SACK first" "ends at (ms):$ends"
# The goodput plot has a point for every number of the table, and the model.
rows=$(grep -vc '^#' build/runs/goodput.txt)
points=$(grep -c 'class="point' "$fig/loss-goodput.dot")
[ "$points" -eq $((3 * rows)) ] && [ "$rows" -ge 5 ] && grep -q 'class="model"' "$fig/loss-goodput.dot" \
  && ok "figures: the goodput plot draws every row of its table and the model" \
  || fail "figures: the goodput plot draws every row of its table and the model" \
       "$rows rows, $points points"

# Bad command lines: one line and a hint on stderr, status 2; a capture
# that cannot be read: status 1.
usage() {  # usage NAME WANTED-STATUS ARGS...
  local name=$1 want=$2; shift 2
  "$ltcp" dot "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$? lines
  lines=$(wc -l <"$tmp/err")
  if [ "$rc" -eq "$want" ] && [ "$lines" -ge 1 ] && [ "$lines" -le 2 ] && [ ! -s "$tmp/out" ]; then
    ok "figures: ltcp dot $name"
  else
    fail "figures: ltcp dot $name" "ltcp dot $* gave status $rc (expected $want), stderr:" \
      "$(head -3 "$tmp/err")"
  fi
}
run=build/runs/lifecycle.pcapng
usage "without a figure is a usage error" 2
usage "with an unknown figure is a usage error" 2 pie
usage "seq with a bad --from is a usage error" 2 seq --from one "$run"
usage "seq with --to before --from is a usage error" 2 seq --from 4 --to 3 "$run"
usage "states of nobody is a usage error" 2 states nobody "$run"
usage "step 0 is a usage error" 2 step 0 "$run"
usage "of a missing capture fails" 1 seq "$tmp/none.pcapng"
usage "of a step the run lacks fails" 1 step 99 "$run"
printf 'not a capture file at all\n' >"$tmp/junk.pcap"
usage "of a file that is not a capture fails" 1 seq "$tmp/junk.pcap"
usage "tsg with a bad --tmax is a usage error" 2 tsg --tmax soon "$run"
"$ltcp" sim handshake -w "$tmp/handshake.pcapng" >/dev/null
usage "tsg of a capture without data fails" 1 tsg "$tmp/handshake.pcapng"
usage "goodput of a file that is not a table fails" 1 goodput "$tmp/junk.pcap"

# ltcp transfer and ltcp goodput, which make the runs of the pictures of
# losses, refuse bad command lines the same way.
bad=""
for args in "transfer --bytes 0" "transfer --drop 0" "transfer --loss 2" "transfer --frob 1" \
            "goodput 0" "goodput --seeds 0"; do
  $ltcp $args >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -le 2 ] && [ ! -s "$tmp/out" ] || bad="$bad [ltcp $args: status $rc]"
done
[ -z "$bad" ] && ok "figures: ltcp transfer and ltcp goodput refuse bad arguments" \
  || fail "figures: ltcp transfer and ltcp goodput refuse bad arguments" "$bad"

# Byte for byte the same: build every figure twice, in other directories,
# a second apart (so that a leaked clock would show), and compare them with
# each other and with the book's.  The captures they come from too.
build() {
  env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory \
    FIGDIR="$tmp/$1" RUNDIR="$tmp/run-$1" FIGOUT="$tmp/out-$1" figures >"$tmp/make-$1.log" 2>&1
}
if build a && sleep 1 && build b; then
  diff=""
  for n in $names; do
    for ext in dot pdf; do
      cmp -s "$tmp/a/$n.$ext" "$tmp/b/$n.$ext" || diff="$diff [$n.$ext: two builds differ]"
      cmp -s "$tmp/a/$n.$ext" "$fig/$n.$ext" || diff="$diff [$n.$ext: differs from the book's]"
    done
  done
  # make figures' own output: a PDF and an SVG of every figure.
  for n in $names; do
    cmp -s "$tmp/out-a/$n.pdf" "$tmp/a/$n.pdf" || diff="$diff [make figures: $n.pdf missing or not the book's]"
    grep -q '<svg' "$tmp/out-a/$n.svg" 2>/dev/null || diff="$diff [make figures: $n.svg missing]"
    cmp -s "$tmp/out-a/$n.svg" "$tmp/out-b/$n.svg" || diff="$diff [$n.svg: two builds differ]"
  done
  cmp -s "$tmp/run-a/lifecycle.pcapng" "$tmp/run-b/lifecycle.pcapng" \
    || diff="$diff [the two captures of the lifecycle differ]"
  [ -z "$diff" ] && ok "figures: two builds of every figure are identical" \
    || fail "figures: two builds of every figure are identical" "$diff"
else
  fail "figures: two builds of every figure are identical" "make figures failed:" \
    "$(tail -5 "$tmp"/make-*.log)"
fi

# The date inside each PDF is the build's fixed date, not the clock's.
want="D:$(date -u -d "@${SOURCE_DATE_EPOCH:-1764547200}" +%Y%m%d%H%M%S)"
bad=""
for n in $names; do
  d=$(grep -aoE '/CreationDate \(D:[0-9]{14}' "$fig/$n.pdf" | sed 's/.*(//')
  [ "$d" = "$want" ] || bad="$bad [$n: ${d:-no date}]"
done
[ -z "$bad" ] && ok "figures: every PDF is dated $want" \
  || fail "figures: every PDF is dated $want" "$bad"
