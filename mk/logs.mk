build/logs/%.txt: build/ltcp ; @mkdir -p $(@D) && build/ltcp sim $* > $@
