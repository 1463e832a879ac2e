@q ltcp.w: the program ltcp, which puts the chapters to work. @>

@** The program {\tt ltcp}.
Everything the book builds is reached through one program, \.{ltcp},
with one subcommand for each thing a reader may want to do: decode a
segment, write a capture, run a scenario on the simulated link, draw a
figure, or talk to another \.{ltcp} over the loopback interface.  Each
chapter that adds a subcommand adds one row to a table, and this chapter
holds the table and the few lines of |main| that consult it.
\label{ltcp}%

The program is the unnamed (master) file of the web; \.{ctangle} writes
it as \.{code/ltcp.c}.

@c
@<Header files of the program@>@;
@<The type of a subcommand@>@;
@<Functions that report usage errors@>@;
@<Subcommand functions@>@;
@<The table of subcommands@>@;
@<Functions that print help@>@;
@<The main program@>@;

@ The headers are those of the C library and of the modules the
chapters write; each chapter that adds a subcommand adds its header here.

@<Header files of the program@>=
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

@ A subcommand is a name, the function that runs it, a synopsis of its
arguments and a one-line description.  The function receives the
arguments that follow the subcommand's name, |argv[0]| being the name
itself, and returns the program's exit status.

@<The type of a subcommand@>=
struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *synopsis;
  const char *summary;
};

@ @<The table of subcommands@>=
static const struct command commands[] = {@t}\1{@>@/
  @<Subcommands@>@/
  @[{NULL, NULL, NULL, NULL}@]@t}\2{@>@/
};

@ The version is printed by \.{ltcp --version}.

@d LTCP_VERSION "0.1.0"

@ Exit statuses follow the convention of the shell's own tools: 0 for
success, 1 for a failure of the work itself, 2 for a command line that
could not be understood.  Later chapters add statuses that tell the
ways a connection can end apart.

@d EXIT_USAGE 2

@ A bad command line gets exactly one line naming the problem, then a
hint, on the standard error stream, and the status |EXIT_USAGE|.
Subcommands call |usage_error| with their own name and a |printf|-style
message.

@<Functions that report usage errors@>=
static int usage_error(const char *cmd, const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "ltcp: %s%s", cmd ? cmd : "", cmd ? ": " : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'ltcp help%s%s' for more information.\n",
    cmd ? " " : "", cmd ? cmd : "");
  return EXIT_USAGE;
}

@ \.{ltcp help} lists the subcommands; \.{ltcp help NAME} gives the
synopsis and summary of one of them, followed by the longer text that a
subcommand may print for itself when it is given \.{--help}.

@<Functions that print help@>=
static void print_usage(FILE *f)
{
  fprintf(f, "Usage: ltcp COMMAND [ARGUMENTS...]\n"@t}\1\1{@>@/
    "A small TCP, written as a literate program.\n\nCommands:\n"@t}\2\2{@>);
  for (const struct command *c = commands; c->name; c++)
    fprintf(f, "  %-10s %s\n", c->name, c->summary);
  fprintf(f, "\n'ltcp help COMMAND' describes one command; "@t}\1\1{@>@/
    "'ltcp --version' prints the version.\n"@t}\2\2{@>);
}

@ @<Functions that print help@>=
static const struct command *find_command(const char *name)
{
  for (const struct command *c = commands; c->name; c++)
    if (strcmp(c->name, name) == 0) return c;
  return NULL;
}

@ The \.{help} subcommand is itself a row of the table; since the table
is defined after the subcommand functions, its function is declared
here and defined among the help functions.

@<Subcommand functions@>=
static int cmd_help(int argc, char **argv);

@ @<Subcommands@>=
@[{"help", cmd_help, "[COMMAND]", "list the commands, or describe one"},@/@]

@ @<Functions that print help@>=
static int cmd_help(int argc, char **argv)
{
  if (argc < 2 || wants_help(argc, argv)) {
    print_usage(stdout);
    return EXIT_SUCCESS;
  }
  if (argc > 2) return usage_error("help", "too many arguments");
  const struct command *c = find_command(argv[1]);
  if (!c) return usage_error("help", "no command named '%s'", argv[1]);
  printf("Usage: ltcp %s %s\n%s.\n", c->name, c->synopsis, c->summary);
  if (c->run != cmd_help) {
    char *help_argv[] = {argv[1], "--help", NULL};
    fflush(stdout);
    return c->run(2, help_argv);
  }
  return EXIT_SUCCESS;
}

@ Every subcommand accepts \.{--help}; |wants_help| lets it notice.  A
subcommand whose help adds nothing to its summary returns at once.

@<Functions that report usage errors@>=
static int wants_help(int argc, char **argv)
{
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--") == 0) break;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
      return 1;
  }
  return 0;
}

@ The main program looks its first argument up in the table.  With no
argument it prints the usage on the standard error stream and fails, as
a program that has been asked to do nothing should.

@<The main program@>=
int main(int argc, char **argv)
{
  if (argc < 2) {
    print_usage(stderr);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
    printf("ltcp %s\n", LTCP_VERSION);
    return EXIT_SUCCESS;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    print_usage(stdout);
    return EXIT_SUCCESS;
  }
  const struct command *c = find_command(argv[1]);
  if (!c) return usage_error(NULL, "unknown command '%s'", argv[1]);
  return c->run(argc - 1, argv + 1);
}

@* Exercises.

\smallskip\noindent
1.~\diff1 Run \.{build/ltcp frobnicate}, then \.{echo \$?}.  Which
section printed each of the two lines you see, and which section chose
the status?  Why does a bad command line end with status~2 rather
than~1? \excheck{ltcp.1}

\smallskip\noindent
2.~\diff1 Run \.{build/ltcp help decode} and \.{build/ltcp decode --help}.
The first prints the synopsis twice.  Follow |cmd_help| to see why, and
change it so that a subcommand whose own help begins with a usage line
is not introduced by a second one. \excheck{ltcp.2}

\smallskip\noindent
3.~\diff2 Add a subcommand \.{ltcp states} that prints the eleven
states of TCP, one a line, in the order of |enum tcp_state|, using
|tcp_state_name|.  You need a row of |@<Subcommands@>|, a function among
|@<Subcommand functions@>|, and \.{tcp.h} among |@<Header files of the
program@>|.  Then run
\.{make test}: which test noticed your new command, and what did it
check? \excheck{ltcp.3}

\smallskip\noindent
4.~\diff3 The table of subcommands is searched linearly.  Suppose the
program had two hundred subcommands; would you change that?  Measure,
rather than guess, the time of \.{build/ltcp help help} with \.{valgrind
--tool=callgrind}, and compare it with the cost of starting the program.
