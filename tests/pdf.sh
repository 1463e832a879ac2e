#!/bin/bash
# tests/pdf.sh: the book is a well-made PDF.  Run from the top directory
# after `make pdf`; prints "ok NAME" or "FAIL NAME" for each check.
set -u
pdf=build/book.pdf
ok()   { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }
check() { local name=$1; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else fail "$name" "command failed: $*"; fi; }

if [ ! -s "$pdf" ]; then fail "book: build/book.pdf exists" "missing"; exit 1; fi
ok "book: build/book.pdf exists"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
[ "${pages:-0}" -ge 5 ] && ok "book: has $pages pages" || fail "book: has pages" "pdfinfo says ${pages:-nothing}"

# The front matter is every page before the first page of the Preface
# (the contents take more pages as the book grows).
last_front=1
while [ "$last_front" -lt 12 ] && ! pdftotext -f $((last_front + 1)) -l $((last_front + 1)) "$pdf" - 2>/dev/null | head -3 | grep -q '^PREFACE$'; do
  last_front=$((last_front + 1))
done
front=$(pdftotext -f 1 -l "$last_front" "$pdf" - 2>/dev/null)
if grep -q 'A Literate TCP' <<<"$front" && grep -q 'Contents' <<<"$front" \
   && grep -q 'Preface' <<<"$front" && grep -q 'Index' <<<"$front"; then
  ok "book: title page and contents at the front"
else
  fail "book: title page and contents at the front" "the front pages lack the title, 'Contents', or entries"
fi

# Every chapter (@**) is listed in the contents.
missing=""
for t in $(grep -h '^@\*\* ' chapters/*.w | sed -E 's/^@\*\* *//; s/\..*//; s/[{}\\]|tt //g' | tr ' ' '_'); do
  t=${t//_/ }
  grep -qF "$t" <<<"$front" || missing="$missing [$t]"
done
[ -z "$missing" ] && ok "book: every chapter is in the contents" \
  || fail "book: every chapter is in the contents" "not found:$missing"

# The index is what follows the last heading "Index." (it grows with the book).
last=$(pdftotext "$pdf" - 2>/dev/null | awk '/Index\.$/ { text = "" } { text = text $0 "\n" } END { printf "%s", text }')
if grep -q 'Index\.$' <<<"$last" && grep -q '^check run : [0-9]' <<<"$last"; then
  ok "book: has an index that lists identifiers"
else
  fail "book: has an index that lists identifiers" "no 'Index' heading or no identifiers in the last pages"
fi

outlines=$(grep -a -c '/Outlines' "$pdf")
[ "$outlines" -ge 1 ] && ok "book: has bookmarks" || fail "book: has bookmarks" "no /Outlines in the PDF"
links=$(grep -a -o '/Subtype */Link' "$pdf" | wc -l)
[ "$links" -ge 20 ] && ok "book: has $links clickable cross-references" \
  || fail "book: has clickable cross-references" "only $links link annotations"

check "book: the cweave log is clean" tools/checklog cweave build/cweave.log
check "book: the pdfTeX log is clean" tools/checklog pdftex build/book.log

# A second typesetting run from the same sources gives the same bytes.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp build/book.tex build/book.idx build/book.scn build/book.lab "$tmp"/
[ -d build/figures ] && cp -r build/figures "$tmp"/
[ -d build/logs ] && cp -r build/logs "$tmp"/
( cd "$tmp" && pdftex -interaction=batchmode book.tex && pdftex -interaction=batchmode book.tex ) >/dev/null 2>&1
if cmp -s "$tmp/book.pdf" "$pdf"; then ok "book: two builds are byte-identical"
else fail "book: two builds are byte-identical" "a rebuild in $tmp differs from $pdf"; fi

# The concept index: entries made with @^...@> (protocol concepts, RFC
# sections, figures) are the index lines whose entry is roman text, not an
# identifier, a string or a type.  At least 150, and these among them.
concepts=$(grep -c '^\\I{' build/book.idx)
[ "${concepts:-0}" -ge 150 ] && ok "book: the index has $concepts concept entries" \
  || fail "book: the index has at least 150 concept entries" "only ${concepts:-0} in build/book.idx"
missing=""
for e in 'half-close' 'half-open connection' 'SYN flood' 'challenge ACK' \
         'TIME-WAIT assassination' 'RFC 9293 \S3.10.7.4' 'maximum segment lifetime (MSL)' \
         'initial sequence number (ISN)' 'Figure 1' 'Figure 2' 'Figure 3' 'Figure 4' \
         'Figure 5' 'Figure 6' 'TIME\_WAIT state' 'quiet time' 'SO\_REUSEADDR' \
         'connection-establishment timeout'; do
  grep -qF "\\I{$e}, " build/book.idx || missing="$missing [$e]"
done
[ -z "$missing" ] && ok "book: the index has the concepts a student looks up" \
  || fail "book: the index has the concepts a student looks up" "missing:$missing"
# ... and they reach the printed index.
idxtext=$(pdftotext "$pdf" - 2>/dev/null | awk '/Index\.$/ { text = "" } { text = text $0 "\n" } END { printf "%s", text }')
grep -q '^TIME-WAIT assassination' <<<"$idxtext" && grep -q '^half-open connection' <<<"$idxtext" \
  && ok "book: concept entries are printed in the index" \
  || fail "book: concept entries are printed in the index" "TIME-WAIT assassination or half-open connection not found"
