@x mutant last-ack-lingers: LAST_ACK does not close on the acknowledgment of its FIN
  case TCP_LAST_ACK: end_connection(c, T_LAST_ACK_CLOSED, TCP_EV_CLOSED);
    return false;
@y
  case TCP_LAST_ACK: return true;
@z
