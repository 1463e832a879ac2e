# simlink.4: a seed of lossy that corrupts a data segment, and whether
# the capture shows the damage.
answers "seed|a seed N for which ltcp sim lossy --seed N corrupts a data segment (the one you found)" \
  "capture|does the capture of that run (-w) show a segment with a bad checksum? (yes or no)"
seed=$(answer seed)
[[ $seed =~ ^[0-9]+$ ]] || seed=
corrupted() {  # the data segments that a flip strikes, in the log of a seed
  sim lossy --seed "$1" | awk '/^# / { if (len > 0 && $0 ~ /bit [0-9]+ of byte [0-9]+ flipped/) n++; next }
    { len = $NF } END { exit !(n > 0) }'
}
fact "lossy --seed ${seed:-?} corrupts a data segment" corrupted "${seed:-x}"
sim lossy --seed "${seed:-1}" -w "$WORK/x.pcapng" > /dev/null
bad=$(tshark -r "$WORK/x.pcapng" -o tcp.check_checksum:TRUE -T fields -e tcp.checksum.status 2> /dev/null | grep -c '^0$')
same capture "$(if [ "$bad" -gt 0 ]; then echo yes; else echo no; fi)"
