# timewait.5: what --seed 7 changes in the log of lost-last-ack.
answers "numbers|do the sequence and acknowledgment numbers change with --seed 7? (yes or no)" \
  "times|do the times of the segments change? (yes or no)" \
  "states|do the state lines change? (yes or no)"
sim lost-last-ack > "$WORK/a"
sim lost-last-ack --seed 7 > "$WORK/b"
fields "$WORK/a" > "$WORK/fa"; fields "$WORK/b" > "$WORK/fb"
differ() { if cmp -s <(awk "{ print $1 }" "$WORK/fa") <(awk "{ print $1 }" "$WORK/fb"); then echo no; else echo yes; fi; }
same numbers "$(differ '$4, $5')"
same times "$(differ '$1')"
same states "$(if cmp -s <(states "$WORK/a") <(states "$WORK/b"); then echo no; else echo yes; fi)"
