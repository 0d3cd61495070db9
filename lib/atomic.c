#include "atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "xalloc.h"

int jb_mkdirs(const char *path)
{
	char *walk = jb_xstrdup(path);
	char *slash;

	for (slash = strchr(walk + 1, '/');; slash = strchr(slash + 1, '/')) {
		if (slash)
			*slash = '\0';
		if (*walk && mkdir(walk, 0777) != 0 && errno != EEXIST) {
			jb_error("%s: cannot create folder:", walk);
			free(walk);
			return -1;
		}
		if (!slash)
			break;
		*slash = '/';
	}
	free(walk);
	return 0;
}

int jb_mkdirs_for(const char *file_path)
{
	const char *slash = strrchr(file_path, '/');
	char *dir;
	int rc;

	if (!slash || slash == file_path)
		return 0;
	dir = jb_xstrndup(file_path, (size_t)(slash - file_path));
	rc = jb_mkdirs(dir);
	free(dir);
	return rc;
}

int jb_atomic_open(struct jb_atomic *file, const char *path)
{
	int fd;

	memset(file, 0, sizeof(*file));
	if (jb_mkdirs_for(path) != 0)
		return -1;
	file->path = jb_xstrdup(path);
	file->tmp_path = jb_xasprintf("%s.tmp.XXXXXX", path);
	fd = mkstemp(file->tmp_path);
	if (fd < 0) {
		jb_error("%s: cannot create:", file->tmp_path);
		goto fail;
	}
	if (fchmod(fd, 0644) != 0 || !(file->fp = fdopen(fd, "w"))) {
		jb_error("%s: cannot open:", file->tmp_path);
		close(fd);
		unlink(file->tmp_path);
		goto fail;
	}
	return 0;
fail:
	free(file->path);
	free(file->tmp_path);
	memset(file, 0, sizeof(*file));
	return -1;
}

static void atomic_release(struct jb_atomic *file)
{
	free(file->path);
	free(file->tmp_path);
	memset(file, 0, sizeof(*file));
}

int jb_atomic_commit(struct jb_atomic *file)
{
	int failed = 0;

	if (!file->fp)
		return jb_error("internal error: commit of a file that is not open");
	if (fflush(file->fp) != 0 || ferror(file->fp)) {
		jb_error("%s: write error:", file->path);
		failed = 1;
	} else if (fsync(fileno(file->fp)) != 0 && errno != EINVAL) {
		jb_error("%s: cannot sync:", file->path);
		failed = 1;
	}
	if (fclose(file->fp) != 0 && !failed) {
		jb_error("%s: write error:", file->path);
		failed = 1;
	}
	file->fp = NULL;
	if (!failed && rename(file->tmp_path, file->path) != 0) {
		jb_error("%s: cannot replace:", file->path);
		failed = 1;
	}
	if (failed)
		unlink(file->tmp_path);
	atomic_release(file);
	return failed ? -1 : 0;
}

void jb_atomic_abort(struct jb_atomic *file)
{
	if (file->fp)
		fclose(file->fp);
	if (file->tmp_path)
		unlink(file->tmp_path);
	atomic_release(file);
}

int jb_write_file_atomic(const char *path, const void *bytes, size_t len)
{
	struct jb_atomic file;

	if (jb_atomic_open(&file, path) != 0)
		return -1;
	if (len && fwrite(bytes, 1, len, file.fp) != len) {
		jb_error("%s: write error:", path);
		jb_atomic_abort(&file);
		return -1;
	}
	return jb_atomic_commit(&file);
}

int jb_read_file(const char *path, char **bytes, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buffer = NULL;
	size_t capacity = 0, used = 0, got;

	if (!fp)
		return jb_error("%s: cannot open:", path);
	do {
		jb_grow((void **)&buffer, &capacity, used + 65536 + 1, 1);
		got = fread(buffer + used, 1, capacity - used - 1, fp);
		used += got;
	} while (got > 0);
	if (ferror(fp)) {
		jb_error("%s: read error:", path);
		fclose(fp);
		free(buffer);
		return -1;
	}
	fclose(fp);
	buffer[used] = '\0';
	*bytes = buffer;
	*len = used;
	return 0;
}
