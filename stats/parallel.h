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
 * Slots of stats_parallel_ordered: buffers that hold a produced index until
 * it is consumed (twice the threads, so that one thread consumes while the
 * others go on producing).
 */
#define STATS_ORDERED_SLOTS (2 * STATS_MAX_THREADS)

/*
 * For every i < count: produce(arg, i, slot) on any thread, then consume(arg,
 * i, slot) strictly in index order, on whichever thread holds the turn
 * (never two at once); slot < STATS_ORDERED_SLOTS names the buffers of i,
 * which are not used for another index until i is consumed.  A nonzero
 * return of consume stops the work (no later index is consumed) and is
 * returned; 0 when all were consumed.
 */
int stats_parallel_ordered(size_t count, void (*produce)(void *arg, size_t index, int slot),
			   int (*consume)(void *arg, size_t index, int slot), void *arg);
/* The slots stats_parallel_ordered uses now (slot < this): twice stats_threads. */
int stats_ordered_slots(void);

#endif
