@x mutant fin-wait-1-always-closing: a FIN in FIN_WAIT_1 always leads to CLOSING, even when our FIN is acknowledged
    if (our_fin_acked(c)) enter_time_wait(c, T_FIN_WAIT_1_TIME_WAIT);
    else tcp_enter(c, T_FIN_WAIT_1_CLOSING);
@y
    tcp_enter(c, T_FIN_WAIT_1_CLOSING);
@z
