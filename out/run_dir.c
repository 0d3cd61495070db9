#include "run_dir.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "exitcode.h"
#include "msg.h"
#include "xalloc.h"

int jb_run_id_is_valid(const char *run_id)
{
	const char *p;

	if (!run_id || !*run_id || run_id[0] == '.' || strcmp(run_id, "latest") == 0 ||
	    strstr(run_id, ".tmp.") || strlen(run_id) > 100)
		return 0;
	for (p = run_id; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			return 0;
	return 1;
}

void jb_run_id_for_time(char *buf, size_t size, long long seconds)
{
	time_t when = (time_t)seconds;
	struct tm tm;

	if (!gmtime_r(&when, &tm) || strftime(buf, size, "%Y%m%dT%H%M%SZ", &tm) == 0)
		snprintf(buf, size, "run");
}

int jb_run_begin(struct jb_run *run, const char *reports_dir, const char *run_id)
{
	struct stat st;

	memset(run, 0, sizeof(*run));
	if (jb_mkdirs(reports_dir) != 0)
		return JB_EXIT_CANTCREAT;
	run->reports_dir = jb_xstrdup(reports_dir);
	run->run_id = jb_xstrdup(run_id);
	run->final_dir = jb_xasprintf("%s/%s", reports_dir, run_id);
	run->tmp_dir = jb_xasprintf("%s/%s.tmp.%ld", reports_dir, run_id, (long)getpid());
	if (lstat(run->final_dir, &st) == 0) {
		jb_warn("%s: a run of that name exists already", run->final_dir);
		return JB_EXIT_CANTCREAT;
	}
	if (mkdir(run->tmp_dir, 0777) != 0) {
		jb_warn("%s: cannot create folder:", run->tmp_dir);
		free(run->tmp_dir);
		run->tmp_dir = NULL;
		return JB_EXIT_CANTCREAT;
	}
	return JB_EXIT_OK;
}

char *jb_run_path(const struct jb_run *run, const char *name)
{
	return jb_xasprintf("%s/%s", run->tmp_dir, name);
}

int jb_run_write(const struct jb_run *run, const char *name,
		 void (*write_page)(FILE *fp, const void *context), const void *context)
{
	char *path = jb_run_path(run, name);
	struct jb_atomic file;
	int rc = JB_EXIT_OK;

	if (jb_atomic_open(&file, path) != 0)
		rc = JB_EXIT_CANTCREAT;
	else {
		write_page(file.fp, context);
		if (jb_atomic_commit(&file) != 0)
			rc = JB_EXIT_IOERR;
	}
	free(path);
	return rc;
}

/* Points latest at the run: a symlink under a temporary name, renamed over latest. */
static int switch_latest(const struct jb_run *run)
{
	char *latest = jb_xasprintf("%s/latest", run->reports_dir);
	char *tmp = jb_xasprintf("%s/latest.tmp.%ld", run->reports_dir, (long)getpid());
	int rc = 0;

	unlink(tmp);
	if (symlink(run->run_id, tmp) != 0) {
		jb_warn("%s: cannot create symlink:", tmp);
		rc = -1;
	} else if (rename(tmp, latest) != 0) {
		jb_warn("%s: cannot replace:", latest);
		unlink(tmp);
		rc = -1;
	}
	free(latest);
	free(tmp);
	return rc;
}

int jb_run_commit(struct jb_run *run)
{
	struct stat st;

	if (lstat(run->final_dir, &st) == 0) {
		jb_warn("%s: a run of that name exists already", run->final_dir);
		return JB_EXIT_CANTCREAT;
	}
	if (rename(run->tmp_dir, run->final_dir) != 0) {
		jb_warn("%s: cannot rename into place:", run->final_dir);
		return JB_EXIT_CANTCREAT;
	}
	if (switch_latest(run) != 0) {
		/* latest still names the previous run: take this one back out */
		if (rename(run->final_dir, run->tmp_dir) != 0)
			jb_warn("%s: cannot take back:", run->final_dir);
		return JB_EXIT_CANTCREAT;
	}
	free(run->tmp_dir);
	run->tmp_dir = NULL;
	return JB_EXIT_OK;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *walk)
{
	(void)st;
	(void)walk;
	if ((type == FTW_DP ? rmdir(path) : unlink(path)) != 0)
		jb_warn("%s: cannot remove:", path);
	return 0;
}

static void remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0)
		nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void jb_run_abort(struct jb_run *run)
{
	if (run->tmp_dir) {
		remove_tree(run->tmp_dir);
		free(run->tmp_dir);
		run->tmp_dir = NULL;
	}
}

void jb_run_free(struct jb_run *run)
{
	free(run->reports_dir);
	free(run->run_id);
	free(run->tmp_dir);
	free(run->final_dir);
	memset(run, 0, sizeof(*run));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int jb_run_prune(const char *reports_dir, long keep)
{
	char *latest_path = jb_xasprintf("%s/latest", reports_dir);
	char target[4096];
	ssize_t len = readlink(latest_path, target, sizeof(target) - 1);
	DIR *dir = opendir(reports_dir);
	struct dirent *entry;
	char **runs = NULL;
	size_t count = 0, capacity = 0, i;

	free(latest_path);
	if (len < 0 || !dir) {
		if (dir)
			closedir(dir);
		return -1;
	}
	target[len] = '\0';
	while ((entry = readdir(dir))) {
		struct stat st;
		char *path;

		if (!jb_run_id_is_valid(entry->d_name) || strcmp(entry->d_name, target) == 0)
			continue;
		path = jb_xasprintf("%s/%s/index.html", reports_dir, entry->d_name);
		/* only folders that look like runs: a folder holding index.html */
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			jb_grow((void **)&runs, &capacity, count + 1, sizeof(*runs));
			runs[count++] = jb_xstrdup(entry->d_name);
		}
		free(path);
	}
	closedir(dir);
	if (count > 1)
		qsort(runs, count, sizeof(*runs), by_name);
	for (i = 0; i < count; i++) {
		if (count - i > (size_t)(keep > 0 ? keep : 0)) {
			char *path = jb_xasprintf("%s/%s", reports_dir, runs[i]);

			remove_tree(path);
			free(path);
		}
		free(runs[i]);
	}
	free(runs);
	return 0;
}
