/* One entity set's pages: asked (some ahead), checked, stored in chain order. */
#include "chain.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "decode.h"
#include "exitcode.h"
#include "msg.h"
#include "odata.h"
#include "table_fetch.h"
#include "url.h"
#include "xalloc.h"

static void jb_chain_advance(struct jb_chain *chain);

struct ticket {
	struct jb_chain *chain;
	size_t index;
};

/* An arrived page on its way through a page worker: checked, its CRC-32 computed. */
struct page_job {
	struct jb_work work;         /* first: the job is found from it */
	struct jb_chain *chain;
	size_t index;
	int cancelled;               /* the page was dropped meanwhile (engine's thread only) */
	enum jb_wire wire;
	char *entity_set, *url;
	char fetched_at[32];
	struct jb_response response; /* taken over from the request */
	/* results */
	int failed;
	char reason[300];
	struct jb_page_info info;
	unsigned long crc;
};

struct chain_page {
	char *url, *file;
	struct jb_request *request;  /* in flight */
	struct page_job *job;        /* being checked */
	struct ticket *ticket;
	int arrived, resumed, status;
	char *why;                   /* why it failed, printed once it matters */
	char *etag, *last_modified;  /* the response's validators */
	int not_modified;            /* answered 304 */
	char *body;
	size_t len;
	unsigned long crc;           /* of body (not of resumed pages) */
	struct jb_page_info info;
	char fetched_at[32];
};

/* A v4 URL: .../<table_id>/<EntitySet>[/][?...$skip=N]. */
static int parse_v4(const char *url, const char *table_id, struct jb_odata_ref *ref)
{
	size_t id_len = strlen(table_id), len;
	const char *at, *entity = NULL;

	for (at = strchr(url, '/'); at; at = strchr(at + 1, '/'))
		if (strncasecmp(at + 1, table_id, id_len) == 0 && at[1 + id_len] == '/')
			entity = at + 2 + id_len;
	if (!entity)
		return -1;
	for (len = 0; isalnum((unsigned char)entity[len]) || entity[len] == '_'; len++)
		;
	if (len == 0 || len >= sizeof(ref->entity_set) || !strchr("/?#", entity[len]) ||
	    (entity[len] == '/' && !strchr("?#", entity[len + 1])))
		return -1;
	snprintf(ref->table_id, sizeof(ref->table_id), "%s", table_id);
	memcpy(ref->entity_set, entity, len);
	ref->entity_set[len] = '\0';
	ref->skip = jb_url_skip(url);
	return 0;
}

char *jb_chain_page_file(const char *url, const char *table_id, const char *entity_set,
			 enum jb_wire wire)
{
	struct jb_odata_ref ref;

	if (wire == JB_WIRE_V4 ? parse_v4(url, table_id, &ref) != 0
			       : jb_odata_parse_url(url, &ref) != 0)
		return NULL;
	if (strcasecmp(ref.table_id, table_id) != 0 || strcmp(ref.entity_set, entity_set) != 0)
		return NULL;
	return jb_odata_file_name(&ref, jb_wire_extension(wire));
}

static void page_free(struct jb_chain *chain, struct chain_page *page)
{
	if (page->request)
		jb_engine_cancel(chain->engine, page->request);
	if (page->job)
		page->job->cancelled = 1; /* freed when it comes back */
	free(page->ticket);
	free(page->url);
	free(page->file);
	free(page->why);
	free(page->etag);
	free(page->last_modified);
	free(page->body);
	jb_page_info_free(&page->info);
	memset(page, 0, sizeof(*page));
}

/* Drops the pages from index on (guesses that are not needed). */
static void drop_from(struct jb_chain *chain, size_t index)
{
	while (chain->page_count > index)
		page_free(chain, &chain->pages[--chain->page_count]);
}

static void finish(struct jb_chain *chain, int status)
{
	drop_from(chain, chain->stored);
	chain->done = 1;
	chain->status = status;
	chain->finished(chain->context, chain);
}

static void job_free(struct page_job *job)
{
	jb_response_clear(&job->response);
	jb_page_info_free(&job->info);
	free(job->entity_set);
	free(job->url);
	free(job);
}

/* On a page worker: decoding, the page's check and CRC-32; touches only the job. */
static void check_page(struct jb_work *work)
{
	struct page_job *job = (struct page_job *)work;
	struct jb_response *response = &job->response;
	int has_crc = 0;

	if (jb_decode_body(response->content_encoding, &response->body, &response->body_len,
			   &job->crc, &has_crc, job->reason, sizeof(job->reason)) != 0) {
		job->failed = 1;
		return;
	}
	response->body_capacity = response->body_len + 1;
	job->failed = jb_wire_check(job->wire, response->body, response->body_len,
				    job->entity_set, &job->info, job->reason,
				    sizeof(job->reason)) != 0;
	if (!job->failed && !has_crc) /* gzip's own CRC-32 is that of the decoded bytes */
		job->crc = jb_cache_crc32(response->body, response->body_len);
}

/* Back on the engine's thread: the checked page joins its chain (or fails it). */
static void page_checked(struct jb_work *work)
{
	struct page_job *job = (struct page_job *)work;
	struct jb_chain *chain = job->chain;
	struct jb_response *response = &job->response;
	struct chain_page *page;

	if (job->cancelled) {
		job_free(job);
		return;
	}
	page = &chain->pages[job->index];
	page->job = NULL;
	page->arrived = 1;
	page->status = JB_EXIT_OK;
	if (job->failed) {
		page->status = JB_EXIT_DATAERR;
		page->why = jb_xasprintf("%s: %s", job->url, job->reason);
	} else if (!chain->local && !jb_wire_content_type_ok(chain->wire, response->content_type)) {
		page->status = JB_EXIT_DATAERR;
		page->why = jb_xasprintf("%s: Content-Type '%s' is not %s", job->url,
					 response->content_type ? response->content_type : "",
					 chain->wire == JB_WIRE_ATOM
						 ? "application/atom+xml, application/xml or text/xml"
						 : "application/json");
	} else {
		page->body = response->body;
		page->len = response->body_len;
		page->crc = job->crc;
		response->body = NULL;
		page->etag = response->etag;
		page->last_modified = response->last_modified;
		response->etag = response->last_modified = NULL;
		memcpy(page->fetched_at, job->fetched_at, sizeof(page->fetched_at));
	}
	page->info = job->info;
	memset(&job->info, 0, sizeof(job->info));
	job_free(job);
	jb_chain_advance(chain);
}

/* Reads a page's result: a response goes to be checked, a failure or a 304 is noted. */
static void arrived(void *context, const char *url, int status, struct jb_response *response,
		    const char *why)
{
	struct ticket *ticket = context;
	struct jb_chain *chain = ticket->chain;
	struct chain_page *page = &chain->pages[ticket->index];
	struct page_job *job;

	page->request = NULL;
	if (status == JB_EXIT_OK && response->http_status != 304) {
		job = jb_xcalloc(1, sizeof(*job));
		job->work.run = check_page;
		job->work.done = page_checked;
		job->chain = chain;
		job->index = ticket->index;
		job->wire = chain->wire;
		job->entity_set = jb_xstrdup(chain->entity_set);
		job->url = jb_xstrdup(url);
		jb_iso8601_utc(jb_fetch_time(), job->fetched_at, sizeof(job->fetched_at));
		job->response = *response;
		memset(response, 0, sizeof(*response));
		page->job = job;
		jb_wire_init(chain->wire); /* here, before a worker may check the page */
		jb_engine_work(chain->engine, &job->work);
		return;
	}
	page->arrived = 1;
	page->status = status;
	if (status != JB_EXIT_OK)
		page->why = jb_xstrdup(why);
	else
		page->not_modified = 1;
	jb_chain_advance(chain);
}

static void ask(struct jb_chain *chain, size_t index, int speculative)
{
	struct chain_page *page = &chain->pages[index];
	char reason[300];

	if (chain->may_resume &&
	    jb_cache_resumable(chain->cache, page->file, page->url, &page->body, &page->len,
			       page->fetched_at, sizeof(page->fetched_at))) {
		if (jb_wire_check(chain->wire, page->body, page->len, chain->entity_set,
				  &page->info, reason, sizeof(reason)) == 0) {
			page->arrived = page->resumed = 1;
			page->status = JB_EXIT_OK;
			return;
		}
		free(page->body);
		page->body = NULL;
	}
	page->ticket = jb_xmalloc(sizeof(*page->ticket));
	page->ticket->chain = chain;
	page->ticket->index = index;
	page->request = jb_engine_submit(chain->engine, page->url, speculative, arrived,
					 page->ticket);
	if (index == 0)
		jb_engine_condition(page->request, chain->if_none_match, chain->if_modified_since);
	chain->requests++;
}

/* Appends a page (taking url and file) and asks for it. */
static void add_page(struct jb_chain *chain, char *url, char *file, int speculative)
{
	struct chain_page *page;

	jb_grow((void **)&chain->pages, &chain->page_capacity, chain->page_count + 1,
		sizeof(*chain->pages));
	page = &chain->pages[chain->page_count];
	memset(page, 0, sizeof(*page));
	page->url = url;
	page->file = file;
	ask(chain, chain->page_count++, speculative);
}

/* Asks the guessed pages up to depth beyond the first page not yet stored. */
static void ask_ahead(struct jb_chain *chain)
{
	while (chain->skip_step > 0 && chain->page_count <= chain->stored + chain->depth) {
		long skip = (long)chain->page_count * chain->skip_step;
		char *url = jb_url_with_skip(chain->pages[0].url, skip);
		char *file;

		if (!url) {
			url = jb_url_with_skip(chain->pages[1].url, skip);
			if (!url)
				return;
		}
		file = jb_chain_page_file(url, chain->table_id, chain->entity_set, chain->wire);
		if (!file) {
			free(url);
			return;
		}
		add_page(chain, url, file, 1);
	}
}

static int seen_file(const struct jb_chain *chain, const char *file)
{
	size_t i;

	if (jb_cache_has(chain->cache, file))
		return 1;
	for (i = 0; i <= chain->stored && i < chain->page_count; i++)
		if (strcmp(chain->pages[i].file, file) == 0)
			return 1;
	return 0;
}

/* The stored page's next link: confirms the page asked next, or replaces the guesses. */
static int follow(struct jb_chain *chain, struct chain_page *page)
{
	size_t next_index = chain->stored + 1;
	char *next, *file;

	if (jb_url_resolve_next(page->info.next_href, page->info.xml_base, page->url,
				chain->base, &next) != 0) {
		jb_progress_break(chain->progress);
		jb_warn("%s: next link '%s' is not a URL", page->url, page->info.next_href);
		return JB_EXIT_DATAERR;
	}
	file = jb_chain_page_file(next, chain->table_id, chain->entity_set, chain->wire);
	if (!file) {
		jb_progress_break(chain->progress);
		jb_warn("%s: next link leaves %s/%s", next, chain->table_id, chain->entity_set);
		free(next);
		return JB_EXIT_DATAERR;
	}
	if (seen_file(chain, file)) {
		jb_progress_break(chain->progress);
		jb_warn("%s: next link repeats an earlier page (%s)", next, file);
		free(next);
		free(file);
		return JB_EXIT_DATAERR;
	}
	if (next_index < chain->page_count && strcmp(chain->pages[next_index].url, next) == 0) {
		if (chain->pages[next_index].request)
			jb_engine_confirm(chain->engine, chain->pages[next_index].request);
		free(next);
		free(file);
		return JB_EXIT_OK;
	}
	if (next_index < chain->page_count) {
		drop_from(chain, next_index); /* the guesses were wrong: follow links from here */
		chain->depth = 0;
	}
	if (chain->stored == 0 && chain->depth > 0) {
		long skip = jb_url_skip(next);
		char *layout = skip > 0 ? jb_url_with_skip(next, skip) : NULL;

		if (layout)
			chain->skip_step = skip;
		free(layout);
	}
	add_page(chain, next, file, 0);
	return JB_EXIT_OK;
}

static int store(struct jb_chain *chain, struct chain_page *page)
{
	long order = chain->order + (long)chain->stored;
	int status = page->resumed ? jb_cache_add_resumed(chain->cache, order, page->file, page->url,
							  page->body, page->len, page->fetched_at)
				   : jb_cache_add_page(chain->cache, order, page->file, page->url,
						       page->body, page->len, page->crc,
						       jb_fetch_time(), page->etag,
						       page->last_modified);

	if (status != JB_EXIT_OK)
		return status;
	jb_progress_page(chain->progress, chain->table_progress, page->file, page->len,
			 page->info.entries, page->resumed);
	if (page->info.key_width > chain->key_width)
		chain->key_width = page->info.key_width;
	if (!chain->modified && page->info.modified) {
		chain->modified = page->info.modified;
		page->info.modified = NULL;
	}
	free(page->body);
	page->body = NULL;
	return JB_EXIT_OK;
}

static void jb_chain_advance(struct jb_chain *chain)
{
	while (!chain->done && chain->stored < chain->page_count &&
	       chain->pages[chain->stored].arrived) {
		struct chain_page *page = &chain->pages[chain->stored];
		int status = page->status;

		if (status != JB_EXIT_OK) {
			if (page->why && *page->why) {
				jb_progress_break(chain->progress);
				jb_warn("%s", page->why);
			}
			finish(chain, status);
			return;
		}
		if (page->not_modified) {
			chain->not_modified = 1;
			finish(chain, JB_EXIT_OK);
			return;
		}
		status = store(chain, page);
		if (status == JB_EXIT_OK && page->info.next_href)
			status = follow(chain, page);
		if (status != JB_EXIT_OK) {
			finish(chain, status);
			return;
		}
		if (!chain->pages[chain->stored].info.next_href) {
			chain->stored++;
			finish(chain, JB_EXIT_OK);
			return;
		}
		chain->stored++;
		ask_ahead(chain);
	}
}

void jb_chain_start(struct jb_chain *chain, const char *first_url)
{
	char *file = jb_chain_page_file(first_url, chain->table_id, chain->entity_set, chain->wire);

	if (!file) {
		jb_warn("%s: not a URL of %s/%s", first_url, chain->table_id, chain->entity_set);
		finish(chain, JB_EXIT_SOFTWARE);
		return;
	}
	add_page(chain, jb_xstrdup(first_url), file, 0);
	jb_chain_advance(chain);
}

void jb_chain_cancel(struct jb_chain *chain)
{
	if (chain->done)
		return;
	drop_from(chain, chain->stored);
	chain->done = 1;
	chain->status = JB_EXIT_TEMPFAIL;
}

void jb_chain_free(struct jb_chain *chain)
{
	drop_from(chain, 0);
	free(chain->pages);
	free(chain->modified);
	free(chain->entity_set);
	chain->pages = NULL;
	chain->modified = NULL;
	chain->entity_set = NULL;
}
