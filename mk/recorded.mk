# Logs of the real programs that the book prints (chapters/*.log): runs
# recorded on the author's machine, since their times are the wall clock's
# and would differ at every build.  tests/carrier.sh checks that a run of
# today's programs has the same shape (the same segments and state lines,
# times, ports and sequence numbers aside).
build/logs/silent-connect.txt: chapters/silent-connect.log
	@mkdir -p $(@D) && cp $< $@
build/logs/restart-server.txt: chapters/restart-server.log
	@mkdir -p $(@D) && cp $< $@
