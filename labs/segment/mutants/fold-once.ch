@x mutant fold-once: the carries are folded once, not until none are left
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
@y
  if (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
@z
