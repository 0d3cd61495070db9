#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "atomic.h"
#include "csvio.h"
#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk)
{
	(void)info;
	(void)walk;
	if ((flag == FTW_DP ? rmdir(path) : unlink(path)) != 0)
		return jb_error("%s: cannot remove:", path);
	return 0;
}

int jb_remove_tree(const char *path)
{
	struct stat info;

	if (lstat(path, &info) != 0)
		return errno == ENOENT ? 0 : jb_error("%s: cannot inspect:", path);
	return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

void jb_iso8601_utc(time_t when, char *text, size_t size)
{
	struct tm utc;

	if (!gmtime_r(&when, &utc) || strftime(text, size, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0)
		snprintf(text, size, "1970-01-01T00:00:00Z");
}

static int write_status(void)
{
	return errno == ENOSPC || errno == EIO || errno == EDQUOT ? JB_EXIT_IOERR
								   : JB_EXIT_CANTCREAT;
}

/* Removes <table>.tmp.<pid> folders left by runs that were killed. */
static void remove_stale(const char *out_dir, const char *table_id)
{
	DIR *dir = opendir(out_dir);
	struct dirent *entry;
	size_t id_len = strlen(table_id);

	if (!dir)
		return;
	while ((entry = readdir(dir)) != NULL) {
		const char *rest = entry->d_name + id_len;
		char *end, *path;
		long pid;

		if (strncmp(entry->d_name, table_id, id_len) != 0)
			continue;
		if (strncmp(rest, ".tmp.", 5) == 0)
			rest += 5;
		else if (strncmp(rest, ".old.tmp.", 9) == 0)
			rest += 9;
		else
			continue;
		pid = strtol(rest, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue; /* another jb-fetch is at work */
		path = jb_xasprintf("%s/%s", out_dir, entry->d_name);
		jb_remove_tree(path);
		free(path);
	}
	closedir(dir);
}

/* A copy of a cell of an optional column; NULL when the column is absent or the cell empty. */
static char *optional_cell(const struct jb_csv_table *table, size_t row, int column)
{
	const char *cell = column >= 0 ? jb_csv_cell(table, row, (size_t)column) : NULL;

	return cell && *cell ? jb_xstrdup(cell) : NULL;
}

/* Reads <staging>/partial.csv into cache->resume (nothing when absent or unreadable). */
static void load_partial(struct jb_cache *cache)
{
	char *path = jb_xasprintf("%s/partial.csv", cache->tmp_dir);
	struct jb_csv_table table;
	int quiet = jb_quiet, columns[7];
	size_t row, i;
	static const char *const names[] = { "file",	   "url",  "bytes",	    "crc32",
					     "fetched_at", "etag", "last_modified" };

	jb_quiet = 1;
	if (access(path, R_OK) != 0 || jb_csv_load(path, &table) != 0) {
		jb_quiet = quiet;
		free(path);
		return;
	}
	jb_quiet = quiet;
	free(path);
	for (i = 0; i < 7; i++)
		columns[i] = jb_csv_column(&table, names[i]);
	if (columns[0] >= 0 && columns[1] >= 0 && columns[2] >= 0 && columns[3] >= 0 &&
	    columns[4] >= 0) {
		cache->resume = jb_xcalloc(table.row_count + 1, sizeof(*cache->resume));
		for (row = 0; row < table.row_count; row++) {
			struct jb_manifest_row *r = &cache->resume[cache->resume_count++];

			r->file = jb_xstrdup(jb_csv_cell(&table, row, (size_t)columns[0]));
			r->url = jb_xstrdup(jb_csv_cell(&table, row, (size_t)columns[1]));
			r->bytes = (size_t)strtoull(jb_csv_cell(&table, row, (size_t)columns[2]),
						    NULL, 10);
			r->crc32 = strtoul(jb_csv_cell(&table, row, (size_t)columns[3]), NULL, 16);
			snprintf(r->fetched_at, sizeof(r->fetched_at), "%s",
				 jb_csv_cell(&table, row, (size_t)columns[4]));
			r->etag = optional_cell(&table, row, columns[5]);
			r->last_modified = optional_cell(&table, row, columns[6]);
		}
	}
	jb_csv_free(&table);
}

/* 1 when the open file fd is the file at path. */
static int is_file(int fd, const char *path)
{
	struct stat opened, named;

	return fd >= 0 && fstat(fd, &opened) == 0 && stat(path, &named) == 0 &&
	       opened.st_dev == named.st_dev && opened.st_ino == named.st_ino;
}

/*
 * The staging folder made (when missing) and its .lock locked: 0, or an
 * exit status after a message.  A run that ends removes .lock while it
 * holds the lock, so a lock won on a file that is no longer the folder's
 * .lock (or in a folder that went away) is given up and tried again.
 */
static int lock_staging(struct jb_cache *cache, const char *out_dir, const char *table_id)
{
	char *lock_path = jb_xasprintf("%s/.lock", cache->tmp_dir);
	int status = JB_EXIT_TEMPFAIL, attempt;

	for (attempt = 0; attempt < 10; attempt++) {
		int made = mkdir(cache->tmp_dir, 0777) == 0 || errno == EEXIST;

		if (!made && errno == ENOENT) { /* out_dir is made only when it is missing */
			if (jb_mkdirs(out_dir) != 0) {
				status = JB_EXIT_CANTCREAT;
				goto out;
			}
			made = mkdir(cache->tmp_dir, 0777) == 0 || errno == EEXIST;
		}
		if (!made) {
			status = write_status();
			jb_warn("%s: cannot create folder:", cache->tmp_dir);
			goto out;
		}
		cache->lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
		if (cache->lock_fd < 0 && errno == ENOENT)
			continue; /* the folder went between mkdir and open */
		if (cache->lock_fd < 0) {
			status = write_status();
			jb_warn("%s: cannot create the lock file:", cache->tmp_dir);
			goto out;
		}
		if (flock(cache->lock_fd, LOCK_EX | LOCK_NB) != 0) {
			jb_warn("%s: another jb-fetch is fetching %s", cache->tmp_dir, table_id);
			goto out;
		}
		if (is_file(cache->lock_fd, lock_path)) {
			status = JB_EXIT_OK;
			goto out;
		}
		close(cache->lock_fd);
		cache->lock_fd = -1;
	}
	jb_warn("%s: another jb-fetch keeps taking the staging folder of %s", cache->tmp_dir,
		table_id);
out:
	free(lock_path);
	return status;
}

static void release(struct jb_cache *cache);

int jb_cache_begin(struct jb_cache *cache, const char *out_dir, const char *table_id)
{
	int status;

	memset(cache, 0, sizeof(*cache));
	cache->lock_fd = -1;
	remove_stale(out_dir, table_id);
	cache->table_dir = jb_xasprintf("%s/%s", out_dir, table_id);
	cache->tmp_dir = jb_xasprintf("%s/%s.partial", out_dir, table_id);
	if ((status = lock_staging(cache, out_dir, table_id)) != JB_EXIT_OK) {
		release(cache);
		return status;
	}
	load_partial(cache);
	return JB_EXIT_OK;
}

int jb_cache_has(const struct jb_cache *cache, const char *file)
{
	size_t i;

	for (i = 0; i < cache->row_count; i++)
		if (strcmp(cache->rows[i].file, file) == 0)
			return 1;
	return 0;
}

/* zlib takes uInt lengths: big pages go in slices. */
static unsigned long crc32_of(const char *body, size_t len)
{
	unsigned long crc = crc32(0L, Z_NULL, 0);
	size_t done = 0;

	while (done < len) {
		size_t slice = len - done > 0x40000000u ? 0x40000000u : len - done;

		crc = crc32(crc, (const Bytef *)body + done, (uInt)slice);
		done += slice;
	}
	return crc;
}

static int write_page(const char *path, const char *body, size_t len)
{
	int status;

	if (jb_write_file_atomic(path, body, len) == 0)
		return JB_EXIT_OK;
	status = write_status();
	return status == JB_EXIT_CANTCREAT && errno != EACCES && errno != ENOENT ? JB_EXIT_IOERR
										 : status;
}

static int write_rows(const char *path, const struct jb_manifest_row *rows, size_t count);

static int add_row(struct jb_cache *cache, long order, const char *file, const char *url,
		   size_t len, unsigned long crc, const char *fetched_at, const char *etag,
		   const char *last_modified)
{
	struct jb_manifest_row *row;
	char *path;
	size_t i;
	int status;

	for (i = 0; i < cache->row_count; i++)
		if (strcmp(cache->rows[i].file, file) == 0)
			break;
	if (i == cache->row_count) {
		jb_grow((void **)&cache->rows, &cache->row_capacity, cache->row_count + 1,
			sizeof(*cache->rows));
		row = &cache->rows[cache->row_count++];
		row->file = jb_xstrdup(file);
	} else {
		row = &cache->rows[i];
		free(row->url);
		free(row->etag);
		free(row->last_modified);
	}
	row->url = jb_xstrdup(url);
	row->etag = etag && *etag ? jb_xstrdup(etag) : NULL;
	row->last_modified = last_modified && *last_modified ? jb_xstrdup(last_modified) : NULL;
	row->bytes = len;
	row->crc32 = crc;
	row->order = order;
	snprintf(row->fetched_at, sizeof(row->fetched_at), "%s", fetched_at);
	path = jb_xasprintf("%s/partial.csv", cache->tmp_dir);
	status = write_rows(path, cache->rows, cache->row_count);
	free(path);
	return status;
}

unsigned long jb_cache_crc32(const char *body, size_t len)
{
	return crc32_of(body, len);
}

int jb_cache_add_page(struct jb_cache *cache, long order, const char *file, const char *url,
		      const char *body, size_t len, unsigned long crc, time_t fetched_at,
		      const char *etag, const char *last_modified)
{
	char *path = jb_xasprintf("%s/%s", cache->tmp_dir, file), when[32];
	int status = write_page(path, body, len);

	free(path);
	if (status != JB_EXIT_OK)
		return status;
	jb_iso8601_utc(fetched_at, when, sizeof(when));
	return add_row(cache, order, file, url, len, crc, when, etag, last_modified);
}

int jb_cache_add_at(struct jb_cache *cache, long order, const char *file, const char *url,
		    const char *body, size_t len, time_t fetched_at, const char *etag,
		    const char *last_modified)
{
	return jb_cache_add_page(cache, order, file, url, body, len, crc32_of(body, len),
				 fetched_at, etag, last_modified);
}

int jb_cache_add(struct jb_cache *cache, const char *file, const char *url, const char *body,
		 size_t len, time_t fetched_at)
{
	return jb_cache_add_at(cache, (long)cache->row_count, file, url, body, len, fetched_at, NULL,
			       NULL);
}

/* The path and query of a URL: what is left after scheme://host[:port]. */
static const char *path_of(const char *url)
{
	const char *scheme_end = strstr(url, "://");
	const char *slash;

	if (!scheme_end)
		return url;
	slash = strchr(scheme_end + 3, '/');
	return slash ? slash : "";
}

int jb_cache_resumable(struct jb_cache *cache, const char *file, const char *url, char **body,
		       size_t *len, char *fetched_at, size_t fetched_size)
{
	size_t i;

	for (i = 0; i < cache->resume_count; i++) {
		const struct jb_manifest_row *row = &cache->resume[i];
		char *path;
		int quiet = jb_quiet, read;

		if (strcmp(row->file, file) != 0 || strcmp(path_of(row->url), path_of(url)) != 0)
			continue;
		path = jb_xasprintf("%s/%s", cache->tmp_dir, file);
		jb_quiet = 1;
		read = jb_read_file(path, body, len) == 0;
		jb_quiet = quiet;
		free(path);
		if (!read)
			return 0;
		if (*len != row->bytes || crc32_of(*body, *len) != row->crc32) {
			free(*body);
			*body = NULL;
			return 0;
		}
		snprintf(fetched_at, fetched_size, "%s", row->fetched_at);
		return 1;
	}
	return 0;
}

int jb_cache_add_resumed(struct jb_cache *cache, long order, const char *file, const char *url,
			 const char *body, size_t len, const char *fetched_at)
{
	const char *etag = NULL, *last_modified = NULL;
	size_t i;

	for (i = 0; i < cache->resume_count; i++)
		if (strcmp(cache->resume[i].file, file) == 0) {
			etag = cache->resume[i].etag;
			last_modified = cache->resume[i].last_modified;
			break;
		}
	return add_row(cache, order, file, url, len, crc32_of(body, len), fetched_at, etag,
		       last_modified);
}

static void free_row_list(struct jb_manifest_row *rows, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		free(rows[i].file);
		free(rows[i].url);
		free(rows[i].etag);
		free(rows[i].last_modified);
	}
	free(rows);
}

void jb_cache_forget_resume(struct jb_cache *cache)
{
	free_row_list(cache->resume, cache->resume_count);
	cache->resume = NULL;
	cache->resume_count = 0;
}

static int write_rows(const char *path, const struct jb_manifest_row *rows, size_t count)
{
	static const char *const header[] = { "file",	    "url",  "bytes",	     "crc32",
					      "fetched_at", "etag", "last_modified" };
	struct jb_atomic file;
	size_t i;
	int status;

	if (jb_atomic_open(&file, path) != 0)
		return JB_EXIT_CANTCREAT;
	if (jb_csv_write_row(file.fp, header, 7) != 0)
		goto fail;
	for (i = 0; i < count; i++) {
		const struct jb_manifest_row *row = &rows[i];
		char bytes[32], crc[16];
		const char *fields[7];

		snprintf(bytes, sizeof(bytes), "%zu", row->bytes);
		snprintf(crc, sizeof(crc), "%08lx", row->crc32 & 0xffffffffUL);
		fields[0] = row->file;
		fields[1] = row->url;
		fields[2] = bytes;
		fields[3] = crc;
		fields[4] = row->fetched_at;
		fields[5] = row->etag ? row->etag : "";
		fields[6] = row->last_modified ? row->last_modified : "";
		if (jb_csv_write_row(file.fp, fields, 7) != 0)
			goto fail;
	}
	return jb_atomic_commit(&file) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
fail:
	status = write_status();
	jb_warn("%s: write error:", file.path);
	jb_atomic_abort(&file);
	return status == JB_EXIT_CANTCREAT ? JB_EXIT_IOERR : status;
}

static int by_order(const void *a, const void *b)
{
	const struct jb_manifest_row *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->file, y->file);
}

/* Removes from the staging folder what is not a row of this run (pages of an older run). */
static void prune(const struct jb_cache *cache)
{
	DIR *dir = opendir(cache->tmp_dir);
	struct dirent *entry;

	if (!dir)
		return;
	while ((entry = readdir(dir)) != NULL) {
		char *path;

		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0 ||
		    strcmp(entry->d_name, ".lock") == 0 ||
		    strcmp(entry->d_name, "manifest.csv") == 0 || jb_cache_has(cache, entry->d_name))
			continue;
		path = jb_xasprintf("%s/%s", cache->tmp_dir, entry->d_name);
		jb_remove_tree(path);
		free(path);
	}
	closedir(dir);
}

static int write_manifest(struct jb_cache *cache)
{
	char *path = jb_xasprintf("%s/manifest.csv", cache->tmp_dir);
	int status;

	qsort(cache->rows, cache->row_count, sizeof(*cache->rows), by_order);
	status = write_rows(path, cache->rows, cache->row_count);
	free(path);
	if (status == JB_EXIT_OK)
		prune(cache);
	return status;
}

static void sync_folder(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static void release(struct jb_cache *cache)
{
	free_row_list(cache->rows, cache->row_count);
	free_row_list(cache->resume, cache->resume_count);
	if (cache->lock_fd >= 0)
		close(cache->lock_fd);
	free(cache->table_dir);
	free(cache->tmp_dir);
	memset(cache, 0, sizeof(*cache));
	cache->lock_fd = -1;
}

int jb_cache_commit(struct jb_cache *cache)
{
	char *old_dir = jb_xasprintf("%s.old.tmp.%ld", cache->table_dir, (long)getpid());
	char *lock_path;
	int status = write_manifest(cache), had_old = 0;

	if (status != JB_EXIT_OK)
		goto fail;
	sync_folder(cache->tmp_dir);
	jb_remove_tree(old_dir);
	if (rename(cache->table_dir, old_dir) == 0) {
		had_old = 1;
	} else if (errno != ENOENT) {
		status = write_status();
		jb_warn("%s: cannot move the previous cache aside:", cache->table_dir);
		goto fail;
	}
	if (rename(cache->tmp_dir, cache->table_dir) != 0) {
		status = write_status();
		jb_warn("%s: cannot move the new cache in:", cache->table_dir);
		if (had_old && rename(old_dir, cache->table_dir) != 0)
			jb_warn("%s: cannot restore the previous cache (it is in %s):",
				cache->table_dir, old_dir);
		goto fail;
	}
	lock_path = jb_xasprintf("%s/.lock", cache->table_dir);
	unlink(lock_path); /* still locked: a run that opened it before sees it gone */
	free(lock_path);
	if (had_old && jb_remove_tree(old_dir) != 0)
		jb_warn("%s: the previous cache could not be removed", old_dir);
	free(old_dir);
	release(cache);
	return JB_EXIT_OK;
fail:
	free(old_dir);
	jb_cache_abort(cache);
	return status;
}

/*
 * The staging folder removed while its lock is held: everything but .lock,
 * then .lock, then the folder.  When the folder is not empty by then,
 * another run has made its own .lock in it and the folder is left to it,
 * as it is when its .lock is no longer the one this run locked.
 */
static void remove_staging(const struct jb_cache *cache)
{
	char *lock_path = jb_xasprintf("%s/.lock", cache->tmp_dir), *path;
	DIR *dir = is_file(cache->lock_fd, lock_path) ? opendir(cache->tmp_dir) : NULL;
	struct dirent *entry;

	if (!dir) {
		free(lock_path);
		return;
	}
	while ((entry = readdir(dir)) != NULL) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0 ||
		    strcmp(entry->d_name, ".lock") == 0)
			continue;
		path = jb_xasprintf("%s/%s", cache->tmp_dir, entry->d_name);
		jb_remove_tree(path);
		free(path);
	}
	closedir(dir);
	unlink(lock_path);
	free(lock_path);
	if (rmdir(cache->tmp_dir) != 0 && errno != ENOENT && errno != ENOTEMPTY &&
	    errno != EEXIST)
		jb_warn("%s: cannot remove:", cache->tmp_dir);
}

void jb_cache_abort(struct jb_cache *cache)
{
	char *path;

	if (cache->tmp_dir && cache->row_count == 0 && cache->resume_count == 0) {
		remove_staging(cache); /* nothing worth resuming */
	} else if (cache->tmp_dir) {
		path = jb_xasprintf("%s/manifest.csv", cache->tmp_dir);
		unlink(path);
		free(path);
	}
	release(cache);
}

void jb_cache_discard(struct jb_cache *cache)
{
	char *manifest;

	if (cache->tmp_dir) {
		remove_staging(cache);
		/* checked now: make sees the table as newer than what it was made from */
		manifest = jb_xasprintf("%s/manifest.csv", cache->table_dir);
		if (utimensat(AT_FDCWD, manifest, NULL, 0) != 0 && errno != ENOENT)
			jb_warn("%s: cannot set its time:", manifest);
		free(manifest);
	}
	release(cache);
}
