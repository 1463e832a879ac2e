#!/bin/bash
# tests/pagefill.sh: the book has no needlessly half-empty pages.
# The measure: each page is rendered in grey at 18 dots per inch
# (pdftoppm), and the lowest row with ink on it is found.  The running
# head gives the top of the text block, the lowest ink of the fullest pages
# its bottom; a page whose ink ends above the middle of that block is "more
# than half empty".  Such a page is fine at the end of a chapter (the next
# chapter starts on a new page) and in the front matter; anywhere else it
# means that something could not be broken across pages (a log, a figure
# that floated away), and at most 5 are allowed.  Prints "ok NAME" or
# "FAIL NAME"; with -v, the list of pages and how full each is.
set -u
pdf=build/book.pdf
ok()   { echo "ok $1"; }
fail() { echo "FAIL $1"; shift; for l in "$@"; do echo "    $l"; done; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
[ -s "$pdf" ] && [ -s build/book.toc ] || { fail "pagefill: the book is built" "run make"; exit 1; }
pdftoppm -gray -r 18 "$pdf" "$tmp/p" || { fail "pagefill: pdftoppm renders the book"; exit 1; }

# The first page of the body (the Preface, page 1) follows the front matter.
front=0
while [ "$front" -lt 12 ] && ! pdftotext -f $((front + 1)) -l $((front + 1)) "$pdf" - 2>/dev/null \
      | head -3 | grep -q '^PREFACE$'; do front=$((front + 1)); done
# Body pages on which a chapter (depth 0 in the contents) begins.
starts=$(sed -n 's/^\\ZZ {.*}{0}{[0-9]*}{\([0-9]*\)}.*/\1/p' build/book.toc | tr '\n' ' ')

perl -e '
  my ($front, $starts, $verbose, @files) = @ARGV;
  my %start = map { $_ => 1 } split " ", $starts;
  my (@top, @bottom);
  for my $f (@files) {
    open my $h, "<:raw", $f or die; local $/; my $d = <$h>;
    $d =~ s/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s//s or die "not a PGM: $f";
    my ($w, $hgt) = ($1, $2); my ($first, $last) = (-1, -1);
    for my $y (0 .. $hgt - 1) {
      my $row = substr($d, $y * $w, $w);
      if ($row =~ /[\x00-\xb0]/) { $first = $y if $first < 0; $last = $y; }
    }
    push @top, $first; push @bottom, $last;
  }
  my @b = sort { $b <=> $a } @bottom; my $textbottom = $b[int(@b / 10)];
  my @t = sort { $a <=> $b } grep { $_ >= 0 } @top; my $texttop = $t[int(@t / 2)];
  my $mid = ($texttop + $textbottom) / 2;
  my @bad;
  for my $i (0 .. $#files) {
    my $body = $i + 1 - $front;                 # the printed page number
    next if $body < 1;                          # front matter
    next if $start{$body + 1} || $i == $#files; # last page of a chapter
    my $fill = $bottom[$i] < 0 ? 0 : ($bottom[$i] - $texttop) / ($textbottom - $texttop);
    printf STDERR "page %d (pdf %d): %.0f%% full\n", $body, $i + 1, 100 * $fill if $verbose;
    push @bad, sprintf("p. %d (%.0f%%)", $body, 100 * $fill) if $bottom[$i] < $mid;
  }
  print scalar(@bad), "\n", join(" ", @bad), "\n";
' "$front" "$starts" "${1:+1}" $(ls "$tmp"/p-*.pgm | sort -V) > "$tmp/result" || { fail "pagefill: measure"; exit 1; }
n=$(head -1 "$tmp/result"); list=$(sed -n 2p "$tmp/result")
[ "$n" -le 5 ] && ok "pagefill: $n pages more than half empty, not at a chapter's end (at most 5)${list:+: $list}" \
  || fail "pagefill: at most 5 pages more than half empty, not at a chapter's end" "$n pages: $list"
