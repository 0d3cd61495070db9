/* Runs a fuzz target on saved inputs (regressions) without libFuzzer: one call per file. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "atomic.h"
#include "exitcode.h"
#include "fuzz.h"
#include "msg.h"
#include "xalloc.h"

static int replay_file(const char *path)
{
	char *bytes;
	size_t len;

	if (jb_read_file(path, &bytes, &len) != 0)
		return JB_EXIT_NOINPUT;
	LLVMFuzzerTestOneInput((const uint8_t *)bytes, len);
	free(bytes);
	printf("replayed %s (%zu bytes)\n", path, len);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in folder, in name order. */
static int replay_folder(const char *folder)
{
	DIR *dir = opendir(folder);
	struct dirent *item;
	char **paths = NULL;
	size_t count = 0, capacity = 0, i;
	int status = 0;

	if (!dir) {
		jb_error("%s: cannot open folder:", folder);
		return JB_EXIT_NOINPUT;
	}
	while ((item = readdir(dir))) {
		struct stat info;
		char *path;

		if (item->d_name[0] == '.')
			continue;
		path = jb_xasprintf("%s/%s", folder, item->d_name);
		if (stat(path, &info) == 0 && S_ISREG(info.st_mode)) {
			jb_grow((void **)&paths, &capacity, count + 1, sizeof(*paths));
			paths[count++] = path;
		} else {
			free(path);
		}
	}
	closedir(dir);
	if (count)
		qsort(paths, count, sizeof(*paths), compare_names);
	for (i = 0; i < count; i++) {
		if (status == 0)
			status = replay_file(paths[i]);
		free(paths[i]);
	}
	free(paths);
	return status;
}

int main(int argc, char **argv)
{
	int i, status = 0, quiet;
	struct stat info;

	jb_set_progname(argv[0]);
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		printf("usage: %s FILE|FOLDER...\n"
		       "Runs this fuzz target once on each file (a folder: each file in it),\n"
		       "as libFuzzer would; a crash aborts under the sanitizers.\n"
		       "exit status: 0 every input ran, 64 usage, 66 an input is unreadable\n",
		       jb_progname);
		return argc < 2 ? JB_EXIT_USAGE : JB_EXIT_OK;
	}
	if (argv[1][0] == '-') {
		jb_error("unknown option %s", argv[1]);
		return JB_EXIT_USAGE;
	}
	for (i = 1; status == 0 && i < argc; i++) {
		quiet = jb_quiet;
		jb_quiet = 0;
		if (stat(argv[i], &info) == 0 && S_ISDIR(info.st_mode))
			status = replay_folder(argv[i]);
		else
			status = replay_file(argv[i]);
		jb_quiet = quiet;
	}
	if (fclose(stdout) != 0)
		return JB_EXIT_IOERR;
	return status;
}
