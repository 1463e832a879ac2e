@x mutant signed-comparison: seq_lt as the common signed cast has it, true both ways half way round
  return forward != 0 && forward < 0x80000000u;
@y
  return forward != 0 && forward <= 0x80000000u;
@z
