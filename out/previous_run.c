#include "previous_run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "exitcode.h"
#include "msg.h"
#include "report.h"
#include "xalloc.h"

static char *latest_target(const char *latest)
{
	char target[4096];
	ssize_t len = readlink(latest, target, sizeof(target) - 1);
	const char *slash;

	if (len < 0)
		return NULL;
	target[len] = '\0';
	slash = strrchr(target, '/');
	return jb_xstrdup(slash ? slash + 1 : target);
}

int jb_previous_run_load(struct jb_report *previous, char **run_id, const char *reports_dir)
{
	char *latest = jb_xasprintf("%s/latest", reports_dir);
	char *path = jb_xasprintf("%s/benchmark.csv", latest);
	int loaded = 0;

	memset(previous, 0, sizeof(*previous));
	*run_id = NULL;
	if (access(path, F_OK) != 0) {
		free(latest);
		free(path);
		return 0;
	}
	previous->benchmark_path = jb_xstrdup(path);
	if (jb_read_file(path, &previous->benchmark_bytes, &previous->benchmark_len) != 0)
		jb_warn("%s: previous run not compared", path);
	else if (jb_report_parse_benchmark(previous, path, previous->benchmark_bytes,
					   previous->benchmark_len) != JB_EXIT_OK)
		jb_warn("%s: previous run not compared", path);
	else
		loaded = 1;
	if (loaded)
		*run_id = latest_target(latest);
	else
		jb_report_free(previous);
	free(latest);
	free(path);
	return loaded ? 1 : -1;
}
