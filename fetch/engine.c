/* The multi-transfer scheduler: queue, per-host limit, retries, redirects. */
#include "engine.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "exitcode.h"
#include "msg.h"
#include "retry.h"
#include "url.h"
#include "xalloc.h"

#define USER_AGENT "jeugdbench/0.1 (+jb-fetch)"
#define MAX_REDIRECTS 5
#define MAX_BODY ((size_t)1 << 30)
#define HOST_SIZE 256
#define ACCEPT "Accept: application/atom+xml, application/json;q=0.9, application/xml;q=0.8"

enum where { NOWHERE, QUEUED, WAITING, RUNNING };

struct jb_request {
	struct jb_request *prev, *next;
	enum where where;
	char *current;            /* the URL asked now (after redirects) */
	int speculative;
	unsigned failures, redirects;
	long waited_ms;
	long long not_before;     /* back-off: monotonic ms */
	CURL *easy;
	struct curl_slist *conditions; /* Accept plus If-None-Match / If-Modified-Since */
	char host[HOST_SIZE];
	char error[CURL_ERROR_SIZE];
	struct jb_response response;
	jb_request_done *done;
	void *context;
};

struct request_list {
	struct jb_request *head, *tail;
	size_t count;
};

struct host_slot {
	char host[HOST_SIZE];
	unsigned running;
};

struct jb_engine {
	const struct jb_fetch_settings *settings;
	struct jb_transport *local;
	struct jb_progress *progress;
	CURLM *multi;
	struct curl_slist *headers;
	struct request_list queued, waiting, running;
	struct host_slot *hosts;
	size_t host_count, host_capacity;
	unsigned peak;
	unsigned random_state;
	int failed; /* libcurl itself failed */
	struct jb_workers *workers; /* started with the first work; NULL: work runs at once */
	int workers_tried;
};

static long long now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void list_remove(struct request_list *list, struct jb_request *request)
{
	if (request->prev)
		request->prev->next = request->next;
	else
		list->head = request->next;
	if (request->next)
		request->next->prev = request->prev;
	else
		list->tail = request->prev;
	request->prev = request->next = NULL;
	list->count--;
}

static void list_append(struct request_list *list, struct jb_request *request)
{
	request->prev = list->tail;
	request->next = NULL;
	if (list->tail)
		list->tail->next = request;
	else
		list->head = request;
	list->tail = request;
	list->count++;
}

static struct request_list *list_of(struct jb_engine *engine, enum where where)
{
	return where == QUEUED ? &engine->queued
	       : where == WAITING ? &engine->waiting
	       : where == RUNNING ? &engine->running
				  : NULL;
}

static void move(struct jb_engine *engine, struct jb_request *request, enum where where)
{
	struct request_list *from = list_of(engine, request->where), *to = list_of(engine, where);

	if (from)
		list_remove(from, request);
	if (to)
		list_append(to, request);
	request->where = where;
}

static struct host_slot *slot_of(struct jb_engine *engine, const char *host)
{
	size_t i;

	for (i = 0; i < engine->host_count; i++)
		if (strcmp(engine->hosts[i].host, host) == 0)
			return &engine->hosts[i];
	jb_grow((void **)&engine->hosts, &engine->host_capacity, engine->host_count + 1,
		sizeof(*engine->hosts));
	snprintf(engine->hosts[engine->host_count].host, HOST_SIZE, "%s", host);
	engine->hosts[engine->host_count].running = 0;
	return &engine->hosts[engine->host_count++];
}

static double next_jitter(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return (double)((*state >> 8) & 0xffffffu) / (double)0x1000000u;
}

/* A worker finished a job: curl_multi_poll returns (callable from any thread). */
static void wake(void *context)
{
	struct jb_engine *engine = context;

	curl_multi_wakeup(engine->multi);
}

struct jb_engine *jb_engine_new(const struct jb_fetch_settings *settings,
				struct jb_transport *local, struct jb_progress *progress)
{
	struct jb_engine *engine = jb_xcalloc(1, sizeof(*engine));

	engine->settings = settings;
	engine->local = local;
	engine->progress = progress;
	engine->random_state = (unsigned)time(NULL) ^ (unsigned)(size_t)engine;
	if (local)
		return engine;
	engine->multi = curl_multi_init();
	engine->headers = curl_slist_append(NULL, ACCEPT);
	if (!engine->multi || !engine->headers) {
		jb_warn("cannot start libcurl");
		jb_engine_free(engine);
		return NULL;
	}
	curl_multi_setopt(engine->multi, CURLMOPT_MAX_HOST_CONNECTIONS, settings->max_per_host);
	curl_multi_setopt(engine->multi, CURLMOPT_MAXCONNECTS, settings->max_per_host * 4);
	return engine;
}

static void free_request(struct jb_engine *engine, struct jb_request *request)
{
	if (request->easy) {
		if (request->where == RUNNING) {
			curl_multi_remove_handle(engine->multi, request->easy);
			slot_of(engine, request->host)->running--;
		}
		curl_easy_cleanup(request->easy);
	}
	move(engine, request, NOWHERE);
	jb_response_clear(&request->response);
	curl_slist_free_all(request->conditions);
	free(request->current);
	free(request);
}

void jb_engine_free(struct jb_engine *engine)
{
	if (!engine)
		return;
	while (engine->running.head)
		free_request(engine, engine->running.head);
	while (engine->queued.head)
		free_request(engine, engine->queued.head);
	while (engine->waiting.head)
		free_request(engine, engine->waiting.head);
	jb_workers_free(engine->workers); /* before the multi handle: workers wake it */
	if (engine->multi)
		curl_multi_cleanup(engine->multi);
	curl_slist_free_all(engine->headers);
	free(engine->hosts);
	free(engine);
}

struct jb_request *jb_engine_submit(struct jb_engine *engine, const char *url, int speculative,
				    jb_request_done *done, void *context)
{
	struct jb_request *request = jb_xcalloc(1, sizeof(*request));

	request->current = jb_xstrdup(url);
	request->speculative = speculative;
	request->done = done;
	request->context = context;
	move(engine, request, QUEUED);
	return request;
}

/* Appends "Name: value" to list; NULL when out of memory (list freed). */
static struct curl_slist *add_header(struct curl_slist *list, const char *name,
				     const char *value)
{
	char *line = jb_xasprintf("%s: %s", name, value);
	struct curl_slist *longer = curl_slist_append(list, line);

	free(line);
	if (!longer)
		curl_slist_free_all(list);
	return longer;
}

void jb_engine_condition(struct jb_request *request, const char *etag, const char *last_modified)
{
	struct curl_slist *list = NULL;

	if ((!etag || !*etag) && (!last_modified || !*last_modified))
		return;
	list = curl_slist_append(NULL, ACCEPT);
	if (list && etag && *etag)
		list = add_header(list, "If-None-Match", etag);
	if (list && last_modified && *last_modified)
		list = add_header(list, "If-Modified-Since", last_modified);
	if (!list)
		jb_die(JB_EXIT_SOFTWARE, "out of memory");
	curl_slist_free_all(request->conditions);
	request->conditions = list;
}

void jb_engine_confirm(struct jb_engine *engine, struct jb_request *request)
{
	(void)engine;
	request->speculative = 0;
}

void jb_engine_cancel(struct jb_engine *engine, struct jb_request *request)
{
	if (request->where == RUNNING) {
		/* let it end: the server is at work on it, so it keeps its place in the limit */
		request->done = NULL;
		request->context = NULL;
		return;
	}
	free_request(engine, request);
}

unsigned jb_engine_peak(const struct jb_engine *engine)
{
	return engine->peak;
}

/* Hands the result over and frees the request. */
static void complete(struct jb_engine *engine, struct jb_request *request, int status,
		     const char *why)
{
	if (request->easy && request->where == RUNNING) {
		curl_multi_remove_handle(engine->multi, request->easy);
		slot_of(engine, request->host)->running--;
		curl_easy_cleanup(request->easy);
		request->easy = NULL;
	}
	move(engine, request, NOWHERE);
	if (request->done)
		request->done(request->context, request->current, status, &request->response,
			      why ? why : "");
	free_request(engine, request);
}

static size_t collect_body(char *bytes, size_t size, size_t count, void *context)
{
	struct jb_response *response = context;
	size_t len = size * count;

	if (response->body_len + len + 1 > MAX_BODY)
		return 0;
	jb_grow((void **)&response->body, &response->body_capacity,
		response->body_len + len + 1, 1);
	memcpy(response->body + response->body_len, bytes, len);
	response->body_len += len;
	response->body[response->body_len] = '\0';
	return len;
}

static CURL *new_easy(struct jb_engine *engine, struct jb_request *request)
{
	const struct jb_fetch_settings *settings = engine->settings;
	CURL *curl = curl_easy_init();

	if (!curl)
		return NULL;
	if (curl_easy_setopt(curl, CURLOPT_URL, request->current) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_USERAGENT, USER_AGENT) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_HTTPHEADER,
			     request->conditions ? request->conditions : engine->headers) !=
		    CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip, deflate") != CURLE_OK ||
	    /* the bytes as sent: a page worker decodes them (decode.h) */
	    curl_easy_setopt(curl, CURLOPT_HTTP_CONTENT_DECODING, 0L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings->connect_timeout) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, settings->low_speed_time) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, request->error) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &request->response) != CURLE_OK ||
	    curl_easy_setopt(curl, CURLOPT_PRIVATE, request) != CURLE_OK) {
		curl_easy_cleanup(curl);
		return NULL;
	}
	return curl;
}

static enum jb_net_error net_error_of(CURLcode code)
{
	switch (code) {
	case CURLE_OK:
		return JB_NET_OK;
	case CURLE_OPERATION_TIMEDOUT:
		return JB_NET_TIMEOUT;
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return JB_NET_CONNECT;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_BAD_CONTENT_ENCODING:
		return JB_NET_RESET;
	default:
		return JB_NET_FATAL;
	}
}

static char *header_value(CURL *curl, const char *name)
{
	struct curl_header *header = NULL;

	if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK || !header)
		return NULL;
	return jb_xstrdup(header->value);
}

/* Reads status and headers of a finished transfer into the response. */
static void read_response(struct jb_request *request, CURLcode code)
{
	struct jb_response *response = &request->response;
	char *content_type = NULL, *location = NULL;

	response->net_error = net_error_of(code);
	if (code != CURLE_OK) {
		snprintf(response->error, sizeof(response->error), "%s",
			 request->error[0] ? request->error : curl_easy_strerror(code));
		free(response->body);
		response->body = NULL;
		response->body_len = response->body_capacity = 0;
		return;
	}
	curl_easy_getinfo(request->easy, CURLINFO_RESPONSE_CODE, &response->http_status);
	if (curl_easy_getinfo(request->easy, CURLINFO_CONTENT_TYPE, &content_type) == CURLE_OK &&
	    content_type)
		response->content_type = jb_xstrdup(content_type);
	if (curl_easy_getinfo(request->easy, CURLINFO_REDIRECT_URL, &location) == CURLE_OK &&
	    location)
		response->location = jb_xstrdup(location);
	response->retry_after = header_value(request->easy, "Retry-After");
	response->content_encoding = header_value(request->easy, "Content-Encoding");
	response->etag = header_value(request->easy, "ETag");
	response->last_modified = header_value(request->easy, "Last-Modified");
	if (!response->body) {
		jb_grow((void **)&response->body, &response->body_capacity, 1, 1);
		response->body[0] = '\0';
	}
}

/* 1 when url is on the base's host or one of [fetch] allowed_hosts. */
static int host_allowed(const struct jb_fetch_settings *settings, const char *url)
{
	char host[HOST_SIZE], base_host[HOST_SIZE];
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

/* Back to the queue for another attempt (redirect) or to wait (retry). */
static void requeue(struct jb_engine *engine, struct jb_request *request, long delay_ms)
{
	if (request->easy) {
		curl_multi_remove_handle(engine->multi, request->easy);
		slot_of(engine, request->host)->running--;
		curl_easy_cleanup(request->easy);
		request->easy = NULL;
	}
	jb_response_clear(&request->response);
	request->error[0] = '\0';
	request->not_before = now_ms() + delay_ms;
	move(engine, request, delay_ms > 0 ? WAITING : QUEUED);
}

static void retry_or_fail(struct jb_engine *engine, struct jb_request *request)
{
	const struct jb_fetch_settings *settings = engine->settings;
	long budget_ms = settings->retry_max_seconds * 1000L, retry_after_s = 0, delay;
	char why[300], message[1024];

	describe(&request->response, why, sizeof(why));
	if (++request->failures >= (unsigned)settings->attempts) {
		snprintf(message, sizeof(message), "%s: giving up after %u attempts: %s",
			 request->current, request->failures, why);
		complete(engine, request, JB_EXIT_TEMPFAIL, message);
		return;
	}
	if (request->response.retry_after &&
	    jb_retry_after_parse(request->response.retry_after, time(NULL), &retry_after_s) == 0 &&
	    retry_after_s > settings->retry_max_seconds - request->waited_ms / 1000) {
		snprintf(message, sizeof(message),
			 "%s: %s with Retry-After %ld s, beyond [fetch] retry_max_seconds = %ld",
			 request->current, why, retry_after_s, settings->retry_max_seconds);
		complete(engine, request, JB_EXIT_TEMPFAIL, message);
		return;
	}
	delay = jb_retry_delay_ms(request->failures, settings->backoff_ms,
				  budget_ms > 0 ? budget_ms : 0, retry_after_s * 1000L,
				  next_jitter(&engine->random_state));
	if (request->waited_ms + delay > budget_ms)
		delay = budget_ms - request->waited_ms;
	if (delay < 0)
		delay = 0;
	jb_progress_retry(engine->progress, request->current, why, request->failures,
			  settings->attempts, delay);
	request->waited_ms += delay;
	requeue(engine, request, delay);
}

static void follow_redirect(struct jb_engine *engine, struct jb_request *request)
{
	char message[1024], *target;

	if (!request->response.location ||
	    jb_url_resolve(request->response.location, request->current, &target) != 0) {
		snprintf(message, sizeof(message), "%s: HTTP %ld redirect without a usable Location",
			 request->current, request->response.http_status);
		complete(engine, request, JB_EXIT_UNAVAILABLE, message);
		return;
	}
	if (!host_allowed(engine->settings, target) || ++request->redirects > MAX_REDIRECTS) {
		snprintf(message, sizeof(message), "%s: %s to %s refused", request->current,
			 request->redirects > MAX_REDIRECTS ? "too many redirects"
							    : "redirect to another host",
			 target);
		free(target);
		complete(engine, request, JB_EXIT_UNAVAILABLE, message);
		return;
	}
	free(request->current);
	request->current = target;
	requeue(engine, request, 0);
}

/* A response (or a network error) arrived: use it, follow it, retry or give up. */
static void judge(struct jb_engine *engine, struct jb_request *request)
{
	char why[300], message[1024];

	if (!request->done) {
		complete(engine, request, JB_EXIT_OK, NULL); /* cancelled while it ran */
		return;
	}
	switch (jb_retry_classify(request->response.net_error, request->response.http_status)) {
	case JB_RETRY_DONE:
		complete(engine, request, JB_EXIT_OK, NULL);
		return;
	case JB_RETRY_REDIRECT:
		follow_redirect(engine, request);
		return;
	case JB_RETRY_NOT_MODIFIED:
		if (request->conditions) {
			complete(engine, request, JB_EXIT_OK, NULL);
			return;
		}
		snprintf(message, sizeof(message),
			 "%s: HTTP 304 (not modified) to a request without validators: "
			 "nothing cached to keep",
			 request->current);
		complete(engine, request, JB_EXIT_DATAERR, message);
		return;
	case JB_RETRY_REFUSED:
		describe(&request->response, why, sizeof(why));
		snprintf(message, sizeof(message), "%s: %s", request->current, why);
		complete(engine, request, JB_EXIT_UNAVAILABLE, message);
		return;
	case JB_RETRY_AGAIN:
		retry_or_fail(engine, request);
		return;
	}
}

static void run_local(struct jb_engine *engine, struct jb_request *request)
{
	int status = engine->local->get(engine->local, request->current, &request->response);

	if (status != JB_EXIT_OK)
		complete(engine, request, status, NULL);
	else
		judge(engine, request);
}

static int start(struct jb_engine *engine, struct jb_request *request)
{
	char message[1024];

	if (jb_url_host(request->current, request->host, sizeof(request->host)) != 0)
		snprintf(request->host, sizeof(request->host), "?");
	request->easy = new_easy(engine, request);
	if (!request->easy || curl_multi_add_handle(engine->multi, request->easy) != CURLM_OK) {
		snprintf(message, sizeof(message), "%s: libcurl cannot start the transfer",
			 request->current);
		complete(engine, request, JB_EXIT_SOFTWARE, message);
		return -1;
	}
	slot_of(engine, request->host)->running++;
	move(engine, request, RUNNING);
	if (engine->running.count > engine->peak)
		engine->peak = (unsigned)engine->running.count;
	return 0;
}

/* Starts one queued request whose host has room, sure ones first; 1 when it did. */
static int start_queued(struct jb_engine *engine)
{
	int pass;

	for (pass = 0; pass < 2; pass++) {
		struct jb_request *request = engine->queued.head, *next;

		for (; request; request = next) {
			char host[HOST_SIZE];

			next = request->next;
			if (request->speculative != pass)
				continue;
			if (engine->local) {
				run_local(engine, request);
				return 1; /* the callback may have changed the queue */
			}
			if (jb_url_host(request->current, host, sizeof(host)) != 0)
				snprintf(host, sizeof(host), "?");
			if (slot_of(engine, host)->running >= (unsigned)engine->settings->max_per_host)
				continue;
			start(engine, request);
			return 1;
		}
	}
	return 0;
}

static void promote_waiting(struct jb_engine *engine, long long now)
{
	struct jb_request *request = engine->waiting.head, *next;

	for (; request; request = next) {
		next = request->next;
		if (request->not_before <= now)
			move(engine, request, QUEUED);
	}
}

/* Milliseconds until a waiting request may go, at most 1000. */
static int poll_timeout(const struct jb_engine *engine, long long now)
{
	const struct jb_request *request;
	long long soonest = now + 1000;

	for (request = engine->waiting.head; request; request = request->next)
		if (request->not_before < soonest)
			soonest = request->not_before;
	return soonest <= now ? 0 : (int)(soonest - now);
}

static void read_finished(struct jb_engine *engine)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(engine->multi, &left)) != NULL) {
		struct jb_request *request = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&request);
		if (!request)
			continue;
		read_response(request, msg->data.result);
		judge(engine, request);
	}
}

void jb_engine_work(struct jb_engine *engine, struct jb_work *work)
{
	/*
	 * The workers keep other transfers going while a page is checked: until
	 * a page arrives with another transfer under way (one table's refresh
	 * has one TableInfos, or none when it is answered 304) no thread is
	 * started.
	 */
	if (!engine->workers && !engine->workers_tried && !engine->local &&
	    (engine->running.count || engine->queued.count || engine->waiting.count)) {
		engine->workers_tried = 1;
		engine->workers = jb_workers_new(jb_workers_default(), wake, engine);
	}
	if (engine->workers) {
		jb_workers_submit(engine->workers, work);
		return;
	}
	work->run(work);
	work->done(work);
}

static size_t work_pending(const struct jb_engine *engine)
{
	return engine->workers ? jb_workers_pending(engine->workers) : 0;
}

int jb_engine_run(struct jb_engine *engine)
{
	for (;;) {
		int still = 0;

		promote_waiting(engine, now_ms());
		while (start_queued(engine))
			;
		if (!engine->queued.count && !engine->running.count && !engine->waiting.count &&
		    !work_pending(engine))
			return JB_EXIT_OK;
		if (engine->local)
			continue;
		if (curl_multi_perform(engine->multi, &still) != CURLM_OK) {
			jb_warn("libcurl failed to run the transfers");
			return JB_EXIT_SOFTWARE;
		}
		read_finished(engine);
		if (engine->workers && jb_workers_collect(engine->workers) > 0)
			continue; /* pages were stored: ask for the next ones first */
		if (start_queued(engine))
			continue; /* callbacks asked for more: start them before waiting */
		if (!engine->running.count && !engine->waiting.count && !work_pending(engine))
			continue; /* nothing to wait for */
		if (curl_multi_poll(engine->multi, NULL, 0, poll_timeout(engine, now_ms()), NULL) !=
		    CURLM_OK) {
			jb_warn("libcurl failed to wait for the transfers");
			return JB_EXIT_SOFTWARE;
		}
	}
}
