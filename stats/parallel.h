/*
 * Work shared between the machine's cores.  Results never depend on the
 * number of threads: every job writes only its own part, and ordered
 * output is consumed in index order.
 */
#ifndef JB_STATS_PARALLEL_H
#define JB_STATS_PARALLEL_H

#include <stddef.h>

/* Threads to use, at least 1 (default: the online CPUs, at most STATS_MAX_THREADS). */
#define STATS_MAX_THREADS 8
extern int stats_threads;

/* Sets stats_threads from JB_STATS_THREADS (1-8) or the online CPUs. */
void stats_threads_init(void);

/* Calls job(arg, i) once for every i < count, on up to stats_threads threads. */
void stats_parallel_for(size_t count, void (*job)(void *arg, size_t index), void *arg);

/*
 * For every i < count: produce(arg, i, worker) on any thread (worker <
 * stats_threads names that thread's own buffers), then consume(arg, i,
 * worker) on the same thread, strictly in index order.  A nonzero return
 * of consume stops the work (no later index is consumed) and is returned;
 * 0 when all were consumed.
 */
int stats_parallel_ordered(size_t count, void (*produce)(void *arg, size_t index, int worker),
			   int (*consume)(void *arg, size_t index, int worker), void *arg);

#endif
