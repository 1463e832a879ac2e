# A Literate TCP: `make` builds the program, the book and runs the demo;
# `make test` runs every test.  `make help` lists the other targets.
#
# The C in code/ is written by ctangle from chapters/*.w; nothing in code/
# or build/ is edited by hand or committed.

SHELL := /bin/bash
.DELETE_ON_ERROR:
.SUFFIXES:
.SECONDARY:

# Reproducible builds: the book and the figures carry no date of their own.
export SOURCE_DATE_EPOCH := 1764547200
export FORCE_SOURCE_DATE := 1
export TZ := UTC
export LC_ALL := C

CC      ?= cc
WARN    := -std=c17 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Werror
CFLAGS  ?= -O2 -g
SANFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
LDLIBS  := -lm

WEBS    := $(sort $(wildcard chapters/*.w))
TEXSRC  := $(sort $(wildcard chapters/*.tex))

# Everything that needs the programs of tools/packages waits for this stamp.
DEPS := build/.deps

.PHONY: all code pdf test demo clean help bench soak lint labs lab-check check grade exercise
all: build/ltcp build/book.pdf build/demo.done

# In a lab's student tree (tools/lab writes mk/lab.mk there, which sets
# LAB_TREE) the program is unfinished on purpose.  The runs and figures of
# the book then go through tools/labrun, which puts a note where the
# student's program cannot yet make them, and the typesetting checks and the
# demonstration warn instead of failing, so that `make` still gives a book.
LTCP = $(if $(LAB_TREE),tools/labrun build/ltcp,build/ltcp)
STRICT = $(if $(LAB_TREE),tools/labrun --warn,)

# The demo runs when the program or the demo changed, so that a second
# `make` with nothing changed does nothing; `make demo` runs it always.
build/demo.done: build/ltcp tools/demo
	@$(STRICT) tools/demo
	@touch $@

help:
	@echo "make            install what is missing, build build/ltcp and build/book.pdf, run the demo"
	@echo "make test       build what the tests need and run them all (ends 'N passed, N failed')"
	@echo "make code       tangle and compile only (build/ltcp)"
	@echo "make pdf        weave and typeset only (build/book.pdf)"
	@echo "make demo       run the short demonstration"
	@echo "make figures    every figure of the book, as PDF and SVG, in figures/"
	@echo "make bench      run the benchmarks and print their figures"
	@echo "make soak       run the property test of transfers for 5000 seeds"
	@echo "make fuzz       run each fuzz target for FUZZ_TIME seconds (default 600)"
	@echo "make lint       list sections whose C cweave cannot parse (typeset badly)"
	@echo "make labs       build each lab's kit in build/labs/NAME/ (student tree, handout, autograder)"
	@echo "make lab-check  test the kits: holes fail, mutants lose points, the book scores full marks"
	@echo "make check      in a lab's tree: run the lab's tests, with explanations"
	@echo "make grade      in a lab's tree: the same tests as points ('Score: N/M'; RESULTS=FILE for JSON)"
	@echo "make exercise EX=CHAPTER.N   check a chapter's exercise (make exercise lists them)"
	@echo "make clean      remove code/ and build/"

$(DEPS): tools/deps tools/packages
	@mkdir -p build
	@$(if $(NODEPS),true,tools/deps)
	@touch $@

# ---------------------------------------------------------------- tangle
# ctangle writes code/ltcp.c (the master file) and every @(file@> of the web.
# tools/tangle runs it on a flattened copy of the web (CTANGLE 4.7 garbles the
# file names of #line directives in @i files; see the script), puts the true
# chapter and line back, and leaves a file alone when its text has not
# changed, so a change of prose recompiles nothing.
code/.stamp: $(WEBS) tools/tangle | $(DEPS)
	@mkdir -p code
	tools/tangle chapters code
	@touch $@

code: build/ltcp

# The list of C files is known only after tangling: this generated makefile
# names them, and make reads it again once it has been rebuilt.
build/sources.mk: code/.stamp
	@mkdir -p build
	@echo "SOURCES := $$(cd code && ls *.c | tr '\n' ' ')" > $@

ifeq ($(filter clean help,$(MAKECMDGOALS)),)
-include build/sources.mk
endif

# ltcp.c is the program; test_*.c are test programs; check.c is the test
# harness; every other file is a module of the library.
LIBSRC  := $(filter-out ltcp.c check.c test_%.c bench_%.c fuzz_%.c,$(SOURCES))
TESTS   := $(patsubst %.c,build/tests/%,$(filter test_%.c,$(SOURCES)))
BENCHES := $(patsubst %.c,build/bench/%,$(filter bench_%.c,$(SOURCES)))
LIBOBJ  := $(LIBSRC:%.c=build/obj/%.o)
SANOBJ  := $(LIBSRC:%.c=build/san/%.o)

build/obj/%.o: code/%.c | code/.stamp
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

build/san/%.o: code/%.c | code/.stamp
	@mkdir -p $(@D)
	$(CC) $(WARN) $(SANFLAGS) -MMD -MP -c -o $@ $<

-include $(wildcard build/obj/*.d build/san/*.d)

build/ltcp: build/obj/ltcp.o $(LIBOBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The same program with the sanitizers, for the tests that run it.
build/san/ltcp: build/san/ltcp.o $(SANOBJ)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

build/tests/%: build/san/%.o build/san/check.o $(SANOBJ)
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

build/bench/%: build/obj/%.o $(LIBOBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# ---------------------------------------------------------------- fuzzing
# fuzz_*.c are targets for libFuzzer (chapter test-fuzz.w), built with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer.  `make fuzz` runs each for
# FUZZ_TIME seconds, keeping its corpus in build/fuzz/corpus/NAME and
# starting from the committed seeds in tests/fuzz/NAME; tests/fuzz.sh, run
# by `make test`, runs each briefly.
FUZZCC    ?= clang
FUZZ_TIME ?= 600
FUZZSAN   := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZERS   := $(patsubst %.c,build/fuzz/%,$(filter fuzz_%.c,$(SOURCES)))
FUZZOBJ   := $(LIBSRC:%.c=build/fuzzobj/%.o)

build/fuzzobj/%.o: code/%.c | code/.stamp
	@mkdir -p $(@D)
	$(FUZZCC) $(WARN) $(FUZZSAN) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

-include $(wildcard build/fuzzobj/*.d)

build/fuzz/%: build/fuzzobj/%.o $(FUZZOBJ)
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZSAN) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

.PHONY: fuzz
fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do \
	  n=$$(basename $$f); mkdir -p build/fuzz/corpus/$$n; \
	  echo "== $$n for $(FUZZ_TIME) s"; \
	  $$f -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/$$n- build/fuzz/corpus/$$n tests/fuzz/$$n \
	    || exit 1; \
	done

# ---------------------------------------------------------------- figures and logs
# The book quotes logs printed by runs of the program (\runlog{NAME} reads
# build/logs/NAME.txt) and shows figures drawn by it (\fig{NAME}... reads
# build/figures/NAME.pdf).  Chapters name what they need; the rules that make
# each kind live in mk/*.mk, next to nothing else.
uses = $(sort $(shell cat $(WEBS) | grep -v '^@q' | grep -ohE '\\$(1)\{[a-z0-9-]+\}' | sed -E 's/.*\{(.*)\}/\1/'))
LOGS    := $(patsubst %,build/logs/%.txt,$(call uses,runlog))
FIGURES := $(patsubst %,build/figures/%.pdf,$(call uses,fig))

-include $(sort $(wildcard mk/*.mk))

# ---------------------------------------------------------------- weave
# cweave's exit status is not zero for warnings; tools/checklog fails the
# build on any warning of cweave or pdfTeX and on any overfull or underfull box;
# tools/cweblint fails it on any section whose C cweave cannot parse.
build/book.tex: $(WEBS) $(TEXSRC) | $(DEPS)
	@mkdir -p build
	cd build && CWEBINPUTS=../chapters cweave -bhp ../chapters/book.w - book.tex > cweave.log 2>&1; \
	  rc=$$?; cat cweave.log; [ $$rc -eq 0 ]
	$(STRICT) tools/checklog cweave build/cweave.log
	@$(STRICT) tools/cweblint || { echo "cweblint: the sections above are typeset badly" >&2; exit 1; }
	perl -ne 'if (/^\\M\{(\d+)\}/ || /^\\N\{\d+\}\{(\d+)\}/) { $$n = $$1 }' \
	  -e 'while (/\\label\{([^}]*)\}/g) { print "\\deflabel{$$1}{$$n}\n" }' build/book.tex > build/book.lab

build/book.pdf: build/book.tex $(LOGS) $(FIGURES)
	cd build && rm -f book.toc && pdftex -interaction=nonstopmode -halt-on-error book.tex > /dev/null \
	  || { tail -30 book.log; exit 1; }
	cd build && pdftex -interaction=nonstopmode -halt-on-error book.tex > /dev/null \
	  || { tail -30 book.log; exit 1; }
	$(STRICT) tools/checklog pdftex build/book.log

pdf: build/book.pdf

# ---------------------------------------------------------------- demo, tests
demo: build/ltcp
	@tools/demo

test: build/ltcp build/san/ltcp build/book.pdf $(TESTS) $(FUZZERS)
	@tools/runtests $(TESTS)

# ---------------------------------------------------------------- labs
# In the book's repository, labs/ describes the labs and `make labs` cuts
# them from the web; in a student's tree, lab/ holds what `make check` and
# `make grade` need.  tools/lab is the one program behind all of them.
ifneq ($(wildcard labs/*/lab),)
LABSRC  := $(wildcard labs/*/lab labs/*/intro.tex labs/*/stubs/*.w labs/*/mutants/*.ch) labs/handout.tex tools/lab
LABTEST := build/labs/.kits
# (a prerequisite is expanded where its rule is read, so it is added here)
test: $(LABTEST)
build/labs/.kits: $(LABSRC) $(WEBS) build/ltcp build/book.pdf
	@mkdir -p build/labs
	tools/lab kit
	@touch $@
# (make reads a rule's prerequisites where the rule stands: the line
# `test:` above saw LABTEST still empty, so it is named again here.)
test: $(LABTEST)
labs: build/labs/.kits
lab-check: build/labs/.kits build/san/ltcp $(TESTS)
	@tools/runtests --only tools/lab check
endif

ifneq ($(wildcard lab/lab.json),)
check: | $(DEPS)
	@tools/lab grade
grade: | $(DEPS)
	@tools/lab grade --quiet $(if $(RESULTS),--results $(RESULTS))
endif

# A chapter's exercise, checked against a run of the program as it is now
# (tools/exercise; exercises/README.md).  Without EX it lists them all.
exercise: build/ltcp
	@tools/exercise $(EX)

lint: | $(DEPS)
	@tools/cweblint

bench: build/ltcp $(BENCHES)
	@set -o pipefail; { tools/bench $(BENCHES) && tools/bench-goodput build/ltcp && tools/bench-tun build/ltcp; } \
	  | tee build/bench/results.txt
	@tools/bench-record build/bench/results.txt chapters/perf-results.txt

# The property test of transfers, over many more seeds than make test runs.
soak: build/tests/test_transfer
	build/tests/test_transfer --first 1000 --seeds 5000

clean:
	rm -rf code build
