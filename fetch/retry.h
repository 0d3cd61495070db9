/* When to retry a request and how long to wait: pure functions. */
#ifndef JB_FETCH_RETRY_H
#define JB_FETCH_RETRY_H

#include <time.h>

/* What went wrong below HTTP, as the transport saw it. */
enum jb_net_error {
	JB_NET_OK,       /* a response arrived (any HTTP status) */
	JB_NET_TIMEOUT,  /* connect or low-speed time-out */
	JB_NET_RESET,    /* connection reset, closed early, partial body */
	JB_NET_CONNECT,  /* could not connect or resolve */
	JB_NET_FATAL     /* TLS verification, bad URL, out of memory: do not retry */
};

enum jb_retry_verdict {
	JB_RETRY_DONE,     /* 2xx: use the body */
	JB_RETRY_REDIRECT, /* 3xx with a Location */
	JB_RETRY_NOT_MODIFIED, /* 304: the cached copy is current (when asked conditionally) */
	JB_RETRY_AGAIN,    /* 408, 429, 500, 502, 503, 504 or a transient network error */
	JB_RETRY_REFUSED   /* 4xx, other 5xx, fatal network error: give up now */
};

enum jb_retry_verdict jb_retry_classify(enum jb_net_error net_error, long http_status);

/*
 * Seconds to wait from a Retry-After value: delta-seconds or an HTTP date
 * (IMF-fixdate) relative to now.  -1 when the value is neither.
 */
int jb_retry_after_parse(const char *value, time_t now, long *seconds);

/*
 * Milliseconds before attempt number `failures + 1`: base_ms doubled per
 * failure, capped at cap_ms, with "equal jitter" (jitter in [0,1) picks a
 * point in the upper half), and never less than retry_after_ms.
 */
long jb_retry_delay_ms(unsigned failures, long base_ms, long cap_ms, long retry_after_ms,
		       double jitter);

#endif
