@q log.w: tcpdump's line for a segment, and capture files written and read. @>

@** Keeping a log.
A protocol cannot be understood, or debugged, without seeing what went
over the wire.  \.{ltcp} keeps two kinds of log of every segment it
sends.  The first is text, one line per segment, in exactly the form
that \.{tcpdump -n -S -tt} prints; the second is a {\it capture file},
the binary format that \.{tcpdump}, \.{tshark} and Wireshark read.  The
two are written from the same segments at the same moment, so they can
be checked against each other: \.{tcpdump}'s reading of the capture must
equal \.{ltcp}'s own text log, character for character, and the tests
check exactly that.  (One difference is allowed, and only at the end of
a line: where \.{tcpdump} recognises an application protocol by its
well-known port, HTTP on 80 or 8080 for one, it adds its reading of the
text after the length, such as \.{: HTTP: GET / HTTP/1.1}.  Decoding
the protocols above TCP is not this book's business, and the log stops
at the length.)@^HTTP@>
\label{log}%

Here is the text log of the smallest complete conversation this book
can show, a few segments built by hand: the three-way handshake, one
line of text each way, and the four-segment wave.  It was written by
\.{ltcp pcap-demo}, a subcommand of this chapter, when this book was
built.
\runlog{pcap-demo}
The lines that begin with \.{\#} are remarks of \.{ltcp}'s, never
segments; other chapters use them for the changes of state that a
segment causes.  Removing them with \.{grep -v '\^\# '} leaves what
\.{tcpdump} prints for the capture file.

The chapter also reads capture files, its own and those that
\.{tcpdump} writes of real connections, so that \.{ltcp} can print a
real Linux kernel's segments in the same form as its own.@^three-way handshake@>@^tcpdump@>@^pcapng capture file@>@^Wireshark@>@^tshark@>@^log, text@>

@(log.h@>=
#ifndef LTCP_LOG_H
#define LTCP_LOG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "segment.h"
@<Constants of the log@>@;
@<The types of the capture writer@>@;
@<The types of the capture reader@>@;
@<Declarations of the log functions@>@;
#endif

@ @(log.c@>=
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
@<Declarations of the log's own functions@>@;
@<Functions of the log@>@;@^log, text@>

@* tcpdump's line.
Here is a line as \.{tcpdump -n -S -tt} prints it, for the first segment
of a connection:
$$\vbox{\smalltt\halign{#\hfil\cr
1764547200.000000 IP 10.0.0.1.50000 > 10.0.0.2.40000: Flags [S], seq 1000,\cr
\qquad win 65535, options [mss 1460], length 0\cr}}$$
(folded here; it is one line).
The option \.{-tt} prints the time as seconds and microseconds since
1970, \.{-n} prints addresses and ports as numbers rather than names,
and \.{-S} prints sequence numbers as they are, where \.{tcpdump} would
otherwise print them relative to the first one it saw.  Then come the
addresses and ports of the IPv4 packet and the TCP header, the control
bits, the sequence and acknowledgment numbers, the window, the options
and the length of the payload.

The details below were checked against \.{tcpdump} 4.99 by writing
capture files of odd segments and reading them back; the tests keep
them checked.  One difference is deliberate: \.{tcpdump} decodes the
payload of some well-known ports (port 80 as HTTP, for instance), and
\.{ltcp} decodes none, so the two agree only on ports that \.{tcpdump}
does not know.  The ports of this book, 50000 and 40000, are such ports.@^sequence number@>@^acknowledgment number@>@^tcpdump@>@^pcapng capture file@>

@ A line is at most this long; the worst case, a header full of options
each printed at length, is well under it.

@<Constants of the log@>=
#define TCPDUMP_LINE_MAX 512

@ |format_tcpdump| writes the line for segment |s|, sent at |usec|
microseconds since 1970, into |buf| of |cap| bytes, without a newline.
Like |snprintf| it returns the length of the whole line, and truncates
(always ending the string) if |cap| is too small.

@<Declarations of the log functions@>=
size_t format_tcpdump(char *buf, size_t cap, uint64_t usec,
  const struct segment *s);

@ The line is built by appending, and the appending function is the
only place that must worry about the size of the buffer.  Once the
buffer is full it keeps counting, and writes nothing more.

@<Functions of the log@>=
struct text_buffer {
  char *buf;
  size_t cap, len;
};

static void line_put(struct text_buffer *l, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *at = l->len < l->cap ? l->buf + l->len : NULL;
  int k = vsnprintf(at, at ? l->cap - l->len : 0, fmt, ap);
  va_end(ap);
  if (k > 0) l->len += (size_t) k;
}

@ The line in outline.  When the options are so malformed that
\.{tcpdump} gives up on them, it prints nothing after them, not even
the length; |put_options| says when that happens.@^user timeout@>@^malformed segment@>@^tcpdump@>@^connection-establishment timeout@>

@<Functions of the log@>=
@<Functions that print parts of the line@>@;
size_t format_tcpdump(char *buf, size_t cap, uint64_t usec,
  const struct segment *s)
{
  struct text_buffer l = {buf, cap, 0};
  if (cap > 0) buf[0] = '\0';
  @<Print the time and the addresses@>@;
  @<Print the control bits@>@;
  @<Print the sequence and acknowledgment numbers@>@;
  @<Print the window and the urgent pointer@>@;
  if (s->optlen > 0 && !put_options(&l, s)) return l.len;
  line_put(&l, ", length %zu", s->len);
  return l.len;
}

@ An address prints as four numbers, most significant first, and the
port follows it after one more dot.

@<Print the time and the addresses@>=
line_put(&l, "%llu.%06llu IP ", (unsigned long long) (usec / 1000000),
  (unsigned long long) (usec % 1000000));
put_address(&l, s->src_addr, s->src_port);
line_put(&l, " > ");
put_address(&l, s->dst_addr, s->dst_port);
line_put(&l, ": ");

@ @<Functions that print parts of the line@>=
static void put_address(struct text_buffer *l, uint32_t a, uint16_t port)
{
  line_put(l, "%u.%u.%u.%u.%u", (unsigned) (a >> 24),
    (unsigned) (a >> 16 & 0xff), (unsigned) (a >> 8 & 0xff),
    (unsigned) (a & 0xff), (unsigned) port);
}

@ \.{tcpdump} prints one letter for each control bit that is set, in the
order of the table: \.{F}~for FIN, \.{S}~for SYN, \.{R}~for RST,
\.{P}~for PSH, a dot for ACK, \.{U}~for URG, \.{E}~for ECE and
\.{W}~for CWR; a SYN-ACK is \.{[S.]}, a FIN-ACK \.{[F.]}, a pure
acknowledgment \.{[.]}.  A segment with no bit at all is \.{[none]}.@^FIN flag@>@^RST flag@>@^PSH flag@>@^URG flag@>@^tcpdump@>

@<Print the control bits@>=
{
  static const struct {
    uint8_t bit;
    char letter;
  } letters[] = {{TCP_FIN, 'F'}, {TCP_SYN, 'S'}, {TCP_RST, 'R'},
    {TCP_PSH, 'P'}, {TCP_ACK, '.'}, {TCP_URG, 'U'}, {TCP_ECE, 'E'},
    {TCP_CWR, 'W'}};
  line_put(&l, "Flags [");
  for (size_t k = 0; k < sizeof letters / sizeof letters[0]; k++)
    if (s->flags & letters[k].bit) line_put(&l, "%c", letters[k].letter);
  line_put(&l, "%s]", s->flags ? "" : "none");
}

@ The sequence number is printed as a range, first and one past last,
when there is payload; as a single number when there is none but the
segment occupies sequence space or resets; and not at all for a pure
acknowledgment, whose sequence number says little.  The acknowledgment
number appears only with the ACK bit.@^sequence number@>@^ACK flag@>@^reset@>

@<Print the sequence and acknowledgment numbers@>=
if (s->len > 0)
  line_put(&l, ", seq %lu:%lu", (unsigned long) s->seq,
    (unsigned long) (uint32_t) (s->seq + s->len));
else if (s->flags & (TCP_SYN | TCP_FIN | TCP_RST))
  line_put(&l, ", seq %lu", (unsigned long) s->seq);
if (s->flags & TCP_ACK) line_put(&l, ", ack %lu", (unsigned long) s->ack);

@ @<Print the window and the urgent pointer@>=
line_put(&l, ", win %u", (unsigned) s->window);
if (s->flags & TCP_URG) line_put(&l, ", urg %u", (unsigned) s->urgent);

@*1 Options as tcpdump prints them.
The options are printed in brackets, separated by commas:
\.{options [mss 1460,sackOK,TS val 2564995890 ecr 0,nop,wscale 10]}
is what a Linux kernel's SYN carries.  Each option prints its name, then
its value if it has one.  The walk over the options is \.{tcpdump}'s
walk, including its ways of failing, because the printer must agree
with \.{tcpdump} on any segment, even one the parser of the previous
chapter (\secref{segment}) would refuse.  The options are taken as they would be written,
padded with zeros to a whole number of words.@^tcpdump@>

@<Functions that print parts of the line@>=
@<Functions that print one option@>@;
static bool put_options(struct text_buffer *l, const struct segment *s)
{
  uint8_t o[TCP_OPTIONS_MAX] = {0};
  size_t optlen = s->optlen < TCP_OPTIONS_MAX ? s->optlen : TCP_OPTIONS_MAX;
  memcpy(o, s->options, optlen);
  size_t n = (optlen + 3) / 4 * 4, i = 0, left = n;
  char sep = '\0';
  line_put(l, ", options [");
  while (left > 0) {
    if (sep) line_put(l, "%c", sep);
    @<Read the kind and length of the option at |i|, or give up@>@;
    long used = put_option(l, kind, len, o + i, left);
    if (used < 0) goto bad;
    i += (size_t) used;
    left -= (size_t) used;
    if ((kind <= TCPOPT_NOP ? 1 : 2) + (unsigned long) used != len)
      line_put(l, "[len %u]", len);
    sep = ',';
    if (kind == TCPOPT_EOL) break;
  }
  line_put(l, "]");
  return true;
bad: line_put(l, "[bad opt]");
  if (sep) line_put(l, "]");
  return false;
}

@ |left| counts the bytes of options not yet read.  An option whose
length byte would be the first byte after the header ends the walk: with
payload there, \.{tcpdump} reads that byte, finds it too large and calls
the option bad; without payload, the packet has ended, and it says
\.{[\char'174tcp]}, its sign for a packet cut short.@^tcpdump@>

@<Read the kind and length of the option at |i|, or give up@>=
unsigned kind = o[i++], len = 1;
if (kind != TCPOPT_EOL && kind != TCPOPT_NOP) {
  if (i == n) {
    if (s->len == 0) {
      line_put(l, " [|tcp]");
      return false;
    }
    goto bad;
  }
  len = o[i++];
  if (len < 2 || len > left) goto bad;
  left--;
}
left--;

@ The names are \.{tcpdump}'s.  Kinds it does not know print as
\.{unknown-} and the number; kind 13 really is printed with an empty
name.@^tcpdump@>

@<Functions that print one option@>=
static const char *option_name(unsigned kind)
{
  switch (kind) {
  case 0: return "eol";
  case 1: return "nop";
  case 2: return "mss";
  case 3: return "wscale";
  case 4: return "sackOK";
  case 5: return "sack";
  case 6: return "echo";
  case 7: return "echoreply";
  case 8: return "TS";
  case 11: return "cc";
  case 12: return "ccnew";
  case 13: return "";
  case 19: return "md5";
  case 20: return "scps";
  case 28: return "uto";
  case 29: return "tcp-ao";
  case 30: return "mptcp";
  case 34: return "tfo";
  case 254: return "exp";
  default: return NULL;
  }
}

@ |put_option| prints the name and value of an option of |kind| whose
length byte said |len|; its data is at |p|, with |left| bytes of the
header after it.  It returns how many bytes of data it read, or $-1$
when the data it needs is not there (when |left| is too small).  Like \.{tcpdump}, it believes the
kind more than the length: an MSS option always has two bytes of value,
whatever its length says, and a wrong length is printed after the value
as \.{[len 3]}.@^maximum segment size (MSS)@>@^MSS option@>

@<Functions that print one option@>=
static long put_option(struct text_buffer *l, unsigned kind, unsigned len,
  const uint8_t *p, size_t left)
{
  const char *name = option_name(kind);
  if (name) line_put(l, "%s", name);
  else line_put(l, "unknown-%u", kind);
  switch (kind) {
  @<Print the value of an option of a known kind@>@;
  default: break;
  }
  @<Print the data of an option in hexadecimal@>@;
}

@ Options without a value print their name alone; the MSS, the window
scale and the timestamps print their numbers.@^maximum segment size (MSS)@>@^timestamps option@>

@<Print the value of an option of a known kind@>=
case TCPOPT_EOL: case TCPOPT_NOP: case TCPOPT_SACK_PERMITTED: return 0;
case TCPOPT_MSS: if (left < 2) return -1;
  line_put(l, " %u", (unsigned) get_be16(p));
  return 2;
case TCPOPT_WSCALE: if (left < 1) return -1;
  line_put(l, " %u", (unsigned) p[0]);
  return 1;
case TCPOPT_TIMESTAMP: if (left < 8) return -1;
  line_put(l, " val %lu ecr %lu", (unsigned long) get_be32(p),
    (unsigned long) get_be32(p + 4));
  return 8;

@ Five old options carry one 32-bit number each.

@<Print the value of an option of a known kind@>=
case 6: case 7: case 11: case 12: case 13: if (left < 4) return -1;
  line_put(l, " %lu", (unsigned long) get_be32(p));
  return 4;

@ The user timeout option (kind 28) is printed raw and then in seconds:
its low bit says whether the rest counts minutes.@^user timeout@>@^FIN\_WAIT\_2 timeout@>@^connection-establishment timeout@>

@<Print the value of an option of a known kind@>=
case 28: {
  if (left < 2) return -1;
  unsigned v = get_be16(p);
  line_put(l, " 0x%x %u", v, v & 1 ? (v >> 1) * 60 : v >> 1);
  return 2;
}

@ Selective acknowledgments (RFC~2018) carry blocks of two sequence
numbers, the first and one past the last byte of data received out of
order.  \.{tcpdump} prints how many, then the blocks.@^RFC 2018@>

@<Print the value of an option of a known kind@>=
case TCPOPT_SACK: {
  size_t datalen = len - 2;
  if (datalen % 8 != 0) line_put(l, " invalid sack");
  else {
    line_put(l, " %zu ", datalen / 8);
    for (size_t j = 0; j < datalen; j += 8) {
      if (left < j + 8) return -1;
      line_put(l, "{%lu:%lu}", (unsigned long) get_be32(p + j),
        (unsigned long) get_be32(p + j + 4));
    }
  }
  return (long) datalen;
}

@ Every other kind shows its data as hexadecimal digits after
\.{0x}.  That includes the few kinds that \.{tcpdump} decodes at greater
length (MD5 signatures, MPTCP, TCP-AO, Fast Open cookies and
experiments), where \.{ltcp}'s line shows their name and raw bytes
instead: none of them appears in this book's conversations.  The data
always fits, since |len| was checked against the bytes left.

@<Print the data of an option in hexadecimal@>=
if (len > 2) line_put(l, " 0x");
for (unsigned j = 0; j + 2 < len; j++) line_put(l, "%02x", p[j]);
return (long) len - 2;

@*1 The text log.
A log is a file of such lines, one per segment, with remarks between
them on lines that begin with a marker, so that \.{grep -v} removes
them, and what remains is, character for character, \.{tcpdump}'s
reading of the capture of the same run.@^log, text@>

Every log of this book, of the simulated link (\secref{simlink}) and of the
programs \.{ltcp listen} and \.{ltcp connect} (\secref{programs}) alike,
follows one rule for its {\it state lines}, the remarks that say a
connection changed state.  Such a line gives the moment of the change,
in the form of the segment lines' times, then the side, the two states
and, in parentheses, the cause and what was sent:
$$\hbox{\.{\# 1764547200.100000 client ESTABLISHED -> FIN\_WAIT\_1 (appl: close; send: FIN)}}$$
And it stands where its moment puts it among the segments.  A change
caused by an arriving segment comes under that segment and above the
answer it caused; a change caused by the application or by a timer
comes above the segment it sent (the move to FIN\_WAIT\_1 above the FIN),
since the state changed first and the segment is what the new state
sends.  So a reader can tell {\it when} the client reached CLOSED by
reading a line, not by adding up.  A listener's close, LISTEN${}\to{}$%
CLOSED, comes when the program has finished with its connections, not in
the middle of one.  Other remarks (a step of a scenario, a fault of the
link) carry no time.@^state line@>

@<Constants of the log@>=
#define LOG_STATE_MARKER "# "

@ |log_segment| writes a segment's line and a newline; |log_note|
writes a remark, every line of it behind the marker.  Both return 0, or
$-1$ when the file cannot be written.

@<Functions of the log@>=
int log_segment(FILE *f, uint64_t usec, const struct segment *s)
{
  char text[TCPDUMP_LINE_MAX];
  format_tcpdump(text, sizeof text, usec, s);
  return fprintf(f, "%s\n", text) < 0 ? -1 : 0;
}

@ @<Functions of the log@>=
int log_note(FILE *f, const char *text)
{
  do {
    size_t k = strcspn(text, "\n");
    if (fprintf(f, "%s%.*s\n", LOG_STATE_MARKER, (int) k, text) < 0)
      return -1;
    text += k;
  } while (*text++ != '\0');
  return 0;
}

@ @<Declarations of the log functions@>=
int log_segment(FILE *f, uint64_t usec, const struct segment *s);
int log_note(FILE *f, const char *text);

@* Capture files.
Two formats of capture file are in use.  The old one, {\it pcap}, is a
header of 24 bytes followed by one record per packet, each a header of
16 bytes and the packet's bytes.  The new one, {\it pcapng} (``next
generation''), is a sequence of {\it blocks}, each of which begins with
its type and length and ends with its length again, so that a program can
skip blocks it does not know; it can carry a comment with each packet,
which \.{ltcp} uses to say what the packet means.  \.{ltcp} writes
pcapng unless asked for pcap.

Both formats say, once, what kind of packet they hold: the {\it link
type}.  \.{ltcp} has no Ethernet or other link layer, so it writes
type~101, ``raw IP'': each packet begins with its IPv4 header.  The
numbers are the registry's; the reader below knows a few more.@^pcapng capture file@>

@<Constants of the log@>=
#define LINKTYPE_NULL 0 /* BSD loopback: a 4-byte address family */
#define LINKTYPE_ETHERNET 1
#define LINKTYPE_RAW 101 /* an IPv4 or IPv6 packet */
#define LINKTYPE_LINUX_SLL 113 /* Linux ``cooked'' capture, \.{tcpdump -i any} */
#define LINKTYPE_IPV4 228
#define LINKTYPE_LINUX_SLL2 276

@ A writer remembers its file and format, and counts its packets.
Both formats are written little-endian whatever the machine, so that the
same run gives the same bytes everywhere; readers adapt to either order.

@<The types of the capture writer@>=
enum capture_format { CAPTURE_PCAPNG, CAPTURE_PCAP };
struct capture_writer {
  FILE *f;
  enum capture_format format;
  unsigned long packets;
};

@ @<Declarations of the log functions@>=
int capture_open(struct capture_writer *w, FILE *f,
  enum capture_format format);
int capture_segment(struct capture_writer *w, uint64_t usec,
  const struct segment *s, const char *comment);

@ Numbers in the files are written a byte at a time, least significant
first, and the bytes go to the file through one function that notices
failure.

@<Functions of the log@>=
static void put_le16(uint8_t *p, uint16_t v)
{
  p[0] = (uint8_t) v;
  p[1] = (uint8_t) (v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
  put_le16(p, (uint16_t) v);
  put_le16(p + 2, (uint16_t) (v >> 16));
}

static bool put_bytes(FILE *f, const void *p, size_t n)
{
  return n == 0 || fwrite(p, 1, n, f) == n;
}

@ |capture_open| writes what comes before the first packet and returns
0, or $-1$ if the file cannot be written.

@<Functions of the log@>=
int capture_open(struct capture_writer *w, FILE *f,
  enum capture_format format)
{
  w->f = f;
  w->format = format;
  w->packets = 0;
  bool ok = format == CAPTURE_PCAP ? put_pcap_header(f)
    : put_section_header(f) && put_interface(f);
  return ok && fflush(f) == 0 ? 0 : -1;
}

@ The pieces are written by functions that follow.

@<Declarations of the log's own functions@>=
static bool put_pcap_header(FILE *f);
static bool put_section_header(FILE *f);
static bool put_interface(FILE *f);
static bool put_pcap_record(FILE *f, uint64_t usec, const uint8_t *pkt,
  size_t n);
static bool put_packet_block(FILE *f, uint64_t usec, const uint8_t *pkt,
  size_t n, const char *comment);

@ The pcap header: a magic number that also tells the byte order and
that timestamps are in microseconds, the version 2.4, two fields that
are always zero, the largest packet the file may hold (the {\it
snapshot length}), and the link type.@^timestamps option@>@^network byte order@>

@<Functions of the log@>=
static bool put_pcap_header(FILE *f)
{
  uint8_t h[24];
  put_le32(h, 0xa1b2c3d4);
  put_le16(h + 4, 2);
  put_le16(h + 6, 4);
  put_le32(h + 8, 0);
  put_le32(h + 12, 0);
  put_le32(h + 16, 65535);
  put_le32(h + 20, LINKTYPE_RAW);
  return put_bytes(f, h, sizeof h);
}

@ A pcapng file opens with a {\it section header block}, type
|0x0a0d0d0a|: its byte-order magic |0x1a2b3c4d|, the version 1.0, and
the length of the section, $-1$ for ``not given''.  One option names the
program that wrote the file; a list of options always ends with the
option of code 0 and length 0.  The block is 40 bytes, and says so at
both ends.@^pcapng capture file@>

@<Functions of the log@>=
static bool put_section_header(FILE *f)
{
  uint8_t b[40];
  put_le32(b, 0x0a0d0d0a);
  put_le32(b + 4, sizeof b);
  put_le32(b + 8, 0x1a2b3c4d);
  put_le16(b + 12, 1);
  put_le16(b + 14, 0);
  put_le32(b + 16, 0xffffffff);
  put_le32(b + 20, 0xffffffff);
  put_le16(b + 24, 4); /* shb\_userappl */
  put_le16(b + 26, 4);
  memcpy(b + 28, "ltcp", 4);
  put_le32(b + 32, 0); /* end of options */
  put_le32(b + 36, sizeof b);
  return put_bytes(f, b, sizeof b);
}

@ Each packet names the {\it interface} it was captured on by number;
the interfaces are described, in order from 0, by interface description
blocks (type 1).  \.{ltcp} has one: link type 101, snapshot length
65,535, and an option |if_tsresol| of 6, for timestamps counted in
units of $10^{-6}$~seconds (the default, said anyway).  An option's
value is padded to a multiple of four bytes.@^timestamps option@>@^interface of the core@>

@<Functions of the log@>=
static bool put_interface(FILE *f)
{
  uint8_t b[32];
  put_le32(b, 1);
  put_le32(b + 4, sizeof b);
  put_le16(b + 8, LINKTYPE_RAW);
  put_le16(b + 10, 0);
  put_le32(b + 12, 65535);
  put_le16(b + 16, 9); /* if\_tsresol */
  put_le16(b + 18, 1);
  put_le32(b + 20, 6); /* the value 6 and three bytes of padding */
  put_le32(b + 24, 0);
  put_le32(b + 28, sizeof b);
  return put_bytes(f, b, sizeof b);
}

@*1 A segment as an IPv4 packet.
A capture holds packets, not segments, so each segment is wrapped in
the IPv4 header that would carry it (RFC~791): version 4 and a header of
five words, no type of service, the total length, an identification of
0 with the ``don't fragment'' bit (RFC~6864 allows that for a packet
that will never be fragmented), a time to live of 64, protocol 6, the
header's own checksum, and the two addresses.  The packet is built in a
buffer of |IPV4_PACKET_MAX| bytes, and its length returned; 0 means the
segment could not be written.@^sequence numbers, wrap-around@>@^RFC 791@>@^RFC 6864@>

@<Constants of the log@>=
#define IPV4_HEADER_MIN 20
#define IPV4_PACKET_MAX 65535

@ The IPv4 checksum covers the IPv4 header only; the TCP checksum,
which |seg_write| computes, covers the segment and the pseudo-header.@^pseudo-header@>

@<Functions of the log@>=
size_t ipv4_packet(uint8_t *pkt, const struct segment *s)
{
  size_t n = seg_write(s, pkt + IPV4_HEADER_MIN,
    IPV4_PACKET_MAX - IPV4_HEADER_MIN);
  if (n == 0) return 0;
  n += IPV4_HEADER_MIN;
  pkt[0] = 0x45;
  pkt[1] = 0;
  put_be16(pkt + 2, (uint16_t) n);
  put_be16(pkt + 4, 0);
  put_be16(pkt + 6, 0x4000); /* don't fragment */
  pkt[8] = 64;
  pkt[9] = 6;
  put_be16(pkt + 10, 0);
  put_be32(pkt + 12, s->src_addr);
  put_be32(pkt + 16, s->dst_addr);
  put_be16(pkt + 10, inet_checksum(pkt, IPV4_HEADER_MIN));
  return n;
}

@ @<Declarations of the log functions@>=
size_t ipv4_packet(uint8_t *pkt, const struct segment *s);

@ |capture_segment| writes one packet and flushes the file, so that a
reader following the file sees every packet as soon as it is sent and
a crash loses none.  It returns 0, or $-1$ when the segment cannot be
written or the file refuses the bytes.

@<Functions of the log@>=
int capture_segment(struct capture_writer *w, uint64_t usec,
  const struct segment *s, const char *comment)
{
  uint8_t pkt[IPV4_PACKET_MAX];
  size_t n = ipv4_packet(pkt, s);
  if (n == 0) return -1;
  bool ok = w->format == CAPTURE_PCAP ? put_pcap_record(w->f, usec, pkt, n)
    : put_packet_block(w->f, usec, pkt, n, comment);
  if (!ok || fflush(w->f) != 0) return -1;
  w->packets++;
  return 0;
}

@ A pcap record is the time in seconds and microseconds, the number of
bytes captured and the length of the packet, which are equal here,
then the packet.

@<Functions of the log@>=
static bool put_pcap_record(FILE *f, uint64_t usec, const uint8_t *pkt,
  size_t n)
{
  uint8_t h[16];
  put_le32(h, (uint32_t) (usec / 1000000));
  put_le32(h + 4, (uint32_t) (usec % 1000000));
  put_le32(h + 8, (uint32_t) n);
  put_le32(h + 12, (uint32_t) n);
  return put_bytes(f, h, sizeof h) && put_bytes(f, pkt, n);
}

@ A pcapng packet is an {\it enhanced packet block} (type 6): the
interface, the timestamp as a 64-bit count of microseconds split in two
halves, the captured and original lengths, the packet padded to a word,
and the options.  The comment is option |opt_comment|, code 1, text
without a terminating zero.  An option's length is 16 bits, so a longer
comment is cut.@^pcapng capture file@>@^interface of the core@>

@<Functions of the log@>=
static bool put_packet_block(FILE *f, uint64_t usec, const uint8_t *pkt,
  size_t n, const char *comment)
{
  static const uint8_t zeros[4];
  size_t clen = comment ? strlen(comment) : 0;
  if (clen > 65000) clen = 65000;
  size_t pad = (4 - n % 4) % 4, cpad = (4 - clen % 4) % 4;
  size_t opts = clen ? 4 + clen + cpad + 4 : 0;
  uint32_t total = (uint32_t) (28 + n + pad + opts + 4);
  uint8_t h[28];
  put_le32(h, 6);
  put_le32(h + 4, total);
  put_le32(h + 8, 0);
  put_le32(h + 12, (uint32_t) (usec >> 32));
  put_le32(h + 16, (uint32_t) usec);
  put_le32(h + 20, (uint32_t) n);
  put_le32(h + 24, (uint32_t) n);
  bool ok = put_bytes(f, h, sizeof h) && put_bytes(f, pkt, n)
    && put_bytes(f, zeros, pad);
  @<Write the comment option and the end of the options@>@;
  uint8_t t[4];
  put_le32(t, total);
  return ok && put_bytes(f, t, 4);
}

@ @<Write the comment option and the end of the options@>=
if (clen > 0) {
  uint8_t o[4];
  put_le16(o, 1);
  put_le16(o + 2, (uint16_t) clen);
  ok = ok && put_bytes(f, o, 4) && put_bytes(f, comment, clen)
    && put_bytes(f, zeros, cpad) && put_bytes(f, zeros, 4);
}

@* Reading captures.
The reader takes a capture file, ours or another program's, and gives
back the TCP segments in it one at a time, with their timestamps and
pcapng comments.  Everything else is skipped and counted: packets that
are not IPv4, not TCP, fragments, packets the capturing program cut
short, and segments the parser of the previous chapter (\secref{segment}) refuses.  A
damaged file is an error with a message, never a crash: every length the
file states is checked against the bytes that are really there.

The reader never verifies checksums.  A Linux kernel sending on the
loopback interface leaves the TCP checksum to network hardware that
loopback does not have, so a capture of a loopback connection holds
segments whose checksums are wrong and which are nevertheless what was
sent.@^timestamps option@>@^pcapng capture file@>@^loopback interface@>@^interface of the core@>

@<The types of the capture reader@>=
@<The type of an interface in a capture@>@;
struct capture_reader {
  FILE *f;
  enum capture_format format;
  bool big_endian; /* the byte order of the file, or of its current section */
  struct capture_interface iface[CAPTURE_MAX_INTERFACES];
  unsigned ninterfaces;
  uint8_t *buf; /* the current record or block */
  size_t bufcap;
  char *comment; /* the current packet's comment, ended by a zero byte */
  size_t commentcap;
  unsigned long packets, skipped, malformed;
  char err[160];
};

@ An interface is known by its link type and the resolution of its
timestamps, which is |tsresol|: units of $10^{-|tsresol|}$ seconds, or,
with the top bit set, $2^{-(|tsresol|-128)}$ seconds.  A pcap file has
one interface, of resolution 6 or 9.

@<The type of an interface in a capture@>=
#define CAPTURE_MAX_INTERFACES 16
struct capture_interface {
  uint32_t linktype;
  uint8_t tsresol;
};

@ The interface: open, read one packet at a time, close.
|capture_reader_open| returns 0, or $-1$ with a message in |err|.
|capture_next| returns 1 with a segment, 0 at the end of the file, $-1$
on an error, whose message is in |r->err|.  The segment's payload and
the comment stay valid until the next call.

@<Declarations of the log functions@>=
int capture_reader_open(struct capture_reader *r, FILE *f, char *err,
  size_t errlen);
int capture_next(struct capture_reader *r, uint64_t *usec,
  struct segment *s, const char **comment);
void capture_reader_close(struct capture_reader *r);

@ Reading numbers in the file's byte order.@^network byte order@>

@<Functions of the log@>=
static uint16_t get16(const struct capture_reader *r, const uint8_t *p)
{
  return r->big_endian ? get_be16(p) : (uint16_t) (p[1] << 8 | p[0]);
}

static uint32_t get32(const struct capture_reader *r, const uint8_t *p)
{
  return r->big_endian ? get_be32(p)
    : (uint32_t) get16(r, p + 2) << 16 | get16(r, p);
}

@ An error is a formatted message in the reader, and the status $-1$.

@<Functions of the log@>=
static int reader_error(struct capture_reader *r, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err, sizeof r->err, fmt, ap);
  va_end(ap);
  return -1;
}

@ Bytes are read into the reader's buffer, which grows as needed up to
a limit: a length field of four gigabytes in a damaged file must not
become a request for four gigabytes of memory.  |read_into| returns 1
when it read all |n| bytes, 0 when the file ended before the first of
them, and $-1$ when it ended in the middle or the bytes will not fit.

@<Constants of the log@>=
#define CAPTURE_BLOCK_MAX (1u << 24)

@ @<Functions of the log@>=
static int read_into(struct capture_reader *r, size_t at, size_t n)
{
  if (at + n > CAPTURE_BLOCK_MAX)
    return reader_error(r, "a record of %zu bytes is too long", at + n);
  if (at + n > r->bufcap) {
    uint8_t *b = realloc(r->buf, at + n);
    if (!b) return reader_error(r, "out of memory");
    r->buf = b;
    r->bufcap = at + n;
  }
  size_t got = fread(r->buf + at, 1, n, r->f);
  if (got == n) return 1;
  if (got == 0 && feof(r->f)) return 0;
  return reader_error(r, "the file ends in the middle of a record");
}

@ The first four bytes tell the format, and for pcap the byte order and
the resolution.  pcapng's first block type reads the same in either
order, on purpose; its byte order is in the block itself.@^network byte order@>

@<Functions of the log@>=
int capture_reader_open(struct capture_reader *r, FILE *f, char *err,
  size_t errlen)
{
  memset(r, 0, sizeof *r);
  r->f = f;
  int rc = read_into(r, 0, 4);
  if (rc == 1) {
    uint32_t m = get_be32(r->buf);
    if (is_pcap_magic(m)) rc = start_pcap(r, m);
    else if (m == 0x0a0d0d0a) {
      r->format = CAPTURE_PCAPNG;
      rc = read_section_header(r, 4) < 0 ? -1 : 0;
    } else rc = reader_error(r, "not a pcap or pcapng file");
  } else rc = reader_error(r, "not a pcap or pcapng file");
  if (rc != 0) {
    if (errlen > 0) snprintf(err, errlen, "%s", r->err);
    capture_reader_close(r);
    return -1;
  }
  return 0;
}

@ Its helpers follow.

@<Declarations of the log's own functions@>=
static bool is_pcap_magic(uint32_t m);
static int start_pcap(struct capture_reader *r, uint32_t m);
static int read_section_header(struct capture_reader *r, size_t have);
static int check_linktype(struct capture_reader *r, uint32_t t);

@ The magic number, read big-endian, is |0xa1b2c3d4| in a big-endian
file and |0xd4c3b2a1| in a little-endian one; |0xa1b23c4d| and its
reverse mark timestamps in nanoseconds.@^big-endian@>

@<Functions of the log@>=
static bool is_pcap_magic(uint32_t m)
{
  return m == 0xa1b2c3d4 || m == 0xd4c3b2a1 || m == 0xa1b23c4d
    || m == 0x4d3cb2a1;
}

@ The rest of the pcap header is 20 bytes; of them only the link type
matters here.  Its top six bits may hold other information, and are
masked off.

@<Functions of the log@>=
static int start_pcap(struct capture_reader *r, uint32_t m)
{
  r->format = CAPTURE_PCAP;
  r->big_endian = m == 0xa1b2c3d4 || m == 0xa1b23c4d;
  r->ninterfaces = 1;
  r->iface[0].tsresol = m == 0xa1b2c3d4 || m == 0xd4c3b2a1 ? 6 : 9;
  if (read_into(r, 0, 20) != 1)
    return reader_error(r, "the file ends inside its header");
  r->iface[0].linktype = get32(r, r->buf + 16) & 0x03ffffff;
  return check_linktype(r, r->iface[0].linktype);
}

@ The link types the reader can take apart.

@<Functions of the log@>=
static int check_linktype(struct capture_reader *r, uint32_t t)
{
  switch (t) {
  case LINKTYPE_NULL: case LINKTYPE_ETHERNET: case LINKTYPE_RAW:
  case LINKTYPE_LINUX_SLL: case LINKTYPE_IPV4: case LINKTYPE_LINUX_SLL2:
    return 0;
  default: return reader_error(r, "link type %lu is not supported",
      (unsigned long) t);
  }
}

@ @<Functions of the log@>=
void capture_reader_close(struct capture_reader *r)
{
  free(r->buf);
  free(r->comment);
  r->buf = NULL;
  r->comment = NULL;
  r->bufcap = r->commentcap = 0;
}

@*1 The next packet.
Each call reads records until one holds a TCP segment.  For a pcap
file a record is a packet; for pcapng a block may also describe an
interface or begin a new section.

@<Functions of the log@>=
int capture_next(struct capture_reader *r, uint64_t *usec,
  struct segment *s, const char **comment)
{
  for (;;) {
    const uint8_t *pkt = NULL;
    size_t n = 0;
    uint32_t linktype = 0;
    *comment = NULL;
    int rc = r->format == CAPTURE_PCAP
      ? next_pcap_record(r, usec, &pkt, &n, &linktype)
      : next_packet_block(r, usec, &pkt, &n, &linktype, comment);
    if (rc <= 0) return rc;
    r->packets++;
    if (packet_segment(r, linktype, pkt, n, s)) return 1;
  }
}

@ The three functions it calls, and theirs, follow.

@<Declarations of the log's own functions@>=
static int next_pcap_record(struct capture_reader *r, uint64_t *usec,
  const uint8_t **pkt, size_t *n, uint32_t *linktype);
static int next_packet_block(struct capture_reader *r, uint64_t *usec,
  const uint8_t **pkt, size_t *n, uint32_t *linktype, const char **comment);
static bool packet_segment(struct capture_reader *r, uint32_t linktype,
  const uint8_t *p, size_t n, struct segment *s);
static int read_block_rest(struct capture_reader *r, size_t have,
  uint32_t total);
static int add_interface(struct capture_reader *r, const uint8_t *body,
  size_t blen);
static bool find_option(const struct capture_reader *r, const uint8_t *p,
  size_t n, uint16_t code, const uint8_t **value, size_t *vlen);
static uint64_t to_usec(uint64_t ts, uint8_t tsresol);

@ A pcap record: seconds, the fraction in micro- or nanoseconds, the
captured length, the original length.  The packet is read whole, after
the 16 bytes of its header in the buffer.

@<Functions of the log@>=
static int next_pcap_record(struct capture_reader *r, uint64_t *usec,
  const uint8_t **pkt, size_t *n, uint32_t *linktype)
{
  int rc = read_into(r, 0, 16);
  if (rc <= 0) return rc;
  uint32_t sec = get32(r, r->buf), frac = get32(r, r->buf + 4);
  *n = get32(r, r->buf + 8);
  if (read_into(r, 16, *n) != 1)
    return reader_error(r, "the file ends inside a packet");
  *usec = (uint64_t) sec * 1000000
    + (r->iface[0].tsresol == 9 ? frac / 1000 : frac);
  *pkt = r->buf + 16;
  *linktype = r->iface[0].linktype;
  return 1;
}

@*1 Blocks of pcapng.
Every block is its type, its total length, a body and the total length
again.  The length counts all of it, is a multiple of four, and is at
least 12.  The section header block is read first: its byte-order magic
decides how to read every number of the section, even its own length.
Its first |have| bytes have been read already (its type, or its type and
length).

@<Functions of the log@>=
static int read_section_header(struct capture_reader *r, size_t have)
{
  if (read_into(r, have, 12 - have) != 1)
    return reader_error(r, "the file ends inside a section header");
  uint32_t bom = get_be32(r->buf + 8);
  if (bom != 0x1a2b3c4d && bom != 0x4d3c2b1a)
    return reader_error(r, "bad byte-order magic in a section header");
  r->big_endian = bom == 0x1a2b3c4d;
  r->ninterfaces = 0;
  uint32_t total = get32(r, r->buf + 4);
  if (total < 28 || total % 4 != 0)
    return reader_error(r, "bad length of a section header");
  return read_block_rest(r, 12, total);
}

@ The rest of a block, after the |have| bytes already read: its body and
the repeated length, which must agree.

@<Functions of the log@>=
static int read_block_rest(struct capture_reader *r, size_t have,
  uint32_t total)
{
  if (read_into(r, have, total - have) != 1)
    return reader_error(r, "the file ends inside a block");
  if (get32(r, r->buf + total - 4) != total)
    return reader_error(r, "a block's two lengths differ");
  return 1;
}

@ Blocks are read until one is a packet.  Interface descriptions are
noted, new sections begun, and blocks of other types (statistics, name
resolution, and so on) skipped.

@<Functions of the log@>=
static int next_packet_block(struct capture_reader *r, uint64_t *usec,
  const uint8_t **pkt, size_t *n, uint32_t *linktype, const char **comment)
{
  for (;;) {
    int rc = read_into(r, 0, 8);
    if (rc <= 0) return rc;
    uint32_t type = get32(r, r->buf);
    if (type == 0x0a0d0d0a) {
      if (read_section_header(r, 8) < 0) return -1;
      continue;
    }
    uint32_t total = get32(r, r->buf + 4);
    if (total < 12 || total % 4 != 0)
      return reader_error(r, "bad block length %lu", (unsigned long) total);
    if (read_block_rest(r, 8, total) < 0) return -1;
    const uint8_t *body = r->buf + 8;
    size_t blen = total - 12;
    @<Take in an interface, or return a packet, from block |type|@>@;
  }
}

@ @<Take in an interface, or return a packet, from block |type|@>=
if (type == 1) {
  if (add_interface(r, body, blen) < 0) return -1;
} else if (type == 6) {
  @<Return the packet of an enhanced packet block@>@;
} else if (type == 3) {
  @<Return the packet of a simple packet block@>@;
}

@ An interface description: the link type, two reserved bytes, the
snapshot length, and options, of which only |if_tsresol| (code 9)
matters here.

@<Functions of the log@>=
static int add_interface(struct capture_reader *r, const uint8_t *body,
  size_t blen)
{
  if (blen < 8) return reader_error(r, "interface block too short");
  if (r->ninterfaces == CAPTURE_MAX_INTERFACES)
    return reader_error(r, "more than %d interfaces", CAPTURE_MAX_INTERFACES);
  struct capture_interface *i = &r->iface[r->ninterfaces++];
  i->linktype = get16(r, body);
  i->tsresol = 6;
  const uint8_t *v;
  size_t vlen;
  if (find_option(r, body + 8, blen - 8, 9, &v, &vlen) && vlen >= 1)
    i->tsresol = v[0];
  @<Refuse a resolution that cannot be converted to microseconds@>@;
  return check_linktype(r, i->linktype);
}

@ Resolutions finer than $10^{-19}$ or $2^{-40}$ second do not occur in
practice, and would overflow the conversion below.

@<Refuse a resolution that cannot be converted to microseconds@>=
if ((i->tsresol & 0x80) ? (i->tsresol & 0x7f) > 40 : i->tsresol > 19)
  return reader_error(r, "timestamp resolution %u is not supported",
    (unsigned) i->tsresol);

@ Options are code, length, value, and padding to four bytes, until the
code 0 or the end of the area.  |find_option| looks for one code, and
trusts no length.

@<Functions of the log@>=
static bool find_option(const struct capture_reader *r, const uint8_t *p,
  size_t n, uint16_t code, const uint8_t **value, size_t *vlen)
{
  size_t i = 0;
  while (i + 4 <= n) {
    uint16_t c = get16(r, p + i), len = get16(r, p + i + 2);
    if (c == 0 || len > n - i - 4) return false;
    if (c == code) {
      *value = p + i + 4;
      *vlen = len;
      return true;
    }
    i += 4 + (len + 3u) / 4 * 4;
  }
  return false;
}

@ An enhanced packet block: the interface, the timestamp in two halves,
the captured and original lengths, the packet, padding, options.  The
captured length is checked against the block before it is believed.

@<Return the packet of an enhanced packet block@>=
if (blen < 20) return reader_error(r, "packet block too short");
uint32_t id = get32(r, body), caplen = get32(r, body + 12);
if (id >= r->ninterfaces)
  return reader_error(r, "packet of undescribed interface %lu",
    (unsigned long) id);
if (caplen > blen - 20)
  return reader_error(r, "packet longer than its block");
uint64_t ts = (uint64_t) get32(r, body + 4) << 32 | get32(r, body + 8);
*usec = to_usec(ts, r->iface[id].tsresol);
*pkt = body + 20;
*n = caplen;
*linktype = r->iface[id].linktype;
size_t at = 20 + ((size_t) caplen + 3) / 4 * 4;
if (at < blen) @<Keep the comment of the packet, if it has one@>@;
return 1;

@ The comment is copied out, with a zero byte after it, into a buffer
of its own.

@<Keep the comment of the packet, if it has one@>=
{
  const uint8_t *v;
  size_t vlen;
  if (find_option(r, body + at, blen - at, 1, &v, &vlen)) {
    if (vlen + 1 > r->commentcap) {
      char *c = realloc(r->comment, vlen + 1);
      if (!c) return reader_error(r, "out of memory");
      r->comment = c;
      r->commentcap = vlen + 1;
    }
    memcpy(r->comment, v, vlen);
    r->comment[vlen] = '\0';
    *comment = r->comment;
  }
}

@ A simple packet block has no timestamp and belongs to interface 0:
the original length, then as much of the packet as was captured.

@<Return the packet of a simple packet block@>=
if (blen < 4 || r->ninterfaces == 0)
  return reader_error(r, "bad simple packet block");
size_t orig = get32(r, body);
*usec = 0;
*pkt = body + 4;
*n = orig < blen - 4 ? orig : blen - 4;
*linktype = r->iface[0].linktype;
return 1;

@ A timestamp counts units of the interface's resolution; microseconds
are what \.{ltcp} uses.  The conversion divides or multiplies by a power
of ten, or, for a binary resolution, splits the count into whole seconds
and a fraction so that the multiplication cannot overflow.

@<Functions of the log@>=
static uint64_t to_usec(uint64_t ts, uint8_t tsresol)
{
  if (tsresol & 0x80) {
    unsigned bits = tsresol & 0x7f;
    uint64_t frac = ts & ((UINT64_C(1) << bits) - 1);
    return (ts >> bits) * 1000000 + (frac * 1000000 >> bits);
  }
  uint64_t p = 1;
  for (unsigned k = 6; k < tsresol; k++) p *= 10;
  for (unsigned k = tsresol; k < 6; k++) ts *= 10;
  return ts / p;
}

@*1 From a packet to a segment.
The link layer comes off first.  Each link type puts the IPv4 packet at
a known offset, after a header that says which protocol follows:
Ethernet's type 0x0800 (perhaps after VLAN tags), the Linux cooked
header's protocol field, or BSD loopback's address family, which is 2
for IPv4 in whichever byte order the capturing machine used.
|link_ipv4| finds the offset, or returns false for a packet that is not
IPv4.@^network byte order@>@^loopback interface@>

@<Functions of the log@>=
static bool link_ipv4(uint32_t linktype, const uint8_t *p, size_t n,
  size_t *off)
{
  switch (linktype) {
  case LINKTYPE_RAW: *off = 0;
    return n >= 1 && p[0] >> 4 == 4;
  case LINKTYPE_IPV4: *off = 0;
    return true;
  case LINKTYPE_NULL: *off = 4;
    return n >= 4 && (get_be32(p) == 2 || get_be32(p) == 0x02000000);
  case LINKTYPE_LINUX_SLL: *off = 16;
    return n >= 16 && get_be16(p + 14) == 0x0800;
  case LINKTYPE_LINUX_SLL2: *off = 20;
    return n >= 20 && get_be16(p) == 0x0800;
  case LINKTYPE_ETHERNET: @<Find the IPv4 packet in an Ethernet frame@>@;
  default: return false;
  }
}

@ An Ethernet frame has two addresses of six bytes, then the type;
a VLAN tag (type 0x8100, or 0x88a8 for an outer tag) inserts four bytes
and moves the type after it.

@<Find the IPv4 packet in an Ethernet frame@>=
{
  size_t at = 12;
  while (n >= at + 2 && (get_be16(p + at) == 0x8100
      || get_be16(p + at) == 0x88a8)) at += 4;
  *off = at + 2;
  return n >= at + 2 && get_be16(p + at) == 0x0800;
}

@ Then the IPv4 header (RFC~791): version and header length, the total
length, the fragment fields, the protocol, the addresses.  The segment
is what lies between the end of the IPv4 header and the total length;
an Ethernet frame may have padding after that.  A packet cut short by
the capture's snapshot length is skipped: its segment is incomplete.@^header length@>@^RFC 791@>

@<Functions of the log@>=
static bool packet_segment(struct capture_reader *r, uint32_t linktype,
  const uint8_t *p, size_t n, struct segment *s)
{
  size_t off;
  if (!link_ipv4(linktype, p, n, &off) || n - off < IPV4_HEADER_MIN) {
    r->skipped++;
    return false;
  }
  p += off;
  n -= off;
  size_t ihl = (size_t) (p[0] & 0x0f) * 4, total = get_be16(p + 2);
  @<Skip the packet unless it is a whole, unfragmented IPv4 packet of TCP@>@;
  if (seg_parse(s, p + ihl, total - ihl, get_be32(p + 12),
      get_be32(p + 16), false) != SEG_OK) {
    r->malformed++;
    return false;
  }
  return true;
}

@ A fragment is recognised by its offset or its ``more fragments'' bit:
the low 14 bits of bytes 6 and 7.

@<Skip the packet unless it is a whole, unfragmented IPv4 packet of TCP@>=
if (p[0] >> 4 != 4 || ihl < IPV4_HEADER_MIN || total < ihl || total > n
    || p[9] != 6 || (get_be16(p + 6) & 0x3fff) != 0) {
  r->skipped++;
  return false;
}

@* Two subcommands.
\.{ltcp decode -r FILE} prints every TCP segment of a capture, pcap or
pcapng, the way \.{tcpdump -n -S -tt -r FILE} does; a packet's comment
follows its line as remarks.  For a capture of TCP over IPv4 alone, the
output without the remarks is \.{tcpdump}'s, which the tests check on a
capture \.{tcpdump} itself wrote of a real connection over the loopback
interface.  The name \.{-} reads the standard input.@^loopback interface@>

@<Functions that help |cmd_decode|@>=
static int decode_capture(const char *name)
{
  FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
  if (!f) {
    fprintf(stderr, "ltcp: decode: cannot open %s\n", name);
    return EXIT_FAILURE;
  }
  struct capture_reader r;
  char err[160];
  int rc = capture_reader_open(&r, f, err, sizeof err) < 0 ? -1 : 1;
  if (rc < 0) fprintf(stderr, "ltcp: decode: %s: %s\n", name, err);
  else @<Print each segment of the capture@>@;
  if (f != stdin) fclose(f);
  return rc < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

@ Packets that were not TCP segments are counted on the standard error
stream, so that the standard output stays comparable with
\.{tcpdump}'s.

@<Print each segment of the capture@>=
{
  uint64_t usec;
  struct segment s;
  const char *comment;
  while ((rc = capture_next(&r, &usec, &s, &comment)) > 0) {
    log_segment(stdout, usec, &s);
    if (comment) log_note(stdout, comment);
  }
  if (rc < 0) fprintf(stderr, "ltcp: decode: %s: %s\n", name, r.err);
  if (r.skipped || r.malformed)
    fprintf(stderr, "ltcp: decode: skipped %lu packets that are not TCP "@t}\1\1{@>@/
      "over IPv4 and %lu malformed segments\n", r.skipped, r.malformed@t}\2\2{@>);
  capture_reader_close(&r);
}

@ \.{ltcp pcap-demo FILE} writes the capture of the conversation shown
at the start of this chapter, built by hand, segment by segment, with
no TCP behind it.  \.{--pcap} asks for the old format, and \.{-l LOG}
writes the text log as well (\.{-} for the standard output).@^log, text@>

@<Subcommands@>=
@[{"pcap-demo", cmd_pcap_demo, "[--pcap] [-l LOG] FILE",
  "write a capture of a small hand-built TCP conversation"},@/@]

@ The conversation is a table: when each segment is sent, by whom, its
control bits, sequence and acknowledgment numbers, payload and comment.
The client is 10.0.0.1, port 50000, with initial sequence number 1000;
the server is 10.0.0.2, port 40000, with 3000.  A segment takes 10~ms
to cross, and a side answers as soon as a segment arrives.  The states
in the comments are those of the story (Part~I, \secref{part-story}).@^initial sequence number (ISN)@>@^acknowledgment number@>

@<Functions that help |cmd_pcap_demo|@>=
struct demo_step {
  uint32_t usec;
  bool from_client;
  uint8_t flags;
  uint32_t seq, ack;
  const char *data;
  const char *comment;
};

@ @<Functions that help |cmd_pcap_demo|@>=
static const struct demo_step demo_steps[] = {
  {0, true, TCP_SYN, 1000, 0, "",
    "client: CLOSED -> SYN_SENT; it asks to open, offering an MSS of 1460"},
  {10000, false, TCP_SYN | TCP_ACK, 3000, 1001, "",
    "server: LISTEN -> SYN_RCVD; it acknowledges the SYN with its own"},
  {20000, true, TCP_ACK, 1001, 3001, "",
    "client: SYN_SENT -> ESTABLISHED; this ACK will move the server there too"},
  {21000, true, TCP_PSH | TCP_ACK, 1001, 3001, "hello, server\n",
    "the client sends a line"},
  {31000, false, TCP_PSH | TCP_ACK, 3001, 1015, "hello, client\n",
    "the server acknowledges the line and answers with one"},
  {41000, true, TCP_ACK, 1015, 3015, "",
    "the client acknowledges the answer"},
  {50000, true, TCP_FIN | TCP_ACK, 1015, 3015, "",
    "client: ESTABLISHED -> FIN_WAIT_1; it has nothing more to say"},
  {60000, false, TCP_ACK, 3015, 1016, "",
    "server: ESTABLISHED -> CLOSE_WAIT; its ACK moves the client to FIN_WAIT_2"},
  {61000, false, TCP_FIN | TCP_ACK, 3015, 1016, "",
    "server: CLOSE_WAIT -> LAST_ACK; it closes too"},
  {71000, true, TCP_ACK, 1016, 3016, "",
    "client: FIN_WAIT_2 -> TIME_WAIT; this ACK will close the server"},
};

@ A step becomes a segment.  Both SYNs carry an MSS option.

@<Functions that help |cmd_pcap_demo|@>=
static void demo_segment(const struct demo_step *d, struct segment *s)
{
  memset(s, 0, sizeof *s);
  s->src_addr = d->from_client ? 0x0a000001 : 0x0a000002;
  s->dst_addr = d->from_client ? 0x0a000002 : 0x0a000001;
  s->src_port = d->from_client ? 50000 : 40000;
  s->dst_port = d->from_client ? 40000 : 50000;
  s->seq = d->seq;
  s->ack = d->ack;
  s->flags = d->flags;
  s->window = 65535;
  if (d->flags & TCP_SYN) seg_set_mss(s, 1460);
  s->payload = (const uint8_t *) d->data;
  s->len = strlen(d->data);
}

@ The command.  Its arguments are read, its files opened, and the steps
written; a file that cannot be written is a failure, status 1.

@<Subcommand functions@>=
@<Functions that help |cmd_pcap_demo|@>@;
static int cmd_pcap_demo(int argc, char **argv)
{
  if (wants_help(argc, argv)) {
    @<Print the help of \.{pcap-demo}@>@;
    return EXIT_SUCCESS;
  }
  enum capture_format format = CAPTURE_PCAPNG;
  const char *file = NULL, *logname = NULL;
  @<Read the arguments of \.{pcap-demo}@>@;
  FILE *f = demo_open(file, "wb"), *log = NULL;
  if (!f) return EXIT_FAILURE;
  if (logname && !(log = demo_open(logname, "w"))) {
    demo_close(f, file);
    return EXIT_FAILURE;
  }
  int rc = demo_write(f, format, log);
  if (rc != 0) fprintf(stderr, "ltcp: pcap-demo: cannot write\n");
  if (!demo_close(f, file) || (log && !demo_close(log, logname))) rc = -1;
  if (rc == 0 && f != stdout && log != stdout)
    printf("wrote %zu segments to %s\n",
      sizeof demo_steps / sizeof demo_steps[0], file);
  return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

@ The name \.{-} means the standard output, which is flushed rather
than closed.  Both functions say what went wrong.

@<Functions that help |cmd_pcap_demo|@>=
static FILE *demo_open(const char *name, const char *mode)
{
  FILE *f = strcmp(name, "-") == 0 ? stdout : fopen(name, mode);
  if (!f) fprintf(stderr, "ltcp: pcap-demo: cannot open %s\n", name);
  return f;
}

static bool demo_close(FILE *f, const char *name)
{
  if ((f == stdout ? fflush(f) : fclose(f)) == 0) return true;
  fprintf(stderr, "ltcp: pcap-demo: cannot write %s\n", name);
  return false;
}

@ @<Print the help of \.{pcap-demo}@>=
printf("Usage: ltcp pcap-demo [--pcap] [-l LOG] FILE\n"@t}\1\1{@>@/
  "Write to FILE a capture of a small TCP conversation built by hand:\n"@/
  "the handshake, a line of data each way, and the closing wave,\n"@/
  "between 10.0.0.1.50000 and 10.0.0.2.40000.\n"@/
  "  --pcap    write pcap instead of pcapng (pcap has no comments)\n"@/
  "  -l LOG    also write the text log, tcpdump's lines and '# ' remarks\n"@/
  "FILE or LOG may be '-' for the standard output, not both.\n"@t}\2\2{@>);

@ @<Read the arguments of \.{pcap-demo}@>=
for (int i = 1; i < argc; i++) {
  if (strcmp(argv[i], "--pcap") == 0) format = CAPTURE_PCAP;
  else if (strcmp(argv[i], "-l") == 0) {
    if (++i == argc) return usage_error("pcap-demo", "-l needs a file name");
    logname = argv[i];
  } else if (argv[i][0] == '-' && argv[i][1] != '\0')
    return usage_error("pcap-demo", "unknown option '%s'", argv[i]);
  else if (file) return usage_error("pcap-demo", "more than one FILE");
  else file = argv[i];
}
if (!file) return usage_error("pcap-demo", "no FILE given");
if (logname && strcmp(file, "-") == 0 && strcmp(logname, "-") == 0)
  return usage_error("pcap-demo", "FILE and LOG cannot both be '-'");

@ Each step goes to the capture and, if there is one, to the text log.
|demo_write| returns 0, or $-1$ if a file could not be written.@^log, text@>

@<Functions that help |cmd_pcap_demo|@>=
static int demo_write(FILE *f, enum capture_format format, FILE *log)
{
  struct capture_writer w;
  if (capture_open(&w, f, format) != 0) return -1;
  const uint64_t start = UINT64_C(1764547200) * 1000000;
  for (size_t k = 0; k < sizeof demo_steps / sizeof demo_steps[0]; k++) {
    const struct demo_step *d = &demo_steps[k];
    struct segment s;
    demo_segment(d, &s);
    if (capture_segment(&w, start + d->usec, &s, d->comment) != 0)
      return -1;
    if (log && (log_segment(log, start + d->usec, &s) != 0
        || log_note(log, d->comment) != 0)) return -1;
  }
  return 0;
}

@* Exercises.

\smallskip\noindent
1.~\diff1 Write the demonstration's capture and look at it with the
tools of the trade:
$$\vbox{\halign{\.{#}\hfil\cr
build/ltcp pcap-demo /tmp/d.pcapng\cr
tshark -r /tmp/d.pcapng -T fields -e frame.number -e frame.comment\cr
tcpdump -n -S -tt -v -r /tmp/d.pcapng\cr}}$$
What does \.{-v} add to each line, and which of its words says that the
checksums this chapter computes are right? \excheck{log.1}

\smallskip\noindent
2.~\diff1 Read the same capture without \.{-S}.  \.{tcpdump} now prints
small sequence numbers: relative to what?  Why do this book's tests
always pass \.{-S}? \excheck{log.2}

\smallskip\noindent
3.~\diff2 In |put_interface|, declare a resolution of 9 (nanoseconds)
but leave |capture_segment| writing microseconds.  Predict the time
\.{tcpdump} prints for the first segment, then run \.{make} and see.
Now make |capture_segment| write nanoseconds too, and check with
\.{make test} that nothing else has changed. \excheck{log.3}

\smallskip\noindent
4.~\diff2 As root, capture a real connection to a web server:
\.{tcpdump -i lo -w /tmp/web.pcap port 8080} in one terminal,
\.{python3 -m http.server 8080} in a second and \.{curl
http://127.0.0.1:8080/} in a third.  Compare \.{build/ltcp decode -r
/tmp/web.pcap} with \.{tcpdump -n -S -tt -r /tmp/web.pcap}.  Where do the
lines differ, and why?  (The section on \.{tcpdump}'s line says.)

\smallskip\noindent
5.~\diff3 Teach |put_option| the TCP Fast Open option of RFC~7413
(kind 34), which \.{tcpdump} prints as \.{tfo} and two blanks, then
\.{cookiereq} when the option carries no cookie, or \.{cookie} and the
cookie in hexadecimal when it does.  Add cases to the tests, and check
them against the real \.{tcpdump} by writing segments that carry the
option with \.{ltcp decode} and with a capture. \excheck{log.5}

\smallskip\noindent
6.~\diff4 Give \.{ltcp decode -r} a follow mode, \.{-f}, which, like
\.{tail -f}, waits at the end of a capture for the packets that
another \.{ltcp} is still appending (the writer flushes after every
packet).  What must |capture_next| do differently when the file ends in
the middle of a record, and how can you test the mode without any test
that depends on time?@^tshark@>@^RFC 7413@>
