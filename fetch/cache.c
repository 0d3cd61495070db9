#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int jb_cache_begin(struct jb_cache *cache, const char *out_dir, const char *table_id)
{
	memset(cache, 0, sizeof(*cache));
	if (jb_mkdirs(out_dir) != 0)
		return JB_EXIT_CANTCREAT;
	remove_stale(out_dir, table_id);
	cache->table_dir = jb_xasprintf("%s/%s", out_dir, table_id);
	cache->tmp_dir = jb_xasprintf("%s/%s.tmp.%ld", out_dir, table_id, (long)getpid());
	jb_remove_tree(cache->tmp_dir);
	if (mkdir(cache->tmp_dir, 0777) != 0) {
		int status = write_status();

		jb_warn("%s: cannot create folder:", cache->tmp_dir);
		free(cache->table_dir);
		free(cache->tmp_dir);
		memset(cache, 0, sizeof(*cache));
		return status;
	}
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
	FILE *fp = fopen(path, "wb");
	int status;

	if (!fp) {
		status = write_status();
		jb_warn("%s: cannot create:", path);
		return status;
	}
	if ((len && fwrite(body, 1, len, fp) != len) || fflush(fp) != 0 ||
	    fsync(fileno(fp)) != 0) {
		status = write_status();
		jb_warn("%s: write error:", path);
		fclose(fp);
		return status == JB_EXIT_CANTCREAT ? JB_EXIT_IOERR : status;
	}
	if (fclose(fp) != 0) {
		jb_warn("%s: write error:", path);
		return JB_EXIT_IOERR;
	}
	return JB_EXIT_OK;
}

int jb_cache_add(struct jb_cache *cache, const char *file, const char *url, const char *body,
		 size_t len, time_t fetched_at)
{
	struct jb_manifest_row *row;
	char *path = jb_xasprintf("%s/%s", cache->tmp_dir, file);
	int status = write_page(path, body, len);

	free(path);
	if (status != JB_EXIT_OK)
		return status;
	jb_grow((void **)&cache->rows, &cache->row_capacity, cache->row_count + 1,
		sizeof(*cache->rows));
	row = &cache->rows[cache->row_count++];
	row->file = jb_xstrdup(file);
	row->url = jb_xstrdup(url);
	row->bytes = len;
	row->crc32 = crc32_of(body, len);
	jb_iso8601_utc(fetched_at, row->fetched_at, sizeof(row->fetched_at));
	return JB_EXIT_OK;
}

static int write_manifest(const struct jb_cache *cache)
{
	static const char *const header[] = { "file", "url", "bytes", "crc32", "fetched_at" };
	char *path = jb_xasprintf("%s/manifest.csv", cache->tmp_dir);
	struct jb_atomic file;
	size_t i;
	int status;

	if (jb_atomic_open(&file, path) != 0) {
		free(path);
		return JB_EXIT_CANTCREAT;
	}
	free(path);
	if (jb_csv_write_row(file.fp, header, 5) != 0)
		goto fail;
	for (i = 0; i < cache->row_count; i++) {
		const struct jb_manifest_row *row = &cache->rows[i];
		char bytes[32], crc[16];
		const char *fields[5];

		snprintf(bytes, sizeof(bytes), "%zu", row->bytes);
		snprintf(crc, sizeof(crc), "%08lx", row->crc32 & 0xffffffffUL);
		fields[0] = row->file;
		fields[1] = row->url;
		fields[2] = bytes;
		fields[3] = crc;
		fields[4] = row->fetched_at;
		if (jb_csv_write_row(file.fp, fields, 5) != 0)
			goto fail;
	}
	return jb_atomic_commit(&file) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
fail:
	status = write_status();
	jb_warn("%s: write error:", file.path);
	jb_atomic_abort(&file);
	return status == JB_EXIT_CANTCREAT ? JB_EXIT_IOERR : status;
}

static void sync_folder(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static void free_rows(struct jb_cache *cache)
{
	size_t i;

	for (i = 0; i < cache->row_count; i++) {
		free(cache->rows[i].file);
		free(cache->rows[i].url);
	}
	free(cache->rows);
}

static void release(struct jb_cache *cache)
{
	free_rows(cache);
	free(cache->table_dir);
	free(cache->tmp_dir);
	memset(cache, 0, sizeof(*cache));
}

int jb_cache_commit(struct jb_cache *cache)
{
	char *old_dir = jb_xasprintf("%s.old.tmp.%ld", cache->table_dir, (long)getpid());
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

void jb_cache_abort(struct jb_cache *cache)
{
	if (cache->tmp_dir)
		jb_remove_tree(cache->tmp_dir);
	release(cache);
}
