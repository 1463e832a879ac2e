build/logs/%.txt: build/ltcp ; @mkdir -p $(@D) && $(LTCP) sim $* > $@
