/*
 * exec_spawn.h — one run of one command for `bench exec`: started with
 * fork and execvp, reaped with wait4, timed on the monotonic clock, and its
 * CPU times, peak memory and how it ended taken from the kernel's rusage.
 */
#ifndef YS_EXEC_SPAWN_H
#define YS_EXEC_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What one run cost and how it ended. */
typedef struct ys_exec_outcome {
  double wall_ns; /* from before the spawn to after the reap */
  double user_ns; /* the command's and its waited-for children's */
  double system_ns;
  double max_rss_kib; /* peak resident set of the largest process */
  int exit_status;    /* when it exited; -1 when killed by a signal */
  int signal;         /* the signal that killed it, else 0 */
  bool timed_out;     /* its group was killed for outlasting its timeout */
  bool interrupted;   /* its group was killed for a SIGINT or SIGTERM */
} ys_exec_outcome;

/* Where a run's standard streams come from and go to. */
typedef struct ys_exec_io {
  /* stdin: this file, opened afresh for each run so that every run reads
   * it from its start; NULL: /dev/null. */
  const char *input;
  /* stdout and stderr to this process's stderr (a report owns stdout);
   * false: both to /dev/null. */
  bool show_output;
  /* The file to execute, found in PATH once before the runs
   * (ys_exec_look_up): the search is not the command's cost. NULL:
   * argv[0], searched in PATH at each run. argv[0] is passed as given. */
  const char *program;
  /* The command keeps running when this process dies (no death signal):
   * for --cleanup, which must undo --setup even when a second Ctrl-C
   * makes bench exit at once. */
  bool outlives_bench;
} ys_exec_io;

/* Runs argv (argv[0] searched in PATH) in a process group of its own,
 * with its standard streams as `io` says, killed by the kernel (SIGKILL)
 * if this process dies first. Waits for it, at most `timeout_s`
 * seconds when above 0: then its whole process group (what it started
 * included) gets SIGTERM, and SIGKILL a grace period later, and
 * out->timed_out is set. So does a SIGINT or SIGTERM that this process
 * receives while it waits, when `interruptible` (run/interrupt.h, when its
 * handlers are installed; one received before the call counts too), which
 * sets out->interrupted. Fills *out. Returns 0, or an errno
 * value when it could not be started (ENOENT: no such command; the errno of
 * opening io->input), with *out untouched. */
int ys_exec_spawn(char *const argv[], const ys_exec_io *io, double timeout_s,
                  bool interruptible, ys_exec_outcome *out);

/* As ys_exec_spawn, and counts the command with the perf events
 * events[0..n_events) (indexes of collectors/perf.h; none when n_events
 * is 0, counts then unused): the counters are opened on the child before
 * it execs (a pipe holds it until they are), from its exec to its end, with
 * every process it starts that has ended by then. Fills counts[0..n_events)
 * as well. Returns 0; the errno of a command that could not be started; or
 * an errno with a message in `err` when an event could not be opened on
 * it or read (the run is then not measured). */
int ys_exec_spawn_counted(char *const argv[], const ys_exec_io *io,
                          double timeout_s, bool interruptible,
                          const size_t *events, size_t n_events,
                          ys_exec_outcome *out, double *counts, char *err,
                          size_t err_len);

/* Whether the run ended well: exit status 0. */
static inline bool ys_exec_succeeded(const ys_exec_outcome *o) {
  return o->signal == 0 && o->exit_status == 0;
}

/* What looking program `file` up found, as execvp looks: a name with a
 * '/' as given, any other in each directory of $PATH in turn. */
typedef enum ys_exec_lookup {
  YS_EXEC_FOUND,          /* an executable file */
  YS_EXEC_NOT_EXECUTABLE, /* a file without execute permission, no better */
  YS_EXEC_IS_DIRECTORY,   /* a directory, nothing better */
  YS_EXEC_NOT_FOUND,      /* nothing */
} ys_exec_lookup;

/* Looks program `file` up, as execvp would; writes the path of what was
 * found into `where` (the file itself when it names a path; for what
 * cannot run, the best find; "" when nothing was). */
ys_exec_lookup ys_exec_look_up(const char *file, char *where, size_t where_len);

/* Whether program `file` can be found and run: ys_exec_look_up finds an
 * executable file. */
bool ys_exec_findable(const char *file);

/* The signal's abbreviation with its "SIG" ("SIGSEGV"), in `buf`. */
const char *ys_exec_signal_name(int sig, char *buf, size_t len);

/* Runs argv under valgrind's callgrind (within `timeout_s` as above, and
 * interruptible), following
 * its children when `trace_children`, and adds up the instructions (Ir) of
 * every process counted into *instructions; *out as for ys_exec_spawn (for
 * valgrind, which exits as the command does). Returns 0, an errno value when
 * valgrind could not be started, or YS_EFORMAT when callgrind left no readable
 * count, with a message in `err`. */
int ys_exec_spawn_callgrind(char *const argv[], const ys_exec_io *io,
                            bool trace_children, double timeout_s,
                            ys_exec_outcome *out, uint64_t *instructions,
                            char *err, size_t err_len);

#endif
