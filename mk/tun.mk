# The interop matrix of the chapter "Meeting the kernel" (tun.w), made from
# the committed record of a run of tests/tun.sh (chapters/tun-matrix.txt):
# the run needs root, the build must not, and tests/tun.sh checks that a
# run of today's programs agrees with the record.
build/logs/tun-matrix.tex: chapters/tun-matrix.txt tools/tun-table
	@mkdir -p $(@D)
	tools/tun-table $< > $@

build/book.pdf: build/logs/tun-matrix.tex
