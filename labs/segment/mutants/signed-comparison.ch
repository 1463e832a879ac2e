@x mutant signed-comparison: seq_lt by the common signed cast, which is true both ways half way round
  return forward != 0 && forward < 0x80000000u;
@y
  return (int32_t) (a - b) < 0;
@z
