@q instructors.w: the appendix for instructors: labs cut from this web. @>

@** Appendix: for instructors.
This book doubles as a set of laboratory assignments.  A lab is cut from
the same web that the book is woven from: a few stretches of C, each a
section's code or part of one, are replaced in a student's copy by a stub
that compiles, while the explanation of every such section stays
word for word.  The student reads, in the book's own words and under the
book's own section numbers, exactly what to write; everything around the
holes is the working program, so the simulator, the logs, the figures and
\.{ltcp} itself work from the first minute, and the earlier chapters'
code is there, finished, for the later labs.  Since the kits are cut anew
at every build, a lab can never drift from the text it teaches, and its
solution is this book.

@ The six labs follow the article's arc and the order of the chapters.

$$\vbox{\halign{\.{#}\hfil\quad&#\hfil\quad&#\hfil\cr
\rm lab&chapters&what the student writes\cr
\noalign{\smallskip}
segment&Segments on the wire&sequence comparisons, the checksum, the header\cr
handshake&The three-way handshake&LISTEN, SYN\_SENT and SYN\_RCVD (Figure~2)\cr
wave&The four-way wave; TIME\_WAIT&the peer's FIN, the ACK of ours, 2MSL (Figure~3)\cr
window&A first byte moves; the timer&the send window, ACKs, RFC~6298\cr
reassembly&Reassembly&held ranges: find, copy, merge\cr
flow&Flow control&the window offered, updates, probes\cr}}$$

\noindent Each kit, built by \.{make labs} into \.{build/labs/{\it
name}/}, has three parts: the student's tree, whose \.{make check} runs
the lab's tests and explains each failure in the terms of this book (the
scenario and its seed, the first segment line that differs from the
reference run, the states each side went through, the sections to
reread, the capture, and a sequence diagram of the student's run beside
the reference's with the first divergent arrow in red); a handout, woven
from this web with a change file that says \.{\\let\\maybe=\\iffalse}, so
that it prints only the sections with holes; and an autograder in the
form Gradescope expects, which grades the student's chapter files on a
pristine copy of everything else, tests included.  The file
\.{labs/README.md} tells how to hand a lab out, upload its autograder,
hide tests, and add a lab.

@ A hole is marked in the chapter by two comments that neither
\.{ctangle} nor \.{cweave} prints, one before its first line and one
after its last:
$$\vbox{\halign{\.{#}\hfil\cr
@@q LAB hole {\it name} @@>\cr
\dots\ the reference code \dots\cr
@@q LAB end @@>\cr}}$$
The program \.{tools/lab} writes the change files from the marks, so that nobody
keeps a change file by hand and the marks leave this book unchanged, page
for page.  The kits are tested like the program (\.{make lab-check}, part
of \.{make test}): the student's tree must compile with every warning an
error; every hole on its own must make at least one of the lab's tests
fail; at least three {\it mutants} per lab, small wrong versions of a hole
kept as change files, must each lose points; and this book, handed in as
a student's work, must score full marks through the real autograder.

@ Most exercises at the ends of the chapters can be checked by running
something: the student writes a prediction in a file and \.{make exercise
EX={\it chapter}.{\it n}} compares it with a real run, or looks for the
effect of the change the exercise asks for.  The folder \.{exercises}
lists which exercises have checks; essays and designs say that they have
none.
