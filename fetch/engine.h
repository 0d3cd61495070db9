/*
 * Many page requests at once with libcurl's multi interface: at most
 * [fetch] max_per_host transfers per host (our own queue, plus
 * CURLMOPT_MAX_HOST_CONNECTIONS), each with its own retries, back-off and
 * redirects.  --local requests are answered at once from the folder.
 * Requests and callbacks run in one thread (callbacks may submit and
 * cancel requests); the CPU work on arrived pages may go to the page
 * workers (jb_engine_work), whose done callbacks come back to this thread.
 */
#ifndef JB_FETCH_ENGINE_H
#define JB_FETCH_ENGINE_H

#include "fetch.h"
#include "progress.h"
#include "transport.h"
#include "workers.h"

struct jb_engine;
struct jb_request;

/*
 * Called once per request that was not cancelled: status 0 with the 2xx
 * response (the callee may take response->body), or an exit status with
 * why filled (not printed yet: a speculative request may not matter).
 * The request is freed after the call.
 */
typedef void jb_request_done(void *context, const char *url, int status,
			     struct jb_response *response, const char *why);

struct jb_engine *jb_engine_new(const struct jb_fetch_settings *settings,
				struct jb_transport *local, struct jb_progress *progress);
void jb_engine_free(struct jb_engine *engine);

/*
 * Queues a GET of url; speculative requests start only when no sure one
 * waits.  The handle stays valid until done is called or it is cancelled.
 */
struct jb_request *jb_engine_submit(struct jb_engine *engine, const char *url, int speculative,
				    jb_request_done *done, void *context);
/*
 * Makes a queued request conditional: If-None-Match etag and/or
 * If-Modified-Since last_modified (NULL or empty: not sent).  A 304 answer
 * then reaches done with status 0 and response->http_status 304 (no body);
 * a 304 to a request without conditions is a bad answer (65).
 */
void jb_engine_condition(struct jb_request *request, const char *etag, const char *last_modified);
/* A speculative request becomes a sure one (it moves ahead in the queue). */
void jb_engine_confirm(struct jb_engine *engine, struct jb_request *request);
/*
 * Drops a request that is not needed after all (done is never called).  A
 * running transfer is left to end, unread, so that it still counts
 * against max_per_host while the server works on it.
 */
void jb_engine_cancel(struct jb_engine *engine, struct jb_request *request);
/*
 * Runs work->run on a page worker and work->done later on this thread (in
 * jb_engine_run); with --local, or without workers, both at once.  The
 * workers start with the first work that comes while another request is
 * under way; until then work runs at once (a refresh answered 304, or one
 * table's refresh, starts no thread).
 */
void jb_engine_work(struct jb_engine *engine, struct jb_work *work);
/* Runs until no request and no work is left; returns 0, or an exit status when libcurl failed. */
int jb_engine_run(struct jb_engine *engine);
/* The largest number of transfers that ran at once. */
unsigned jb_engine_peak(const struct jb_engine *engine);

#endif
