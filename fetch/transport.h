/*
 * A response, and --local: responses from a folder in the snapshot
 * layout, handed back as HTTP responses are.
 */
#ifndef JB_FETCH_TRANSPORT_H
#define JB_FETCH_TRANSPORT_H

#include <stddef.h>

#include "fetch.h"
#include "retry.h"

struct jb_response {
	long http_status;          /* 0 when no response arrived */
	enum jb_net_error net_error;
	char error[256];           /* what went wrong below HTTP */
	char *body;                /* NUL-terminated; body_len bytes */
	size_t body_len, body_capacity;
	char *content_type;        /* NULL when absent */
	char *content_encoding;    /* as sent (the body is not decoded yet), NULL when absent */
	char *retry_after;         /* raw Retry-After, NULL when absent */
	char *location;            /* absolute redirect target, NULL when none */
	char *etag;                /* ETag and Last-Modified as sent, NULL when absent */
	char *last_modified;
};

void jb_response_clear(struct jb_response *response);

struct jb_transport {
	/* Gets url into response; returns 0, or an exit status when it cannot even try. */
	int (*get)(struct jb_transport *transport, const char *url, struct jb_response *response);
	void (*close)(struct jb_transport *transport);
	void *state;
	int local; /* 1: no network, no retries needed */
};

/* Returns 0 or an exit status.  (HTTP goes through engine.c.) */
int jb_transport_local_open(struct jb_transport *transport, const char *folder);

#endif
