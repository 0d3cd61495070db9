#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

int stats_threads = 1;

void stats_threads_init(void)
{
	const char *wanted = getenv("JB_STATS_THREADS");
	long count = wanted && *wanted ? strtol(wanted, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);

	stats_threads = count < 1 ? 1 : count > STATS_MAX_THREADS ? STATS_MAX_THREADS : (int)count;
}

/* What the threads of one call share. */
struct shared_work {
	size_t count;
	atomic_size_t next;                 /* parallel_for: the next index nobody has taken */
	void (*job)(void *arg, size_t index);
	void (*produce)(void *arg, size_t index, int slot);
	int (*consume)(void *arg, size_t index, int slot);
	void *arg;
	/* ordered: all below under lock */
	pthread_mutex_t lock;
	pthread_cond_t window_moved;        /* turn advanced, or the work stopped */
	size_t taken;                       /* the next index to produce */
	size_t turn;                        /* the index to consume next */
	size_t slots;                       /* indexes produced ahead of turn, at most */
	unsigned char ready[STATS_ORDERED_SLOTS]; /* by slot: produced, not yet consumed */
	int consuming;                      /* a thread is consuming */
	int status;                         /* the first nonzero consume, or 0 */
};

struct worker {
	struct shared_work *work;
	pthread_t thread;
};

static void run_jobs(struct shared_work *work)
{
	size_t i;

	while ((i = atomic_fetch_add(&work->next, 1)) < work->count)
		work->job(work->arg, i);
}

/*
 * Consumes, in order, every index that is ready at turn; called with the
 * lock held by the thread that found nobody consuming.
 */
static void consume_ready(struct shared_work *work)
{
	work->consuming = 1;
	while (work->status == 0 && work->turn < work->count &&
	       work->ready[work->turn % work->slots]) {
		size_t i = work->turn;
		int status;

		pthread_mutex_unlock(&work->lock);
		status = work->consume(work->arg, i, (int)(i % work->slots));
		pthread_mutex_lock(&work->lock);
		work->ready[i % work->slots] = 0;
		work->turn = i + 1;
		if (status != 0)
			work->status = status;
		pthread_cond_broadcast(&work->window_moved);
	}
	work->consuming = 0;
}

/*
 * Takes indexes while the window of slots allows, produces each into its
 * slot, and consumes whatever is ready in order when no other thread is
 * consuming: a thread never waits for its turn while there is work to
 * produce.
 */
static void run_ordered(struct shared_work *work)
{
	pthread_mutex_lock(&work->lock);
	for (;;) {
		size_t i;

		while (work->status == 0 && work->taken < work->count &&
		       work->taken >= work->turn + work->slots)
			pthread_cond_wait(&work->window_moved, &work->lock);
		if (work->status != 0 || work->taken >= work->count)
			break;
		i = work->taken++;
		pthread_mutex_unlock(&work->lock);
		work->produce(work->arg, i, (int)(i % work->slots));
		pthread_mutex_lock(&work->lock);
		work->ready[i % work->slots] = 1;
		if (!work->consuming)
			consume_ready(work);
	}
	pthread_mutex_unlock(&work->lock);
}

static void *worker_main(void *argument)
{
	struct worker *worker = argument;

	if (worker->work->job)
		run_jobs(worker->work);
	else
		run_ordered(worker->work);
	return NULL;
}

/* Runs the work on the calling thread (worker 0) and up to stats_threads - 1 more. */
static void share(struct shared_work *work)
{
	struct worker workers[STATS_MAX_THREADS];
	int started = 0, i;
	size_t wanted = work->count < (size_t)stats_threads ? work->count : (size_t)stats_threads;

	for (i = 1; (size_t)i < wanted; i++) {
		workers[started].work = work;
		/* a thread that cannot start leaves its share to the others */
		if (pthread_create(&workers[started].thread, NULL, worker_main,
				   &workers[started]) == 0)
			started++;
	}
	if (work->job)
		run_jobs(work);
	else
		run_ordered(work);
	for (i = 0; i < started; i++)
		pthread_join(workers[i].thread, NULL);
}

void stats_parallel_for(size_t count, void (*job)(void *arg, size_t index), void *arg)
{
	struct shared_work work = { .count = count, .job = job, .arg = arg };

	if (count == 0)
		return;
	atomic_init(&work.next, 0);
	share(&work);
}

int stats_ordered_slots(void)
{
	return 2 * stats_threads;
}

int stats_parallel_ordered(size_t count, void (*produce)(void *arg, size_t index, int slot),
			   int (*consume)(void *arg, size_t index, int slot), void *arg)
{
	struct shared_work work = {
		.count = count, .produce = produce, .consume = consume, .arg = arg,
		.slots = (size_t)stats_ordered_slots()
	};

	if (count == 0)
		return 0;
	pthread_mutex_init(&work.lock, NULL);
	pthread_cond_init(&work.window_moved, NULL);
	share(&work);
	pthread_cond_destroy(&work.window_moved);
	pthread_mutex_destroy(&work.lock);
	return work.status;
}
