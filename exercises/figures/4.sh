# figures.4: the reset in ESTABLISHED drawn as an abnormal arrow.
build
"$LTCP" dot fsm > "$WORK/fsm"
fact "Figure 6 draws an arrow from ESTABLISHED to CLOSED" \
  grep -q -E "^ *ESTABLISHED -> CLOSED " "$WORK/fsm"
