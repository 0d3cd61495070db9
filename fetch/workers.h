/*
 * A few threads for the CPU work on arrived pages (the XML or JSON check
 * and the CRC-32), so that the thread driving libcurl keeps the transfers
 * going meanwhile.  A job's run touches only the job; its done callback
 * runs back on the engine's thread (jb_workers_collect), where the page is
 * stored in chain order as before.
 */
#ifndef JB_FETCH_WORKERS_H
#define JB_FETCH_WORKERS_H

#include <stddef.h>

struct jb_workers;

/* Embedded in the caller's job. */
struct jb_work {
	struct jb_work *next;
	void (*run)(struct jb_work *work);  /* on a worker thread */
	void (*done)(struct jb_work *work); /* on the engine's thread; may free the job */
};

/*
 * Starts count threads (at least 1); wake(wake_context) is called from a
 * worker when a job has finished (it must be thread-safe).  NULL when no
 * thread can be started.
 */
struct jb_workers *jb_workers_new(unsigned count, void (*wake)(void *context),
				  void *wake_context);
void jb_workers_submit(struct jb_workers *workers, struct jb_work *work);
/* Calls done of every finished job, in the order they finished; returns how many. */
size_t jb_workers_collect(struct jb_workers *workers);
/* Jobs submitted whose done has not been called yet. */
size_t jb_workers_pending(const struct jb_workers *workers);
/* Lets every submitted job run, calls their done callbacks, stops the threads. */
void jb_workers_free(struct jb_workers *workers);

/* The number of worker threads for this machine: its online processors, 1 to 4. */
unsigned jb_workers_default(void);

#endif
