@q book.w: the master web of "A Literate TCP". @>
@q ctangle and cweave read this file; it includes every chapter in order. @>
@i format.w

\def\title{A LITERATE TCP}
\def\booktitle{A Literate TCP}
\pdfminorversion=7
\pdfsuppressptexinfo=-1
\pdfsuppresswarningpagegroup=1 % two figures of cairo on one page are harmless
\pdfcompresslevel=9 \pdfobjcompresslevel=0 % keep dictionaries readable for the tests
\pdfpagewidth=8.5in \pdfpageheight=11in
\pdfinfo{/Title (A Literate TCP) /Author (The ltcp authors)
  /Subject (TCP's handshake, wave and state machine, as a literate program)}
\secpagedepth=1 % a new page for each chapter (\.{@@**}) and each group (\.{@@*})

@q Fonts for logs and small print. @>
\font\logtt=cmtt8 \font\smalltt=cmtt9 \font\capfont=cmr9 \font\capbf=cmbx9

@q \fig{name}{width}{caption}: a figure drawn at build time into figures/. @>
\def\fig#1#2#3{\midinsert\centerline{\pdfximage width #2 {figures/#1.pdf}%
  \pdfrefximage\pdflastximage}\smallskip
  {\capfont\leftskip=2em\rightskip=2em\noindent#3\par}\endinsert}

@q \runlog{name}: the text of logs/name.txt, written at build time by a run @>
@q of the program; each line is a paragraph, folded where it is too long. @>
@q A page may break between any two lines, and it is as welcome there as @>
@q before a section (cwebmac puts \vfil\penalty-100\vfilneg there): without @>
@q that, pdfTeX would rather end a page before a section than inside its @>
@q log, and a long log would leave most of the page before it empty. @>
{\catcode`\^^M=\active \gdef\logeol{\def^^M{\par\vfil\penalty-100\vfilneg}}}
@q The same between two lines of C: cwebmac's forced break \6, with the @>
@q same welcome to a page break, so a long piece of code starts on the page @>
@q where its section starts instead of leaving that page half empty. @>
\def\6{\ifmmode\else\par\vfil\penalty-100\vfilneg
  \hangindent\ind em\noindent\kern\ind em\copy\bakk\ignorespaces\fi}
\def\runlog#1{\par\medskip\begingroup
  \logtt \parindent=0pt \parskip=0pt \baselineskip=9.5pt
  \leftskip=1em \rightskip=0pt plus 1fil \everypar{\hangindent=3em \hangafter=1\relax}
  \hbadness=10000 \spaceskip=\fontdimen2\logtt \xspaceskip=\spaceskip
  \uchyph=0 \hyphenpenalty=10000 \exhyphenpenalty=10000
  \let\do=\makeother \dospecials \catcode`\ =10
  \catcode`\^^M=\active \logeol
  \input logs/#1.txt \par\endgroup\medskip}
\def\diff#1{{\bf[#1]}}
% \excheck{CHAPTER.N} ends an exercise with the command that checks it, at
% the right margin, on the paragraph's last line if there is room, else on a line of its own.
\def\excheck#1{\unskip\nobreak\hfil\penalty50\hskip1.5em\hbox{}\nobreak\hfil
  (Check: \.{make exercise EX=#1}.){\parfillskip=0pt \finalhyphendemerits=0 \par}}
\def\makeother#1{\catcode`#1=12 }
\chardef\VB="7C % a vertical bar in typewriter type

@q \label{key} in the text of a section names that section; \secref{key} @>
@q prints its number, as a link.  The Makefile reads the labels out of @>
@q book.tex (the section that holds each) into book.lab before pdfTeX @>
@q runs, so the numbers are right from the first run.  Every chapter has a @>
@q label named after its file: \secref{handshake} is the handshake's first @>
@q section.  A reference that no label answers is a warning, which @>
@q tools/checklog turns into a failed build. @>
\newread\labin
\def\deflabel#1#2{\expandafter\gdef\csname lab:#1\endcsname{#2}}
\openin\labin=\jobname.lab
\ifeof\labin \else \closein\labin \input \jobname.lab \fi
\def\label#1{}
\def\secref#1{\expandafter\ifx\csname lab:#1\endcsname\relax
  \S??\immediate\write16{Warning: no label #1}\else
  \S\pdflink{\csname lab:#1\endcsname}{}\fi}

@q The front matter: a title page, then the contents, read from the .toc @>
@q file of the previous pdfTeX run (the Makefile runs pdfTeX twice).  The @>
@q contents are set into a box before anything is shipped out, because the @>
@q first shipout reopens the .toc file for writing.  cwebmac begins with an @>
@q empty page that its first output routine throws away; the penalty ships @>
@q it before anything of ours is on it. @>
\newbox\contentsbox
\newread\tocin \openin\tocin=\contentsfile\relax
\ifeof\tocin \message{[no contents yet]}\else \closein\tocin
  \setbox\contentsbox=\vbox{\hsize=\pagewidth
    \rightskip 0pt \hyphenpenalty 50 \tolerance 200 \parindent=0pt
    \centerline{\titlefont Contents}\vskip .4in
    \line{\hfil Section\hbox to3em{\hss Page}}
    \let\ZZ=\contentsline \readcontents\relax}
\fi
\penalty-10000
\ifvoid\contentsbox \else
  \titletrue\null\vskip 1.5in
  \centerline{\titlefont A Literate TCP}\bigskip
  \centerline{The handshake, the wave and the state machine of TCP,}
  \centerline{as a program you can read, run and change}
  \vskip 1in
  \centerline{Written in CWEB.  Every figure is drawn by the code it describes.}
  \vfill\penalty-10000
  \let\bodylheader=\lheader \let\bodyrheader=\rheader
  \def\lheader{\mainfont\romannumeral\pageno\hfil\eightrm CONTENTS}%
  \def\rheader{\eightrm CONTENTS\hfil\mainfont\romannumeral\pageno}%
  \titletrue \unvbox\contentsbox
  \gtitle={Preface}\mark{\noexpand\nullsec0{\the\gtitle}}% the first running head
  \vfill\penalty-10000
  \let\lheader=\bodylheader \let\rheader=\bodyrheader
  \pageno=1
\fi
\startpdf
\def\con{\par\vfill\eject\end} % the contents are at the front, not the back

@** Preface.
This book is a program, and the program is a book.  It builds, from
nothing, a small but real implementation of the Transmission Control
Protocol (TCP): the protocol that carries almost every web page, mail
message and remote login on the Internet.  Every line of C in the
program appears in these pages, in an order chosen for a reader rather
than for a compiler, and every line of these pages is read by the tools
that turn the book into the program.  The program is called \.{ltcp},
for ``literate TCP.''

The book follows one short article, {\sl TCP's three-way handshake and
four-way wave, illustrated}, published anonymously in Chinese on the
Jianshu site and copied into countless course notes since.  The article
does three things well.  It draws the life of one connection as two
timelines, a client's and a server's, with the segments that cross between
them; it names the states each side passes through; and it asks two
questions that every student of TCP should be able to answer:
{\it why does it take three segments to open a connection but four to
close one?} and {\it why does a closed connection linger in the
TIME\_WAIT state for twice the maximum segment lifetime?}  It ends with
the finite state machine of TCP, in the form that W.~Richard Stevens made
famous.  Our chapters take its steps in its order, and each of its six
figures is redrawn here: not by hand, but by programs that are part of
\.{ltcp} itself, from the program's own tables and from real runs of it.
If the code changes, the figures change with it.

@ {\it The plan.}  The article's story comes first, in its order: the
three-way handshake (its Figure~2), a first byte of data, the four-way
wave (its Figure~3, and its first question), TIME\_WAIT (its second
question), and the whole state machine (its Figure~6).  A page before
it gives the little the story needs: the fields of a segment, how a
log is read, and the simulated link on which every run of the book takes
place.  The machinery comes after the story, in parts of its own, each
opened by a page that says what it holds: the foundations (segments
and their bytes, the log, the connection and its table of states, the
simulated link); then what goes beyond the article (the sliding window,
the retransmission timer, the repair of losses and congestion control,
reassembly, selective acknowledgments, flow control and speed); then the
programs that draw the figures (the article's, and pictures of losses),
run TCP between two real processes, and make up \.{ltcp}.  CWEB lets a program be told in any order, so the code
of the story comes before the code it relies on; forward references
give the section where each piece is explained.
An appendix shows how all of it is tested.@^Figure 2@>@^Figure 3@>@^Figure 6@>

@ The law for how \.{ltcp} behaves is RFC~9293, the 2022 consolidation
of the TCP specification, with RFC~1071 for the checksum, RFC~6298 for the
retransmission timer, RFC~5681 and RFC~6582 for congestion control and
fast recovery, RFC~2018 and RFC~6675 for selective acknowledgments,
RFC~5961 for defences against blind attacks and
RFC~6528 for the choice of initial sequence numbers.  When the text says
``\S3.10.7'' without naming a document, it means a section of RFC~9293.

The program is small on purpose.  It has what a TCP needs to move data
over a path that loses it: fast retransmission and fast recovery,
congestion control with slow start and congestion avoidance, selective
acknowledgments with a scoreboard, and the tail loss probe of RACK-TLP
(RFC~8985).  It leaves out the rest of
what a modern TCP carries: the urgent pointer (carried along, never
used); window scaling and timestamps, with the protection against
wrapped sequence numbers that they give (RFC~7323), so that a window
never exceeds 64 kilobytes; duplicate SACK reports (RFC~2883, which it
ignores when it receives them); the time-based loss detection of RACK
(RFC~8985); explicit congestion notification (RFC~3168); congestion
controls other than RFC~5681's, such as CUBIC (RFC~9438), and pacing;
Nagle's rule; path MTU discovery; the quiet time after a crash
(\secref{quiet-time}); and IPv6.  A reader who finishes the
book is ready to add them, and the exercises suggest how.  What it keeps, it does properly: sequence numbers
wrap around at $2^{32}$, malformed segments are counted and dropped rather
than trusted, and every state change passes through one table that the
book prints and the tests check.@^RFC 9293 \S3.10.7@>@^RFC 9293@>@^RFC 1071@>@^RFC 6298@>@^RFC 5961@>@^RFC 6528@>

@ {\it How to read a CWEB program.}  The book is written in CWEB, the
system of ``literate programming'' that Donald Knuth and Silvio Levy built
for C.  It is divided into numbered {\it sections}.  Each section has up to
three parts: an explanation in English; then, sometimes, definitions of
macros and formats; then, usually, a piece of C.  A piece of C may mention
another piece by name, in angle brackets, together with the number of
the section where that piece is defined; that is how a long function is
told as several short ideas, each in the section that explains it.  At the foot of a
section, small print says where its code is used.  Underlined entries in
the index at the back of the book show where an identifier is defined;
plain entries show where it is used.  In the PDF, every section number
is a link, and the bookmarks list the chapters.

Two programs read the same source: \.{ctangle} extracts the C, in the
order the compiler needs, into the directory \.{code}; \.{cweave} produces
the \TeX\ from which this book is typeset.  The C files carry \.{\#line}
directives, so that compiler messages, sanitizer reports and the debugger
point to the chapter and line of the source of this book, never into the
generated files.

@ {\it How to build and run.}  On a Debian or Ubuntu machine, in the top
directory of the source, two commands do everything:
$$\vbox{\halign{\.{#}\hfil\qquad&#\hfil\cr
make&installs what is missing, builds the program and this book,\cr
&and runs a short demonstration;\cr
make test&runs every test and prints how many passed and failed.\cr}}$$
The program is \.{build/ltcp}, this book is \.{build/book.pdf}.
\.{ltcp help} lists what the program can do.  The file \.{README.md}
describes the layout of the source and the packages needed on other
systems.  Each chapter ends with exercises; the marks \diff1 to \diff4 grade
their difficulty, from a few minutes' thought to a small project.
Where a run of the program can tell a right answer from a wrong one, an
exercise ends with its check, such as \.{make exercise EX=handshake.1}.
The first time, that command writes a form, \.{exercises/answers/handshake.1},
with one line for each prediction the exercise asks for; write your
answers there before you run anything, then give the command again.  It
compares each answer with a run of the program as it is at that moment,
and for an exercise that asks you to change the code it looks for the
effect of the change; it says what was right and what was not.
\.{make exercise} alone lists every exercise, and says why those without
a check cannot have one.

@ Teachers will find in an appendix how this book becomes six
laboratory assignments: a student's copy of the program with the code of
a few sections cut out, the explanation of each left in place, and tests
that grade what the student writes in its place.

@** How to read this book.
\label{howto}%
This short part is a key.  It shows how the pages print C, which
chapters to read for which purpose, and how to rebuild and run one test
while you change the program.

@ {\it The notation.}  \.{cweave} prints C in the manner of a
mathematics book: reserved words and types in bold, identifiers in
italic (one-letter names as in algebra), strings in typewriter type with
a visible \.{\ } for each space, and several operators as symbols.  The
symbols are the only part that needs learning; here they are, with the
C that you will find in \.{code/} and in the web.
$$\vbox{\offinterlineskip\halign{\strut\hfil#\hfil\quad&\.{#}\hfil\quad&#\hfil\cr
{\bf printed}&{\rm\bf C}&{\bf meaning}\cr\noalign{\smallskip\hrule\smallskip}
$\NULL$&NULL&the null pointer\cr
$\K$&=&assignment\cr
$\E$&==&equal to (a test, not an assignment)\cr
$\I$&!=&not equal to\cr
$\Z$, $\G$&<=, >=&at most, at least\cr
$\R$&!&logical not\cr
$\W$&\AM\AM&logical and\cr
$\V$&\VB\VB&logical or\cr
$\AND$&\AM&bitwise and; before a name, its address\cr
$\OR$&\VB&bitwise or\cr
$\XOR$&\CF&bitwise exclusive or\cr
$\CM$&\TL&bitwise complement\cr
$\LL$, $\GG$&<<, >>&shift left, shift right\cr
$\MOD$&\%&remainder\cr
$x\MG f$&x->f&the field {\it f} of what {\it x} points to\cr
$\PP$, $\MM$&++, --&increment, decrement\cr
$\MRL{+{\K}}$, $\MRL{{\OR}{\K}}$&+=, \VB=&compound assignment (and the like)\cr
\T{\^1F}&0x1f&a hexadecimal constant: the {\tentex\#} means ``hex''\cr
\T{\~17}&017&an octal constant (rare in this book)\cr
\.{"a b"}&"a b"&a string; \.{\ } is one space\cr
\\{tcp\_input}, $c$&tcp\_input, c&identifiers\cr
\&{struct}, \&{uint32\_t}&struct, uint32\_t&reserved words and types\cr
$/\ast\,${\cmntfont a note}$\,\ast/$&/* a note */&a comment\cr
}}$$
A name in angle brackets with a number, such as
|@<Stop every timer of the connection@>|,
stands for a piece of code told in the section of that number; after
the name, $\E$ begins the piece and $\mathrel+\E$ adds to a piece begun
earlier.  Both are links in the PDF.

@ {\it Paths through the book.}  The article's story comes first and
the machinery after it; few readers need every page on a first
reading.
\smallskip
\item{$\bullet$} {\bf The article's story only.}  Read the preface, the
page that opens Part~I (\secref{part-story}), then the article's
chapters in order: the three-way handshake (\secref{handshake}), a
first byte (\secref{firstbyte}), the four-way wave (\secref{wave}),
TIME\_WAIT (\secref{timewait}) and the whole machine
(\secref{machine}).  Read the prose, the logs and the step-by-step
figures at the end of the handshake and the wave; skip the code where
it gets in the way, and follow a forward reference only when you want
the detail.
\item{$\bullet$} {\bf A course of about a dozen weeks.}  Start from the
foundations (Part~II) and come back to the story with them in hand.
Week~1,
segments, byte order and the checksum (\secref{segment}); week~2, the
log and capture files (\secref{log}); week~3, the connection, its states
and its table of transitions (\secref{conn}); week~4, the simulated
link (\secref{simlink}); weeks 5 to 8, the story, one chapter a week
(\secref{handshake} to \secref{machine}); weeks 9 to 11, the sliding
window, the retransmission timer, reassembly and flow control
(\secref{window} to \secref{flow}); week~12, TCP between two processes
(\secref{carrier} to \secref{programs}).  The exercises marked \diff1 and
\diff2 make the weekly problem sets; the laboratory assignments cut
their holes in the same chapters.
\item{$\bullet$} {\bf The whole program.}  Read straight through, or read
Part~II before Part~I if you like to see every definition before its
use.  The
appendix (\secref{testing}) is worth reading beside each chapter: it
shows what each claim of the text is checked by.
\smallskip\noindent
Wherever the text refers to another chapter, it gives the number of a
section there, like those above; the index at the back lists the
protocol's concepts (half-close, SYN flood, MSL, \dots), the sections of
the RFCs and the figures, as well as every identifier.

@ {\it Rebuilding one test.}  \.{make test} builds and runs everything,
which takes a couple of minutes.  While you work on one chapter, build
and run only its test program; for the state machine, for instance:
$$\vbox{\halign{\.{#}\hfil\qquad&#\hfil\cr
make build/tests/test\_core&tangles the web if a chapter changed, and\cr
&compiles the test with the sanitizers;\cr
build/tests/test\_core&runs it: one line \.{ok} or \.{FAIL} per case.\cr}}$$
The test programs are \.{build/tests/test\_{\it name}}, one for each
file \.{code/test\_{\it name}.c} that the appendix writes; the tests that
need other programs (\.{tcpdump}, \.{pdftotext}) are the scripts
\.{tests/*.sh}, each run as \.{bash tests/{\it name}.sh}.  Messages of
the compiler and of the sanitizers name the chapter file and its line,
not the generated C.

@** Part I: The story of the article.
\label{part-story}%
This part follows the article step by step: the handshake, a first
byte, the wave, TIME\_WAIT and the whole machine.  It comes first because
it is why the book exists; everything it leans on is explained later, in
Part~II, and the text says where.  Here is the little you need before
you start.

{\it A segment} is what one end of a TCP connection sends to the other:
a header of at least twenty bytes, then perhaps some data.  The header
names the two ports; carries a {\it sequence number}, the number of the
first byte of data in the stream of its sender, and an {\it
acknowledgment number}, the number of the next byte its sender expects
from the other side; a {\it window}, how many more bytes its sender will
take; and flags: SYN opens a connection, FIN closes one direction of it,
ACK says that the acknowledgment number is valid, RST resets the
connection, PSH asks for the data to be delivered at once.  A SYN and a
FIN each take one sequence number, as if each were a byte.  The header
ends with options (the book uses one: the largest segment its sender
will take, the MSS) and is protected by a checksum.  The whole story of
the bytes of a segment is in \secref{segment}.@^sequence number@>@^acknowledgment number@>@^SYN flag@>@^FIN flag@>@^RST flag@>@^ACK flag@>

{\it A log} is how the book shows a run.  Each segment is one line, as
\.{tcpdump -n -S -tt} prints it: time, addresses and ports, flags in
brackets (\.{[S]} for SYN, \.{[S.]} for SYN and ACK, \.{[F.]} for FIN
and ACK, \.{[.]} for a bare ACK), then the numbers.  Lines that begin
with \.{\#} are remarks: a change of state of one end, with its time,
its cause and what it sent, or an event of the link (\secref{log}).

{\it The simulated link} is where the runs take place: two ends in one
process, a client at 10.0.0.1 and a server at 10.0.0.2, joined by a link
that takes 10 milliseconds each way and keeps its own clock.  A run is a
{\it scenario}: a script of what each end's user does and when, and
perhaps a list of faults (this segment is lost, that one delayed).  The
same scenario and the same seed give the same run to the byte, which is
why every log in this book can be run again with \.{build/ltcp sim
NAME} (\secref{simlink}).  The connection itself, with its table of
states, is built in \secref{conn}.@^simulated link@>@^scenario@>@^virtual clock@>

@i handshake.w
@i firstbyte.w
@i wave.w
@i timewait.w
@i machine.w
@** Part II: The foundations.
\label{part-found}%
The story of Part~I leaned on four pieces of machinery, which this part
builds: the segment and its bytes, with the checksum and the parser that
never trusts its input; the log and the capture files that \.{tcpdump}
and Wireshark read; the connection, its states and the table of
transitions that Figure~6 is drawn from; and the simulated link with its
virtual clock, which runs every scenario of the book.  They come after
the story so that the reader meets TCP before its plumbing; a reader who
prefers definitions first may read this part first.

@i segment.w
@i log.w
@i conn.w
@i simlink.w
@** Part III: Beyond the article.
\label{part-beyond}%
The article stops at the state machine.  A TCP that moves real data
needs more, and this part adds it: a sliding window over a ring of
bytes, a retransmission timer that measures the round trip, the repair
of losses without waiting for the timer and the congestion control that
keeps a sender from overrunning the network, reassembly of segments
that arrive out of order, selective acknowledgments, flow control with
its zero window and the rules against silly windows, and a chapter that
measures how fast all of it is.  Each chapter extends the core of Part~II without
changing the story of Part~I.

@i window.w
@i retransmit.w
@i congestion.w
@i reassembly.w
@i sack.w
@i flow.w
@i perf.w
@** Part IV: Figures and real processes.
\label{part-programs}%
The last part turns the core into programs: the code that draws every
figure of the book from the core's own table and from captures of runs,
the time--sequence graphs of losses among them;
a carrier that moves segments in UDP datagrams between two real
processes on one machine; an event loop and a small socket interface;
the two programs \.{ltcp listen} and \.{ltcp connect}; and the program
\.{ltcp} that gathers every subcommand.  It comes last because it
needs all the rest, and because none of it is TCP itself.

@i figures.w
@i lossfig.w
@i carrier.w
@i eventloop.w
@i programs.w
@i tun.w
@i ltcp.w
@i testing.w
@i instructors.w

@** Index.
Underlined entries show where an identifier is defined.
