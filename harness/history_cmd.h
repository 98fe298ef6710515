/*
 * history_cmd.h — `bench history NAME [REGEX]...`: the trend of each
 * selected benchmark over the runs kept in the history of baseline NAME
 * (--save-baseline NAME --history N; docs/baselines.md, "History").
 */
#ifndef YS_HISTORY_CMD_H
#define YS_HISTORY_CMD_H

#include "options.h"

/*
 * Runs `history` with the options `o` parsed from the words after it:
 * o->filters holds NAME, then the REGEXes choosing benchmarks (all when
 * none; --exact makes them names). Only --baseline-dir, --exact and
 * --output may be given. Prints to stdout, per benchmark in name order, a
 * table of the runs that measured it (commit, date, estimate, change from
 * the run before), its noise band and a sparkline of its estimates; and
 * writes to every --output FILE.html the page of their trend charts
 * (reports/history_chart.h), checked before the history is read. `prog`
 * names the program in messages. Returns the exit code: 0, or 2 with a
 * message on stderr naming the flag or file at fault (no such history, a
 * malformed one, a REGEX that matches nothing, an --output that is not
 * HTML or would replace the history or a baseline, a page that could not
 * be written).
 */
int ys_history_main(const char *prog, const ys_options *o);

#endif
