/* The page workers: a queue of jobs, a few threads, a list of finished jobs. */
#include "workers.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

#define MAX_WORKERS 4

struct work_list {
	struct jb_work *head, *tail;
};

struct jb_workers {
	pthread_mutex_t lock;
	pthread_cond_t ready;       /* a job was queued, or stop */
	struct work_list queued, finished;
	size_t pending;             /* submitted, done not called yet (engine's thread only) */
	int stop;
	pthread_t *threads;
	unsigned thread_count;
	void (*wake)(void *context);
	void *wake_context;
};

static void list_push(struct work_list *list, struct jb_work *work)
{
	work->next = NULL;
	if (list->tail)
		list->tail->next = work;
	else
		list->head = work;
	list->tail = work;
}

static struct jb_work *list_pop(struct work_list *list)
{
	struct jb_work *work = list->head;

	if (work) {
		list->head = work->next;
		if (!list->head)
			list->tail = NULL;
		work->next = NULL;
	}
	return work;
}

static void *work_loop(void *context)
{
	struct jb_workers *workers = context;

	pthread_mutex_lock(&workers->lock);
	for (;;) {
		struct jb_work *work = list_pop(&workers->queued);

		if (!work) {
			if (workers->stop)
				break;
			pthread_cond_wait(&workers->ready, &workers->lock);
			continue;
		}
		pthread_mutex_unlock(&workers->lock);
		work->run(work);
		pthread_mutex_lock(&workers->lock);
		list_push(&workers->finished, work);
		pthread_mutex_unlock(&workers->lock);
		workers->wake(workers->wake_context);
		pthread_mutex_lock(&workers->lock);
	}
	pthread_mutex_unlock(&workers->lock);
	return NULL;
}

unsigned jb_workers_default(void)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	return online < 1 ? 1 : online > MAX_WORKERS ? MAX_WORKERS : (unsigned)online;
}

struct jb_workers *jb_workers_new(unsigned count, void (*wake)(void *context),
				  void *wake_context)
{
	struct jb_workers *workers = jb_xcalloc(1, sizeof(*workers));

	if (count < 1)
		count = 1;
	workers->wake = wake;
	workers->wake_context = wake_context;
	workers->threads = jb_xcalloc(count, sizeof(*workers->threads));
	if (pthread_mutex_init(&workers->lock, NULL) != 0 ||
	    pthread_cond_init(&workers->ready, NULL) != 0)
		jb_die(JB_EXIT_SOFTWARE, "cannot create the page workers' lock");
	for (; workers->thread_count < count; workers->thread_count++)
		if (pthread_create(&workers->threads[workers->thread_count], NULL, work_loop,
				   workers) != 0)
			break;
	if (workers->thread_count == 0) {
		jb_workers_free(workers);
		return NULL;
	}
	return workers;
}

void jb_workers_submit(struct jb_workers *workers, struct jb_work *work)
{
	workers->pending++;
	pthread_mutex_lock(&workers->lock);
	list_push(&workers->queued, work);
	pthread_cond_signal(&workers->ready);
	pthread_mutex_unlock(&workers->lock);
}

size_t jb_workers_collect(struct jb_workers *workers)
{
	struct work_list finished;
	struct jb_work *work;
	size_t count = 0;

	pthread_mutex_lock(&workers->lock);
	finished = workers->finished;
	workers->finished.head = workers->finished.tail = NULL;
	pthread_mutex_unlock(&workers->lock);
	while ((work = list_pop(&finished)) != NULL) {
		workers->pending--;
		count++;
		work->done(work); /* may submit more */
	}
	return count;
}

size_t jb_workers_pending(const struct jb_workers *workers)
{
	return workers->pending;
}

void jb_workers_free(struct jb_workers *workers)
{
	unsigned i;

	if (!workers)
		return;
	pthread_mutex_lock(&workers->lock);
	workers->stop = 1;
	pthread_cond_broadcast(&workers->ready);
	pthread_mutex_unlock(&workers->lock);
	for (i = 0; i < workers->thread_count; i++)
		pthread_join(workers->threads[i], NULL);
	while (workers->queued.head) /* no thread ever ran: nothing can be left but this */
		list_push(&workers->finished, list_pop(&workers->queued));
	jb_workers_collect(workers);
	pthread_cond_destroy(&workers->ready);
	pthread_mutex_destroy(&workers->lock);
	free(workers->threads);
	free(workers);
}
