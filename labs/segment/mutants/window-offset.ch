@x mutant window-offset: the window is read two bytes too far on, from the checksum
s->window = get_be16(buf + 14);
@y
s->window = get_be16(buf + 16);
@z
