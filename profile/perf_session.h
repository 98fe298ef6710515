/*
 * perf_session.h — a `perf record` attached to this process, started with
 * its events disabled and switched on and off through its control pipe
 * (`--control fd:CTL,ACK`), so that only the timed windows are sampled.
 */
#ifndef YS_PROFILE_PERF_SESSION_H
#define YS_PROFILE_PERF_SESSION_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What to install or set when perf is missing or refused: the messages
 * that say so quote these (and a test greps for them). */
#define YS_PERF_INSTALL_HINT  "apt-get install linux-perf"
#define YS_PERF_PARANOID_HINT "sysctl kernel.perf_event_paranoid=1"

typedef struct ys_perf_session {
  pid_t pid; /* perf's process; 0 when none runs */
  int ctl;   /* we write commands here */
  int ack;   /* perf answers "ack" here */
  bool broken;
  struct sigaction old_pipe; /* SIGPIPE's disposition before the session */
} ys_perf_session;

/* The call graph perf records: DWARF unwinding works whatever the build's
 * frame pointers (Release builds omit them, and frame-pointer chains then
 * lose the benchmark's function). Each sample copies 8 KiB of stack (perf's
 * default), which bounds how deep under the benchmark's function a stack
 * can be unwound and costs about 30 MB of perf.data per second sampled. */
#define YS_PERF_CALL_GRAPH "dwarf,8192"

/* Starts `perf record -e cpu-clock --call-graph ... -D -1 --control
 * fd:CTL,ACK -p PID` on this process, writing the samples to `data_path`
 * and perf's messages to `log_path`, and waits until perf answers. The
 * events stay disabled until ys_perf_session_command(s, "enable").
 * Returns 0; YS_ENOTSUP when perf is not installed or may not record here
 * (err says what to install, or which sysctl to set); YS_EIO when it
 * failed otherwise (err quotes its message). */
int ys_perf_session_start(ys_perf_session *s, const char *data_path,
                          const char *log_path, char *err, size_t err_len);

/* Sends a control command ("enable", "disable", "ping") and waits for
 * perf's acknowledgement, so that on return the events are in the state
 * asked for. Returns 0, or YS_EIO when perf is gone or did not answer
 * within seconds (the session is then broken: every later command fails
 * at once). */
int ys_perf_session_command(ys_perf_session *s, const char *cmd);

/* Stops perf (SIGINT, as Ctrl-C would) and waits for it to write its file.
 * Returns 0, or YS_EIO with the reason in err when perf failed. Safe on a
 * session that never started or already stopped. */
int ys_perf_session_stop(ys_perf_session *s, const char *log_path, char *err,
                         size_t err_len);

#endif
