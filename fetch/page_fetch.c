/* One page: request, retries with back-off, redirects, checks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "exitcode.h"
#include "msg.h"
#include "retry.h"
#include "table_fetch.h"
#include "url.h"
#include "xalloc.h"

#define MAX_REDIRECTS 5

static void sleep_ms(long ms)
{
	struct timespec wait = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&wait, &wait) != 0 && errno == EINTR)
		;
}

static double next_jitter(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (double)((*state >> 8) & 0xffffffu) / (double)0x1000000u;
}

/* 1 when url is on the base's host or one of [fetch] allowed_hosts. */
static int host_allowed(const struct jb_fetch_settings *settings, const char *url)
{
	char host[256], base_host[256];
	size_t i;

	if (jb_url_host(url, host, sizeof(host)) != 0 ||
	    jb_url_host(settings->base, base_host, sizeof(base_host)) != 0)
		return 0;
	if (strcmp(host, base_host) == 0)
		return 1;
	for (i = 0; i < settings->allowed_count; i++)
		if (strcasecmp(host, settings->allowed_hosts[i]) == 0)
			return 1;
	return 0;
}

static void describe(const struct jb_response *response, char *why, size_t size)
{
	if (response->net_error != JB_NET_OK)
		snprintf(why, size, "%s", response->error);
	else
		snprintf(why, size, "HTTP %ld", response->http_status);
}

/* Waits before the next attempt; returns 0, or 75 when the retry budget is spent. */
static int wait_to_retry(struct jb_fetch_run *run, const char *url,
			 const struct jb_response *response, unsigned failures, long *waited_ms)
{
	const struct jb_fetch_settings *settings = run->settings;
	long budget_ms = settings->retry_max_seconds * 1000L, retry_after_s = 0, delay;
	char why[300];

	describe(response, why, sizeof(why));
	if (response->retry_after &&
	    jb_retry_after_parse(response->retry_after, time(NULL), &retry_after_s) == 0 &&
	    retry_after_s > settings->retry_max_seconds - *waited_ms / 1000) {
		jb_progress_break(run->progress);
		jb_warn("%s: %s with Retry-After %ld s, beyond [fetch] retry_max_seconds = %ld",
			url, why, retry_after_s, settings->retry_max_seconds);
		return JB_EXIT_TEMPFAIL;
	}
	delay = jb_retry_delay_ms(failures, settings->backoff_ms, budget_ms > 0 ? budget_ms : 0,
				  retry_after_s * 1000L, next_jitter(&run->random_state));
	if (*waited_ms + delay > budget_ms)
		delay = budget_ms - *waited_ms;
	if (delay < 0)
		delay = 0;
	jb_progress_retry(run->progress, url, why, failures, settings->attempts, delay);
	sleep_ms(delay);
	*waited_ms += delay;
	return JB_EXIT_OK;
}

/* The response is there (2xx): is it a feed of entity_set? */
static int check_page(struct jb_fetch_run *run, const char *url, const char *entity_set,
		      const struct jb_response *response, struct jb_page_info *info)
{
	char why[300];

	if (jb_page_check(response->body, response->body_len, entity_set, info, why,
			  sizeof(why)) != 0) {
		jb_progress_break(run->progress);
		jb_warn("%s: %s", url, why);
		return JB_EXIT_DATAERR;
	}
	if (!run->transport->local && !jb_page_content_type_ok(response->content_type)) {
		jb_page_info_free(info);
		jb_progress_break(run->progress);
		jb_warn("%s: Content-Type '%s' is not application/atom+xml, application/xml or text/xml",
			url, response->content_type ? response->content_type : "");
		return JB_EXIT_DATAERR;
	}
	return JB_EXIT_OK;
}

int jb_fetch_page(struct jb_fetch_run *run, const char *url, const char *entity_set,
		  struct jb_response *response, struct jb_page_info *info)
{
	const struct jb_fetch_settings *settings = run->settings;
	char *current = jb_xstrdup(url), *target;
	unsigned failures = 0, redirects = 0;
	long waited_ms = 0;
	char why[300];
	int status;

	memset(info, 0, sizeof(*info));
	for (;;) {
		status = run->transport->get(run->transport, current, response);
		if (status != JB_EXIT_OK)
			break;
		switch (jb_retry_classify(response->net_error, response->http_status)) {
		case JB_RETRY_DONE:
			status = check_page(run, current, entity_set, response, info);
			goto done;
		case JB_RETRY_REDIRECT:
			if (!response->location ||
			    jb_url_resolve(response->location, current, &target) != 0) {
				jb_warn("%s: HTTP %ld redirect without a usable Location", current,
					response->http_status);
				status = JB_EXIT_UNAVAILABLE;
				goto done;
			}
			if (!host_allowed(settings, target) || ++redirects > MAX_REDIRECTS) {
				jb_progress_break(run->progress);
				jb_warn("%s: %s to %s refused", current,
					redirects > MAX_REDIRECTS ? "too many redirects"
								  : "redirect to another host",
					target);
				free(target);
				status = JB_EXIT_UNAVAILABLE;
				goto done;
			}
			free(current);
			current = target;
			continue;
		case JB_RETRY_REFUSED:
			describe(response, why, sizeof(why));
			jb_progress_break(run->progress);
			jb_warn("%s: %s", current, why);
			status = JB_EXIT_UNAVAILABLE;
			goto done;
		case JB_RETRY_AGAIN:
			failures++;
			if (failures >= (unsigned)settings->attempts) {
				describe(response, why, sizeof(why));
				jb_progress_break(run->progress);
				jb_warn("%s: giving up after %u attempts: %s", current, failures, why);
				status = JB_EXIT_TEMPFAIL;
				goto done;
			}
			status = wait_to_retry(run, current, response, failures, &waited_ms);
			if (status != JB_EXIT_OK)
				goto done;
			continue;
		}
	}
done:
	free(current);
	return status;
}
