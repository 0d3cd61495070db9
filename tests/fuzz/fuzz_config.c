/* Fuzz target: the INI configuration reader and its checks, on a temporary file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fuzz.h"
#include "msg.h"

static char config_path[64];

static void remove_config(void)
{
	unlink(config_path);
}

/* One temporary file per process, rewritten for every input. */
static int write_config(const uint8_t *data, size_t size)
{
	FILE *fp;
	int fd;

	if (!config_path[0]) {
		strcpy(config_path, "/tmp/jb-fuzz-config.XXXXXX");
		fd = mkstemp(config_path);
		if (fd < 0)
			return -1;
		close(fd);
		atexit(remove_config);
	}
	fp = fopen(config_path, "w");
	if (!fp)
		return -1;
	if (size && fwrite(data, 1, size, fp) != size) {
		fclose(fp);
		return -1;
	}
	return fclose(fp) == 0 ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jb_config config;
	const char *names[16];
	size_t i, count;

	jb_quiet = 1;
	if (write_config(data, size) != 0)
		return 0;
	if (jb_config_load(config_path, &config) != 0)
		return 0;
	(void)jb_config_check(&config);
	count = jb_config_sections(&config, "table", names, 16);
	for (i = 0; i < count && i < 16; i++)
		(void)jb_config_table_get(&config, names[i], "period");
	for (i = 0; i < config.entry_count; i++) {
		char **words;
		size_t n = jb_config_words(config.entries[i].value, &words);

		jb_config_words_free(words, n);
	}
	jb_config_free(&config);
	return 0;
}
