# mk/figures.mk: the figures of the book (chapter figures.w).
#
# Figure 6 is drawn from the core's table of transitions; the others from
# the capture of the scenario "lifecycle" run on the simulated link with a
# fixed seed.  `ltcp dot` writes Graphviz text (.dot); `dot -Tpdf` draws it.
# FIGDIR and RUNDIR can be moved (tests/figures.sh builds everything twice
# elsewhere and compares the bytes).

FIGDIR ?= build/figures
RUNDIR ?= build/runs
FIG_SEED := 1
FIG_RUN := $(RUNDIR)/lifecycle.pcapng

# Every figure that the rules below can draw.
FIG_NAMES := fig1-lifecycle fig2-handshake fig3-teardown fig4-client fig5-server \
             fig6-fsm step-1 step-2 step-3 step-4 step-5 step-6 step-7 \
             tsg-timeout tsg-newreno tsg-sack loss-goodput \
             fig1-kernel

# Graphviz writes PDF through cairo, which stamps /CreationDate with the
# time of the run and ignores SOURCE_DATE_EPOCH.  The stamp is replaced by
# the build's fixed date, digit for digit, so that no byte offset in the
# file moves (the cross-reference table stays right).
FIG_DATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y%m%d%H%M%S)
FIG_FIXDATE := LC_ALL=C perl -0777 -pe 's{/CreationDate \(D:\d{14}}{/CreationDate (D:$(FIG_DATE)}g'

$(RUNDIR)/%.pcapng: build/ltcp
	@mkdir -p $(@D)
	$(LTCP) sim $* --seed $(FIG_SEED) -w $@ > $(RUNDIR)/$*.txt

$(FIGDIR)/fig6-fsm.dot: build/ltcp
	@mkdir -p $(@D)
	$(LTCP) dot fsm > $@

$(FIGDIR)/fig1-lifecycle.dot: build/ltcp $(FIG_RUN)
	@mkdir -p $(@D)
	$(LTCP) dot seq $(FIG_RUN) > $@

# Figure 1 again, from a run against the Linux kernel's TCP (chapter tun.w),
# recorded by tools/record-kernel-run as root and committed, so that the
# build needs no root.  ltcp's capture knows only ltcp's states; the lines
# of the server's state boxes (ss1, ss2...), which would only repeat LISTEN,
# are left out.
$(FIGDIR)/fig1-kernel.dot: build/ltcp chapters/kernel-lifecycle.pcapng
	@mkdir -p $(@D)
	set -o pipefail; $(LTCP) dot seq chapters/kernel-lifecycle.pcapng | grep -v '^  ss[0-9]' > $@

$(FIGDIR)/fig2-handshake.dot: build/ltcp $(FIG_RUN)
	@mkdir -p $(@D)
	$(LTCP) dot seq --from 1 --to 3 $(FIG_RUN) > $@

$(FIGDIR)/fig3-teardown.dot: build/ltcp $(FIG_RUN)
	@mkdir -p $(@D)
	$(LTCP) dot seq --from 4 --to 7 $(FIG_RUN) > $@

$(FIGDIR)/fig4-client.dot: build/ltcp $(FIG_RUN)
	@mkdir -p $(@D)
	$(LTCP) dot states client $(FIG_RUN) > $@

$(FIGDIR)/fig5-server.dot: build/ltcp $(FIG_RUN)
	@mkdir -p $(@D)
	$(LTCP) dot states server $(FIG_RUN) > $@

$(FIGDIR)/step-%.dot: build/ltcp $(FIG_RUN)
	@mkdir -p $(@D)
	$(LTCP) dot step $* $(FIG_RUN) > $@

$(FIGDIR)/%.pdf: $(FIGDIR)/%.dot
	set -o pipefail; dot -Tpdf $< | $(FIG_FIXDATE) > $@

# `make figures` puts every figure of the book in FIGOUT (figures/ at the
# top), as PDF and as SVG, for an instructor's slides.  figures/README.md
# lists them and the run that draws each; the files themselves are
# generated, and not committed.
FIGOUT ?= figures

$(FIGOUT)/%.pdf: $(FIGDIR)/%.pdf
	@mkdir -p $(@D)
	cp $< $@

$(FIGOUT)/%.svg: $(FIGDIR)/%.dot
	@mkdir -p $(@D)
	dot -Tsvg -o $@ $<

.PHONY: figures
figures: $(FIG_NAMES:%=$(FIGOUT)/%.pdf) $(FIG_NAMES:%=$(FIGOUT)/%.svg)

# The .dot files and the capture are worth keeping: the tests read them.
