/*
 * data/raw/<TABLE>/ replaced as a whole: pages go into the staging folder
 * <TABLE>.partial beside it (with partial.csv, the rows so far), manifest.csv
 * last, and only then the folders are swapped.  A failure leaves the
 * previous folder complete; the staging folder stays so that the next run
 * resumes with the pages it holds (checked by size and CRC-32 first).
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
	char *etag;          /* the response's ETag and Last-Modified; NULL when not sent */
	char *last_modified;
	long order;      /* manifest rows are sorted by it (plan position, page) */
};

struct jb_cache {
	char *table_dir;  /* <out>/<TABLE> */
	char *tmp_dir;    /* <out>/<TABLE>.partial: the staging folder */
	struct jb_manifest_row *rows;
	size_t row_count, row_capacity;
	struct jb_manifest_row *resume;   /* rows of an unfinished earlier run */
	size_t resume_count;
	int lock_fd;
};

/*
 * Opens (creates) the staging folder, locked against a second jb-fetch of
 * the same table, and reads its partial.csv; returns 0 or an exit status
 * (73, or 75 when another run holds the lock).
 */
int jb_cache_begin(struct jb_cache *cache, const char *out_dir, const char *table_id);
/* 1 when file is already in the cache (a page seen twice). */
int jb_cache_has(const struct jb_cache *cache, const char *file);
/* Stores one checked page; returns 0 or an exit status (73, 74). */
int jb_cache_add(struct jb_cache *cache, const char *file, const char *url, const char *body,
		 size_t len, time_t fetched_at);
/* The same, with the manifest position of the row and the response's validators (NULL: none). */
int jb_cache_add_at(struct jb_cache *cache, long order, const char *file, const char *url,
		    const char *body, size_t len, time_t fetched_at, const char *etag,
		    const char *last_modified);
/* The same, with the page's CRC-32 computed already (jb_cache_crc32). */
int jb_cache_add_page(struct jb_cache *cache, long order, const char *file, const char *url,
		      const char *body, size_t len, unsigned long crc, time_t fetched_at,
		      const char *etag, const char *last_modified);
/* The CRC-32 the manifest records (thread-safe). */
unsigned long jb_cache_crc32(const char *body, size_t len);
/*
 * A page an earlier, unfinished run stored for the same URL (compared
 * without scheme, host and port), when its size and CRC-32 still match:
 * 1 with *body (the caller frees it), *len and *fetched_at; else 0.
 */
int jb_cache_resumable(struct jb_cache *cache, const char *file, const char *url, char **body,
		       size_t *len, char *fetched_at, size_t fetched_size);
/* Records a page that jb_cache_resumable gave back (it is in place already, validators kept). */
int jb_cache_add_resumed(struct jb_cache *cache, long order, const char *file, const char *url,
			 const char *body, size_t len, const char *fetched_at);
/* Forgets what an earlier run left (the table changed since). */
void jb_cache_forget_resume(struct jb_cache *cache);
/* Writes manifest.csv and swaps the folders in; returns 0 or an exit status. */
int jb_cache_commit(struct jb_cache *cache);
/* Ends a failed run: the previous cache stays, the staging folder too (resume). */
void jb_cache_abort(struct jb_cache *cache);

/*
 * Ends a run that needs nothing new (the table is current): no staging
 * folder stays, and the table's manifest.csv gets the time of this check
 * (its content unchanged), so that make does not remake the table from
 * older sources (pipeline/data.mk).
 */
void jb_cache_discard(struct jb_cache *cache);

/* Removes a folder tree; 0 or -1 (with a message). */
int jb_remove_tree(const char *path);
/* "2025-07-01T02:00:00Z" */
void jb_iso8601_utc(time_t when, char *text, size_t size);

#endif
