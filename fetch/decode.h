/*
 * Content-Encoding undone on a page worker: libcurl hands over the bytes
 * as sent (gzip, deflate or none), so the thread driving the transfers does
 * not inflate megabytes while other transfers wait.
 */
#ifndef JB_FETCH_DECODE_H
#define JB_FETCH_DECODE_H

#include <stddef.h>

/* The most bytes a page may decode to (a gzip bomb is refused). */
#define JB_DECODE_MAX ((size_t)1 << 30)

/*
 * Replaces *body (NUL-terminated, *len bytes, owned by the caller) by its
 * decoded form when encoding (the Content-Encoding header; NULL, empty or
 * "identity": nothing to do) is gzip, x-gzip or deflate (zlib or raw).  For
 * gzip *crc gets the stream's CRC-32 of the decoded bytes and *has_crc 1.
 * Returns 0, or -1 with why filled (the body stays as sent).
 */
int jb_decode_body(const char *encoding, char **body, size_t *len, unsigned long *crc,
		   int *has_crc, char *why, size_t why_size);

#endif
