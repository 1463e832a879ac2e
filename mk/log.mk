# Logs quoted by the chapters "Segments on the wire" and "Keeping a log":
# runs of ltcp decode and ltcp pcap-demo rather than of ltcp sim.
build/logs/decode-syn.txt: build/ltcp
	@mkdir -p $(@D)
	$(LTCP) decode --check --src 127.0.0.1 --dst 127.0.0.1 \
	  b9a0a112686d2e5c00000000a002ffd75fc600000204ffd70402080a8b75734600000000 0103030a > $@
build/logs/pcap-demo.txt: build/ltcp
	@mkdir -p $(@D)
	$(LTCP) pcap-demo -l $@ build/logs/pcap-demo.pcapng > /dev/null
