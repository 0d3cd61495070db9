/* The [fetch] section, --base and CBS_BASE, checked once. */
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "fetch.h"
#include "msg.h"
#include "url.h"
#include "xalloc.h"

#define DEFAULT_BASE "https://opendata.cbs.nl"

static char *without_slash(const char *base)
{
	size_t len = strlen(base);

	while (len > 0 && base[len - 1] == '/')
		len--;
	return jb_xstrndup(base, len);
}

static int choose_base(const struct jb_config *config, const char *base_option,
		       struct jb_fetch_settings *settings)
{
	const char *env = getenv("CBS_BASE");
	const char *configured = jb_config_get(config, "fetch", "base");

	if (base_option) {
		if (jb_url_check_base(base_option) != 0) {
			jb_warn("--base '%s': expected http(s)://host[:port]", base_option);
			return JB_EXIT_USAGE;
		}
		settings->base = without_slash(base_option);
	} else if (env && *env) {
		if (jb_url_check_base(env) != 0) {
			jb_warn("CBS_BASE='%s': expected http(s)://host[:port]", env);
			return JB_EXIT_CONFIG;
		}
		settings->base = without_slash(env);
	} else if (configured && *configured) {
		if (jb_url_check_base(configured) != 0) {
			jb_warn("%s:%u: [fetch] base = '%s': expected http(s)://host[:port]",
				config->path, jb_config_line(config, "fetch", "base"), configured);
			return JB_EXIT_CONFIG;
		}
		settings->base = without_slash(configured);
	} else {
		settings->base = jb_xstrdup(DEFAULT_BASE);
	}
	return JB_EXIT_OK;
}

/* JB_FETCH_BACKOFF_MS: the first retry's wait (tests shrink it). */
static int backoff_from_env(struct jb_fetch_settings *settings)
{
	const char *env = getenv("JB_FETCH_BACKOFF_MS");
	char *end;
	long value;

	settings->backoff_ms = 1000;
	if (!env || !*env)
		return JB_EXIT_OK;
	value = strtol(env, &end, 10);
	if (*end || value < 0 || value > 600000) {
		jb_warn("JB_FETCH_BACKOFF_MS='%s': expected milliseconds from 0 to 600000", env);
		return JB_EXIT_USAGE;
	}
	settings->backoff_ms = value;
	return JB_EXIT_OK;
}

int jb_fetch_settings_load(const struct jb_config *config, const char *base_option,
			   struct jb_fetch_settings *settings)
{
	int status;

	memset(settings, 0, sizeof(*settings));
	status = choose_base(config, base_option, settings);
	if (status == JB_EXIT_OK)
		status = backoff_from_env(settings);
	if (status != JB_EXIT_OK)
		goto fail;
	if (jb_config_long(config, "fetch", "attempts", 5, 1, 20, &settings->attempts) != 0 ||
	    jb_config_long(config, "fetch", "retry_max_seconds", 300, 0, 86400,
			   &settings->retry_max_seconds) != 0 ||
	    jb_config_long(config, "fetch", "connect_timeout", 30, 1, 600,
			   &settings->connect_timeout) != 0 ||
	    jb_config_long(config, "fetch", "low_speed_time", 60, 1, 3600,
			   &settings->low_speed_time) != 0 ||
	    jb_config_long(config, "fetch", "max_per_host", 4, 1, 16,
			   &settings->max_per_host) != 0) {
		status = JB_EXIT_CONFIG;
		goto fail;
	}
	settings->allowed_count = jb_config_words(jb_config_get(config, "fetch", "allowed_hosts"),
						  &settings->allowed_hosts);
	return JB_EXIT_OK;
fail:
	jb_fetch_settings_free(settings);
	return status;
}

void jb_fetch_settings_free(struct jb_fetch_settings *settings)
{
	free(settings->base);
	jb_config_words_free(settings->allowed_hosts, settings->allowed_count);
	settings->base = NULL;
	settings->allowed_hosts = NULL;
	settings->allowed_count = 0;
}
