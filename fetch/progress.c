#include "progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"

/* The live line is redrawn at most this often. */
#define DRAW_EVERY_MS 100

long long jb_progress_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

void jb_progress_init(struct jb_progress *progress, enum jb_verbosity verbosity)
{
	progress->verbosity = verbosity;
	progress->tty = isatty(STDERR_FILENO);
	progress->line_open = 0;
	progress->last_draw_ms = 0;
}

void jb_progress_table(struct jb_progress *progress, struct jb_table_progress *table,
		       const char *table_id)
{
	(void)progress;
	table->table_id = table_id;
	table->pages = table->resumed = 0;
	table->rows = 0;
	table->bytes = 0;
	table->started_ms = jb_progress_now_ms();
}

void jb_progress_break(struct jb_progress *progress)
{
	if (progress->line_open) {
		fputc('\n', stderr);
		progress->line_open = 0;
	}
}

static double seconds_since(const struct jb_table_progress *table, long long now_ms)
{
	return (double)(now_ms - table->started_ms) / 1000.0;
}

void jb_progress_format(const struct jb_table_progress *table, long long now_ms, char *text,
			size_t size)
{
	double seconds = seconds_since(table, now_ms);

	snprintf(text, size, "%s: page %u, %lu rows, %.1f MB, %.1f MB/s", table->table_id,
		 table->pages, table->rows, (double)table->bytes / 1e6,
		 seconds > 0.001 ? (double)table->bytes / 1e6 / seconds : 0.0);
}

void jb_progress_page(struct jb_progress *progress, struct jb_table_progress *table,
		      const char *file, size_t bytes, unsigned long rows, int resumed)
{
	long long now = jb_progress_now_ms();
	char text[200];

	table->pages++;
	table->resumed += resumed != 0;
	table->rows += rows;
	table->bytes += bytes;
	if (progress->verbosity == JB_QUIET)
		return;
	if (progress->tty && progress->verbosity == JB_NORMAL) {
		if (now - progress->last_draw_ms < DRAW_EVERY_MS)
			return;
		progress->last_draw_ms = now;
		jb_progress_format(table, now, text, sizeof(text));
		fprintf(stderr, "\r%s: %s\033[K", jb_progname, text);
		progress->line_open = 1;
	} else if (progress->verbosity == JB_VERBOSE) {
		jb_progress_break(progress);
		jb_warn("%s: %s, %zu bytes, %lu rows%s", table->table_id, file, bytes, rows,
			resumed ? " (kept from the unfinished run)" : "");
	}
}

void jb_progress_retry(struct jb_progress *progress, const char *url, const char *why,
		       unsigned failures, long attempts, long delay_ms)
{
	if (progress->verbosity == JB_QUIET)
		return;
	jb_progress_break(progress);
	jb_warn("%s: %s; attempt %u of %ld in %.1f s", url, why, failures + 1, attempts,
		(double)delay_ms / 1000.0);
}

void jb_progress_done(struct jb_progress *progress, const struct jb_table_progress *table,
		      int done)
{
	char resumed[64] = "";

	jb_progress_break(progress);
	if (progress->verbosity == JB_QUIET || !done)
		return;
	if (table->resumed)
		snprintf(resumed, sizeof(resumed), " (%u kept from the unfinished run)",
			 table->resumed);
	jb_warn("%s: %u pages, %zu bytes, %lu rows in %.1f s%s", table->table_id, table->pages,
		table->bytes, table->rows, seconds_since(table, jb_progress_now_ms()), resumed);
}

void jb_progress_unchanged(struct jb_progress *progress, const struct jb_table_progress *table,
			   int not_modified)
{
	jb_progress_break(progress);
	if (progress->verbosity == JB_QUIET)
		return;
	jb_warn("%s: unchanged (%s), cache kept", table->table_id,
		not_modified ? "TableInfos 304 not modified" : "TableInfos Modified as cached");
}
