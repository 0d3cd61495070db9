/* The benchmark of the run that reports/latest names, to compare the new run with. */
#ifndef JB_OUT_PREVIOUS_RUN_H
#define JB_OUT_PREVIOUS_RUN_H

struct jb_report;

/*
 * Reads <reports_dir>/latest/benchmark.csv into previous (rows only) and
 * the run id latest points to into *run_id (the caller frees it).  Returns
 * 1 when loaded, 0 when there is no previous run, -1 when its benchmark
 * cannot be used (a warning; the new run goes on without a comparison).
 */
int jb_previous_run_load(struct jb_report *previous, char **run_id, const char *reports_dir);

#endif
