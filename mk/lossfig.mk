# mk/lossfig.mk: the pictures of losses (chapter lossfig.w, shown in the
# chapter on selective acknowledgments).
#
# One transfer of 100000 bytes on the bulk link (virtual clock, 10 ms each
# way) loses the same three segments, 26, 28 and 31, the first time each is
# sent, under three configurations; `ltcp transfer -w` writes each capture and
# its one-line report, and `ltcp dot tsg` draws each capture.  The graphs of
# the two fast recoveries share the time scale of the slower one.  The
# goodput table is `ltcp goodput` (seeds 1 to 5), drawn by `ltcp dot goodput`.

LOSS_DROPS := 26,28,31
LOSS_FLAGS_timeout := --no-fast-retransmit --no-sack
LOSS_FLAGS_newreno := --no-sack
LOSS_FLAGS_sack :=
LOSS_END = $$(sed -n 's/.*acknowledged at \([0-9.]*\) ms.*/\1/p' $(RUNDIR)/transfer-newreno.txt)

$(RUNDIR)/transfer-%.pcapng: build/ltcp
	@mkdir -p $(@D)
	$(LTCP) transfer --drop $(LOSS_DROPS) $(LOSS_FLAGS_$*) -w $@ > $(RUNDIR)/transfer-$*.txt

$(FIGDIR)/tsg-timeout.dot: build/ltcp $(RUNDIR)/transfer-timeout.pcapng
	@mkdir -p $(@D)
	$(LTCP) dot tsg $(RUNDIR)/transfer-timeout.pcapng > $@

$(FIGDIR)/tsg-newreno.dot $(FIGDIR)/tsg-sack.dot: $(FIGDIR)/tsg-%.dot: build/ltcp \
    $(RUNDIR)/transfer-%.pcapng $(RUNDIR)/transfer-newreno.pcapng
	@mkdir -p $(@D)
	$(LTCP) dot tsg --tmax $(LOSS_END) $(RUNDIR)/transfer-$*.pcapng > $@

$(RUNDIR)/goodput.txt: build/ltcp
	@mkdir -p $(@D)
	$(LTCP) goodput > $@

$(FIGDIR)/loss-goodput.dot: build/ltcp $(RUNDIR)/goodput.txt
	@mkdir -p $(@D)
	$(LTCP) dot goodput $(RUNDIR)/goodput.txt > $@

# The book quotes the three reports, and prints the table as TeX.
build/logs/transfer-runs.txt: $(RUNDIR)/transfer-timeout.pcapng $(RUNDIR)/transfer-newreno.pcapng \
    $(RUNDIR)/transfer-sack.pcapng
	@mkdir -p $(@D)
	cat $(RUNDIR)/transfer-timeout.txt $(RUNDIR)/transfer-newreno.txt $(RUNDIR)/transfer-sack.txt > $@

build/logs/loss-goodput.tex: $(RUNDIR)/goodput.txt tools/goodput-table
	@mkdir -p $(@D)
	$(STRICT) tools/goodput-table $< > $@

build/book.pdf: build/logs/loss-goodput.tex
