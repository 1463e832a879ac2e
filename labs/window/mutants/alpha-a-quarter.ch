@x mutant alpha-a-quarter: SRTT moves a quarter of the way instead of an eighth
    r->srtt = r->srtt - r->srtt / 8 + rtt_us / 8;
@y
    r->srtt = r->srtt - r->srtt / 4 + rtt_us / 4;
@z
