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
	atomic_size_t next;                 /* the next index nobody has taken */
	void (*job)(void *arg, size_t index);
	void (*produce)(void *arg, size_t index, int worker);
	int (*consume)(void *arg, size_t index, int worker);
	void *arg;
	pthread_mutex_t lock;               /* ordered: guards turn and status */
	pthread_cond_t turn_changed;
	size_t turn;                        /* the index to consume next */
	int status;                         /* the first nonzero consume, or 0 */
};

struct worker {
	struct shared_work *work;
	int number;
	pthread_t thread;
};

static void run_jobs(struct shared_work *work)
{
	size_t i;

	while ((i = atomic_fetch_add(&work->next, 1)) < work->count)
		work->job(work->arg, i);
}

static void run_ordered(struct shared_work *work, int number)
{
	size_t i;
	int status;

	while ((i = atomic_fetch_add(&work->next, 1)) < work->count) {
		pthread_mutex_lock(&work->lock);
		status = work->status;
		pthread_mutex_unlock(&work->lock);
		if (status != 0)
			return;
		work->produce(work->arg, i, number);
		pthread_mutex_lock(&work->lock);
		while (work->turn != i && work->status == 0)
			pthread_cond_wait(&work->turn_changed, &work->lock);
		status = work->status;
		pthread_mutex_unlock(&work->lock);
		if (status != 0)
			return;
		/* only this thread may consume now: the others wait for turn i + 1 */
		status = work->consume(work->arg, i, number);
		pthread_mutex_lock(&work->lock);
		work->status = status;
		work->turn = i + 1;
		pthread_cond_broadcast(&work->turn_changed);
		pthread_mutex_unlock(&work->lock);
		if (status != 0)
			return;
	}
}

static void *worker_main(void *argument)
{
	struct worker *worker = argument;

	if (worker->work->job)
		run_jobs(worker->work);
	else
		run_ordered(worker->work, worker->number);
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
		workers[started].number = i;
		/* a thread that cannot start leaves its share to the others */
		if (pthread_create(&workers[started].thread, NULL, worker_main,
				   &workers[started]) == 0)
			started++;
	}
	if (work->job)
		run_jobs(work);
	else
		run_ordered(work, 0);
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

int stats_parallel_ordered(size_t count, void (*produce)(void *arg, size_t index, int worker),
			   int (*consume)(void *arg, size_t index, int worker), void *arg)
{
	struct shared_work work = {
		.count = count, .produce = produce, .consume = consume, .arg = arg
	};

	if (count == 0)
		return 0;
	atomic_init(&work.next, 0);
	pthread_mutex_init(&work.lock, NULL);
	pthread_cond_init(&work.turn_changed, NULL);
	share(&work);
	pthread_cond_destroy(&work.turn_changed);
	pthread_mutex_destroy(&work.lock);
	return work.status;
}
