#include "progress.h"

#include <stdio.h>
#include <unistd.h>

#include "msg.h"

void jb_progress_init(struct jb_progress *progress, enum jb_verbosity verbosity)
{
	progress->verbosity = verbosity;
	progress->tty = isatty(STDERR_FILENO);
	progress->line_open = 0;
	progress->table_id = "";
	progress->pages = 0;
	progress->bytes = 0;
}

void jb_progress_table(struct jb_progress *progress, const char *table_id)
{
	progress->table_id = table_id;
	progress->pages = 0;
	progress->bytes = 0;
}

void jb_progress_break(struct jb_progress *progress)
{
	if (progress->line_open) {
		fputc('\n', stderr);
		progress->line_open = 0;
	}
}

void jb_progress_page(struct jb_progress *progress, const char *file, size_t bytes)
{
	progress->pages++;
	progress->bytes += bytes;
	if (progress->verbosity == JB_QUIET)
		return;
	if (progress->tty) {
		fprintf(stderr, "\r%s: %s: page %u, %.1f MB\033[K", jb_progname,
			progress->table_id, progress->pages, (double)progress->bytes / 1e6);
		progress->line_open = 1;
	} else if (progress->verbosity == JB_VERBOSE) {
		jb_warn("%s: %s, %zu bytes", progress->table_id, file, bytes);
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

void jb_progress_done(struct jb_progress *progress, int done)
{
	if (progress->verbosity == JB_QUIET || !done) {
		jb_progress_break(progress);
		return;
	}
	if (progress->tty)
		fputc('\r', stderr);
	progress->line_open = 0;
	jb_warn("%s: %u pages, %zu bytes%s", progress->table_id, progress->pages,
		progress->bytes, progress->tty ? "\033[K" : "");
}

void jb_progress_unchanged(struct jb_progress *progress)
{
	if (progress->verbosity == JB_QUIET) {
		jb_progress_break(progress);
		return;
	}
	if (progress->tty)
		fputc('\r', stderr);
	progress->line_open = 0;
	jb_warn("%s: unchanged (TableInfos Modified as cached), cache kept%s", progress->table_id,
		progress->tty ? "\033[K" : "");
}
