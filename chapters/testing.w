@q testing.w: the appendix on tests, and the harness they share. @>

@** Appendix: how the program is tested.
Every chapter's claims are checked by a program.  The tests live in this
web, like everything else; \.{ctangle} writes each as a file
\.{code/test\_{\it name}.c}, and \.{make test} compiles each one with
AddressSanitizer and UndefinedBehaviorSanitizer, runs it, and counts.
Some claims can only be checked by other programs, such as \.{tcpdump}
reading a capture that \.{ltcp} wrote; those tests are shell scripts in
the directory \.{tests}, and they report in the same form.
\label{testing}%

The form is one line per test case: \.{ok} and the name of the case when
it passed, \.{FAIL} and the name when it did not, followed by indented
lines that say what was expected and what happened.  The script
\.{tools/runtests} adds the lines up and ends with the line
\.{N passed, N failed}.  A test program that dies, for instance because
a sanitizer stopped it, counts as a failure even if it printed no
\.{FAIL} line.

@ The harness is a header and a small file of C that every test program
is linked with; it keeps count of the checks in the current case and of
the cases that passed and failed.  This is the one place in the program
with global mutable state, and it is not part of TCP.

@(check.h@>=
#ifndef LTCP_CHECK_H
#define LTCP_CHECK_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
@<Declarations of the test harness@>@;
#endif

@ A test case is a function of no arguments.  |check_run| runs it under
a name and prints its verdict; |check_report| prints the totals of the
program and returns the exit status that |main| should return.

@<Declarations of the test harness@>=
void check_run(const char *name, void (*test)(void));
int check_report(void);

@ Inside a test case, |CHECK(e)| records a failure, with the expression's
text and its place in the web, if |e| is false; |CHECKF| does the same
with a message of its own in the style of |printf|.  Both return the
truth of the condition, so that a test can stop before it follows a null
pointer. |CHECK_EQ| compares two unsigned integers and prints both when
they differ, which is what one wants to see in most failures.

@<Declarations of the test harness@>=
bool check_that(bool ok, const char *file, int lineno, const char *fmt, ...);
bool check_eq(uint64_t got, uint64_t want, const char *what,
  const char *file, int lineno);
#define CHECK(e) check_that((e), __FILE__, __LINE__, "%s", #e)
#define CHECKF(e, ...) check_that((e), __FILE__, __LINE__, __VA_ARGS__)
#define CHECK_EQ(got, want) check_eq((got), (want), #got, __FILE__, __LINE__)

@ The counts.

@(check.c@>=
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"

static int cases_passed, cases_failed;
static int failures_in_case;
static const char *current_case;

@ A failure is printed at once, under a header line for the case when it
is the case's first failure, so that the output of a failing case reads
top to bottom in the order things happened.

@(check.c@>=
bool check_that(bool ok, const char *file, int lineno, const char *fmt, ...)
{
  if (ok) return true;
  if (failures_in_case++ == 0)
    printf("FAIL %s\n", current_case ? current_case : "(outside a test case)");
  printf("    %s:%d: ", file, lineno);
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
  fflush(stdout);
  return false;
}

@ @(check.c@>=
bool check_eq(uint64_t got, uint64_t want, const char *what,
  const char *file, int lineno)
{
  return check_that(got == want, file, lineno, "%s is %llu, expected %llu",
    what, (unsigned long long) got, (unsigned long long) want);
}

@ @(check.c@>=
void check_run(const char *name, void (*test)(void))
{
  current_case = name;
  failures_in_case = 0;
  test();
  if (failures_in_case == 0) {
    cases_passed++;
    printf("ok %s\n", name);
  } else cases_failed++;
  fflush(stdout);
  current_case = NULL;
}

@ @(check.c@>=
int check_report(void)
{
  printf("# %d passed, %d failed\n", cases_passed, cases_failed);
  return cases_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

@* Exercises.

\smallskip\noindent
1.~\diff1 Run \.{build/tests/test\_segment}, then break the program: in
the chapter on segments (\secref{segment}), make |seq_lt| compare with |<| on the raw
numbers, run \.{make test}, and read the failures.  Do the messages say
enough to find the mistake without a debugger?  Put |seq_lt| back. \excheck{testing.1}

\smallskip\noindent
2.~\diff1 Why does \.{tools/runtests} count a test program that exits
with a non-zero status but prints no \.{FAIL} line as a failure?  Write
a test case that dereferences a null pointer and see what
AddressSanitizer prints and what \.{make test} reports.

\smallskip\noindent
3.~\diff2 |CHECK_EQ| prints both numbers when they differ.  Write
|CHECK_STR_EQ| for strings in the same style, and use it in one test of
the chapter on the log (\secref{log}) where two lines of \.{tcpdump} text are compared. \excheck{testing.3}

\smallskip\noindent
4.~\diff3 The harness runs the cases of a program one after another in
one process, so a case that corrupts memory may make a later case fail.
Change |check_run| so that, when the environment variable
\.{CHECK\_FORK} is set, each case runs in a child process made by
|fork|, and a case that crashes is reported as a failure of that case
alone.

@q The tests of each part of the program, one file each. @>
@i test-segment.w
@i test-log.w
@i test-core.w
@i test-scenarios.w
@i test-data.w
@i test-figures.w
@i test-carrier.w
@i test-hostile.w
@i test-fuzz.w
