/*
 * data/raw/<TABLE>/ replaced as a whole: pages go into a temporary folder
 * beside it, manifest.csv last, and only then the folders are swapped.  A
 * failure leaves the previous folder complete and no temporary behind.
 */
#ifndef JB_FETCH_CACHE_H
#define JB_FETCH_CACHE_H

#include <stddef.h>
#include <time.h>

struct jb_manifest_row {
	char *file;
	char *url;
	size_t bytes;
	unsigned long crc32;
	char fetched_at[32];
};

struct jb_cache {
	char *table_dir;  /* <out>/<TABLE> */
	char *tmp_dir;    /* <out>/<TABLE>.tmp.<pid> */
	struct jb_manifest_row *rows;
	size_t row_count, row_capacity;
};

/* Creates the temporary folder; returns 0 or an exit status (73). */
int jb_cache_begin(struct jb_cache *cache, const char *out_dir, const char *table_id);
/* 1 when file is already in the cache (a page seen twice). */
int jb_cache_has(const struct jb_cache *cache, const char *file);
/* Stores one checked page; returns 0 or an exit status (73, 74). */
int jb_cache_add(struct jb_cache *cache, const char *file, const char *url, const char *body,
		 size_t len, time_t fetched_at);
/* Writes manifest.csv and swaps the folders in; returns 0 or an exit status. */
int jb_cache_commit(struct jb_cache *cache);
/* Removes the temporary folder; the previous cache stays. */
void jb_cache_abort(struct jb_cache *cache);

/* Removes a folder tree; 0 or -1 (with a message). */
int jb_remove_tree(const char *path);
/* "2025-07-01T02:00:00Z" */
void jb_iso8601_utc(time_t when, char *text, size_t size);

#endif
