# The table of figures of the chapter "Speed and size" (perf.w), made from
# the committed results of `make bench` (chapters/perf-results.txt).  It
# lives beside the logs, which the test of reproducible builds copies.
build/logs/perf-table.tex: chapters/perf-results.txt tools/perf-table
	@mkdir -p $(@D)
	tools/perf-table $< > $@

build/book.pdf: build/logs/perf-table.tex
