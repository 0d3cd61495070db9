#include "tidy_csv_scan.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* A run of whole records handed from the reading thread to the caller's. */
struct csv_batch {
	char *text;              /* the records' fields point into it */
	size_t text_capacity;
	char **fields;           /* the fields of every record, one after another */
	size_t field_capacity;
	struct batch_row { size_t first, count; unsigned long line; } *rows;
	size_t row_count, row_capacity;
	enum scan_error error;   /* after the rows: the scan stopped there */
	unsigned long error_line;
	int error_number;        /* errno of a read error */
	struct csv_batch *next;
};

#define BATCH_TEXT (1u << 18)   /* text read at a time by the reading thread */
#define BATCHES_AHEAD 2         /* batches read but not yet consumed, at most */

/* The reading thread and the caller's: a queue of batches. */
struct pipeline {
	struct csv_sink sink;
	FILE *fp;
	struct csv_buffer buffer;
	struct csv_batch *filling;          /* the reading thread's */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct csv_batch *head, *tail;      /* read, not yet taken */
	struct csv_batch *spare;            /* taken and done with: their memory is reused */
	size_t queued;
	int finished, stop;                 /* reading ended; the caller wants no more */
};

/* An empty batch, reusing the memory of one the caller is done with. */
static struct csv_batch *batch_new(struct pipeline *pipe)
{
	struct csv_batch *batch;

	pthread_mutex_lock(&pipe->lock);
	batch = pipe->spare;
	if (batch)
		pipe->spare = batch->next;
	pthread_mutex_unlock(&pipe->lock);
	if (!batch)
		return jb_xcalloc(1, sizeof(struct csv_batch));
	batch->next = NULL;
	batch->row_count = 0;
	batch->error = SCAN_OK;
	return batch;
}

static void batch_recycle(struct pipeline *pipe, struct csv_batch *batch)
{
	pthread_mutex_lock(&pipe->lock);
	batch->next = pipe->spare;
	pipe->spare = batch;
	pthread_mutex_unlock(&pipe->lock);
}

static void batch_free(struct csv_batch *batch)
{
	if (!batch)
		return;
	free(batch->text);
	free(batch->fields);
	free(batch->rows);
	free(batch);
}

/* The record's fields stay where the split put them, in the buffer's field array. */
static int batch_row(struct csv_sink *sink, const struct jb_csv_row *row)
{
	struct pipeline *pipe = (struct pipeline *)sink;
	struct csv_batch *batch = pipe->filling;
	struct batch_row *kept;

	if (batch->row_count == batch->row_capacity)
		jb_grow((void **)&batch->rows, &batch->row_capacity, batch->row_count + 1,
			sizeof(*batch->rows));
	kept = &batch->rows[batch->row_count++];
	kept->first = pipe->buffer.field_base;
	kept->count = row->count;
	kept->line = row->line;
	pipe->buffer.field_base += row->count;
	return 0;
}

/* Hands a batch to the caller's thread, waiting while BATCHES_AHEAD are queued; nonzero: stop. */
static int pipeline_put(struct pipeline *pipe, struct csv_batch *batch)
{
	int stop;

	pthread_mutex_lock(&pipe->lock);
	while (pipe->queued >= BATCHES_AHEAD && !pipe->stop)
		pthread_cond_wait(&pipe->changed, &pipe->lock);
	stop = pipe->stop;
	if (!stop) {
		if (pipe->tail)
			pipe->tail->next = batch;
		else
			pipe->head = batch;
		pipe->tail = batch;
		pipe->queued++;
		pthread_cond_broadcast(&pipe->changed);
	}
	pthread_mutex_unlock(&pipe->lock);
	if (stop)
		batch_free(batch);
	return stop;
}

/*
 * Before a refill: the records read so far go to the caller with the text
 * they point into; the unread rest starts a new text.
 */
static int batch_before_refill(struct csv_sink *sink, struct csv_buffer *buffer)
{
	struct pipeline *pipe = (struct pipeline *)sink;
	struct csv_batch *batch = pipe->filling, *next;
	size_t rest = buffer->length - buffer->start;

	if (batch->row_count == 0)
		return 0; /* nothing points into the text yet: refill moves it */
	next = batch_new(pipe);
	if (next->text_capacity < BATCH_TEXT || next->text_capacity < 2 * rest) {
		next->text_capacity = BATCH_TEXT;
		while (next->text_capacity < 2 * rest)
			next->text_capacity *= 2;
		free(next->text);
		next->text = jb_xmalloc(next->text_capacity);
	}
	memcpy(next->text, buffer->text + buffer->start, rest);
	/*
	 * the texts and field arrays change hands: the full ones go with their
	 * records, the spare ones are read and split into
	 */
	batch->text = buffer->text;
	batch->text_capacity = buffer->capacity;
	buffer->text = next->text;
	buffer->capacity = next->text_capacity;
	buffer->length = rest;
	buffer->start = 0;
	next->text = NULL;
	next->text_capacity = 0;
	batch->fields = buffer->fields;
	batch->field_capacity = buffer->field_capacity;
	buffer->fields = next->fields;
	buffer->field_capacity = next->field_capacity;
	buffer->field_base = 0;
	next->fields = NULL;
	next->field_capacity = 0;
	pipe->filling = next;
	return pipeline_put(pipe, batch);
}

static void *read_batches(void *arg)
{
	struct pipeline *pipe = arg;
	struct csv_batch *last;
	unsigned long error_line = 0;
	enum scan_error error;
	int stopped;

	pipe->filling = batch_new(pipe);
	/* the scan hands batches over and starts new ones: the error goes with the last */
	error = csv_scan(pipe->fp, &pipe->buffer, &pipe->sink, &stopped, &error_line);
	last = pipe->filling;
	last->error = error;
	last->error_line = error_line;
	last->error_number = errno;
	free(last->text);
	last->text = pipe->buffer.text;
	last->text_capacity = pipe->buffer.capacity;
	pipe->buffer.text = NULL;
	free(last->fields);
	last->fields = pipe->buffer.fields;
	last->field_capacity = pipe->buffer.field_capacity;
	pipe->buffer.fields = NULL;
	pipe->filling = NULL;
	if (stopped)
		batch_free(last);
	else
		pipeline_put(pipe, last);
	pthread_mutex_lock(&pipe->lock);
	pipe->finished = 1;
	pthread_cond_broadcast(&pipe->changed);
	pthread_mutex_unlock(&pipe->lock);
	return NULL;
}

/* The next batch, NULL when the reading thread has handed over everything. */
static struct csv_batch *pipeline_take(struct pipeline *pipe)
{
	struct csv_batch *batch;

	pthread_mutex_lock(&pipe->lock);
	while (!pipe->head && !pipe->finished)
		pthread_cond_wait(&pipe->changed, &pipe->lock);
	batch = pipe->head;
	if (batch) {
		pipe->head = batch->next;
		if (!pipe->head)
			pipe->tail = NULL;
		pipe->queued--;
		pthread_cond_broadcast(&pipe->changed);
	}
	pthread_mutex_unlock(&pipe->lock);
	return batch;
}

int stats_csv_each_threaded(FILE *fp, const char *name, jb_csv_row_fn each_row, void *context)
{
	struct pipeline pipe = { 0 };
	struct csv_batch *batch;
	pthread_t reader;
	int rc = 0;

	pipe.sink.row = batch_row;
	pipe.sink.before_refill = batch_before_refill;
	pipe.fp = fp;
	pipe.buffer.text = jb_xmalloc(BATCH_TEXT);
	pipe.buffer.capacity = BATCH_TEXT;
	pthread_mutex_init(&pipe.lock, NULL);
	pthread_cond_init(&pipe.changed, NULL);
	if (pthread_create(&reader, NULL, read_batches, &pipe) != 0) {
		free(pipe.buffer.text);
		pthread_mutex_destroy(&pipe.lock);
		pthread_cond_destroy(&pipe.changed);
		return -2;
	}
	while (rc == 0 && (batch = pipeline_take(&pipe)) != NULL) {
		size_t i;

		for (i = 0; i < batch->row_count && rc == 0; i++) {
			struct jb_csv_row row;

			row.fields = (const char *const *)batch->fields + batch->rows[i].first;
			row.count = batch->rows[i].count;
			row.line = batch->rows[i].line;
			rc = each_row(&row, context);
		}
		if (rc == 0 && batch->error != SCAN_OK)
			rc = csv_scan_message(batch->error, name, batch->error_line,
						batch->error_number);
		batch_recycle(&pipe, batch);
	}
	pthread_mutex_lock(&pipe.lock);
	pipe.stop = 1;
	pthread_cond_broadcast(&pipe.changed);
	pthread_mutex_unlock(&pipe.lock);
	pthread_join(reader, NULL);
	while ((batch = pipe.head) != NULL) {
		pipe.head = batch->next;
		batch_free(batch);
	}
	while ((batch = pipe.spare) != NULL) {
		pipe.spare = batch->next;
		batch_free(batch);
	}
	free(pipe.buffer.text);
	free(pipe.buffer.fields);
	pthread_mutex_destroy(&pipe.lock);
	pthread_cond_destroy(&pipe.changed);
	return rc;
}
